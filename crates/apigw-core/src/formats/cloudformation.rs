//! CloudFormation, both ways: the design as a template of `AWS::ApiGateway::*` resources (with
//! the `AWS::Lambda::Permission` each Lambda function needs), and such a template read back
//! into a design. `docs/cloudformation.md` says what is written where and why.
//!
//! Logical ids are ASCII letters and digits only, derived from paths and names with a number
//! added where two would be the same; user text only ever appears as string values, never in
//! a logical id or inside an `Fn::Sub` text, so it stays inert.
//!
//! Intrinsic functions read from a template (`Fn::Sub`, `Ref` to a parameter,
//! `Fn::ImportValue`…) are values known only at deploy time: the field holds the expression's
//! text ([`shown`]), [`Design::deploy_time_values`] keeps the expression by the field's
//! pointer, the rules leave such a field alone ([`drop_deploy_time`]), and the export writes
//! the expression back while the field still holds that text.
//!
//! What CloudFormation cannot say (a live API's ids, an integration's `tlsConfig`) is written
//! in the resource's `Metadata` under `apigw-designer`, so that a round trip keeps it, and is
//! named in [`Export::notes`]: CloudFormation does not deploy it.

use crate::diagnostic::{Diagnostic, Owner, Target, pointer, tokens};
use crate::formats::reading::{Reader, child};
use crate::load_error::LoadError;
use crate::map::Map;
use crate::model::*;
use crate::rules::{self, IMPORT_TREE_INCONSISTENT};
use crate::schema::describe_value;
use serde_json::{Map as Object, Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// The template format version every template states.
pub const TEMPLATE_VERSION: &str = "2010-09-09";
/// The `Metadata` key that carries what CloudFormation cannot say.
pub const METADATA_KEY: &str = "apigw-designer";
/// The logical id of the REST API: the first id claimed, so always this.
pub const API_ID: &str = "RestApi";
const DESCRIPTION: &str = "An API Gateway REST API, exported by apigw-designer";
const OUTPUTS: [&str; 2] = ["RestApiId", "RootResourceId"];
const EXECUTE_API: &str = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:";

/// A template and what it could not say.
#[derive(Debug)]
pub struct Export {
    pub template: Value,
    /// What the design holds that CloudFormation cannot deploy, one sentence each.
    pub notes: Vec<String>,
}

/// The template as JSON text.
pub fn to_json(design: &Design) -> String {
    export(design).text(false)
}

/// The template as YAML text (block style, long-form intrinsics).
pub fn to_yaml(design: &Design) -> String {
    export(design).text(true)
}

impl Export {
    /// The template as text: YAML (block style, long-form intrinsics) or pretty JSON.
    pub fn text(&self, yaml: bool) -> String {
        if yaml {
            return crate::yaml_write::to_string(&self.template);
        }
        let mut text = serde_json::to_string_pretty(&self.template).unwrap_or_default();
        text.push('\n');
        text
    }
}

// ---------------------------------------------------------------------------------------------
// Values known only at deploy time.

/// Whether a template value is an intrinsic function (`{"Ref": …}`, `{"Fn::…": …}`).
pub fn is_expression(value: &Value) -> bool {
    match value {
        Value::Object(o) if o.len() == 1 => {
            o.keys().next().is_some_and(|k| k == "Ref" || k.starts_with("Fn::"))
        }
        _ => false,
    }
}

/// The text a field holds for an expression: an `Fn::Sub` text as written, `${Name}` for a
/// `Ref`, `${Name.Attribute}` for an `Fn::GetAtt`, and the expression as JSON otherwise.
pub fn shown(expression: &Value) -> String {
    let Some((name, arg)) = expression.as_object().and_then(|o| o.iter().next()) else {
        return expression.to_string();
    };
    match (name.as_str(), arg) {
        ("Fn::Sub", Value::String(text)) => text.clone(),
        ("Fn::Sub", Value::Array(a)) if a.len() == 2 && a[0].is_string() => {
            a[0].as_str().unwrap_or_default().to_string()
        }
        ("Ref", Value::String(name)) => format!("${{{name}}}"),
        ("Fn::GetAtt", Value::String(dotted)) => format!("${{{dotted}}}"),
        ("Fn::GetAtt", Value::Array(a)) if a.len() == 2 && a[0].is_string() && a[1].is_string() => {
            format!(
                "${{{}.{}}}",
                a[0].as_str().unwrap_or_default(),
                a[1].as_str().unwrap_or_default()
            )
        }
        _ => expression.to_string(),
    }
}

/// The value at a design pointer: `None` when its owner (API, authorizer, method…) is not in
/// the design, `Null` when the owner is but the field is unset.
fn current(design: &Design, at: &str) -> Option<Value> {
    let t = tokens(at);
    let get = |i: usize| t.get(i).map(String::as_str);
    let (owner, rest) = match get(0)? {
        "api" => (serde_json::to_value(&design.api).ok()?, 1),
        "authorizers" => (serde_json::to_value(design.authorizers.get(get(1)?)?).ok()?, 2),
        "requestValidators" => {
            (serde_json::to_value(design.request_validators.get(get(1)?)?).ok()?, 2)
        }
        "models" => (serde_json::to_value(design.models.get(get(1)?)?).ok()?, 2),
        "gatewayResponses" => {
            (serde_json::to_value(design.gateway_responses.get(get(1)?)?).ok()?, 2)
        }
        "resources" if get(2) == Some("methods") => {
            let method = design.resources.get(get(1)?)?.methods.get(get(3)?)?;
            (serde_json::to_value(method).ok()?, 4)
        }
        _ => return None,
    };
    let mut value = &owner;
    for token in &t[rest..] {
        let next = match value {
            Value::Object(o) => o.get(token),
            Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        };
        match next {
            Some(v) => value = v,
            None => return Some(Value::Null),
        }
    }
    Some(value.clone())
}

/// The expression kept for the field at `at`, while the field still holds what the import put
/// there: the expression's text, or (for a field of another kind) nothing set.
fn deploy_time(design: &Design, at: &str) -> Option<Value> {
    let text = design.deploy_time_values.get(at)?;
    let expression: Value = serde_json::from_str(text).ok()?;
    // Only the compact form the import writes, so that a round trip gives the same text.
    let compact = expression.to_string();
    if !is_expression(&expression) || compact != *text {
        return None;
    }
    let holds = match current(design, at)? {
        Value::String(s) => s == shown(&expression),
        Value::Null | Value::Bool(false) => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Number(_) | Value::Bool(true) => false,
    };
    holds.then_some(expression)
}

/// Removes the diagnostics, from `from` on, about fields that hold a value known only at
/// deploy time: what they hold is an expression's text, not the value API Gateway will see.
pub(crate) fn drop_deploy_time(design: &Design, out: &mut Vec<Diagnostic>, from: usize) {
    if design.deploy_time_values.is_empty() || out.len() <= from {
        return;
    }
    let tail = out.split_off(from);
    out.extend(tail.into_iter().filter(|d| !about_deploy_time(design, d)));
}

fn about_deploy_time(design: &Design, diagnostic: &Diagnostic) -> bool {
    let at = diagnostic.target.design_pointer();
    design.deploy_time_values.keys().any(|key| {
        let same = key == &at
            || key
                .strip_prefix(at.as_str())
                .and_then(|r| r.strip_prefix('/'))
                .is_some_and(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()));
        same && deploy_time(design, key).is_some()
    })
}

// ---------------------------------------------------------------------------------------------
// Logical ids.

/// Claims logical ids: letters and digits only, readable, unique.
#[derive(Default)]
struct Ids {
    used: BTreeSet<String>,
}

impl Ids {
    fn claim(&mut self, prefix: &str, words: &str) -> String {
        let mut base = format!("{prefix}{}", camel(words));
        base.truncate(200);
        if self.used.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|id| self.used.insert(id.clone()))
            .unwrap_or_default()
    }
}

/// The design with the map at `at` (a design JSON Pointer to a map field of an object the
/// design has) set to `map`; `None` when that is no such field.
fn with_map(design: &Design, at: &str, map: Value) -> Option<Design> {
    if !map.is_object() {
        return None;
    }
    let mut value = serde_json::to_value(design).ok()?;
    let (parent, key) = at.rsplit_once('/')?;
    let key = key.replace("~1", "/").replace("~0", "~");
    value.pointer_mut(parent)?.as_object_mut()?.insert(key, map);
    serde_json::from_value(value).ok()
}

/// Every logical id the design's kept expressions name (`Ref`, `Fn::GetAtt`, `${Id}` and
/// `${Id.Attribute}` in `Fn::Sub`), and the template's parameters.
fn named_ids(design: &Design) -> BTreeSet<String> {
    fn walk(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    match (key.as_str(), inner) {
                        ("Ref", Value::String(id)) => {
                            out.insert(id.clone());
                        }
                        ("Fn::GetAtt", Value::Array(items)) => {
                            if let Some(Value::String(id)) = items.first() {
                                out.insert(id.clone());
                            }
                        }
                        ("Fn::GetAtt", Value::String(text)) => {
                            out.insert(text.split('.').next().unwrap_or_default().to_string());
                        }
                        ("Fn::Sub", Value::String(text)) => sub_ids(text, out),
                        ("Fn::Sub", Value::Array(items)) => {
                            if let Some(Value::String(text)) = items.first() {
                                sub_ids(text, out);
                            }
                        }
                        _ => {}
                    }
                    walk(inner, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, out)),
            _ => {}
        }
    }
    fn sub_ids(text: &str, out: &mut BTreeSet<String>) {
        for part in text.split("${").skip(1) {
            let Some(name) = part.split('}').next() else { continue };
            let id = name.split('.').next().unwrap_or_default();
            if !id.is_empty() && !id.starts_with('!') && !id.starts_with("AWS::") {
                out.insert(id.to_string());
            }
        }
    }
    let mut out = BTreeSet::new();
    for (key, text) in &design.deploy_time_values {
        let Ok(value) = serde_json::from_str::<Value>(text) else { continue };
        if key == "Parameters" {
            if let Value::Object(parameters) = &value {
                out.extend(parameters.keys().cloned());
            }
        } else {
            walk(&value, &mut out);
        }
    }
    out.remove(API_ID);
    out
}

/// `pets/{petId}` → `PetsPetId`: ASCII letters and digits, each word capitalised.
fn camel(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

fn path_words(path: &str) -> &str {
    if path == "/" { "Root" } else { path }
}

// ---------------------------------------------------------------------------------------------
// Export.

/// The design as a CloudFormation template.
pub fn export(design: &Design) -> Export {
    let mut ids = Ids::default();
    ids.claim(API_ID, "");
    // The logical ids that kept expressions and the template's parameters name are taken: an
    // object of the export under one of them would make a kept `Ref` (one that named nothing
    // in the template it came from) name that object when the export is read back.
    ids.used.extend(named_ids(design));
    let names = Names::of(design, &mut ids);
    let mut x = Exporter {
        design,
        names: &names,
        notes: Vec::new(),
        written: std::cell::RefCell::new(BTreeSet::new()),
        unsayable: std::cell::RefCell::new(Vec::new()),
    };
    let mut resources = Object::new();
    resources.insert(API_ID.into(), x.rest_api());
    for (name, authorizer) in &design.authorizers {
        resources.insert(names.authorizers[name].clone(), x.authorizer(name, authorizer));
    }
    for (name, validator) in &design.request_validators {
        resources.insert(names.validators[name].clone(), x.validator(name, validator));
    }
    for (name, model) in &design.models {
        resources.insert(names.models[name].clone(), x.model(name, model));
    }
    for (kind, response) in &design.gateway_responses {
        resources.insert(names.gateway_responses[kind].clone(), x.gateway_response(kind, response));
    }
    for (path, resource) in &design.resources {
        if path != "/" {
            resources.insert(names.resources[path].clone(), x.resource(path, resource));
        }
    }
    for (path, resource) in &design.resources {
        for (verb, method) in &resource.methods {
            let id = names.methods[&(path.clone(), verb.clone())].clone();
            resources.insert(id, x.method(path, verb, method));
        }
    }
    let staged = staged_functions(design);
    if !staged.is_empty() {
        x.notes.push(format!(
            "{} call a Lambda function named by a stage variable: the template grants no permission for it, since the function differs by stage; add an AWS::Lambda::Permission for each function a stage names.",
            staged.join(", ")
        ));
    }
    for permission in permissions(design, &mut ids) {
        resources.insert(
            permission.id,
            json!({
                "Type": "AWS::Lambda::Permission",
                "Properties": {
                    "Action": "lambda:InvokeFunction",
                    "FunctionName": permission.function,
                    "Principal": "apigateway.amazonaws.com",
                    "SourceArn": permission.source_arn,
                }
            }),
        );
    }
    let mut template = Object::new();
    template.insert("AWSTemplateFormatVersion".into(), json!(TEMPLATE_VERSION));
    template.insert("Description".into(), json!(DESCRIPTION));
    let parameters = design
        .deploy_time_values
        .get("Parameters")
        .and_then(|text| Some((text, serde_json::from_str::<Value>(text).ok()?)))
        .filter(|(text, value)| {
            let compact = value.to_string();
            value.is_object() && compact == **text
        });
    if let Some((_, parameters)) = &parameters {
        template.insert("Parameters".into(), parameters.clone());
    }
    // Kept expressions of fields the design no longer has, or edited away: in Metadata, so
    // that nothing the design holds is lost on the way.
    let written = x.written.into_inner();
    let unwritten: Object<String, Value> = design
        .deploy_time_values
        .iter()
        .filter(|(k, _)| {
            !written.contains(*k) && (k.as_str() != "Parameters" || parameters.is_none())
        })
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    if !unwritten.is_empty() {
        let api = &mut resources[API_ID];
        if !api["Metadata"].is_object() {
            api["Metadata"] = json!({ METADATA_KEY: {} });
        }
        api["Metadata"][METADATA_KEY]["deployTimeValues"] = Value::Object(unwritten);
    }
    // Maps whose one key CloudFormation would run as a function: in Metadata, said in a note.
    let unsayable = x.unsayable.take();
    if !unsayable.is_empty() {
        for (at, _) in &unsayable {
            x.notes.push(format!(
                "{}: its one key would read as a CloudFormation function, so the map is kept only in the RestApi's Metadata.",
                crate::text::printable(at)
            ));
        }
        let api = &mut resources[API_ID];
        if !api["Metadata"].is_object() {
            api["Metadata"] = json!({ METADATA_KEY: {} });
        }
        // As JSON text: CloudFormation evaluates functions in Metadata too.
        api["Metadata"][METADATA_KEY]["maps"] = Value::Object(
            unsayable.into_iter().map(|(at, map)| (at, json!(map.to_string()))).collect(),
        );
    }
    // Stages are design inputs, deployed only when a deploy names one: a template that made
    // AWS::ApiGateway::Stage resources of them would deploy them all. They ride along in the
    // RestApi's Metadata.
    if !design.stages.is_empty() {
        let api = &mut resources[API_ID];
        if !api["Metadata"].is_object() {
            api["Metadata"] = json!({ METADATA_KEY: {} });
        }
        // As JSON text: CloudFormation evaluates functions in Metadata too, and a variable's
        // name is the user's.
        api["Metadata"][METADATA_KEY]["stages"] =
            json!(serde_json::to_string(&design.stages).unwrap_or_default());
        x.notes.push(format!(
            "The design's stages ({}) are kept in the RestApi's Metadata: a template deploys what it holds, so add an AWS::ApiGateway::Deployment and Stage for the one to deploy.",
            design.stages.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
        ));
    }
    template.insert("Resources".into(), Value::Object(resources));
    template.insert(
        "Outputs".into(),
        json!({
            OUTPUTS[0]: {"Description": "The REST API's id", "Value": {"Ref": API_ID}},
            OUTPUTS[1]: {
                "Description": "The id of the REST API's root resource (/)",
                "Value": {"Fn::GetAtt": [API_ID, "RootResourceId"]}
            }
        }),
    );
    Export { template: Value::Object(template), notes: x.notes }
}

/// Every logical id but the permissions'.
struct Names {
    authorizers: BTreeMap<String, String>,
    validators: BTreeMap<String, String>,
    models: BTreeMap<String, String>,
    gateway_responses: BTreeMap<String, String>,
    resources: BTreeMap<String, String>,
    methods: BTreeMap<(String, String), String>,
}

impl Names {
    fn of(design: &Design, ids: &mut Ids) -> Names {
        let mut claim = |prefix: &str, keys: Vec<&String>| {
            keys.into_iter().map(|k| (k.clone(), ids.claim(prefix, k))).collect::<BTreeMap<_, _>>()
        };
        let authorizers = claim("Authorizer", design.authorizers.keys().collect());
        let validators = claim("Validator", design.request_validators.keys().collect());
        let models = claim("Model", design.models.keys().collect());
        let gateway_responses = claim("GatewayResponse", design.gateway_responses.keys().collect());
        let mut resources = BTreeMap::new();
        for path in design.resources.keys().filter(|p| p.as_str() != "/") {
            resources.insert(path.clone(), ids.claim("Resource", path));
        }
        let mut methods = BTreeMap::new();
        for (path, resource) in &design.resources {
            for verb in resource.methods.keys() {
                let id = ids.claim("Method", &format!("{} {verb}", path_words(path)));
                methods.insert((path.clone(), verb.clone()), id);
            }
        }
        Names { authorizers, validators, models, gateway_responses, resources, methods }
    }
}

struct Exporter<'a> {
    design: &'a Design,
    names: &'a Names,
    notes: Vec<String>,
    /// The design pointers whose kept expression the template holds.
    written: std::cell::RefCell<BTreeSet<String>>,
    /// Maps CloudFormation would read as a function (one key, `Ref` or `Fn::…`), by design
    /// pointer: kept in the RestApi's Metadata instead, so that no name acts in a template.
    unsayable: std::cell::RefCell<Vec<(String, Value)>>,
}

/// The design pointer of a method's field: `["integration", "uri"]` under `/resources/…`.
fn method_at(path: &str, verb: &str, rest: &[&str]) -> String {
    let mut t = vec!["resources", path, "methods", verb];
    t.extend_from_slice(rest);
    pointer(&t)
}

impl Exporter<'_> {
    /// The value for the field at `at`: its kept expression, or `value`.
    fn value(&self, at: &str, value: Option<Value>) -> Option<Value> {
        match deploy_time(self.design, at) {
            Some(expression) => {
                self.written.borrow_mut().insert(at.to_string());
                Some(expression)
            }
            None => value,
        }
    }

    fn put(&self, props: &mut Object<String, Value>, key: &str, at: &str, value: Option<Value>) {
        if let Some(v) = self.value(at, value) {
            props.insert(key.into(), v);
        }
    }

    fn text(&self, props: &mut Object<String, Value>, key: &str, at: &str, value: &Option<String>) {
        self.put(props, key, at, value.as_ref().map(|s| json!(s)));
    }

    fn texts(&self, props: &mut Object<String, Value>, key: &str, at: &str, items: &[String]) {
        if items.is_empty() {
            return self.put(props, key, at, None);
        }
        let list = items
            .iter()
            .enumerate()
            .map(|(i, s)| {
                self.value(&child(at, &i.to_string()), Some(json!(s))).unwrap_or_default()
            })
            .collect();
        props.insert(key.into(), Value::Array(list));
    }

    fn map<V: serde::Serialize>(
        &self,
        props: &mut Object<String, Value>,
        key: &str,
        at: &str,
        map: &Map<String, V>,
    ) {
        if map.is_empty() {
            return self.put(props, key, at, None);
        }
        let entries = map
            .iter()
            .map(|(k, v)| {
                let v = serde_json::to_value(v).unwrap_or_default();
                (k.clone(), self.value(&child(at, k), Some(v)).unwrap_or_default())
            })
            .collect();
        let value = Value::Object(entries);
        if is_expression(&value) {
            self.unsayable.borrow_mut().push((at.to_string(), value));
            return;
        }
        props.insert(key.into(), value);
    }

    fn rest_api(&mut self) -> Value {
        let api = &self.design.api;
        let at = |field: &str| pointer(&["api", field]);
        let mut p = Object::new();
        self.put(&mut p, "Name", &at("name"), Some(json!(api.name)));
        self.text(&mut p, "Description", &at("description"), &api.description);
        let types = self.value(&at("endpointType"), Some(json!(api.endpoint_type)));
        p.insert("EndpointConfiguration".into(), json!({ "Types": [types] }));
        self.text(&mut p, "ApiKeySourceType", &at("apiKeySource"), &api.api_key_source);
        self.texts(&mut p, "BinaryMediaTypes", &at("binaryMediaTypes"), &api.binary_media_types);
        let mut resource = json!({ "Type": "AWS::ApiGateway::RestApi", "Properties": p });
        let mut kept = Object::new();
        if let Some(id) = &api.rest_api_id {
            self.notes.push(format!(
                "The design targets the existing API {}; a stack creates an API of its own, so that id is kept only in the RestApi's Metadata.",
                crate::text::printable(id)
            ));
            kept.insert("restApiId".into(), json!(id));
        }
        if let Some(id) = self.design.resources.get("/").and_then(|r| r.id.as_ref()) {
            kept.insert("rootResourceId".into(), json!(id));
        }
        if !kept.is_empty() {
            resource["Metadata"] = json!({ METADATA_KEY: kept });
        }
        resource
    }

    fn api_ref() -> Value {
        json!({ "Ref": API_ID })
    }

    fn authorizer(&mut self, name: &str, a: &Authorizer) -> Value {
        let at = |field: &str| pointer(&["authorizers", name, field]);
        let mut p = Object::new();
        p.insert("Name".into(), json!(name));
        p.insert("RestApiId".into(), Self::api_ref());
        self.put(&mut p, "Type", &at("type"), Some(json!(a.authorizer_type)));
        self.texts(&mut p, "ProviderARNs", &at("providerARNs"), &a.provider_arns);
        self.text(&mut p, "AuthType", &at("authType"), &a.auth_type);
        self.text(&mut p, "AuthorizerUri", &at("authorizerUri"), &a.authorizer_uri);
        self.text(
            &mut p,
            "AuthorizerCredentials",
            &at("authorizerCredentials"),
            &a.authorizer_credentials,
        );
        self.text(&mut p, "IdentitySource", &at("identitySource"), &a.identity_source);
        self.text(
            &mut p,
            "IdentityValidationExpression",
            &at("identityValidationExpression"),
            &a.identity_validation_expression,
        );
        self.put(
            &mut p,
            "AuthorizerResultTtlInSeconds",
            &at("authorizerResultTtlInSeconds"),
            a.authorizer_result_ttl_in_seconds.map(|n| json!(n)),
        );
        json!({ "Type": "AWS::ApiGateway::Authorizer", "Properties": p })
    }

    fn validator(&mut self, name: &str, v: &RequestValidator) -> Value {
        let at = |field: &str| pointer(&["requestValidators", name, field]);
        let mut p = Object::new();
        p.insert("Name".into(), json!(name));
        p.insert("RestApiId".into(), Self::api_ref());
        let body = self.value(&at("validateRequestBody"), Some(json!(v.validate_request_body)));
        p.insert("ValidateRequestBody".into(), body.unwrap_or_default());
        let params = self
            .value(&at("validateRequestParameters"), Some(json!(v.validate_request_parameters)));
        p.insert("ValidateRequestParameters".into(), params.unwrap_or_default());
        json!({ "Type": "AWS::ApiGateway::RequestValidator", "Properties": p })
    }

    fn model(&mut self, name: &str, m: &Model) -> Value {
        let at = |field: &str| pointer(&["models", name, field]);
        let mut p = Object::new();
        p.insert("Name".into(), json!(name));
        p.insert("RestApiId".into(), Self::api_ref());
        self.put(&mut p, "ContentType", &at("contentType"), Some(json!(m.content_type)));
        self.text(&mut p, "Description", &at("description"), &m.description);
        self.put(&mut p, "Schema", &at("schema"), Some(schema_value(&m.schema)));
        json!({ "Type": "AWS::ApiGateway::Model", "Properties": p })
    }

    fn gateway_response(&mut self, kind: &str, g: &GatewayResponse) -> Value {
        let at = |field: &str| pointer(&["gatewayResponses", kind, field]);
        let mut p = Object::new();
        p.insert("ResponseType".into(), json!(kind));
        p.insert("RestApiId".into(), Self::api_ref());
        self.text(&mut p, "StatusCode", &at("statusCode"), &g.status_code);
        self.map(&mut p, "ResponseParameters", &at("responseParameters"), &g.response_parameters);
        self.map(&mut p, "ResponseTemplates", &at("responseTemplates"), &g.response_templates);
        json!({ "Type": "AWS::ApiGateway::GatewayResponse", "Properties": p })
    }

    fn resource_ref(&self, path: &str) -> Value {
        match self.names.resources.get(path) {
            Some(id) => json!({ "Ref": id }),
            None => json!({ "Fn::GetAtt": [API_ID, "RootResourceId"] }),
        }
    }

    fn resource(&mut self, path: &str, resource: &Resource) -> Value {
        let parent = crate::path::parent(path).unwrap_or("/");
        let part = crate::path::path_part(path);
        let mut value = json!({
            "Type": "AWS::ApiGateway::Resource",
            "Properties": {
                "ParentId": self.resource_ref(parent),
                "PathPart": part,
                "RestApiId": Self::api_ref(),
            }
        });
        if let Some(id) = &resource.id {
            self.notes.push(format!(
                "{} has the live id {}; a stack creates resources of its own, so that id is kept only in its Metadata.",
                crate::text::printable(path),
                crate::text::printable(id)
            ));
            value["Metadata"] = json!({ METADATA_KEY: { "id": id } });
        }
        value
    }

    /// A reference to one of the design's named items, or the name itself when there is none
    /// of that name (a built-in model, or a mistake the rules name).
    fn named_ref(&mut self, ids: &BTreeMap<String, String>, name: &str, what: &str) -> Value {
        match ids.get(name) {
            Some(id) => json!({ "Ref": id }),
            None => {
                if what != "model" || !matches!(name, "Empty" | "Error") {
                    self.notes.push(format!(
                        "The design has no {what} named {}; the template names it as written.",
                        crate::text::printable(name)
                    ));
                }
                json!(name)
            }
        }
    }

    fn method(&mut self, path: &str, verb: &str, m: &Method) -> Value {
        let at = |rest: &[&str]| method_at(path, verb, rest);
        let names = self.names;
        let mut p = Object::new();
        p.insert("HttpMethod".into(), json!(verb));
        p.insert("ResourceId".into(), self.resource_ref(path));
        p.insert("RestApiId".into(), Self::api_ref());
        self.put(
            &mut p,
            "AuthorizationType",
            &at(&["authorizationType"]),
            Some(json!(m.authorization_type)),
        );
        let authorizer = match &m.authorizer {
            Some(name) if deploy_time(self.design, &at(&["authorizer"])).is_none() => {
                Some(self.named_ref(&names.authorizers, name, "authorizer"))
            }
            other => other.as_ref().map(|s| json!(s)),
        };
        self.put(&mut p, "AuthorizerId", &at(&["authorizer"]), authorizer);
        self.put(
            &mut p,
            "ApiKeyRequired",
            &at(&["apiKeyRequired"]),
            m.api_key_required.then_some(json!(true)),
        );
        self.text(&mut p, "OperationName", &at(&["operationName"]), &m.operation_name);
        self.texts(
            &mut p,
            "AuthorizationScopes",
            &at(&["authorizationScopes"]),
            &m.authorization_scopes,
        );
        self.map(&mut p, "RequestParameters", &at(&["requestParameters"]), &m.request_parameters);
        let models = self.model_refs(&m.request_models);
        self.map(&mut p, "RequestModels", &at(&["requestModels"]), &models);
        let validator = match &m.request_validator {
            Some(name) if deploy_time(self.design, &at(&["requestValidator"])).is_none() => {
                Some(self.named_ref(&names.validators, name, "request validator"))
            }
            other => other.as_ref().map(|s| json!(s)),
        };
        self.put(&mut p, "RequestValidatorId", &at(&["requestValidator"]), validator);
        if !m.method_responses.is_empty() {
            let list = m
                .method_responses
                .iter()
                .map(|(status, r)| {
                    let at = |field: &str| at(&["methodResponses", status, field]);
                    let mut o = Object::new();
                    o.insert("StatusCode".into(), json!(status));
                    self.map(
                        &mut o,
                        "ResponseParameters",
                        &at("responseParameters"),
                        &r.response_parameters,
                    );
                    let models = self.model_refs(&r.response_models);
                    self.map(&mut o, "ResponseModels", &at("responseModels"), &models);
                    Value::Object(o)
                })
                .collect();
            p.insert("MethodResponses".into(), Value::Array(list));
        }
        let mut value = json!({ "Type": "AWS::ApiGateway::Method" });
        if let Some(integration) = &m.integration {
            p.insert("Integration".into(), self.integration(path, verb, integration));
            if let Some(tls) = &integration.tls_config {
                self.notes.push(format!(
                    "{verb} {}: CloudFormation's Method has no TlsConfig, so insecureSkipVerification is kept only in its Metadata.",
                    crate::text::printable(path)
                ));
                value["Metadata"] = json!({ METADATA_KEY: {
                    "tlsConfig": { "insecureSkipVerification": tls.insecure_skip_verification }
                }});
            }
        }
        value["Properties"] = Value::Object(p);
        value
    }

    /// Content type → model: a `Ref` to the design's model of that name (which is its name,
    /// and orders the method after it), else the name as written.
    fn model_refs(&mut self, models: &Map<String, String>) -> Map<String, Value> {
        let names = self.names;
        models
            .iter()
            .map(|(content_type, name)| {
                (content_type.clone(), self.named_ref(&names.models, name, "model"))
            })
            .collect()
    }

    fn integration(&mut self, path: &str, verb: &str, i: &Integration) -> Value {
        let at = |field: &str| method_at(path, verb, &["integration", field]);
        let mut p = Object::new();
        self.put(&mut p, "Type", &at("type"), Some(json!(i.integration_type)));
        self.text(
            &mut p,
            "IntegrationHttpMethod",
            &at("integrationHttpMethod"),
            &i.integration_http_method,
        );
        self.text(&mut p, "Uri", &at("uri"), &i.uri);
        self.text(&mut p, "ConnectionType", &at("connectionType"), &i.connection_type);
        self.text(&mut p, "ConnectionId", &at("connectionId"), &i.connection_id);
        self.text(&mut p, "Credentials", &at("credentials"), &i.credentials);
        self.map(&mut p, "RequestParameters", &at("requestParameters"), &i.request_parameters);
        self.map(&mut p, "RequestTemplates", &at("requestTemplates"), &i.request_templates);
        self.text(
            &mut p,
            "PassthroughBehavior",
            &at("passthroughBehavior"),
            &i.passthrough_behavior,
        );
        self.text(&mut p, "CacheNamespace", &at("cacheNamespace"), &i.cache_namespace);
        self.texts(
            &mut p,
            "CacheKeyParameters",
            &at("cacheKeyParameters"),
            &i.cache_key_parameters,
        );
        self.text(&mut p, "ContentHandling", &at("contentHandling"), &i.content_handling);
        self.put(
            &mut p,
            "TimeoutInMillis",
            &at("timeoutInMillis"),
            i.timeout_in_millis.map(|n| json!(n)),
        );
        self.text(
            &mut p,
            "ResponseTransferMode",
            &at("responseTransferMode"),
            &i.response_transfer_mode,
        );
        self.text(&mut p, "IntegrationTarget", &at("integrationTarget"), &i.integration_target);
        if !i.integration_responses.is_empty() {
            let list = i
                .integration_responses
                .iter()
                .map(|(status, r)| {
                    let at = |field: &str| {
                        method_at(
                            path,
                            verb,
                            &["integration", "integrationResponses", status, field],
                        )
                    };
                    let mut o = Object::new();
                    o.insert("StatusCode".into(), json!(status));
                    self.text(
                        &mut o,
                        "SelectionPattern",
                        &at("selectionPattern"),
                        &r.selection_pattern,
                    );
                    self.map(
                        &mut o,
                        "ResponseParameters",
                        &at("responseParameters"),
                        &r.response_parameters,
                    );
                    self.map(
                        &mut o,
                        "ResponseTemplates",
                        &at("responseTemplates"),
                        &r.response_templates,
                    );
                    self.text(
                        &mut o,
                        "ContentHandling",
                        &at("contentHandling"),
                        &r.content_handling,
                    );
                    Value::Object(o)
                })
                .collect();
            p.insert("IntegrationResponses".into(), Value::Array(list));
        }
        Value::Object(p)
    }
}

/// A model's schema: the JSON object itself when the text is exactly how it would be written
/// back (so the round trip keeps every byte), else the text, which CloudFormation also takes.
fn schema_value(schema: &str) -> Value {
    match serde_json::from_str::<Value>(schema) {
        Ok(value @ Value::Object(_))
            if !is_expression(&value)
                && serde_json::to_string_pretty(&value).is_ok_and(|t| t == schema) =>
        {
            value
        }
        _ => json!(schema),
    }
}

/// One `AWS::Lambda::Permission`.
struct Permission {
    id: String,
    function: Value,
    source_arn: Value,
}

/// The Lambda function an invocation URI (or its kept expression) calls, as `FunctionName`.
fn lambda_function(design: &Design, at: &str, uri: Option<&str>) -> Option<Value> {
    if let Some(expression) = deploy_time(design, at) {
        let text = shown(&expression);
        let (_, rest) = text.split_once(":lambda:path/2015-03-31/functions/")?;
        let middle = rest.strip_suffix("/invocations")?;
        if let Some(name) = middle.strip_prefix("${").and_then(|m| m.strip_suffix('}')) {
            if !name.contains("${") && !name.contains(':') {
                return Some(match name.split_once('.') {
                    Some((id, attribute)) => json!({ "Fn::GetAtt": [id, attribute] }),
                    None => json!({ "Ref": name }),
                });
            }
        }
        return Some(match expression.get("Fn::Sub") {
            Some(Value::Array(a)) if a.len() == 2 => json!({ "Fn::Sub": [middle, a[1]] }),
            Some(_) => json!({ "Fn::Sub": middle }),
            None => return None,
        });
    }
    // A function named by a stage variable is known only per stage: no one permission fits.
    crate::facts::lambda_function_arn(uri?)
        .filter(|arn| !arn.contains("${stageVariables."))
        .map(|arn| json!(arn))
}

/// What calls a Lambda function that a stage variable names, for the export's notes: such a
/// function gets no AWS::Lambda::Permission, since which one it is depends on the stage.
fn staged_functions(design: &Design) -> Vec<String> {
    let staged = |uri: Option<&str>| {
        uri.and_then(crate::facts::lambda_function_arn)
            .is_some_and(|arn| arn.contains("${stageVariables."))
    };
    let mut out = Vec::new();
    for (path, resource) in &design.resources {
        for (verb, method) in &resource.methods {
            let Some(i) = &method.integration else { continue };
            if matches!(i.integration_type.as_str(), "AWS" | "AWS_PROXY")
                && staged(i.uri.as_deref())
            {
                out.push(format!("{verb} {path}"));
            }
        }
    }
    for (name, a) in &design.authorizers {
        if staged(a.authorizer_uri.as_deref()) {
            out.push(format!("authorizer {name}"));
        }
    }
    out
}

/// A short readable name of a `FunctionName` value, for a logical id.
fn function_words(function: &Value) -> String {
    match function {
        Value::String(arn) => arn.split(":function:").nth(1).unwrap_or(arn).to_string(),
        Value::Object(o) => match o.iter().next() {
            Some((_, Value::String(name))) if !name.contains('$') => name.clone(),
            Some((_, Value::Array(a))) if a.first().and_then(Value::as_str).is_some() => {
                let first = a[0].as_str().unwrap_or_default();
                if first.contains('$') { String::new() } else { first.to_string() }
            }
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// One permission per Lambda function that an AWS or AWS_PROXY integration calls (narrowed to
/// its method and path when one method calls it) and one per Lambda authorizer.
fn permissions(design: &Design, ids: &mut Ids) -> Vec<Permission> {
    let mut functions: Vec<(Value, Vec<(&str, &str)>)> = Vec::new();
    for (path, resource) in &design.resources {
        for (verb, method) in &resource.methods {
            let Some(i) = &method.integration else { continue };
            if !matches!(i.integration_type.as_str(), "AWS" | "AWS_PROXY") {
                continue;
            }
            let at = method_at(path, verb, &["integration", "uri"]);
            let Some(function) = lambda_function(design, &at, i.uri.as_deref()) else { continue };
            match functions.iter_mut().find(|(f, _)| *f == function) {
                Some((_, methods)) => methods.push((path, verb)),
                None => functions.push((function, vec![(path, verb)])),
            }
        }
    }
    let mut out = Vec::new();
    for (function, methods) in functions {
        let source_arn = match methods.as_slice() {
            [(path, verb)] => {
                let verb = if *verb == "ANY" { "*" } else { verb };
                let wire: Vec<&str> = path
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(|s| if s.starts_with('{') { "*" } else { s })
                    .collect();
                json!({ "Fn::Join": ["", [
                    { "Fn::Sub": format!("{EXECUTE_API}${{{API_ID}}}/*/") },
                    format!("{verb}/{}", wire.join("/")),
                ]]})
            }
            _ => json!({ "Fn::Sub": format!("{EXECUTE_API}${{{API_ID}}}/*") }),
        };
        let id = ids.claim("Permission", &function_words(&function));
        out.push(Permission { id, function, source_arn });
    }
    for (name, a) in &design.authorizers {
        if !matches!(a.authorizer_type.as_str(), "TOKEN" | "REQUEST") {
            continue;
        }
        let at = pointer(&["authorizers", name, "authorizerUri"]);
        let Some(function) = lambda_function(design, &at, a.authorizer_uri.as_deref()) else {
            continue;
        };
        out.push(Permission {
            id: ids.claim("PermissionAuthorizer", name),
            function,
            source_arn: json!({ "Fn::Sub": format!("{EXECUTE_API}${{{API_ID}}}/authorizers/*") }),
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Import.

/// Whether a value is a CloudFormation template (or SAM) that holds API Gateway resources.
pub fn detect(value: &Value) -> bool {
    let Some(o) = value.as_object() else { return false };
    if o.contains_key("AWSTemplateFormatVersion") {
        return true;
    }
    o.get("Resources").and_then(Value::as_object).is_some_and(|resources| {
        resources.values().any(|r| {
            r.get("Type").and_then(Value::as_str).is_some_and(|t| {
                t.starts_with("AWS::ApiGateway::") || t.starts_with("AWS::Serverless::")
            })
        })
    })
}

/// Where each owner of the design came from in the template, for diagnostics.
#[derive(Debug, Default)]
pub struct TemplateIndex {
    api: String,
    named: BTreeMap<(u8, String), String>,
    resources: BTreeMap<String, String>,
    methods: BTreeMap<(String, String), String>,
    properties: BTreeSet<String>,
}

impl TemplateIndex {
    pub fn pointer(&self, target: &Target) -> String {
        let id = match &target.owner {
            Owner::Api => Some(&self.api),
            Owner::Authorizer { name } => self.named.get(&(0, name.clone())),
            Owner::RequestValidator { name } => self.named.get(&(1, name.clone())),
            Owner::Model { name } => self.named.get(&(2, name.clone())),
            Owner::GatewayResponse { response_type } => self.named.get(&(3, response_type.clone())),
            Owner::Resource { path } => self.resources.get(path),
            other => other
                .method_key()
                .and_then(|(p, v)| self.methods.get(&(p.to_string(), v.to_string()))),
        };
        let Some(id) = id else { return String::new() };
        let mut at = pointer(&["Resources", id.as_str(), "Properties"]);
        if matches!(target.owner, Owner::Integration { .. } | Owner::IntegrationResponse { .. }) {
            at.push_str("/Integration");
        }
        if let Some(field) = target.field {
            let name = field.name();
            let pascal = match name {
                "authorizer" => "AuthorizerId".to_string(),
                "requestValidator" => "RequestValidatorId".to_string(),
                "apiKeySource" => "ApiKeySourceType".to_string(),
                "endpointType" => "EndpointConfiguration".to_string(),
                _ => camel(name),
            };
            let candidate = format!("{at}/{pascal}");
            if self.properties.contains(&candidate) {
                return candidate;
            }
        }
        if self.properties.contains(&at) { at } else { pointer(&["Resources", id.as_str()]) }
    }
}

/// The types apigw reads; any other is named in the report.
const READ: [&str; 7] = [
    "AWS::ApiGateway::RestApi",
    "AWS::ApiGateway::Authorizer",
    "AWS::ApiGateway::RequestValidator",
    "AWS::ApiGateway::Model",
    "AWS::ApiGateway::GatewayResponse",
    "AWS::ApiGateway::Resource",
    "AWS::ApiGateway::Method",
];

/// A template's resources of one type: logical id and resource object.
type OfType<'v> = Vec<(&'v str, &'v Object<String, Value>)>;

/// A template's parts, by type.
struct Parsed<'v> {
    by_type: BTreeMap<&'v str, OfType<'v>>,
}

struct Importer<'v> {
    reader: Reader,
    deploy: Map<String, String>,
    api_id: &'v str,
    paths: BTreeMap<&'v str, String>,
    names: BTreeMap<&'v str, String>,
    index: TemplateIndex,
    /// Kept expressions the template carried in the RestApi's Metadata.
    metadata_deploy_time: Map<String, String>,
    /// Maps the RestApi's Metadata kept (design pointer → map), set once the design is read.
    metadata_maps: Vec<(String, Value)>,
}

/// Reads a template into a design: the REST API, its authorizers, validators, models, gateway
/// responses, resources and methods. Whatever else it holds is named in a warning.
pub fn import(value: &Value) -> Result<(Design, Vec<Diagnostic>, TemplateIndex), LoadError> {
    let Some(template) = value.as_object() else {
        return Err(LoadError::at("", "a CloudFormation template must be an object".to_string()));
    };
    let Some(resources) = template.get("Resources").and_then(Value::as_object) else {
        return Err(LoadError::at(
            "/Resources",
            "this CloudFormation template has no `Resources` object, so it holds no API"
                .to_string(),
        ));
    };
    let mut parsed = Parsed { by_type: BTreeMap::new() };
    let mut others = Vec::new();
    for (id, resource) in resources {
        let at = pointer(&["Resources", id]);
        let Some(r) = resource.as_object() else {
            return Err(LoadError::at(
                at,
                format!("resource {id} must be an object; it is {}", describe_value(resource)),
            ));
        };
        let Some(kind) = r.get("Type").and_then(Value::as_str) else {
            return Err(LoadError::at(
                child(&at, "Type"),
                format!("resource {id} has no `Type` text, such as \"AWS::ApiGateway::Method\""),
            ));
        };
        if READ.contains(&kind) || kind == "AWS::Lambda::Permission" {
            parsed.by_type.entry(kind).or_default().push((id.as_str(), r));
        } else {
            others.push(format!("{id} ({kind})"));
        }
    }
    let apis = parsed.by_type.get("AWS::ApiGateway::RestApi").cloned().unwrap_or_default();
    let Some(&(api_id, api)) = apis.first() else {
        return Err(LoadError::at(
            "/Resources",
            "this CloudFormation template holds no AWS::ApiGateway::RestApi; apigw reads a template that creates a REST API".to_string(),
        ));
    };
    let mut x = Importer {
        reader: Reader::default(),
        deploy: Map::new(),
        api_id,
        paths: BTreeMap::new(),
        names: BTreeMap::new(),
        index: TemplateIndex { api: api_id.to_string(), ..Default::default() },
        metadata_deploy_time: Map::new(),
        metadata_maps: Vec::new(),
    };
    for key in ["Resources"] {
        if let Some(Value::Object(o)) = template.get(key) {
            for (id, r) in o {
                if let Some(Value::Object(p)) = r.get("Properties") {
                    let at = pointer(&["Resources", id.as_str(), "Properties"]);
                    x.index.properties.insert(at.clone());
                    for (k, v) in p {
                        x.index.properties.insert(child(&at, k));
                        if k == "Integration" {
                            for k in v.as_object().into_iter().flat_map(|o| o.keys()) {
                                x.index.properties.insert(child(&child(&at, "Integration"), k));
                            }
                        }
                    }
                }
            }
        }
    }
    for &(other, _) in apis.iter().skip(1) {
        x.reader.ignored(
            pointer(&["Resources", other]),
            format!("this template holds more than one REST API; apigw reads the first, {api_id}, so {other} and what belongs to it were not imported"),
        );
    }
    x.top_level(template);
    let mut design = Design::named("");
    x.rest_api(api, &mut design);
    let empty = Vec::new();
    let of = |kind: &str| parsed.by_type.get(kind).unwrap_or(&empty);
    for &(id, r) in of("AWS::ApiGateway::Authorizer") {
        x.authorizer(id, r, &mut design);
    }
    for &(id, r) in of("AWS::ApiGateway::RequestValidator") {
        x.validator(id, r, &mut design);
    }
    for &(id, r) in of("AWS::ApiGateway::Model") {
        x.model(id, r, &mut design);
    }
    for &(id, r) in of("AWS::ApiGateway::GatewayResponse") {
        x.gateway_response(id, r, &mut design);
    }
    x.tree(of("AWS::ApiGateway::Resource"), &mut design);
    for &(id, r) in of("AWS::ApiGateway::Method") {
        x.method(id, r, &mut design);
    }
    design.fill_ancestors();
    design.deploy_time_values = std::mem::take(&mut x.deploy);
    if let Some(parameters) = template.get("Parameters").filter(|p| p.is_object()) {
        design.deploy_time_values.insert("Parameters".into(), parameters.to_string());
    }
    for (k, v) in std::mem::take(&mut x.metadata_deploy_time) {
        if !design.deploy_time_values.contains_key(&k) {
            design.deploy_time_values.insert(k, v);
        }
    }
    for (at, map) in std::mem::take(&mut x.metadata_maps) {
        match with_map(&design, &at, map) {
            Some(changed) => design = changed,
            None => x.reader.ignored(
                pointer(&["Resources", api_id, "Metadata", METADATA_KEY, "maps", at.as_str()]),
                "this kept map belongs to no field of the design, so it was not imported".into(),
            ),
        }
    }
    // The permissions the export writes again are the template's own; others are named.
    let mut ids = Ids::default();
    let ours: Vec<Value> = permissions(&design, &mut ids).into_iter().map(|p| p.function).collect();
    for &(id, r) in of("AWS::Lambda::Permission") {
        let function = r.get("Properties").and_then(|p| p.get("FunctionName"));
        if !function.is_some_and(|f| ours.contains(f)) {
            others.push(format!(
                "{id} (AWS::Lambda::Permission, for a function no integration of this API calls)"
            ));
        }
    }
    if !others.is_empty() {
        x.reader.ignored_fix(
            "/Resources".into(),
            format!(
                "this template also holds {} that apigw does not design, which {} not imported: {}",
                crate::text::counted(others.len(), "resource", "resources"),
                if others.len() == 1 { "was" } else { "were" },
                others.join(", ")
            ),
            "Keep them in a template of their own, or add them to the exported template by hand.",
        );
    }
    Ok((design, x.reader.out, x.index))
}

/// The keys a resource may have beside `Type` and `Properties`, and whether each is read.
fn resource_keys(reader: &mut Reader, id: &str, r: &Object<String, Value>) {
    for key in r.keys() {
        if matches!(key.as_str(), "Type" | "Properties" | "Metadata") {
            continue;
        }
        let why = match key.as_str() {
            "DependsOn" => "the export orders resources by their references instead",
            "Condition" => "a design holds what is always created",
            _ => "a design does not carry it",
        };
        reader.ignored(
            pointer(&["Resources", id, key.as_str()]),
            format!("`{key}` of {id} was not imported: {why}"),
        );
    }
}

impl<'v> Importer<'v> {
    fn top_level(&mut self, template: &Object<String, Value>) {
        for (key, value) in template {
            let kept = match key.as_str() {
                "AWSTemplateFormatVersion" | "Resources" | "Parameters" => true,
                "Description" => value.as_str() == Some(DESCRIPTION),
                "Outputs" => value
                    .as_object()
                    .is_some_and(|o| o.keys().all(|k| OUTPUTS.contains(&k.as_str()))),
                _ => false,
            };
            if !kept {
                self.reader.ignored(
                    child("", key),
                    format!("the template's `{key}` is not part of a design and was not imported"),
                );
            }
        }
    }

    /// The design pointer's expression, recorded, with its warning at the file's pointer.
    fn keep(&mut self, file_at: &str, design_at: String, key: &str, expression: &Value) -> String {
        let text = shown(expression);
        self.reader.ignored_fix(
            file_at.to_string(),
            format!(
                "`{key}` is {}, known only at deploy time; the design keeps it as written and the CloudFormation export writes it back",
                crate::text::printable(&expression.to_string())
            ),
            "Nothing to do while the value comes from the stack; apigw cannot check it, and other exports write it as the text shown.",
        );
        self.deploy.insert(design_at, expression.to_string());
        text
    }

    fn text(
        &mut self,
        o: &Object<String, Value>,
        key: &str,
        at: &str,
        design_at: String,
    ) -> Option<String> {
        match o.get(key)? {
            e if is_expression(e) => Some(self.keep(&child(at, key), design_at, key, e)),
            _ => self.reader.text(o, key, at),
        }
    }

    fn flag(
        &mut self,
        o: &Object<String, Value>,
        key: &str,
        at: &str,
        design_at: String,
    ) -> Option<bool> {
        match o.get(key)? {
            e if is_expression(e) => {
                self.keep(&child(at, key), design_at, key, e);
                None
            }
            Value::String(s) if s == "true" || s == "false" => Some(s == "true"),
            _ => self.reader.flag(o, key, at),
        }
    }

    fn whole(
        &mut self,
        o: &Object<String, Value>,
        key: &str,
        at: &str,
        design_at: String,
    ) -> Option<i64> {
        match o.get(key)? {
            e if is_expression(e) => {
                self.keep(&child(at, key), design_at, key, e);
                None
            }
            _ => self.reader.whole(o, key, at),
        }
    }

    fn texts(
        &mut self,
        o: &Object<String, Value>,
        key: &str,
        at: &str,
        design_at: String,
    ) -> Vec<String> {
        match o.get(key) {
            Some(e) if is_expression(e) => {
                self.keep(&child(at, key), design_at, key, e);
                Vec::new()
            }
            Some(Value::Array(items)) if items.iter().any(is_expression) => {
                let here = child(at, key);
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let n = i.to_string();
                    match item {
                        e if is_expression(e) => {
                            let text = self.keep(&child(&here, &n), child(&design_at, &n), key, e);
                            out.push(text);
                        }
                        Value::String(s) => out.push(s.clone()),
                        other => self.reader.ignored(
                            child(&here, &n),
                            format!(
                                "item {} of `{key}` must be text; it is {}, so it was not imported",
                                i + 1,
                                describe_value(other)
                            ),
                        ),
                    }
                }
                out
            }
            _ => self.reader.texts(o, key, at),
        }
    }

    /// An object of texts or flags, whose values may be expressions; `read` takes a plain value.
    fn map_of<T: Default>(
        &mut self,
        o: &Object<String, Value>,
        key: &str,
        at: &str,
        design_at: String,
        read: impl Fn(&mut Reader, &Object<String, Value>, &str, &str) -> Option<T>,
    ) -> Map<String, T> {
        let mut out = Map::new();
        match o.get(key) {
            None | Some(Value::Null) => {}
            Some(e) if is_expression(e) => {
                self.keep(&child(at, key), design_at, key, e);
            }
            Some(Value::Object(entries)) => {
                let here = child(at, key);
                for (name, value) in entries {
                    if is_expression(value) {
                        let text =
                            self.keep(&child(&here, name), child(&design_at, name), name, value);
                        // A text field shows the expression; a flag keeps its default.
                        let mut one = Object::new();
                        one.insert(name.clone(), Value::String(text));
                        let shown = read(&mut Reader::default(), &one, name, &here);
                        out.insert(name.clone(), shown.unwrap_or_default());
                    } else if let Some(v) = read(&mut self.reader, entries, name, &here) {
                        out.insert(name.clone(), v);
                    }
                }
            }
            Some(other) => self.reader.ignored(
                child(at, key),
                format!(
                    "`{key}` must be an object {{…}}; it is {}, so it was not imported",
                    describe_value(other)
                ),
            ),
        }
        out
    }

    fn text_map(
        &mut self,
        o: &Object<String, Value>,
        key: &str,
        at: &str,
        design_at: String,
    ) -> Map<String, String> {
        self.map_of(o, key, at, design_at, |r, o, k, at| r.text(o, k, at))
    }

    fn flag_map(
        &mut self,
        o: &Object<String, Value>,
        key: &str,
        at: &str,
        design_at: String,
    ) -> Map<String, bool> {
        self.map_of(o, key, at, design_at, |r, o, k, at| match o.get(k)? {
            Value::String(s) if s == "true" || s == "false" => Some(s == "true"),
            Value::String(_) => None,
            _ => r.flag(o, k, at),
        })
    }

    /// A `Ref` to a resource of one of the given logical ids.
    fn reference(value: Option<&Value>) -> Option<&str> {
        value?.get("Ref")?.as_str()
    }

    fn properties(
        &mut self,
        id: &str,
        r: &'v Object<String, Value>,
    ) -> (&'v Object<String, Value>, String) {
        resource_keys(&mut self.reader, id, r);
        let at = pointer(&["Resources", id, "Properties"]);
        static EMPTY: std::sync::OnceLock<Object<String, Value>> = std::sync::OnceLock::new();
        let props = match r.get("Properties") {
            Some(Value::Object(p)) => p,
            _ => EMPTY.get_or_init(Object::new),
        };
        (props, at)
    }

    /// Whether a resource belongs to the API read (its RestApiId is a Ref to it).
    /// The properties of one of the API's resources and their pointer, its other Metadata
    /// reported; `None` (reported too) for a resource of another API.
    fn member(
        &mut self,
        id: &str,
        r: &'v Object<String, Value>,
    ) -> Option<(&'v Object<String, Value>, String)> {
        let (p, at) = self.properties(id, r);
        if !self.belongs(id, p, &at) {
            return None;
        }
        self.other_metadata(id, r);
        Some((p, at))
    }

    fn belongs(&mut self, id: &str, props: &Object<String, Value>, at: &str) -> bool {
        match Self::reference(props.get("RestApiId")) {
            Some(api) if api == self.api_id => true,
            _ => {
                self.reader.ignored(
                    child(at, "RestApiId"),
                    format!("{id} does not belong to {} (its RestApiId is not `Ref: {}`), so it was not imported", self.api_id, self.api_id),
                );
                false
            }
        }
    }

    fn metadata(r: &Object<String, Value>) -> Option<&Object<String, Value>> {
        r.get("Metadata")?.get(METADATA_KEY)?.as_object()
    }

    fn other_metadata(&mut self, id: &str, r: &Object<String, Value>) {
        if let Some(Value::Object(m)) = r.get("Metadata") {
            for key in m.keys().filter(|k| *k != METADATA_KEY) {
                self.reader.ignored(
                    pointer(&["Resources", id, "Metadata", key.as_str()]),
                    format!(
                        "`Metadata` `{key}` of {id} is not part of a design and was not imported"
                    ),
                );
            }
        }
    }

    fn rest_api(&mut self, r: &'v Object<String, Value>, design: &mut Design) {
        let id = self.api_id;
        let (p, at) = self.properties(id, r);
        self.other_metadata(id, r);
        let d = |f: &str| pointer(&["api", f]);
        let api = &mut design.api;
        api.name = self.text(p, "Name", &at, d("name")).unwrap_or_default();
        api.description = self.text(p, "Description", &at, d("description"));
        api.api_key_source = self.text(p, "ApiKeySourceType", &at, d("apiKeySource"));
        api.binary_media_types = self.texts(p, "BinaryMediaTypes", &at, d("binaryMediaTypes"));
        // Without an EndpointConfiguration, CloudFormation creates an edge-optimized API.
        api.endpoint_type = "EDGE".into();
        if let Some(config) = self.reader.object(p, "EndpointConfiguration", &at) {
            let here = child(&at, "EndpointConfiguration");
            let mut config = config.clone();
            if let Some(Value::Array(types)) = config.get_mut("Types") {
                if let Some(first) = types.first_mut().filter(|t| is_expression(t)) {
                    let at = child(&child(&here, "Types"), "0");
                    *first = Value::String(self.keep(&at, d("endpointType"), "Types", first));
                }
            }
            let config = &config;
            let types = self.texts(config, "Types", &here, d("endpointType"));
            if let Some(first) = types.first() {
                api.endpoint_type = first.clone();
            }
            if types.len() > 1 {
                self.reader.ignored(
                    child(&here, "Types"),
                    "only the first endpoint type was imported; an API has one".into(),
                );
            }
            self.reader.unknown_keys(config, &here, &["Types"], "EndpointConfiguration");
        }
        if let Some(m) = Self::metadata(r) {
            api.rest_api_id = m.get("restApiId").and_then(Value::as_str).map(str::to_string);
            if let Some(id) = m.get("rootResourceId").and_then(Value::as_str) {
                design.resources.entry("/".into()).or_default().id = Some(id.to_string());
            }
            if let Some(stages) = m.get("stages") {
                // JSON text, as the export writes it; an object is read too.
                let stages = match stages {
                    Value::String(text) => serde_json::from_str(text).unwrap_or(Value::Null),
                    other => other.clone(),
                };
                match serde_json::from_value(stages) {
                    Ok(stages) => design.stages = stages,
                    Err(_) => self.reader.ignored(
                        pointer(&["Resources", id, "Metadata", METADATA_KEY, "stages"]),
                        "the stages kept here are not stages a design holds (name to description and variables), so they were not imported".into(),
                    ),
                }
            }
            if let Some(Value::Object(kept)) = m.get("maps") {
                for (k, v) in kept {
                    let map = v.as_str().and_then(|text| serde_json::from_str(text).ok());
                    self.metadata_maps.push((k.clone(), map.unwrap_or(Value::Null)));
                }
            }
            if let Some(Value::Object(kept)) = m.get("deployTimeValues") {
                for (k, v) in kept {
                    if let Some(text) = v.as_str() {
                        self.metadata_deploy_time.insert(k.clone(), text.to_string());
                    }
                }
            }
        }
        self.reader.unknown_keys(
            p,
            &at,
            &[
                "Name",
                "Description",
                "ApiKeySourceType",
                "BinaryMediaTypes",
                "EndpointConfiguration",
            ],
            "the RestApi",
        );
    }

    fn name(&mut self, id: &'v str, p: &Object<String, Value>, at: &str, key: &str) -> String {
        let name = match p.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                self.reader.ignored(
                    child(at, key),
                    format!(
                        "`{key}` of {id} must be text; it is {}, so the logical id {id} names it",
                        describe_value(other)
                    ),
                );
                id.to_string()
            }
            None => id.to_string(),
        };
        self.names.insert(id, name.clone());
        name
    }

    fn authorizer(&mut self, id: &'v str, r: &'v Object<String, Value>, design: &mut Design) {
        let Some((p, at)) = self.member(id, r) else { return };
        let name = self.name(id, p, &at, "Name");
        self.index.named.insert((0, name.clone()), id.to_string());
        let d = |f: &str| pointer(&["authorizers", name.as_str(), f]);
        let a = Authorizer {
            authorizer_type: self.text(p, "Type", &at, d("type")).unwrap_or_default(),
            provider_arns: self.texts(p, "ProviderARNs", &at, d("providerARNs")),
            auth_type: self.text(p, "AuthType", &at, d("authType")),
            authorizer_uri: self.text(p, "AuthorizerUri", &at, d("authorizerUri")),
            authorizer_credentials: self.text(
                p,
                "AuthorizerCredentials",
                &at,
                d("authorizerCredentials"),
            ),
            identity_source: self.text(p, "IdentitySource", &at, d("identitySource")),
            identity_validation_expression: self.text(
                p,
                "IdentityValidationExpression",
                &at,
                d("identityValidationExpression"),
            ),
            authorizer_result_ttl_in_seconds: self.whole(
                p,
                "AuthorizerResultTtlInSeconds",
                &at,
                d("authorizerResultTtlInSeconds"),
            ),
        };
        self.reader.unknown_keys(
            p,
            &at,
            &[
                "Name",
                "RestApiId",
                "Type",
                "ProviderARNs",
                "AuthType",
                "AuthorizerUri",
                "AuthorizerCredentials",
                "IdentitySource",
                "IdentityValidationExpression",
                "AuthorizerResultTtlInSeconds",
            ],
            "an Authorizer",
        );
        self.insert_named(&mut design.authorizers, name, a, id, &at);
    }

    fn insert_named<T>(
        &mut self,
        map: &mut Map<String, T>,
        name: String,
        value: T,
        id: &str,
        at: &str,
    ) {
        if map.contains_key(&name) {
            self.reader.ignored(
                at.to_string(),
                format!("{id} has the name {} of another resource of its type; only the first was imported", crate::text::printable(&name)),
            );
        } else {
            map.insert(name, value);
        }
    }

    fn validator(&mut self, id: &'v str, r: &'v Object<String, Value>, design: &mut Design) {
        let Some((p, at)) = self.member(id, r) else { return };
        let name = self.name(id, p, &at, "Name");
        self.index.named.insert((1, name.clone()), id.to_string());
        let d = |f: &str| pointer(&["requestValidators", name.as_str(), f]);
        let v = RequestValidator {
            validate_request_body: self
                .flag(p, "ValidateRequestBody", &at, d("validateRequestBody"))
                .unwrap_or(false),
            validate_request_parameters: self
                .flag(p, "ValidateRequestParameters", &at, d("validateRequestParameters"))
                .unwrap_or(false),
        };
        self.reader.unknown_keys(
            p,
            &at,
            &["Name", "RestApiId", "ValidateRequestBody", "ValidateRequestParameters"],
            "a RequestValidator",
        );
        self.insert_named(&mut design.request_validators, name, v, id, &at);
    }

    fn model(&mut self, id: &'v str, r: &'v Object<String, Value>, design: &mut Design) {
        let Some((p, at)) = self.member(id, r) else { return };
        let name = self.name(id, p, &at, "Name");
        self.index.named.insert((2, name.clone()), id.to_string());
        let d = |f: &str| pointer(&["models", name.as_str(), f]);
        let mut m = Model {
            content_type: self
                .text(p, "ContentType", &at, d("contentType"))
                .unwrap_or_else(|| Model::default().content_type),
            schema: String::new(),
            description: self.text(p, "Description", &at, d("description")),
        };
        m.schema = match p.get("Schema") {
            Some(Value::Object(o)) if !is_expression(&Value::Object(o.clone())) => {
                serde_json::to_string_pretty(o).unwrap_or_default()
            }
            _ => self.text(p, "Schema", &at, d("schema")).unwrap_or_default(),
        };
        self.reader.unknown_keys(
            p,
            &at,
            &["Name", "RestApiId", "ContentType", "Description", "Schema"],
            "a Model",
        );
        self.insert_named(&mut design.models, name, m, id, &at);
    }

    fn gateway_response(&mut self, id: &'v str, r: &'v Object<String, Value>, design: &mut Design) {
        let Some((p, at)) = self.member(id, r) else { return };
        let Some(kind) = p.get("ResponseType").and_then(Value::as_str) else {
            self.reader.ignored(
                at.clone(),
                format!("{id} has no `ResponseType` text, so it was not imported"),
            );
            return;
        };
        self.index.named.insert((3, kind.to_string()), id.to_string());
        let d = |f: &str| pointer(&["gatewayResponses", kind, f]);
        let g = GatewayResponse {
            status_code: self.text(p, "StatusCode", &at, d("statusCode")),
            response_parameters: self.text_map(
                p,
                "ResponseParameters",
                &at,
                d("responseParameters"),
            ),
            response_templates: self.text_map(p, "ResponseTemplates", &at, d("responseTemplates")),
        };
        self.reader.unknown_keys(
            p,
            &at,
            &["ResponseType", "RestApiId", "StatusCode", "ResponseParameters", "ResponseTemplates"],
            "a GatewayResponse",
        );
        self.insert_named(&mut design.gateway_responses, kind.to_string(), g, id, &at);
    }

    /// Whether a value names the API's root resource (`Fn::GetAtt: [Api, RootResourceId]`).
    fn is_root(&self, value: &Value) -> bool {
        match value.get("Fn::GetAtt") {
            Some(Value::Array(a)) => {
                a.len() == 2 && a[0] == self.api_id && a[1] == "RootResourceId"
            }
            Some(Value::String(s)) => s.split_once('.') == Some((self.api_id, "RootResourceId")),
            _ => false,
        }
    }

    /// Builds the tree from each Resource's ParentId and PathPart.
    fn tree(&mut self, items: &[(&'v str, &'v Object<String, Value>)], design: &mut Design) {
        let mut pending: BTreeMap<&'v str, (&'v Value, String, String)> = BTreeMap::new();
        for &(id, r) in items {
            let Some((p, at)) = self.member(id, r) else { continue };
            self.reader.unknown_keys(p, &at, &["ParentId", "PathPart", "RestApiId"], "a Resource");
            let part = match p.get("PathPart") {
                Some(Value::String(s)) if !s.is_empty() && !s.contains('/') => s.clone(),
                other => {
                    self.tree_problem(
                        child(&at, "PathPart"),
                        format!(
                            "{id}'s `PathPart` must be one path segment of text; it is {}, so {id} and what lies under it were not imported",
                            other.map_or("missing".to_string(), describe_value)
                        ),
                    );
                    continue;
                }
            };
            match p.get("ParentId") {
                Some(parent) => {
                    pending.insert(id, (parent, part, at));
                }
                None => self.tree_problem(
                    at.clone(),
                    format!(
                        "{id} has no `ParentId`, so it and what lies under it were not imported"
                    ),
                ),
            }
        }
        // Place each resource once its parent is placed; what is left has no placed parent.
        loop {
            let mut placed = Vec::new();
            for (&id, (parent, part, _)) in &pending {
                let parent_path = if self.is_root(parent) {
                    Some("/".to_string())
                } else {
                    Self::reference(Some(parent)).and_then(|p| self.paths.get(p).cloned())
                };
                if let Some(parent_path) = parent_path {
                    placed.push((id, crate::path::child(&parent_path, part)));
                }
            }
            if placed.is_empty() {
                break;
            }
            for (id, path) in placed {
                let (_, _, at) = pending.remove(id).unwrap_or_else(|| unreachable!());
                if let Some(problem) = crate::path::key_problem(&path) {
                    self.tree_problem(
                        at,
                        format!("{id} makes the path {}: {problem}", crate::text::printable(&path)),
                    );
                    continue;
                }
                if design.resources.contains_key(&path) {
                    self.tree_problem(
                        at,
                        format!(
                            "{id} is a second resource at {}; only the first was imported",
                            crate::text::printable(&path)
                        ),
                    );
                    continue;
                }
                let live = items
                    .iter()
                    .find(|(i, _)| *i == id)
                    .and_then(|(_, r)| Self::metadata(r))
                    .and_then(|m| m.get("id"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                design.resources.insert(path.clone(), Resource { id: live, methods: Map::new() });
                self.index.resources.insert(path.clone(), id.to_string());
                self.paths.insert(id, path);
            }
        }
        for (id, (parent, _, at)) in pending {
            self.tree_problem(
                child(&at, "ParentId"),
                format!(
                    "{id}'s `ParentId` is {}, which is neither the API's root resource (Fn::GetAtt {}.RootResourceId) nor a `Ref` to a resource under it, so {id} and what lies under it were not imported",
                    crate::text::printable(&parent.to_string()),
                    self.api_id
                ),
            );
        }
    }

    fn tree_problem(&mut self, at: String, message: String) {
        rules::sequence(IMPORT_TREE_INCONSISTENT, &mut self.reader.out)
            .report(Target::in_file(at), message);
    }

    /// A method's reference to a named item: the item's name for a `Ref` to it, else the value
    /// read as text (kept as an expression if it is one).
    fn name_ref(
        &mut self,
        p: &Object<String, Value>,
        key: &str,
        at: &str,
        design_at: String,
    ) -> Option<String> {
        if let Some(id) = Self::reference(p.get(key)) {
            if let Some(name) = self.names.get(id) {
                return Some(name.clone());
            }
        }
        self.text(p, key, at, design_at)
    }

    fn models(
        &mut self,
        o: &Object<String, Value>,
        key: &str,
        at: &str,
        design_at: String,
    ) -> Map<String, String> {
        let mut resolved = o.clone();
        if let Some(Value::Object(entries)) = resolved.get_mut(key) {
            for value in entries.values_mut() {
                if let Some(name) = Self::reference(Some(value)).and_then(|id| self.names.get(id)) {
                    *value = Value::String(name.clone());
                }
            }
        }
        self.text_map(&resolved, key, at, design_at)
    }

    fn method(&mut self, id: &'v str, r: &'v Object<String, Value>, design: &mut Design) {
        let (p, at) = self.properties(id, r);
        if !self.belongs(id, p, &at) {
            return;
        }
        let Some(verb) = p.get("HttpMethod").and_then(Value::as_str) else {
            self.reader.ignored(
                at.clone(),
                format!("{id} has no `HttpMethod` text, so it was not imported"),
            );
            return;
        };
        let resource = p.get("ResourceId");
        let path = match resource {
            Some(v) if self.is_root(v) => Some("/".to_string()),
            v => Self::reference(v).and_then(|r| self.paths.get(r).cloned()),
        };
        let Some(path) = path else {
            self.tree_problem(
                child(&at, "ResourceId"),
                format!("{id}'s `ResourceId` is not the root (Fn::GetAtt {}.RootResourceId) or a `Ref` to an imported resource, so the method was not imported", self.api_id),
            );
            return;
        };
        if design.method(&path, verb).is_some() {
            self.reader.ignored(
                at.clone(),
                format!(
                    "{id} is a second {verb} method on {}; only the first was imported",
                    crate::text::printable(&path)
                ),
            );
            return;
        }
        let d = |rest: &[&str]| method_at(&path, verb, rest);
        let mut m = Method {
            authorization_type: self
                .text(p, "AuthorizationType", &at, d(&["authorizationType"]))
                .unwrap_or_else(|| "NONE".into()),
            authorizer: self.name_ref(p, "AuthorizerId", &at, d(&["authorizer"])),
            api_key_required: self
                .flag(p, "ApiKeyRequired", &at, d(&["apiKeyRequired"]))
                .unwrap_or(false),
            operation_name: self.text(p, "OperationName", &at, d(&["operationName"])),
            request_parameters: self.flag_map(
                p,
                "RequestParameters",
                &at,
                d(&["requestParameters"]),
            ),
            request_models: self.models(p, "RequestModels", &at, d(&["requestModels"])),
            request_validator: self.name_ref(
                p,
                "RequestValidatorId",
                &at,
                d(&["requestValidator"]),
            ),
            authorization_scopes: self.texts(
                p,
                "AuthorizationScopes",
                &at,
                d(&["authorizationScopes"]),
            ),
            method_responses: Map::new(),
            integration: None,
            test_request: None,
        };
        for (i, item) in self.list(p, "MethodResponses", &at) {
            let here = child(&child(&at, "MethodResponses"), &i.to_string());
            let Some(status) = self.status(item, &here) else { continue };
            let d = |f: &str| method_at(&path, verb, &["methodResponses", status.as_str(), f]);
            let response = MethodResponse {
                response_parameters: self.flag_map(
                    item,
                    "ResponseParameters",
                    &here,
                    d("responseParameters"),
                ),
                response_models: self.models(item, "ResponseModels", &here, d("responseModels")),
            };
            self.reader.unknown_keys(
                item,
                &here,
                &["StatusCode", "ResponseParameters", "ResponseModels"],
                "a method response",
            );
            if m.method_responses.insert(status.clone(), response).is_some() {
                self.reader.ignored(
                    here,
                    format!("a second method response {status}; only the last was imported"),
                );
            }
        }
        if let Some(integration) = self.reader.object(p, "Integration", &at) {
            let here = child(&at, "Integration");
            let mut i = self.integration(integration, &here, &path, verb);
            if let Some(tls) = Self::metadata(r).and_then(|m| m.get("tlsConfig")) {
                i.tls_config = Some(TlsConfig {
                    insecure_skip_verification: tls
                        .get("insecureSkipVerification")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                });
            }
            m.integration = Some(i);
        }
        self.other_metadata(id, r);
        self.reader.unknown_keys(
            p,
            &at,
            &[
                "HttpMethod",
                "ResourceId",
                "RestApiId",
                "AuthorizationType",
                "AuthorizerId",
                "ApiKeyRequired",
                "OperationName",
                "RequestParameters",
                "RequestModels",
                "RequestValidatorId",
                "AuthorizationScopes",
                "MethodResponses",
                "Integration",
            ],
            "a Method",
        );
        self.index.methods.insert((path.clone(), verb.to_string()), id.to_string());
        if let Some(resource) = design.resources.get_mut(&path) {
            resource.methods.insert(verb.to_string(), m);
        }
    }

    fn list<'o>(
        &mut self,
        o: &'o Object<String, Value>,
        key: &str,
        at: &str,
    ) -> Vec<(usize, &'o Object<String, Value>)> {
        match o.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                let here = child(at, key);
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| {
                        self.reader
                            .entry(
                                v,
                                child(&here, &i.to_string()),
                                &format!("item {} of `{key}`", i + 1),
                            )
                            .map(|o| (i, o))
                    })
                    .collect()
            }
            Some(other) => {
                self.reader.ignored(
                    child(at, key),
                    format!(
                        "`{key}` must be a list [ … ]; it is {}, so it was not imported",
                        describe_value(other)
                    ),
                );
                Vec::new()
            }
        }
    }

    fn status(&mut self, item: &Object<String, Value>, at: &str) -> Option<String> {
        let status = self.reader.text(item, "StatusCode", at);
        if status.is_none() {
            self.reader.ignored(
                at.to_string(),
                "a response without a `StatusCode` text was not imported".into(),
            );
        }
        status
    }

    fn integration(
        &mut self,
        o: &Object<String, Value>,
        at: &str,
        path: &str,
        verb: &str,
    ) -> Integration {
        let d = |f: &str| method_at(path, verb, &["integration", f]);
        let mut i = Integration {
            integration_type: self.text(o, "Type", at, d("type")).unwrap_or_default(),
            integration_http_method: self.text(
                o,
                "IntegrationHttpMethod",
                at,
                d("integrationHttpMethod"),
            ),
            uri: self.text(o, "Uri", at, d("uri")),
            connection_type: self.text(o, "ConnectionType", at, d("connectionType")),
            connection_id: self.text(o, "ConnectionId", at, d("connectionId")),
            credentials: self.text(o, "Credentials", at, d("credentials")),
            request_parameters: self.text_map(o, "RequestParameters", at, d("requestParameters")),
            request_templates: self.text_map(o, "RequestTemplates", at, d("requestTemplates")),
            passthrough_behavior: self.text(o, "PassthroughBehavior", at, d("passthroughBehavior")),
            cache_namespace: self.text(o, "CacheNamespace", at, d("cacheNamespace")),
            cache_key_parameters: self.texts(o, "CacheKeyParameters", at, d("cacheKeyParameters")),
            content_handling: self.text(o, "ContentHandling", at, d("contentHandling")),
            timeout_in_millis: self.whole(o, "TimeoutInMillis", at, d("timeoutInMillis")),
            tls_config: None,
            response_transfer_mode: self.text(
                o,
                "ResponseTransferMode",
                at,
                d("responseTransferMode"),
            ),
            integration_target: self.text(o, "IntegrationTarget", at, d("integrationTarget")),
            integration_responses: Map::new(),
        };
        for (n, item) in self.list(o, "IntegrationResponses", at) {
            let here = child(&child(at, "IntegrationResponses"), &n.to_string());
            let Some(status) = self.status(item, &here) else { continue };
            let d = |f: &str| {
                method_at(path, verb, &["integration", "integrationResponses", status.as_str(), f])
            };
            let response = IntegrationResponse {
                selection_pattern: self.text(
                    item,
                    "SelectionPattern",
                    &here,
                    d("selectionPattern"),
                ),
                response_parameters: self.text_map(
                    item,
                    "ResponseParameters",
                    &here,
                    d("responseParameters"),
                ),
                response_templates: self.text_map(
                    item,
                    "ResponseTemplates",
                    &here,
                    d("responseTemplates"),
                ),
                content_handling: self.text(item, "ContentHandling", &here, d("contentHandling")),
            };
            self.reader.unknown_keys(
                item,
                &here,
                &[
                    "StatusCode",
                    "SelectionPattern",
                    "ResponseParameters",
                    "ResponseTemplates",
                    "ContentHandling",
                ],
                "an integration response",
            );
            if i.integration_responses.insert(status.clone(), response).is_some() {
                self.reader.ignored(
                    here,
                    format!("a second integration response {status}; only the last was imported"),
                );
            }
        }
        self.reader.unknown_keys(
            o,
            at,
            &[
                "Type",
                "IntegrationHttpMethod",
                "Uri",
                "ConnectionType",
                "ConnectionId",
                "Credentials",
                "RequestParameters",
                "RequestTemplates",
                "PassthroughBehavior",
                "CacheNamespace",
                "CacheKeyParameters",
                "ContentHandling",
                "TimeoutInMillis",
                "ResponseTransferMode",
                "IntegrationTarget",
                "IntegrationResponses",
            ],
            "a method's Integration",
        );
        i
    }
}

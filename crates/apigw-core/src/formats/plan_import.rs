//! Importing a plan: builds the design the calls would create, judging each call the way API
//! Gateway would at that point of the sequence. A call that refers to something not created
//! earlier is a diagnostic, not a failure; only unreadable JSON is an error.

use crate::diagnostic::{Diagnostic, Field, Owner, Target, pointer};
use crate::load_error::LoadError;
use crate::model::{
    Authorizer, Design, GatewayResponse, Integration, IntegrationResponse, Method, MethodResponse,
    Model, RequestValidator, TlsConfig,
};
use crate::path;
use crate::rules::{
    self, CALL_PARAMETER_INVALID, CALL_REFERENCE_MISSING, DUPLICATE_SIBLING, METHOD_ALREADY_EXISTS,
};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// JSON types of boto3 parameters.
#[derive(Clone, Copy, PartialEq)]
enum Type {
    Str,
    Bool,
    Int,
    StrList,
    BoolMap,
    StrMap,
    Tls,
    /// A list of patch operations `{"op", "path", "value"?, "from"?}`, each a string.
    PatchOps,
}

impl Type {
    fn describe(self) -> &'static str {
        match self {
            Type::Str => "a string",
            Type::Bool => "a boolean",
            Type::Int => "an integer (32 bits, from -2147483648 to 2147483647)",
            Type::StrList => "a list of strings",
            Type::BoolMap => "an object of booleans",
            Type::StrMap => "an object of strings",
            Type::Tls => "an object {\"insecureSkipVerification\": boolean}",
            Type::PatchOps => {
                "a list of patch operations {\"op\": string, \"path\": string, \"value\": string}"
            }
        }
    }

    /// The type in botocore's terms, for `operations`.
    fn botocore(self) -> &'static str {
        match self {
            Type::Str => "string",
            Type::Bool => "boolean",
            Type::Int => "integer",
            Type::StrList => "list<string>",
            Type::BoolMap => "map<string,boolean>",
            Type::StrMap => "map<string,string>",
            Type::Tls => "structure{insecureSkipVerification:boolean}",
            Type::PatchOps => "list<structure{from:string,op:string,path:string,value:string}>",
        }
    }

    fn accepts(self, value: &Value) -> bool {
        match self {
            Type::Str => value.is_string(),
            Type::Bool => value.is_boolean(),
            // The service's integers are Java ints: a larger one fails, it is not cut down.
            Type::Int => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            Type::StrList => value.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            Type::BoolMap => value.as_object().is_some_and(|m| m.values().all(Value::is_boolean)),
            Type::StrMap => value.as_object().is_some_and(|m| m.values().all(Value::is_string)),
            Type::Tls => value.as_object().is_some_and(|m| {
                m.iter().all(|(k, v)| k == "insecureSkipVerification" && v.is_boolean())
            }),
            Type::PatchOps => value.as_array().is_some_and(|ops| {
                ops.iter().all(|op| {
                    op.as_object().is_some_and(|m| {
                        m.get("op").is_some_and(Value::is_string)
                            && m.get("path").is_some_and(Value::is_string)
                            && m.iter().all(|(k, v)| {
                                matches!(k.as_str(), "op" | "path" | "value" | "from")
                                    && v.is_string()
                            })
                    })
                })
            }),
        }
    }
}

/// Parameters of each operation: name, type, required (as in botocore's service model).
fn schema(operation: &str) -> Option<&'static [(&'static str, Type, bool)]> {
    use Type::*;
    const LABELS3: [(&str, Type, bool); 3] =
        [("restApiId", Str, true), ("resourceId", Str, true), ("httpMethod", Str, true)];
    Some(match operation {
        "CreateAuthorizer" => &[
            ("restApiId", Str, true),
            ("name", Str, true),
            ("type", Str, true),
            ("providerARNs", StrList, false),
            ("authType", Str, false),
            ("authorizerUri", Str, false),
            ("authorizerCredentials", Str, false),
            ("identitySource", Str, false),
            ("identityValidationExpression", Str, false),
            ("authorizerResultTtlInSeconds", Int, false),
        ],
        "CreateRequestValidator" => &[
            ("restApiId", Str, true),
            ("name", Str, false),
            ("validateRequestBody", Bool, false),
            ("validateRequestParameters", Bool, false),
        ],
        "CreateModel" => &[
            ("restApiId", Str, true),
            ("name", Str, true),
            ("description", Str, false),
            ("schema", Str, false),
            ("contentType", Str, true),
        ],
        "PutGatewayResponse" => &[
            ("restApiId", Str, true),
            ("responseType", Str, true),
            ("statusCode", Str, false),
            ("responseParameters", StrMap, false),
            ("responseTemplates", StrMap, false),
        ],
        "CreateResource" => {
            &[("restApiId", Str, true), ("parentId", Str, true), ("pathPart", Str, true)]
        }
        "PutMethod" => &[
            LABELS3[0],
            LABELS3[1],
            LABELS3[2],
            ("authorizationType", Str, true),
            ("authorizerId", Str, false),
            ("apiKeyRequired", Bool, false),
            ("operationName", Str, false),
            ("requestParameters", BoolMap, false),
            ("requestModels", StrMap, false),
            ("requestValidatorId", Str, false),
            ("authorizationScopes", StrList, false),
        ],
        "PutMethodResponse" => &[
            LABELS3[0],
            LABELS3[1],
            LABELS3[2],
            ("statusCode", Str, true),
            ("responseParameters", BoolMap, false),
            ("responseModels", StrMap, false),
        ],
        "PutIntegration" => &[
            LABELS3[0],
            LABELS3[1],
            LABELS3[2],
            ("type", Str, true),
            ("integrationHttpMethod", Str, false),
            ("uri", Str, false),
            ("connectionType", Str, false),
            ("connectionId", Str, false),
            ("credentials", Str, false),
            ("requestParameters", StrMap, false),
            ("requestTemplates", StrMap, false),
            ("passthroughBehavior", Str, false),
            ("cacheNamespace", Str, false),
            ("cacheKeyParameters", StrList, false),
            ("contentHandling", Str, false),
            ("timeoutInMillis", Int, false),
            ("tlsConfig", Tls, false),
            ("responseTransferMode", Str, false),
            ("integrationTarget", Str, false),
        ],
        // A deployment to a stage, with the stage's description and variables when a plan
        // was asked for one (`apigw plan FILE --stage NAME`).
        "CreateDeployment" => &[
            ("restApiId", Str, true),
            ("stageName", Str, false),
            ("stageDescription", Str, false),
            ("description", Str, false),
            ("variables", StrMap, false),
        ],
        "UpdateStage" => &[
            ("restApiId", Str, true),
            ("stageName", Str, true),
            ("patchOperations", PatchOps, false),
        ],
        "PutIntegrationResponse" => &[
            LABELS3[0],
            LABELS3[1],
            LABELS3[2],
            ("statusCode", Str, true),
            ("selectionPattern", Str, false),
            ("responseParameters", StrMap, false),
            ("responseTemplates", StrMap, false),
            ("contentHandling", Str, false),
        ],
        _ => return None,
    })
}

/// Every operation a plan may hold, with the members the importer accepts, as JSON:
/// `{"PutIntegration": {"type": {"type": "string", "required": true, "enum": [...]}, ...}, ...}`.
/// Types are written in botocore's terms (`string`, `boolean`, `integer`, `list<string>`,
/// `map<string,boolean>`, `map<string,string>`, `structure{insecureSkipVerification:boolean}`);
/// `enum` lists the values the design rules accept where they check one. `apigw plan
/// --operations` prints it, and the peer suite compares it with botocore's service model.
pub fn operations() -> Value {
    let mut out = Map::new();
    for (operation, _, _) in crate::plan::OPERATIONS {
        let Some(members) = schema(operation) else { continue };
        let mut spec = Map::new();
        for (name, kind, required) in members {
            let mut member = Map::new();
            member.insert("type".into(), Value::from(kind.botocore()));
            member.insert("required".into(), Value::from(*required));
            if let Some(values) = enum_values(operation, name) {
                member.insert("enum".into(), Value::from(values.to_vec()));
            }
            spec.insert((*name).into(), Value::Object(member));
        }
        out.insert((*operation).into(), Value::Object(spec));
    }
    Value::Object(out)
}

/// The values a member may take, where a design rule checks them against a list of `facts`.
fn enum_values(operation: &str, member: &str) -> Option<&'static [&'static str]> {
    use crate::facts::*;
    Some(match (operation, member) {
        ("CreateAuthorizer", "type") => AUTHORIZER_TYPES,
        ("PutGatewayResponse", "responseType") => GATEWAY_RESPONSE_TYPES,
        ("PutMethod", "authorizationType") => AUTHORIZATION_TYPES,
        ("PutIntegration", "type") => INTEGRATION_TYPES,
        ("PutIntegration", "connectionType") => CONNECTION_TYPES,
        ("PutIntegration", "passthroughBehavior") => PASSTHROUGH_BEHAVIORS,
        ("PutIntegration", "responseTransferMode") => RESPONSE_TRANSFER_MODES,
        ("PutIntegration" | "PutIntegrationResponse", "contentHandling") => CONTENT_HANDLING,
        _ => return None,
    })
}

/// Which call created each part of the design, so diagnostics point at the call.
#[derive(Debug, Default)]
pub struct CallIndex {
    resources: HashMap<String, usize>,
    methods: HashMap<(String, String), usize>,
    method_responses: HashMap<(String, String, String), usize>,
    integrations: HashMap<(String, String), usize>,
    integration_responses: HashMap<(String, String, String), usize>,
    authorizers: HashMap<String, usize>,
    validators: HashMap<String, usize>,
    models: HashMap<String, usize>,
    gateway_responses: HashMap<String, usize>,
    stages: HashMap<String, usize>,
}

impl CallIndex {
    /// The pointer `/calls/N/params/<field>[/<key>]` of the call that holds a target.
    pub fn pointer(&self, target: &Target) -> String {
        let key3 = |p: &String, v: &String, s: &String| (p.clone(), v.clone(), s.clone());
        let (index, default_field) = match &target.owner {
            Owner::Call { index } => (Some(*index), None),
            Owner::Resource { path } => (self.resources.get(path).copied(), Some("pathPart")),
            Owner::Method { path, verb } => {
                (self.methods.get(&(path.clone(), verb.clone())).copied(), Some("httpMethod"))
            }
            Owner::MethodResponse { path, verb, status } => {
                (self.method_responses.get(&key3(path, verb, status)).copied(), Some("statusCode"))
            }
            Owner::Integration { path, verb } => {
                (self.integrations.get(&(path.clone(), verb.clone())).copied(), Some("type"))
            }
            Owner::IntegrationResponse { path, verb, status } => (
                self.integration_responses.get(&key3(path, verb, status)).copied(),
                Some("statusCode"),
            ),
            Owner::Authorizer { name } => (self.authorizers.get(name).copied(), Some("name")),
            Owner::RequestValidator { name } => (self.validators.get(name).copied(), Some("name")),
            Owner::Model { name } => (self.models.get(name).copied(), Some("name")),
            Owner::GatewayResponse { response_type } => {
                (self.gateway_responses.get(response_type).copied(), Some("responseType"))
            }
            Owner::Stage { name } => (self.stages.get(name).copied(), Some("stageName")),
            Owner::Api => (None, None),
        };
        let Some(index) = index else { return String::new() };
        let mut tokens = vec!["calls".to_string(), index.to_string()];
        if let Owner::Call { .. } = target.owner {
            // Sequence diagnostics name `operation`, `params`, or one parameter as params' key.
            tokens.extend(target.field.map(|f| f.name().to_string()));
            tokens.extend(target.key.clone());
            return pointer(&tokens);
        }
        if let Some(field) = target.field.map(Field::boto3).or(default_field) {
            tokens.push("params".into());
            tokens.push(field.into());
            if let Some(key) = &target.key {
                if !target.field.is_some_and(Field::is_list) {
                    tokens.push(key.clone());
                }
            }
        }
        pointer(&tokens)
    }
}

/// A reference checked once every call has been read: was it created before the call?
struct Deferred {
    index: usize,
    field: &'static str,
    kind: &'static str,
    name: String,
}

struct Importer {
    design: Design,
    out: Vec<Diagnostic>,
    calls: CallIndex,
    deferred: Vec<Deferred>,
    rest_api_id: Option<String>,
}

/// Builds the design a plan creates.
pub fn import(value: &Value) -> Result<(Design, Vec<Diagnostic>, CallIndex), LoadError> {
    let calls = value.get("calls").and_then(Value::as_array).ok_or_else(|| {
        LoadError::at(
            "/calls",
            "a plan needs \"calls\": a list of {\"operation\": …, \"params\": {…}}",
        )
    })?;
    let mut importer = Importer {
        design: Design::default(),
        out: Vec::new(),
        calls: CallIndex::default(),
        deferred: Vec::new(),
        rest_api_id: None,
    };
    if let Some(api) = value.get("api") {
        importer.design.api = serde_json::from_value(api.clone()).map_err(|e| {
            match crate::schema::explain(api, &crate::schema::API) {
                Some((pointer, message)) => LoadError::at(format!("/api{pointer}"), message),
                None => LoadError::at(
                    "/api",
                    format!("the plan's \"api\" settings cannot be read: {e}"),
                ),
            }
        })?;
    }
    for key in value.as_object().into_iter().flatten().map(|(k, _)| k) {
        if !matches!(key.as_str(), "format" | "api" | "calls") {
            let hint = crate::schema::suggest(key, &["format", "api", "calls"])
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default();
            rules::sequence(rules::IMPORT_FIELD_IGNORED, &mut importer.out).report(
                Target::in_file(pointer(&[key])),
                format!("`{key}` is not part of a plan and was not imported{hint}"),
            );
        }
    }
    for (index, call) in calls.iter().enumerate() {
        importer.call(index, call);
    }
    importer.finish();
    Ok((importer.design, importer.out, importer.calls))
}

fn at(index: usize, field: Field) -> Target {
    Target::field(Owner::Call { index }, field)
}

fn text(params: &Map<String, Value>, key: &str) -> Option<String> {
    params.get(key).and_then(Value::as_str).map(str::to_string)
}

fn bool_map(params: &Map<String, Value>, key: &str) -> crate::map::Map<String, bool> {
    params
        .get(key)
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_bool()?))).collect())
        .unwrap_or_default()
}

fn str_map(params: &Map<String, Value>, key: &str) -> crate::map::Map<String, String> {
    params
        .get(key)
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect())
        .unwrap_or_default()
}

fn str_list(params: &Map<String, Value>, key: &str) -> Vec<String> {
    params
        .get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

impl Importer {
    fn report(&mut self, rule: &'static rules::Rule, target: Target, message: String) {
        rules::sequence(rule, &mut self.out).report(target, message);
    }

    fn call(&mut self, index: usize, call: &Value) {
        let Some(operation) = call.get("operation").and_then(Value::as_str) else {
            self.report(
                CALL_PARAMETER_INVALID,
                at(index, Field::Operation),
                format!("call {index} has no \"operation\" string"),
            );
            return;
        };
        let Some(schema) = schema(operation) else {
            let known: Vec<&str> = crate::plan::OPERATIONS.iter().map(|(op, _, _)| *op).collect();
            let hint = match crate::schema::suggest(operation, &known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("it may be one of {}", known.join(", ")),
            };
            self.report(
                CALL_PARAMETER_INVALID,
                at(index, Field::Operation),
                format!("`{operation}` is not an operation a plan may hold; {hint}"),
            );
            return;
        };
        let Some(params) = call.get("params").and_then(Value::as_object) else {
            self.report(
                CALL_PARAMETER_INVALID,
                at(index, Field::Params),
                format!("call {index} has no \"params\" object"),
            );
            return;
        };
        for key in call.as_object().into_iter().flatten().map(|(k, _)| k) {
            if !matches!(key.as_str(), "operation" | "params") {
                rules::sequence(rules::IMPORT_FIELD_IGNORED, &mut self.out).report(
                    Target::in_file(pointer(&["calls", &index.to_string(), key])),
                    format!("`{key}` is not part of a call (which holds \"operation\" and \"params\") and was not imported"),
                );
            }
        }
        if !self.check_params(index, operation, schema, params) {
            return;
        }
        if let Some(api) = text(params, "restApiId") {
            match &self.rest_api_id {
                None => self.rest_api_id = Some(api),
                Some(first) if *first != api => {
                    let message = format!(
                        "this call targets REST API `{api}`, but earlier calls target `{first}`"
                    );
                    self.report(CALL_REFERENCE_MISSING, field_target(index, "restApiId"), message);
                }
                Some(_) => {}
            }
        }
        match operation {
            "CreateAuthorizer" => self.create_authorizer(index, params),
            "CreateRequestValidator" => self.create_validator(index, params),
            "CreateModel" => self.create_model(index, params),
            "PutGatewayResponse" => self.put_gateway_response(index, params),
            "CreateResource" => self.create_resource(index, params),
            "PutMethod" => self.put_method(index, params),
            "PutMethodResponse" => self.put_method_response(index, params),
            "PutIntegration" => self.put_integration(index, params),
            "CreateDeployment" => self.create_deployment(index, params),
            "UpdateStage" => self.update_stage(index, params),
            _ => self.put_integration_response(index, params),
        }
    }

    /// botocore's checks: unknown, missing and mistyped parameters. False when the call cannot be applied.
    fn check_params(
        &mut self,
        index: usize,
        operation: &str,
        schema: &[(&'static str, Type, bool)],
        params: &Map<String, Value>,
    ) -> bool {
        let mut ok = true;
        for (key, value) in params {
            match schema.iter().find(|(name, _, _)| name == key) {
                None => {
                    let names: Vec<&str> = schema.iter().map(|(n, _, _)| *n).collect();
                    let message = match crate::schema::suggest(key, &names) {
                        Some(near) => {
                            format!(
                                "unknown parameter `{key}` for {operation}; did you mean `{near}`?"
                            )
                        }
                        None => format!(
                            "unknown parameter `{key}` for {operation}; it must be one of: {}",
                            names.join(", ")
                        ),
                    };
                    let target = Target::key(Owner::Call { index }, Field::Params, key.clone());
                    self.report(CALL_PARAMETER_INVALID, target, message);
                    ok = false;
                }
                Some((name, kind, _)) if !kind.accepts(value) => {
                    let message = format!(
                        "`{name}` of {operation} must be {}, not {}",
                        kind.describe(),
                        json_type(value)
                    );
                    self.report(CALL_PARAMETER_INVALID, field_target(index, name), message);
                    ok = false;
                }
                Some(_) => {}
            }
        }
        for (name, _, required) in schema {
            if *required && !params.contains_key(*name) {
                let message = format!("{operation} is missing the required parameter `{name}`");
                self.report(CALL_PARAMETER_INVALID, field_target(index, name), message);
                ok = false;
            }
        }
        ok
    }

    fn create_authorizer(&mut self, index: usize, p: &Map<String, Value>) {
        let name = text(p, "name").unwrap_or_default();
        let authorizer = Authorizer {
            authorizer_type: text(p, "type").unwrap_or_default(),
            provider_arns: str_list(p, "providerARNs"),
            auth_type: text(p, "authType"),
            authorizer_uri: text(p, "authorizerUri"),
            authorizer_credentials: text(p, "authorizerCredentials"),
            identity_source: text(p, "identitySource"),
            identity_validation_expression: text(p, "identityValidationExpression"),
            authorizer_result_ttl_in_seconds: p
                .get("authorizerResultTtlInSeconds")
                .and_then(Value::as_i64),
        };
        self.calls.authorizers.insert(name.clone(), index);
        self.design.authorizers.insert(name, authorizer);
    }

    fn create_validator(&mut self, index: usize, p: &Map<String, Value>) {
        let name = text(p, "name").unwrap_or_default();
        let validator = RequestValidator {
            validate_request_body: p
                .get("validateRequestBody")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            validate_request_parameters: p
                .get("validateRequestParameters")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        };
        self.calls.validators.insert(name.clone(), index);
        self.design.request_validators.insert(name, validator);
    }

    fn create_model(&mut self, index: usize, p: &Map<String, Value>) {
        let name = text(p, "name").unwrap_or_default();
        let model = Model {
            content_type: text(p, "contentType").unwrap_or_default(),
            schema: text(p, "schema").unwrap_or_default(),
            description: text(p, "description"),
        };
        self.calls.models.insert(name.clone(), index);
        self.design.models.insert(name, model);
    }

    /// A later PutGatewayResponse of the same type replaces an earlier one whole, as in API
    /// Gateway.
    fn put_gateway_response(&mut self, index: usize, p: &Map<String, Value>) {
        let response_type = text(p, "responseType").unwrap_or_default();
        let response = GatewayResponse {
            status_code: text(p, "statusCode"),
            response_parameters: str_map(p, "responseParameters"),
            response_templates: str_map(p, "responseTemplates"),
        };
        self.calls.gateway_responses.insert(response_type.clone(), index);
        self.design.gateway_responses.insert(response_type, response);
    }

    /// A deployment to a named stage: the stage, with the description and variables the call
    /// gives it. A deployment to no stage, or one that gives its stage nothing, adds nothing to
    /// a stage already read.
    fn create_deployment(&mut self, index: usize, p: &Map<String, Value>) {
        let Some(name) = text(p, "stageName") else { return };
        self.calls.stages.entry(name.clone()).or_insert(index);
        let stage = self.design.stages.entry(name).or_default();
        if let Some(description) = text(p, "stageDescription") {
            stage.description = Some(description);
        }
        stage.variables.extend(str_map(p, "variables"));
    }

    /// Patch operations on a stage's variables and description, applied as API Gateway does:
    /// `replace` (or `add`) sets a variable, `remove` removes it. Any other operation or path
    /// is no part of a design and is reported.
    fn update_stage(&mut self, index: usize, p: &Map<String, Value>) {
        let name = text(p, "stageName").unwrap_or_default();
        self.calls.stages.entry(name.clone()).or_insert(index);
        let ops = p.get("patchOperations").and_then(Value::as_array).cloned().unwrap_or_default();
        for (n, op) in ops.iter().enumerate() {
            let s = |k: &str| op.get(k).and_then(Value::as_str).map(str::to_string);
            let (kind, path, value) =
                (s("op").unwrap_or_default(), s("path").unwrap_or_default(), s("value"));
            let stage = self.design.stages.entry(name.clone()).or_default();
            let variable =
                path.strip_prefix("/variables/").map(|k| k.replace("~1", "/").replace("~0", "~"));
            match (kind.as_str(), variable, path.as_str()) {
                ("replace" | "add", Some(key), _) => {
                    stage.variables.insert(key, value.unwrap_or_default());
                }
                ("remove", Some(key), _) => {
                    stage.variables.remove(&key);
                }
                ("replace", None, "/description") => {
                    stage.description = value.filter(|d| !d.is_empty());
                }
                _ => {
                    let at = pointer(&[
                        "calls",
                        &index.to_string(),
                        "params",
                        "patchOperations",
                        &n.to_string(),
                    ]);
                    rules::sequence(rules::IMPORT_FIELD_IGNORED, &mut self.out).report(
                        Target::in_file(at),
                        format!("`{kind} {path}` changes a part of stage {name} that a design does not hold; it was not imported"),
                    );
                }
            }
        }
    }

    /// The resource path a `@/path` id names, if an earlier call created it.
    fn resource(&mut self, index: usize, field: &'static str, id: &str) -> Option<String> {
        let path = id.strip_prefix('@').filter(|p| p.starts_with('/'));
        match path {
            Some(path) if self.design.resources.contains_key(path) => Some(path.to_string()),
            _ => {
                let message = format!(
                    "`{id}` names no resource created by an earlier call (resource ids are `@/` for the root or `@/full/path`)"
                );
                self.report(CALL_REFERENCE_MISSING, field_target(index, field), message);
                None
            }
        }
    }

    fn create_resource(&mut self, index: usize, p: &Map<String, Value>) {
        let parent_id = text(p, "parentId").unwrap_or_default();
        let part = text(p, "pathPart").unwrap_or_default();
        let Some(parent) = self.resource(index, "parentId", &parent_id) else { return };
        if part.is_empty() || part.contains('/') {
            let message = format!(
                "pathPart `{part}` is not one path part: API Gateway rejects an empty part, or one holding `/` (create nested resources one at a time)"
            );
            self.report(CALL_PARAMETER_INVALID, field_target(index, "pathPart"), message);
            return;
        }
        let child = path::child(&parent, &part);
        if let Some(problem) = path::key_problem(&child) {
            self.report(CALL_PARAMETER_INVALID, field_target(index, "pathPart"), problem);
            return;
        }
        if self.design.resources.contains_key(&child) {
            let message = format!(
                "another resource with the same parent already has the path part `{part}` ({child})"
            );
            self.report(DUPLICATE_SIBLING, field_target(index, "pathPart"), message);
            return;
        }
        self.calls.resources.insert(child.clone(), index);
        self.design.resources.insert(child, Default::default());
    }

    fn method_path(&mut self, index: usize, p: &Map<String, Value>) -> Option<(String, String)> {
        let resource_id = text(p, "resourceId").unwrap_or_default();
        let path = self.resource(index, "resourceId", &resource_id)?;
        Some((path, text(p, "httpMethod").unwrap_or_default()))
    }

    fn reference(
        &mut self,
        index: usize,
        field: &'static str,
        kind: &'static str,
        prefix: &str,
        id: &str,
    ) -> String {
        let name = id.strip_prefix(prefix).unwrap_or(id).to_string();
        self.deferred.push(Deferred { index, field, kind, name: name.clone() });
        name
    }

    fn put_method(&mut self, index: usize, p: &Map<String, Value>) {
        let Some((path, verb)) = self.method_path(index, p) else { return };
        if self.design.method(&path, &verb).is_some() {
            let message =
                format!("{verb} {path} already exists; a second PutMethod fails with 409");
            self.report(METHOD_ALREADY_EXISTS, field_target(index, "httpMethod"), message);
            return;
        }
        let authorizer = text(p, "authorizerId")
            .map(|id| self.reference(index, "authorizerId", "authorizer", "@authorizer:", &id));
        let request_validator = text(p, "requestValidatorId").map(|id| {
            self.reference(index, "requestValidatorId", "request validator", "@validator:", &id)
        });
        let request_models = str_map(p, "requestModels");
        for model in request_models.values() {
            self.deferred.push(Deferred {
                index,
                field: "requestModels",
                kind: "model",
                name: model.clone(),
            });
        }
        let method = Method {
            authorization_type: text(p, "authorizationType").unwrap_or_default(),
            authorizer,
            api_key_required: p.get("apiKeyRequired").and_then(Value::as_bool).unwrap_or(false),
            operation_name: text(p, "operationName"),
            request_parameters: bool_map(p, "requestParameters"),
            request_models,
            request_validator,
            authorization_scopes: str_list(p, "authorizationScopes"),
            method_responses: crate::map::Map::new(),
            integration: None,
            test_request: None,
        };
        self.calls.methods.insert((path.clone(), verb.clone()), index);
        if let Some(resource) = self.design.resources.get_mut(&path) {
            resource.methods.insert(verb, method);
        }
    }

    fn existing_method(
        &mut self,
        index: usize,
        p: &Map<String, Value>,
    ) -> Option<(String, String)> {
        let (path, verb) = self.method_path(index, p)?;
        if self.design.method(&path, &verb).is_none() {
            let message = format!(
                "{verb} {path} was not created by an earlier PutMethod (\"Invalid Method identifier specified\")"
            );
            self.report(CALL_REFERENCE_MISSING, field_target(index, "httpMethod"), message);
            return None;
        }
        Some((path, verb))
    }

    fn put_method_response(&mut self, index: usize, p: &Map<String, Value>) {
        let Some((path, verb)) = self.existing_method(index, p) else { return };
        let status = text(p, "statusCode").unwrap_or_default();
        let response_models = str_map(p, "responseModels");
        for model in response_models.values() {
            self.deferred.push(Deferred {
                index,
                field: "responseModels",
                kind: "model",
                name: model.clone(),
            });
        }
        let response = MethodResponse {
            response_parameters: bool_map(p, "responseParameters"),
            response_models,
        };
        self.calls.method_responses.insert((path.clone(), verb.clone(), status.clone()), index);
        if let Some(method) = self.design.method_mut(&path, &verb) {
            method.method_responses.insert(status, response);
        }
    }

    fn put_integration(&mut self, index: usize, p: &Map<String, Value>) {
        let Some((path, verb)) = self.existing_method(index, p) else { return };
        let tls_config = p.get("tlsConfig").and_then(Value::as_object).map(|t| TlsConfig {
            insecure_skip_verification: t
                .get("insecureSkipVerification")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        });
        let integration = Integration {
            integration_type: text(p, "type").unwrap_or_default(),
            integration_http_method: text(p, "integrationHttpMethod"),
            uri: text(p, "uri"),
            connection_type: text(p, "connectionType"),
            connection_id: text(p, "connectionId"),
            credentials: text(p, "credentials"),
            request_parameters: str_map(p, "requestParameters"),
            request_templates: str_map(p, "requestTemplates"),
            passthrough_behavior: text(p, "passthroughBehavior"),
            cache_namespace: text(p, "cacheNamespace"),
            cache_key_parameters: str_list(p, "cacheKeyParameters"),
            content_handling: text(p, "contentHandling"),
            timeout_in_millis: p.get("timeoutInMillis").and_then(Value::as_i64),
            tls_config,
            response_transfer_mode: text(p, "responseTransferMode"),
            integration_target: text(p, "integrationTarget"),
            integration_responses: crate::map::Map::new(),
        };
        self.calls.integrations.insert((path.clone(), verb.clone()), index);
        if let Some(method) = self.design.method_mut(&path, &verb) {
            method.integration = Some(integration);
        }
    }

    fn put_integration_response(&mut self, index: usize, p: &Map<String, Value>) {
        let Some((path, verb)) = self.existing_method(index, p) else { return };
        let status = text(p, "statusCode").unwrap_or_default();
        let response = IntegrationResponse {
            selection_pattern: text(p, "selectionPattern"),
            response_parameters: str_map(p, "responseParameters"),
            response_templates: str_map(p, "responseTemplates"),
            content_handling: text(p, "contentHandling"),
        };
        let has_integration =
            self.design.method(&path, &verb).is_some_and(|m| m.integration.is_some());
        if !has_integration {
            let message = format!(
                "{verb} {path} has no integration yet (\"No integration defined for method\")"
            );
            self.report(CALL_REFERENCE_MISSING, field_target(index, "httpMethod"), message);
            return;
        }
        self.calls
            .integration_responses
            .insert((path.clone(), verb.clone(), status.clone()), index);
        if let Some(integration) =
            self.design.method_mut(&path, &verb).and_then(|m| m.integration.as_mut())
        {
            integration.integration_responses.insert(status, response);
        }
    }

    /// References to authorizers, validators and models created only by a later call.
    /// (References to things never created are left to `validate`'s unknown-* rules.)
    fn finish(&mut self) {
        for deferred in std::mem::take(&mut self.deferred) {
            let created = match deferred.kind {
                "authorizer" => self.calls.authorizers.get(&deferred.name),
                "request validator" => self.calls.validators.get(&deferred.name),
                _ => self.calls.models.get(&deferred.name),
            };
            if let Some(&created) = created.filter(|&&created| created > deferred.index) {
                let message = format!(
                    "the {} `{}` is used here but created only later, by call {created}",
                    deferred.kind, deferred.name
                );
                self.report(
                    CALL_REFERENCE_MISSING,
                    field_target(deferred.index, deferred.field),
                    message,
                );
            }
        }
    }
}

/// A target naming one parameter of a call.
fn field_target(index: usize, field: &'static str) -> Target {
    Target::key(Owner::Call { index }, Field::Params, field)
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number with a fraction",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

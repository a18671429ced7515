//! OpenAPI 2.0 (Swagger) and 3.0.x with API Gateway's `x-amazon-apigateway-*` extensions:
//! import into a design ([`import`]) and export in the shape AWS's own export uses ([`export`]).
//!
//! Mapping: paths are the resource tree; operations are methods (`x-amazon-apigateway-any-method`
//! is ANY); parameters are method request parameters; responses and their headers are method
//! responses; schemas are models, with `$ref`s between them resolved by inlining;
//! `x-amazon-apigateway-integration` is the integration, its `responses` keyed by selection
//! pattern (`default` for none). Security schemes with `x-amazon-apigateway-authorizer` are
//! authorizers; an `apiKey` scheme without it means "API key required"; `awsSigv4` is AWS_IAM.
//!
//! Whatever the design cannot carry is reported as `import-field-ignored`, by JSON pointer.

use crate::diagnostic::{Diagnostic, Owner, Target, pointer};
use crate::document::LoadError;
use crate::model::*;
use crate::rules::{self, IMPORT_FIELD_IGNORED};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};

const EXT: &str = "x-amazon-apigateway-";
const VERBS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];
const ANY: &str = "x-amazon-apigateway-any-method";

/// Whether a value is an OpenAPI document: `"2.0"` or `"3.x"`.
pub fn detect(value: &Value) -> Option<String> {
    if let Some(v) = value.get("openapi").and_then(Value::as_str) {
        return Some(v.to_string());
    }
    value.get("swagger").and_then(Value::as_str).map(str::to_string)
}

/// Parses JSON, or else YAML, into a JSON value; errors carry line and column.
pub fn parse_text(text: &str) -> Result<Value, LoadError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return serde_json::from_str(text).map_err(|e| LoadError::json(&e));
    }
    crate::yaml::parse(text)
}

/// Which part of the document each resource and method came from, for diagnostics.
#[derive(Debug, Default)]
pub struct PathIndex {
    paths: BTreeMap<String, String>,
}

impl PathIndex {
    pub fn pointer(&self, target: &Target) -> String {
        if target.field == Some("openapi") {
            return target.key.clone().unwrap_or_default();
        }
        let Some(path) = target.owner.resource_path() else { return String::new() };
        let key = self.paths.get(path).cloned().unwrap_or_else(|| path.to_string());
        let mut tokens = vec!["paths".to_string(), key];
        if let Some((_, verb)) = target.owner.method_key() {
            tokens.push(if verb == "ANY" { ANY.into() } else { verb.to_ascii_lowercase() });
            if matches!(target.owner, Owner::Integration { .. } | Owner::IntegrationResponse { .. })
            {
                tokens.push(format!("{EXT}integration"));
            }
            if let Owner::MethodResponse { status, .. } = &target.owner {
                tokens.extend(["responses".to_string(), status.clone()]);
            }
        }
        pointer(&tokens)
    }
}

struct Reader<'a> {
    root: &'a Value,
    v3: bool,
    out: Vec<Diagnostic>,
    /// Documentation-only fields met, by name, with a count: reported once each.
    docs: BTreeMap<String, usize>,
}

impl<'a> Reader<'a> {
    fn warn(&mut self, at: &[&str], message: String) {
        rules::sequence(IMPORT_FIELD_IGNORED, &mut self.out)
            .report(Target::key(Owner::Api, "openapi", pointer(at)), message);
    }

    /// Follows a local `$ref` (`#/components/…`, `#/definitions/…`, `#/parameters/…`).
    fn resolve(&self, value: &'a Value) -> &'a Value {
        let mut current = value;
        for _ in 0..16 {
            let Some(reference) = current.get("$ref").and_then(Value::as_str) else { break };
            match reference.strip_prefix('#').and_then(|p| self.root.pointer(p)) {
                Some(target) => current = target,
                None => break,
            }
        }
        current
    }

    fn note_docs(&mut self, object: &Map<String, Value>, keys: &[&str]) {
        for key in keys {
            if object.contains_key(*key) {
                *self.docs.entry((*key).to_string()).or_default() += 1;
            }
        }
    }
}

/// The model a schema names: `#/components/schemas/Pet` or `#/definitions/Pet` → `Pet`.
fn model_ref(schema: &Value) -> Option<String> {
    let r = schema.get("$ref")?.as_str()?;
    r.strip_prefix("#/components/schemas/")
        .or_else(|| r.strip_prefix("#/definitions/"))
        .or_else(|| r.rsplit_once("/models/").map(|(_, name)| name))
        .map(str::to_string)
}

fn text(o: &Value, key: &str) -> Option<String> {
    o.get(key).and_then(Value::as_str).map(str::to_string)
}

fn str_map(o: &Value, key: &str) -> crate::map::Map<String, String> {
    o.get(key)
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect())
        .unwrap_or_default()
}

fn str_list(o: &Value, key: &str) -> Vec<String> {
    o.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// Inlines every `$ref` to another schema, so each model stands alone (API Gateway models
/// cannot refer to each other before they exist). A cycle keeps its `$ref`, with a warning.
fn inline(
    reader: &Reader,
    schema: &Value,
    seen: &mut Vec<String>,
    cycles: &mut BTreeSet<String>,
) -> Value {
    match schema {
        Value::Object(map) => {
            if let Some(name) = model_ref(schema) {
                if seen.contains(&name) {
                    cycles.insert(name);
                    return schema.clone();
                }
                let target = reader.resolve(schema);
                if target.get("$ref").is_none() {
                    seen.push(name);
                    let inlined = inline(reader, target, seen, cycles);
                    seen.pop();
                    return inlined;
                }
                return schema.clone();
            }
            Value::Object(
                map.iter().map(|(k, v)| (k.clone(), inline(reader, v, seen, cycles))).collect(),
            )
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| inline(reader, v, seen, cycles)).collect())
        }
        other => other.clone(),
    }
}

/// Builds the design an OpenAPI document describes.
pub fn import(value: &Value) -> Result<(Design, Vec<Diagnostic>, PathIndex), LoadError> {
    let version = detect(value).ok_or_else(|| LoadError::new("not an OpenAPI document"))?;
    let v3 = version.starts_with('3');
    if !v3 && version != "2.0" {
        return Err(LoadError::new(format!(
            "OpenAPI version `{version}` is not supported; apigw reads 2.0 (Swagger) and 3.0.x"
        )));
    }
    let mut r = Reader { root: value, v3, out: Vec::new(), docs: BTreeMap::new() };
    let mut design =
        Design::named(value.pointer("/info/title").and_then(Value::as_str).unwrap_or("Imported"));
    design.api.description =
        value.pointer("/info/description").and_then(Value::as_str).map(str::to_string);
    design.api.endpoint_type = "EDGE".into();

    // Top-level keys: what the design carries, and what it does not.
    let mut default_validator = None;
    for (key, v) in value.as_object().into_iter().flatten() {
        match key.as_str() {
            "openapi"
            | "swagger"
            | "info"
            | "paths"
            | "components"
            | "definitions"
            | "securityDefinitions"
            | "produces"
            | "consumes"
            | "parameters"
            | "responses" => {}
            "servers" | "host" | "basePath" | "schemes" | "tags" | "externalDocs" | "security" => {
                if key == "security" {
                    r.warn(
                        &["security"],
                        "API-wide `security` is not applied; set authorization per method".into(),
                    );
                } else {
                    *r.docs.entry(key.clone()).or_default() += 1;
                }
            }
            "x-amazon-apigateway-api-key-source" => {
                design.api.api_key_source = v.as_str().map(str::to_string)
            }
            "x-amazon-apigateway-binary-media-types" => {
                design.api.binary_media_types = v
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            }
            "x-amazon-apigateway-endpoint-configuration" => {
                if let Some(t) = v.pointer("/types/0").and_then(Value::as_str) {
                    design.api.endpoint_type = t.to_string();
                }
                for k in v.as_object().into_iter().flatten().map(|(k, _)| k) {
                    if k != "types" {
                        r.warn(
                            &[key, k],
                            format!("`{key}.{k}` is not part of a design and was not imported"),
                        );
                    }
                }
            }
            "x-amazon-apigateway-request-validators" => {
                for (name, rv) in v.as_object().into_iter().flatten() {
                    let flag = |k: &str| rv.get(k).and_then(Value::as_bool).unwrap_or(false);
                    design.request_validators.insert(
                        name.clone(),
                        RequestValidator {
                            validate_request_body: flag("validateRequestBody"),
                            validate_request_parameters: flag("validateRequestParameters"),
                        },
                    );
                }
            }
            "x-amazon-apigateway-request-validator" => {
                default_validator = v.as_str().map(str::to_string)
            }
            other => {
                r.warn(&[other], format!("`{other}` is not part of a design and was not imported"))
            }
        }
    }

    // Models.
    let schemas = if v3 { value.pointer("/components/schemas") } else { value.get("definitions") };
    let mut cycles = BTreeSet::new();
    for (name, schema) in schemas.and_then(Value::as_object).into_iter().flatten() {
        let inlined = inline(&r, schema, &mut vec![name.clone()], &mut cycles);
        design.models.insert(
            name.clone(),
            Model {
                content_type: "application/json".into(),
                description: None,
                schema: serde_json::to_string_pretty(&inlined).unwrap_or_default(),
            },
        );
    }
    for name in cycles {
        r.warn(
            &[if v3 { "components" } else { "definitions" }, name.as_str()],
            format!("model `{name}` refers to itself; that `$ref` was kept and API Gateway may reject it"),
        );
    }
    if v3 {
        for (key, _) in value.get("components").and_then(Value::as_object).into_iter().flatten() {
            if !matches!(
                key.as_str(),
                "schemas"
                    | "securitySchemes"
                    | "parameters"
                    | "responses"
                    | "headers"
                    | "requestBodies"
            ) {
                r.warn(
                    &["components", key],
                    format!("`components.{key}` is not part of a design and was not imported"),
                );
            }
        }
    }

    // Security schemes: authorizers, API keys, IAM.
    let schemes_at = if v3 { "/components/securitySchemes" } else { "/securityDefinitions" };
    let mut schemes: BTreeMap<String, SchemeKind> = BTreeMap::new();
    for (name, scheme) in value.pointer(schemes_at).and_then(Value::as_object).into_iter().flatten()
    {
        let authtype =
            text(scheme, "x-amazon-apigateway-authtype").unwrap_or_default().to_ascii_lowercase();
        if let Some(a) = scheme.get("x-amazon-apigateway-authorizer") {
            let kind = text(a, "type").unwrap_or_else(|| "token".into()).to_ascii_uppercase();
            let identity = text(a, "identitySource").or_else(|| {
                (kind == "TOKEN" || kind == "COGNITO_USER_POOLS").then(|| {
                    format!(
                        "method.request.header.{}",
                        text(scheme, "name").unwrap_or_else(|| "Authorization".into())
                    )
                })
            });
            design.authorizers.insert(
                name.clone(),
                Authorizer {
                    authorizer_type: kind.clone(),
                    provider_arns: str_list(a, "providerARNs"),
                    // The scheme's authtype is implied by the authorizer type; keep only others.
                    auth_type: (!authtype.is_empty()
                        && authtype != "custom"
                        && authtype != "cognito_user_pools")
                        .then(|| authtype.clone()),
                    authorizer_uri: text(a, "authorizerUri"),
                    authorizer_credentials: text(a, "authorizerCredentials"),
                    identity_source: identity,
                    identity_validation_expression: text(a, "identityValidationExpression"),
                    authorizer_result_ttl_in_seconds: a
                        .get("authorizerResultTtlInSeconds")
                        .and_then(Value::as_i64),
                },
            );
            let t = if kind == "COGNITO_USER_POOLS" { "COGNITO_USER_POOLS" } else { "CUSTOM" };
            schemes.insert(name.clone(), SchemeKind::Authorizer(t));
        } else if authtype == "awssigv4" {
            schemes.insert(name.clone(), SchemeKind::Iam);
        } else if text(scheme, "type").as_deref() == Some("apiKey") {
            schemes.insert(name.clone(), SchemeKind::ApiKey);
        } else {
            r.warn(
                &[schemes_at.trim_start_matches('/').split('/').next().unwrap_or(""), name],
                format!("security scheme `{name}` is neither an API Gateway authorizer, an API key nor AWS_IAM, and was not imported"),
            );
        }
    }

    // Paths and operations.
    let mut index = PathIndex::default();
    let global_produces = str_list(value, "produces");
    let global_consumes = str_list(value, "consumes");
    for (key, item) in value.get("paths").and_then(Value::as_object).into_iter().flatten() {
        let path = if key.len() > 1 { key.trim_end_matches('/').to_string() } else { key.clone() };
        if !path.starts_with('/') {
            r.warn(&["paths", key], format!("`{key}` is not a path; skipped"));
            continue;
        }
        index.paths.insert(path.clone(), key.clone());
        design.resources.entry(path.clone()).or_default();
        let item = r.resolve(item);
        let shared: Vec<&Value> =
            item.get("parameters").and_then(Value::as_array).into_iter().flatten().collect();
        for (op_key, op) in item.as_object().into_iter().flatten() {
            let verb = if op_key == ANY {
                "ANY".to_string()
            } else if VERBS.contains(&op_key.as_str()) {
                op_key.to_ascii_uppercase()
            } else {
                if !matches!(op_key.as_str(), "parameters" | "summary" | "description") {
                    r.warn(&["paths", key, op_key], format!("`{op_key}` under {key} is not an operation API Gateway supports; skipped"));
                }
                continue;
            };
            let method = operation(
                &mut r,
                &design,
                &schemes,
                key,
                op_key,
                op,
                &shared,
                default_validator.as_deref(),
                &global_produces,
                &global_consumes,
            );
            design.resources.entry(path.clone()).or_default().methods.insert(verb, method);
        }
    }
    let docs = std::mem::take(&mut r.docs);
    if !docs.is_empty() {
        let list: Vec<String> = docs.iter().map(|(k, n)| format!("{k} ({n})")).collect();
        r.warn(
            &[],
            format!(
                "documentation fields are not part of a design and were not imported: {}",
                list.join(", ")
            ),
        );
    }
    design.fill_ancestors();
    Ok((design, r.out, index))
}

#[derive(Clone, Copy)]
enum SchemeKind {
    Authorizer(&'static str),
    ApiKey,
    Iam,
}

#[allow(clippy::too_many_arguments)]
fn operation<'a>(
    r: &mut Reader<'a>,
    design: &Design,
    schemes: &BTreeMap<String, SchemeKind>,
    key: &str,
    op_key: &str,
    op: &'a Value,
    shared: &[&'a Value],
    default_validator: Option<&str>,
    global_produces: &[String],
    global_consumes: &[String],
) -> Method {
    let mut m = Method { authorization_type: "NONE".into(), ..Method::default() };
    let Some(o) = op.as_object() else { return m };
    r.note_docs(o, &["summary", "description", "tags", "externalDocs", "deprecated"]);
    m.operation_name = text(op, "operationId");
    m.request_validator = text(op, "x-amazon-apigateway-request-validator")
        .or_else(|| default_validator.map(str::to_string))
        .filter(|v| design.request_validators.contains_key(v) || !v.is_empty());
    let produces = {
        let p = str_list(op, "produces");
        if p.is_empty() { global_produces.to_vec() } else { p }
    };
    let consumes = {
        let c = str_list(op, "consumes");
        if c.is_empty() { global_consumes.to_vec() } else { c }
    };

    // Parameters: the operation's override the path item's by (name, in).
    let mut params: Vec<&Value> = shared.iter().map(|p| r.resolve(p)).collect();
    for p in op.get("parameters").and_then(Value::as_array).into_iter().flatten() {
        let p = r.resolve(p);
        params.retain(|q| !(q.get("name") == p.get("name") && q.get("in") == p.get("in")));
        params.push(p);
    }
    for (i, p) in params.iter().enumerate() {
        let name = text(p, "name").unwrap_or_default();
        let place = text(p, "in").unwrap_or_default();
        let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
        let location = match place.as_str() {
            "path" => "path",
            "query" => "querystring",
            "header" => "header",
            "body" => {
                let schema = p.get("schema").cloned().unwrap_or(Value::Null);
                match model_ref(&schema) {
                    Some(model) => {
                        for ct in if consumes.is_empty() { vec!["application/json".to_string()] } else { consumes.clone() } {
                            m.request_models.insert(ct, model.clone());
                        }
                    }
                    None => r.warn(&["paths", key, op_key, "parameters", &i.to_string(), "schema"], "an inline body schema is not a model; reference a definition to import it as one".into()),
                }
                continue;
            }
            other => {
                r.warn(&["paths", key, op_key, "parameters", &i.to_string()], format!("a parameter in `{other}` has no API Gateway equivalent; `{name}` was not imported"));
                continue;
            }
        };
        m.request_parameters
            .insert(format!("method.request.{location}.{name}"), required || place == "path");
    }
    if let Some(body) = op.get("requestBody") {
        let body = r.resolve(body);
        for (ct, media) in body.get("content").and_then(Value::as_object).into_iter().flatten() {
            match media.get("schema").and_then(model_ref) {
                Some(model) => {
                    m.request_models.insert(ct.clone(), model);
                }
                None => r.warn(&["paths", key, op_key, "requestBody", "content", ct], format!("the inline `{ct}` request schema is not a model; reference a component schema to import it as one")),
            }
        }
    }

    // Security.
    if let Some(list) = op.get("security").and_then(Value::as_array) {
        for requirement in list {
            for (scheme, scopes) in requirement.as_object().into_iter().flatten() {
                match schemes.get(scheme) {
                    Some(SchemeKind::Authorizer(kind)) => {
                        m.authorization_type = (*kind).to_string();
                        m.authorizer = Some(scheme.clone());
                        m.authorization_scopes = scopes
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|s| s.as_str().map(str::to_string))
                            .collect();
                    }
                    Some(SchemeKind::ApiKey) => m.api_key_required = true,
                    Some(SchemeKind::Iam) => m.authorization_type = "AWS_IAM".into(),
                    None => r.warn(
                        &["paths", key, op_key, "security"],
                        format!("security scheme `{scheme}` is not defined; ignored"),
                    ),
                }
            }
        }
    }
    if let Some(auth) = op.get("x-amazon-apigateway-auth") {
        if let Some(t) = text(auth, "type") {
            m.authorization_type = t.to_ascii_uppercase();
        }
    }

    // Responses.
    for (status, response) in op.get("responses").and_then(Value::as_object).into_iter().flatten() {
        if status.len() != 3 || !status.chars().all(|c| c.is_ascii_digit()) {
            r.warn(&["paths", key, op_key, "responses", status], format!("response `{status}` is not a status code; API Gateway method responses need one"));
            continue;
        }
        let response = r.resolve(response);
        let mut out = MethodResponse::default();
        for (header, h) in response.get("headers").and_then(Value::as_object).into_iter().flatten()
        {
            let required = r.resolve(h).get("required").and_then(Value::as_bool).unwrap_or(false);
            out.response_parameters.insert(format!("method.response.header.{header}"), required);
        }
        if r.v3 {
            for (ct, media) in
                response.get("content").and_then(Value::as_object).into_iter().flatten()
            {
                if let Some(model) = media.get("schema").and_then(model_ref) {
                    out.response_models.insert(ct.clone(), model);
                }
            }
        } else if let Some(model) = response.get("schema").and_then(model_ref) {
            for ct in if produces.is_empty() {
                vec!["application/json".to_string()]
            } else {
                produces.clone()
            } {
                out.response_models.insert(ct, model.clone());
            }
        }
        m.method_responses.insert(status.clone(), out);
    }

    if let Some(i) = op.get("x-amazon-apigateway-integration") {
        m.integration =
            Some(integration(r, &["paths", key, op_key, "x-amazon-apigateway-integration"], i));
    }
    for k in o.keys() {
        if k.starts_with(EXT)
            && !matches!(
                k.as_str(),
                "x-amazon-apigateway-integration"
                    | "x-amazon-apigateway-request-validator"
                    | "x-amazon-apigateway-auth"
            )
        {
            r.warn(
                &["paths", key, op_key, k],
                format!("`{k}` on an operation is not part of a design and was not imported"),
            );
        }
        if matches!(k.as_str(), "callbacks" | "servers") {
            r.warn(
                &["paths", key, op_key, k],
                format!("`{k}` has no API Gateway equivalent and was not imported"),
            );
        }
    }
    m
}

const INTEGRATION_KEYS: &[&str] = &[
    "type",
    "httpMethod",
    "uri",
    "connectionType",
    "connectionId",
    "credentials",
    "requestParameters",
    "requestTemplates",
    "passthroughBehavior",
    "contentHandling",
    "timeoutInMillis",
    "cacheNamespace",
    "cacheKeyParameters",
    "tlsConfig",
    "responseTransferMode",
    "integrationTarget",
    "responses",
];

fn integration(r: &mut Reader, at: &[&str], i: &Value) -> Integration {
    for k in i.as_object().into_iter().flatten().map(|(k, _)| k) {
        if !INTEGRATION_KEYS.contains(&k.as_str()) {
            let mut here = at.to_vec();
            here.push(k);
            r.warn(&here, format!("`{k}` in x-amazon-apigateway-integration is not part of a design and was not imported"));
        }
    }
    let upper = |k: &str| text(i, k).map(|s| s.to_ascii_uppercase());
    let mut out = Integration {
        integration_type: upper("type").unwrap_or_default(),
        integration_http_method: text(i, "httpMethod"),
        uri: text(i, "uri"),
        connection_type: upper("connectionType"),
        connection_id: text(i, "connectionId"),
        credentials: text(i, "credentials"),
        request_parameters: str_map(i, "requestParameters"),
        request_templates: str_map(i, "requestTemplates"),
        passthrough_behavior: upper("passthroughBehavior"),
        cache_namespace: text(i, "cacheNamespace"),
        cache_key_parameters: str_list(i, "cacheKeyParameters"),
        content_handling: upper("contentHandling"),
        timeout_in_millis: i
            .get("timeoutInMillis")
            .and_then(|t| t.as_i64().or_else(|| t.as_str()?.parse().ok())),
        tls_config: i.get("tlsConfig").map(|t| TlsConfig {
            insecure_skip_verification: t
                .get("insecureSkipVerification")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        }),
        response_transfer_mode: upper("responseTransferMode"),
        integration_target: text(i, "integrationTarget"),
        integration_responses: crate::map::Map::new(),
    };
    for (pattern, response) in i.get("responses").and_then(Value::as_object).into_iter().flatten() {
        let Some(status) = text(response, "statusCode")
            .or_else(|| response.get("statusCode").and_then(Value::as_i64).map(|n| n.to_string()))
        else {
            let mut here = at.to_vec();
            here.extend(["responses", pattern]);
            r.warn(&here, format!("integration response `{pattern}` has no statusCode; skipped"));
            continue;
        };
        out.integration_responses.insert(
            status,
            IntegrationResponse {
                selection_pattern: (pattern != "default").then(|| pattern.clone()),
                response_parameters: str_map(response, "responseParameters"),
                response_templates: str_map(response, "responseTemplates"),
                content_handling: text(response, "contentHandling").map(|s| s.to_ascii_uppercase()),
            },
        );
    }
    out
}

/// The OpenAPI 3.0 document of a design, with API Gateway's extensions, in the shape of AWS's
/// own export (`get-export --export-type oas30 --parameters extensions=apigateway`).
pub fn export(design: &Design) -> String {
    let mut doc = Map::new();
    doc.insert("openapi".into(), json!("3.0.1"));
    let mut info = Map::new();
    info.insert("title".into(), json!(design.api.name));
    if let Some(d) = &design.api.description {
        info.insert("description".into(), json!(d));
    }
    info.insert("version".into(), json!("1.0"));
    doc.insert("info".into(), Value::Object(info));

    let mut paths = Map::new();
    for (path, resource) in &design.resources {
        let mut item = Map::new();
        for (verb, m) in &resource.methods {
            let key = if verb == "ANY" { ANY.to_string() } else { verb.to_ascii_lowercase() };
            item.insert(key, export_method(design, path, m));
        }
        if !item.is_empty() || path == "/" || !design.has_descendants(path) {
            paths.insert(path.clone(), Value::Object(item));
        }
    }
    doc.insert("paths".into(), Value::Object(paths));

    let mut components = Map::new();
    if !design.models.is_empty() {
        let mut schemas = Map::new();
        for (name, model) in &design.models {
            let schema = serde_json::from_str::<Value>(&model.schema).unwrap_or_else(|_| json!({}));
            schemas.insert(name.clone(), schema);
        }
        components.insert("schemas".into(), Value::Object(schemas));
    }
    let mut schemes = Map::new();
    if design.resources.values().flat_map(|r| r.methods.values()).any(|m| m.api_key_required) {
        schemes.insert(
            "api_key".into(),
            json!({"type": "apiKey", "name": "x-api-key", "in": "header"}),
        );
    }
    if design
        .resources
        .values()
        .flat_map(|r| r.methods.values())
        .any(|m| m.authorization_type == "AWS_IAM")
    {
        schemes.insert("sigv4".into(), json!({"type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4"}));
    }
    for (name, a) in &design.authorizers {
        let header = a
            .identity_source
            .as_deref()
            .and_then(|s| s.split(',').next())
            .and_then(|s| s.trim().strip_prefix("method.request.header."))
            .unwrap_or("Authorization");
        let mut auth = Map::new();
        auth.insert("type".into(), json!(a.authorizer_type.to_ascii_lowercase()));
        let mut put = |k: &str, v: &Option<String>| {
            if let Some(v) = v {
                auth.insert(k.into(), json!(v));
            }
        };
        put("authorizerUri", &a.authorizer_uri);
        put("authorizerCredentials", &a.authorizer_credentials);
        put("identitySource", &a.identity_source);
        put("identityValidationExpression", &a.identity_validation_expression);
        if !a.provider_arns.is_empty() {
            auth.insert("providerARNs".into(), json!(a.provider_arns));
        }
        if let Some(ttl) = a.authorizer_result_ttl_in_seconds {
            auth.insert("authorizerResultTtlInSeconds".into(), json!(ttl));
        }
        let authtype = a.auth_type.clone().unwrap_or_else(|| {
            if a.authorizer_type == "COGNITO_USER_POOLS" {
                "cognito_user_pools".into()
            } else {
                "custom".into()
            }
        });
        schemes.insert(
            name.clone(),
            json!({"type": "apiKey", "name": header, "in": "header", "x-amazon-apigateway-authtype": authtype, "x-amazon-apigateway-authorizer": auth}),
        );
    }
    if !schemes.is_empty() {
        components.insert("securitySchemes".into(), Value::Object(schemes));
    }
    if !components.is_empty() {
        doc.insert("components".into(), Value::Object(components));
    }
    if let Some(source) = &design.api.api_key_source {
        doc.insert("x-amazon-apigateway-api-key-source".into(), json!(source));
    }
    if !design.api.binary_media_types.is_empty() {
        doc.insert(
            "x-amazon-apigateway-binary-media-types".into(),
            json!(design.api.binary_media_types),
        );
    }
    doc.insert(
        "x-amazon-apigateway-endpoint-configuration".into(),
        json!({"types": [design.api.endpoint_type]}),
    );
    if !design.request_validators.is_empty() {
        let validators: Map<String, Value> = design
            .request_validators
            .iter()
            .map(|(n, v)| (n.clone(), json!({"validateRequestBody": v.validate_request_body, "validateRequestParameters": v.validate_request_parameters})))
            .collect();
        doc.insert("x-amazon-apigateway-request-validators".into(), Value::Object(validators));
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    text.push('\n');
    text
}

fn schema_ref(model: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{model}") })
}

fn export_method(design: &Design, _path: &str, m: &Method) -> Value {
    let mut op = Map::new();
    if let Some(name) = &m.operation_name {
        op.insert("operationId".into(), json!(name));
    }
    let mut params = Vec::new();
    for (key, required) in &m.request_parameters {
        let Some(rest) = key.strip_prefix("method.request.") else { continue };
        let Some((place, name)) = rest.split_once('.') else { continue };
        let place = match place {
            "path" => "path",
            "querystring" => "query",
            "header" => "header",
            _ => continue,
        };
        let mut p = json!({"name": name, "in": place, "schema": {"type": "string"}});
        if *required || place == "path" {
            p["required"] = json!(true);
        }
        params.push(p);
    }
    if !params.is_empty() {
        op.insert("parameters".into(), Value::Array(params));
    }
    if !m.request_models.is_empty() {
        let content: Map<String, Value> = m
            .request_models
            .iter()
            .map(|(ct, model)| (ct.clone(), json!({"schema": schema_ref(model)})))
            .collect();
        op.insert("requestBody".into(), json!({"content": content, "required": true}));
    }
    let mut responses = Map::new();
    for (status, r) in &m.method_responses {
        let mut out = Map::new();
        out.insert("description".into(), json!(format!("{status} response")));
        let headers: Map<String, Value> = r
            .response_parameters
            .iter()
            .filter_map(|(k, required)| {
                Some((k.strip_prefix("method.response.header.")?, *required))
            })
            .map(|(h, required)| {
                let mut header = json!({"schema": {"type": "string"}});
                if required {
                    header["required"] = json!(true);
                }
                (h.to_string(), header)
            })
            .collect();
        if !headers.is_empty() {
            out.insert("headers".into(), Value::Object(headers));
        }
        if !r.response_models.is_empty() {
            let content: Map<String, Value> = r
                .response_models
                .iter()
                .map(|(ct, model)| (ct.clone(), json!({"schema": schema_ref(model)})))
                .collect();
            out.insert("content".into(), Value::Object(content));
        }
        responses.insert(status.clone(), Value::Object(out));
    }
    op.insert("responses".into(), Value::Object(responses));
    let mut security = Vec::new();
    match m.authorization_type.as_str() {
        "CUSTOM" | "COGNITO_USER_POOLS" => {
            if let Some(a) = &m.authorizer {
                security.push(json!({ a.clone(): m.authorization_scopes }));
            }
        }
        "AWS_IAM" => security.push(json!({"sigv4": []})),
        _ => {}
    }
    if m.api_key_required {
        security.push(json!({"api_key": []}));
    }
    if !security.is_empty() {
        op.insert("security".into(), Value::Array(security));
    }
    if let Some(v) = &m.request_validator {
        if design.request_validators.contains_key(v) {
            op.insert("x-amazon-apigateway-request-validator".into(), json!(v));
        }
    }
    if let Some(i) = &m.integration {
        let mut out = Map::new();
        out.insert("type".into(), json!(i.integration_type.to_ascii_lowercase()));
        let mut put = |k: &str, v: &Option<String>| {
            if let Some(v) = v {
                out.insert(k.into(), json!(v));
            }
        };
        put("httpMethod", &i.integration_http_method);
        put("uri", &i.uri);
        put("connectionType", &i.connection_type);
        put("connectionId", &i.connection_id);
        put("credentials", &i.credentials);
        put("cacheNamespace", &i.cache_namespace);
        put("contentHandling", &i.content_handling);
        put("responseTransferMode", &i.response_transfer_mode);
        put("integrationTarget", &i.integration_target);
        if !i.integration_responses.is_empty() {
            let responses: Map<String, Value> = i
                .integration_responses
                .iter()
                .map(|(status, r)| {
                    let mut o = Map::new();
                    o.insert("statusCode".into(), json!(status));
                    if !r.response_parameters.is_empty() {
                        o.insert("responseParameters".into(), json!(r.response_parameters));
                    }
                    if !r.response_templates.is_empty() {
                        o.insert("responseTemplates".into(), json!(r.response_templates));
                    }
                    if let Some(c) = &r.content_handling {
                        o.insert("contentHandling".into(), json!(c));
                    }
                    (
                        r.selection_pattern.clone().unwrap_or_else(|| "default".into()),
                        Value::Object(o),
                    )
                })
                .collect();
            out.insert("responses".into(), Value::Object(responses));
        }
        if !i.request_parameters.is_empty() {
            out.insert("requestParameters".into(), json!(i.request_parameters));
        }
        if !i.request_templates.is_empty() {
            out.insert("requestTemplates".into(), json!(i.request_templates));
        }
        if let Some(p) = &i.passthrough_behavior {
            out.insert("passthroughBehavior".into(), json!(p.to_ascii_lowercase()));
        }
        if let Some(t) = i.timeout_in_millis {
            out.insert("timeoutInMillis".into(), json!(t));
        }
        if !i.cache_key_parameters.is_empty() {
            out.insert("cacheKeyParameters".into(), json!(i.cache_key_parameters));
        }
        if let Some(t) = &i.tls_config {
            out.insert(
                "tlsConfig".into(),
                json!({"insecureSkipVerification": t.insecure_skip_verification}),
            );
        }
        op.insert("x-amazon-apigateway-integration".into(), Value::Object(out));
    }
    Value::Object(op)
}

/// What the OpenAPI form cannot carry, so a round trip normalises it (the tests apply exactly
/// these, and the docs list them).
pub const NOT_CARRIED: &[&str] = &[
    "a path parameter declared as not required (OpenAPI path parameters always are)",
    "a request validator reference to a validator the design does not define",
    "model descriptions, model content types other than application/json, and the layout of a model's schema text (it is carried as JSON)",
    "a TOKEN or COGNITO authorizer without identitySource (it is read back from the scheme's header)",
    "resources with neither methods nor children of their own are kept only when they are leaves",
];

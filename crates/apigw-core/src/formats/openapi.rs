//! OpenAPI 2.0 (Swagger) and 3.0.x with API Gateway's `x-amazon-apigateway-*` extensions:
//! import into a design ([`import`]) and export in the shape AWS's own export uses ([`export`]).
//!
//! Mapping: paths are the resource tree; operations are methods (`x-amazon-apigateway-any-method`
//! is ANY); parameters are method request parameters; responses and their headers are method
//! responses; schemas are models, with `$ref`s between them resolved by inlining;
//! `x-amazon-apigateway-integration` is the integration, its `responses` keyed by selection
//! pattern (`default` for none). Security schemes with `x-amazon-apigateway-authorizer` are
//! authorizers; an `apiKey` scheme without it means "API key required"; `awsSigv4` is AWS_IAM.
//! `x-amazon-apigateway-gateway-responses` holds the gateway responses, by response type.
//!
//! Whatever the design cannot carry is reported as `import-field-ignored`, by JSON pointer.

use crate::diagnostic::{Diagnostic, Owner, Target, pointer};
use crate::document::LoadError;
use crate::formats::reading::Reader as Reading;
use crate::model::*;
use crate::schema::describe_value;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};

const EXT: &str = "x-amazon-apigateway-";
const VERBS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];
const ANY: &str = "x-amazon-apigateway-any-method";
const GATEWAY_RESPONSES: &str = "x-amazon-apigateway-gateway-responses";
/// The fields of an `x-amazon-apigateway-gateway-responses.gatewayResponse` object.
const GATEWAY_RESPONSE_KEYS: &[&str] = &["statusCode", "responseParameters", "responseTemplates"];

/// Whether a value is an OpenAPI document: `"2.0"` or `"3.x"`.
pub fn detect(value: &Value) -> Option<String> {
    if let Some(v) = value.get("openapi").and_then(Value::as_str) {
        return Some(v.to_string());
    }
    value.get("swagger").and_then(Value::as_str).map(str::to_string)
}

/// Parses JSON, or else YAML, into a JSON value; errors carry line and column.
pub fn parse_text(text: &str) -> Result<Value, LoadError> {
    crate::document::parse_value(text).map(|(value, _)| value)
}

/// Which part of the document each resource and method came from, for diagnostics.
#[derive(Debug, Default)]
pub struct PathIndex {
    paths: BTreeMap<String, String>,
}

impl PathIndex {
    pub fn pointer(&self, target: &Target) -> String {
        if let Owner::GatewayResponse { response_type } = &target.owner {
            let mut tokens = vec![GATEWAY_RESPONSES.to_string(), response_type.clone()];
            if let Some(field) = target.field {
                tokens.push(field.name().into());
                tokens.extend(target.key.clone());
            }
            return pointer(&tokens);
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
    read: Reading,
    /// Documentation-only fields met, by name, with a count: reported once each.
    docs: BTreeMap<String, usize>,
    /// Server fields (`host`, `basePath`, `schemes`, `servers`) met: reported once, together.
    servers: Vec<String>,
    /// `$ref`s that point nowhere, reported once each.
    broken: BTreeSet<String>,
    /// How many more values inlining `$ref`s into models may copy (against documents whose
    /// references multiply: a schema that refers twice to one that refers twice to …).
    inline_budget: usize,
}

/// What a model may grow to when its `$ref`s are inlined, in values, over the whole document.
const INLINE_BUDGET: usize = 2_000_000;

impl<'a> Reader<'a> {
    fn warn(&mut self, at: &[&str], message: String) {
        self.read.ignored(pointer(at), message);
    }

    /// Follows a local `$ref` (`#/components/…`, `#/definitions/…`, `#/parameters/…`). One that
    /// points outside the document or nowhere is reported (once) and kept as it is.
    fn resolve(&mut self, value: &'a Value, at: &[&str]) -> &'a Value {
        let mut current = value;
        for _ in 0..16 {
            let Some(reference) = current.get("$ref") else { break };
            let Some(text) = reference.as_str() else {
                self.warn(
                    &[at, &["$ref"]].concat(),
                    format!(
                        "`$ref` must be text, such as \"#/components/schemas/Pet\"; it is {}",
                        describe_value(reference)
                    ),
                );
                break;
            };
            match text.strip_prefix('#').and_then(|p| self.root.pointer(p)) {
                Some(target) => current = target,
                None => {
                    if self.broken.insert(text.to_string()) {
                        let why = if text.starts_with('#') {
                            "points to nothing in this document"
                        } else {
                            "points outside this document, which apigw does not follow"
                        };
                        self.warn(
                            &[at, &["$ref"]].concat(),
                            format!("`$ref` \"{text}\" {why}; what it refers to was not imported"),
                        );
                    }
                    break;
                }
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

/// An object's fields, or none for any other value.
fn fields(value: &Value) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    value.as_object().unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

/// Inlines every `$ref` to another schema, so each model stands alone (API Gateway models
/// cannot refer to each other before they exist). A cycle keeps its `$ref`, with a warning;
/// so does a reference once the document's inlining budget is spent.
fn inline(
    reader: &mut Reader,
    schema: &Value,
    seen: &mut Vec<String>,
    cycles: &mut BTreeSet<String>,
) -> Value {
    if reader.inline_budget == 0 {
        return schema.clone();
    }
    reader.inline_budget -= 1;
    match schema {
        Value::Object(map) => {
            if let Some(name) = model_ref(schema) {
                if seen.contains(&name) {
                    cycles.insert(name);
                    return schema.clone();
                }
                let root = reader.root;
                let target = match schema["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
                    Some(p) => root.pointer(p).unwrap_or(schema),
                    None => schema,
                };
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
        let at = if value.get("openapi").is_some() { "/openapi" } else { "/swagger" };
        return Err(LoadError::at(
            at,
            format!(
                "OpenAPI version `{version}` is not supported; apigw reads 2.0 (Swagger) and 3.0.x"
            ),
        ));
    }
    let mut r = Reader {
        root: value,
        v3,
        read: Reading::default(),
        docs: BTreeMap::new(),
        servers: Vec::new(),
        broken: BTreeSet::new(),
        inline_budget: INLINE_BUDGET,
    };
    let top = fields(value);
    let info = r.read.object(top, "info", "").cloned().unwrap_or_default();
    let mut design =
        Design::named(&r.read.text(&info, "title", "/info").unwrap_or("Imported".into()));
    design.api.description = r.read.text(&info, "description", "/info");
    for key in info.keys() {
        if !matches!(key.as_str(), "title" | "description") {
            *r.docs.entry(format!("info.{key}")).or_default() += 1;
        }
    }
    design.api.endpoint_type = "EDGE".into();

    // Top-level keys: what the design carries, and what it does not.
    let mut default_validator = None;
    for key in top.keys() {
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
            "host" | "basePath" | "schemes" | "servers" => r.servers.push(key.clone()),
            "tags" | "externalDocs" => *r.docs.entry(key.clone()).or_default() += 1,
            "security" => r.read.ignored_fix(
                "/security".into(),
                "API-wide `security` is not applied to the methods".into(),
                "Set each method's authorization (or use `security` on each operation); API Gateway's importer also reads it per operation.",
            ),
            "x-amazon-apigateway-api-key-source" => {
                design.api.api_key_source = r.read.text(top, key, "")
            }
            "x-amazon-apigateway-binary-media-types" => {
                design.api.binary_media_types = r.read.texts(top, key, "")
            }
            "x-amazon-apigateway-endpoint-configuration" => {
                let here = pointer(&[key]);
                if let Some(config) = r.read.object(top, key, "") {
                    let types = r.read.texts(config, "types", &here);
                    if let Some(t) = types.first() {
                        design.api.endpoint_type = t.clone();
                    }
                    if types.len() > 1 {
                        r.warn(&[key, "types", "1"], "API Gateway takes one endpoint type; only the first was imported".into());
                    }
                    r.read.unknown_keys(config, &here, &["types"], key);
                }
            }
            "x-amazon-apigateway-request-validators" => {
                let here = pointer(&[key]);
                for (name, rv) in r.read.object(top, key, "").into_iter().flatten() {
                    let at = crate::formats::reading::child(&here, name);
                    let what = format!("request validator `{name}`");
                    let Some(rv) = r.read.entry(rv, at.clone(), &what) else { continue };
                    let validator = RequestValidator {
                        validate_request_body: r.read.flag(rv, "validateRequestBody", &at).unwrap_or(false),
                        validate_request_parameters: r
                            .read
                            .flag(rv, "validateRequestParameters", &at)
                            .unwrap_or(false),
                    };
                    r.read.unknown_keys(rv, &at, &["validateRequestBody", "validateRequestParameters"], "a request validator");
                    design.request_validators.insert(name.clone(), validator);
                }
            }
            "x-amazon-apigateway-request-validator" => {
                default_validator = r.read.text(top, key, "")
            }
            GATEWAY_RESPONSES => {
                let here = pointer(&[key]);
                for (response_type, gr) in r.read.object(top, key, "").into_iter().flatten() {
                    let at = crate::formats::reading::child(&here, response_type);
                    let what = format!("gateway response `{response_type}`");
                    let Some(gr) = r.read.entry(gr, at.clone(), &what) else { continue };
                    let response = GatewayResponse {
                        status_code: r.read.text(gr, "statusCode", &at),
                        response_parameters: r.read.text_map(gr, "responseParameters", &at),
                        response_templates: r.read.text_map(gr, "responseTemplates", &at),
                    };
                    r.read.unknown_keys(gr, &at, GATEWAY_RESPONSE_KEYS, "a gateway response");
                    design.gateway_responses.insert(response_type.clone(), response);
                }
            }
            other => {
                let hint = crate::schema::suggest(other, TOP_EXTENSIONS)
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                r.warn(&[other], format!("`{other}` is not part of a design and was not imported{hint}"))
            }
        }
    }

    // Models.
    let (schemas_at, schemas) = if v3 {
        ("/components/schemas", value.pointer("/components/schemas"))
    } else {
        ("/definitions", value.get("definitions"))
    };
    let mut cycles = BTreeSet::new();
    if let Some(other) = schemas.filter(|s| !s.is_object()) {
        r.read.ignored(
            schemas_at.into(),
            format!(
                "`{}` must be an object of schemas; it is {}, so no model was imported",
                schemas_at.trim_start_matches('/'),
                describe_value(other)
            ),
        );
    }
    for (name, schema) in schemas.and_then(Value::as_object).into_iter().flatten() {
        let inlined = inline(&mut r, schema, &mut vec![name.clone()], &mut cycles);
        design.models.insert(
            name.clone(),
            Model {
                content_type: "application/json".into(),
                description: None,
                schema: serde_json::to_string_pretty(&inlined).unwrap_or_default(),
            },
        );
    }
    if r.inline_budget == 0 {
        r.read.ignored(schemas_at.into(), format!("the models' `$ref`s expand to more than {INLINE_BUDGET} values; the rest were kept as `$ref`s, which API Gateway may reject"));
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
        let at = crate::formats::reading::child(schemes_at, name);
        let scheme = fields(scheme);
        let authtype = r
            .read
            .text(scheme, "x-amazon-apigateway-authtype", &at)
            .unwrap_or_default()
            .to_ascii_lowercase();
        if let Some(a) = r.read.object(scheme, "x-amazon-apigateway-authorizer", &at) {
            let a_at = crate::formats::reading::child(&at, "x-amazon-apigateway-authorizer");
            r.read.unknown_keys(a, &a_at, AUTHORIZER_KEYS, "x-amazon-apigateway-authorizer");
            let kind = r
                .read
                .text(a, "type", &a_at)
                .unwrap_or_else(|| "token".into())
                .to_ascii_uppercase();
            let identity = r.read.text(a, "identitySource", &a_at).or_else(|| {
                (kind == "TOKEN" || kind == "COGNITO_USER_POOLS").then(|| {
                    format!(
                        "method.request.header.{}",
                        scheme.get("name").and_then(Value::as_str).unwrap_or("Authorization")
                    )
                })
            });
            let authorizer = Authorizer {
                authorizer_type: kind.clone(),
                provider_arns: r.read.texts(a, "providerARNs", &a_at),
                // The scheme's authtype is implied by the authorizer type; keep only others.
                auth_type: (!authtype.is_empty()
                    && authtype != "custom"
                    && authtype != "cognito_user_pools")
                    .then(|| authtype.clone()),
                authorizer_uri: r.read.text(a, "authorizerUri", &a_at),
                authorizer_credentials: r.read.text(a, "authorizerCredentials", &a_at),
                identity_source: identity,
                identity_validation_expression: r.read.text(
                    a,
                    "identityValidationExpression",
                    &a_at,
                ),
                authorizer_result_ttl_in_seconds: r.read.whole(
                    a,
                    "authorizerResultTtlInSeconds",
                    &a_at,
                ),
            };
            design.authorizers.insert(name.clone(), authorizer);
            let t = if kind == "COGNITO_USER_POOLS" { "COGNITO_USER_POOLS" } else { "CUSTOM" };
            schemes.insert(name.clone(), SchemeKind::Authorizer(t));
        } else if authtype == "awssigv4" {
            schemes.insert(name.clone(), SchemeKind::Iam);
        } else if scheme.get("type").and_then(Value::as_str) == Some("apiKey") {
            schemes.insert(name.clone(), SchemeKind::ApiKey);
        } else {
            r.read.ignored(
                at,
                format!("security scheme `{name}` is neither an API Gateway authorizer, an API key nor AWS_IAM, and was not imported"),
            );
        }
    }

    // Paths and operations.
    let mut index = PathIndex::default();
    let global_produces = r.read.texts(top, "produces", "");
    let global_consumes = r.read.texts(top, "consumes", "");
    let paths = r.read.object(top, "paths", "");
    for (key, item) in paths.into_iter().flatten() {
        let path = if key.len() > 1 { key.trim_end_matches('/').to_string() } else { key.clone() };
        if let Some(problem) = crate::path::key_problem(&path) {
            r.warn(&["paths", key], format!("{problem}; the path was skipped"));
            continue;
        }
        if let Some(first) = index.paths.get(&path).filter(|first| *first != key) {
            r.warn(&["paths", key], format!("`{key}` is the same resource as `{first}` (a trailing `/` does not make another); its operations were merged into it"));
        } else {
            index.paths.insert(path.clone(), key.clone());
        }
        design.resources.entry(path.clone()).or_default();
        let item = r.resolve(item, &["paths", key]);
        if !item.is_object() {
            r.warn(&["paths", key], format!("a path item must be an object of operations; it is {}, so nothing under `{key}` was imported", describe_value(item)));
            continue;
        }
        let shared: Vec<&Value> =
            item.get("parameters").and_then(Value::as_array).into_iter().flatten().collect();
        for (op_key, op) in fields(item) {
            let verb = if op_key == ANY {
                "ANY".to_string()
            } else if VERBS.contains(&op_key.as_str()) {
                op_key.to_ascii_uppercase()
            } else {
                match op_key.as_str() {
                    "parameters" => {}
                    "summary" | "description" => *r.docs.entry(op_key.clone()).or_default() += 1,
                    "trace" => r.warn(
                        &["paths", key, op_key],
                        "API Gateway has no TRACE method; skipped".into(),
                    ),
                    other => {
                        let hint = crate::schema::suggest(other, &[VERBS, &[ANY]].concat())
                            .map(|near| format!("; did you mean `{near}`?"))
                            .unwrap_or_default();
                        r.warn(&["paths", key, op_key], format!("`{other}` under {key} is not an operation API Gateway supports; skipped{hint}"));
                    }
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
    let servers = std::mem::take(&mut r.servers);
    if !servers.is_empty() {
        let list: Vec<String> = servers.iter().map(|k| format!("`{k}`")).collect();
        r.read.ignored_fix(
            pointer(&[servers[0].as_str()]),
            format!("{} describe where the API is served; a design does not carry them", list.join(", ")),
            "API Gateway gives the API its own address (https://{rest-api-id}.execute-api.{region}.amazonaws.com/{stage}); to serve it at your own host and base path, create a custom domain name and a base path mapping for the stage. Nothing needs to change in the design.",
        );
    }
    let docs = std::mem::take(&mut r.docs);
    if !docs.is_empty() {
        let list: Vec<String> = docs.iter().map(|(k, n)| format!("{k} ({n})")).collect();
        r.read.ignored_fix(
            String::new(),
            format!(
                "documentation fields are not part of a design and were not imported: {}",
                list.join(", ")
            ),
            "Nothing to fix for the API to work. API Gateway keeps documentation as documentation parts, apart from the methods; import the file with the console's or ImportDocumentationParts if you need them there.",
        );
    }
    design.fill_ancestors();
    Ok((design, r.read.out, index))
}

/// The API-level extensions the reader knows, for suggestions.
const TOP_EXTENSIONS: &[&str] = &[
    "x-amazon-apigateway-api-key-source",
    "x-amazon-apigateway-binary-media-types",
    "x-amazon-apigateway-endpoint-configuration",
    "x-amazon-apigateway-request-validators",
    "x-amazon-apigateway-request-validator",
    GATEWAY_RESPONSES,
];

const AUTHORIZER_KEYS: &[&str] = &[
    "type",
    "authorizerUri",
    "authorizerCredentials",
    "identitySource",
    "identityValidationExpression",
    "authorizerResultTtlInSeconds",
    "providerARNs",
];

/// The keys of an operation the reader knows (the rest are reported).
const OPERATION_KEYS: &[&str] = &[
    "operationId",
    "parameters",
    "requestBody",
    "responses",
    "security",
    "produces",
    "consumes",
    "summary",
    "description",
    "tags",
    "externalDocs",
    "deprecated",
    "x-amazon-apigateway-integration",
    "x-amazon-apigateway-request-validator",
    "x-amazon-apigateway-auth",
];

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
    let at = pointer(&["paths", key, op_key]);
    let Some(o) = op.as_object() else {
        r.warn(
            &["paths", key, op_key],
            format!(
                "an operation must be an object; it is {}, so the method was imported empty",
                describe_value(op)
            ),
        );
        return m;
    };
    r.note_docs(o, &["summary", "description", "tags", "externalDocs", "deprecated"]);
    for k in o.keys() {
        if OPERATION_KEYS.contains(&k.as_str()) {
            continue;
        }
        let message = if matches!(k.as_str(), "callbacks" | "servers") {
            format!("`{k}` has no API Gateway equivalent and was not imported")
        } else {
            let hint = crate::schema::suggest(k, OPERATION_KEYS)
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default();
            format!("`{k}` on an operation is not part of a design and was not imported{hint}")
        };
        r.warn(&["paths", key, op_key, k], message);
    }
    m.operation_name = r.read.text(o, "operationId", &at);
    m.request_validator = r
        .read
        .text(o, "x-amazon-apigateway-request-validator", &at)
        .or_else(|| default_validator.map(str::to_string))
        .filter(|v| design.request_validators.contains_key(v) || !v.is_empty());
    let produces = {
        let p = r.read.texts(o, "produces", &at);
        if p.is_empty() { global_produces.to_vec() } else { p }
    };
    let consumes = {
        let c = r.read.texts(o, "consumes", &at);
        if c.is_empty() { global_consumes.to_vec() } else { c }
    };

    // Parameters: the operation's override the path item's by (name, in).
    let mut params: Vec<(&Value, String)> = Vec::new();
    for (i, p) in shared.iter().enumerate() {
        let p = r.resolve(p, &["paths", key, "parameters", &i.to_string()]);
        params.push((p, pointer(&["paths", key, "parameters", &i.to_string()])));
    }
    if let Some(other) = o.get("parameters").filter(|p| !p.is_array() && !p.is_null()) {
        r.warn(
            &["paths", key, op_key, "parameters"],
            format!(
                "`parameters` must be a list; it is {}, so no parameter was imported",
                describe_value(other)
            ),
        );
    }
    for (i, p) in o.get("parameters").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let p = r.resolve(p, &["paths", key, op_key, "parameters", &i.to_string()]);
        params.retain(|(q, _)| !(q.get("name") == p.get("name") && q.get("in") == p.get("in")));
        params.push((p, pointer(&["paths", key, op_key, "parameters", &i.to_string()])));
    }
    for (p, p_at) in params {
        let p = fields(p);
        let name = r.read.text(p, "name", &p_at).unwrap_or_default();
        let place = r.read.text(p, "in", &p_at).unwrap_or_default();
        let required = r.read.flag(p, "required", &p_at).unwrap_or(false);
        if name.is_empty() && place != "body" {
            r.read.ignored(p_at, "a parameter without a `name` was not imported".into());
            continue;
        }
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
                    None => r.read.ignored(crate::formats::reading::child(&p_at, "schema"), "an inline body schema is not a model; reference a definition to import it as one".into()),
                }
                continue;
            }
            other => {
                r.read.ignored(p_at, format!("a parameter in `{other}` has no API Gateway equivalent; `{name}` was not imported"));
                continue;
            }
        };
        m.request_parameters
            .insert(format!("method.request.{location}.{name}"), required || place == "path");
    }
    if let Some(body) = o.get("requestBody") {
        let body = r.resolve(body, &["paths", key, op_key, "requestBody"]);
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
    if let Some(list) = o.get("security") {
        if !list.is_array() {
            r.warn(
                &["paths", key, op_key, "security"],
                format!(
                    "`security` must be a list of requirements; it is {}, so it was not imported",
                    describe_value(list)
                ),
            );
        }
        for requirement in list.as_array().into_iter().flatten() {
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
    if let Some(auth) = r.read.object(o, "x-amazon-apigateway-auth", &at) {
        let auth_at = crate::formats::reading::child(&at, "x-amazon-apigateway-auth");
        if let Some(t) = r.read.text(auth, "type", &auth_at) {
            m.authorization_type = t.to_ascii_uppercase();
        }
        r.read.unknown_keys(auth, &auth_at, &["type"], "x-amazon-apigateway-auth");
    }

    // Responses.
    let responses = r.read.object(o, "responses", &at);
    for (status, response) in responses.into_iter().flatten() {
        if status.len() != 3 || !status.chars().all(|c| c.is_ascii_digit()) {
            r.warn(&["paths", key, op_key, "responses", status], format!("response `{status}` is not a status code; API Gateway method responses need one"));
            continue;
        }
        let response = r.resolve(response, &["paths", key, op_key, "responses", status]);
        let mut out = MethodResponse::default();
        for (header, h) in response.get("headers").and_then(Value::as_object).into_iter().flatten()
        {
            let h = r.resolve(h, &["paths", key, op_key, "responses", status, "headers", header]);
            let h_at = pointer(&["paths", key, op_key, "responses", status, "headers", header]);
            let required = r.read.flag(fields(h), "required", &h_at).unwrap_or(false);
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

    if let Some(i) = o.get("x-amazon-apigateway-integration") {
        m.integration =
            integration(r, &pointer(&["paths", key, op_key, "x-amazon-apigateway-integration"]), i);
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

const INTEGRATION_RESPONSE_KEYS: &[&str] =
    &["statusCode", "responseParameters", "responseTemplates", "contentHandling"];

/// `x-amazon-apigateway-integration` at `at`; `None` (reported) when it is not an object.
fn integration(r: &mut Reader, at: &str, i: &Value) -> Option<Integration> {
    let Some(i) = i.as_object() else {
        r.read.ignored(at.into(), format!("x-amazon-apigateway-integration must be an object; it is {}, so the method has no integration", describe_value(i)));
        return None;
    };
    r.read.unknown_keys(i, at, INTEGRATION_KEYS, "x-amazon-apigateway-integration");
    let read = &mut r.read;
    let mut upper = |k: &str| read.text(i, k, at).map(|s| s.to_ascii_uppercase());
    let integration_type = upper("type").unwrap_or_default();
    let connection_type = upper("connectionType");
    let passthrough_behavior = upper("passthroughBehavior");
    let content_handling = upper("contentHandling");
    let response_transfer_mode = upper("responseTransferMode");
    let tls_config = read.object(i, "tlsConfig", at).map(|t| {
        let t_at = crate::formats::reading::child(at, "tlsConfig");
        read.unknown_keys(t, &t_at, &["insecureSkipVerification"], "tlsConfig");
        TlsConfig {
            insecure_skip_verification: read
                .flag(t, "insecureSkipVerification", &t_at)
                .unwrap_or(false),
        }
    });
    let mut out = Integration {
        integration_type,
        integration_http_method: read.text(i, "httpMethod", at),
        uri: read.text(i, "uri", at),
        connection_type,
        connection_id: read.text(i, "connectionId", at),
        credentials: read.text(i, "credentials", at),
        request_parameters: read.text_map(i, "requestParameters", at),
        request_templates: read.text_map(i, "requestTemplates", at),
        passthrough_behavior,
        cache_namespace: read.text(i, "cacheNamespace", at),
        cache_key_parameters: read.texts(i, "cacheKeyParameters", at),
        content_handling,
        timeout_in_millis: read.whole(i, "timeoutInMillis", at),
        tls_config,
        response_transfer_mode,
        integration_target: read.text(i, "integrationTarget", at),
        integration_responses: crate::map::Map::new(),
    };
    let responses_at = crate::formats::reading::child(at, "responses");
    for (pattern, response) in read.object(i, "responses", at).into_iter().flatten() {
        let here = crate::formats::reading::child(&responses_at, pattern);
        let what = format!("integration response `{pattern}`");
        let Some(response) = read.entry(response, here.clone(), &what) else { continue };
        read.unknown_keys(response, &here, INTEGRATION_RESPONSE_KEYS, "an integration response");
        let Some(status) = read.text(response, "statusCode", &here) else {
            read.ignored(
                here,
                format!("integration response `{pattern}` has no statusCode; skipped"),
            );
            continue;
        };
        let response = IntegrationResponse {
            selection_pattern: (pattern != "default").then(|| pattern.clone()),
            response_parameters: read.text_map(response, "responseParameters", &here),
            response_templates: read.text_map(response, "responseTemplates", &here),
            content_handling: read
                .text(response, "contentHandling", &here)
                .map(|s| s.to_ascii_uppercase()),
        };
        if let Some(first) = out.integration_responses.get(&status) {
            let first = first.selection_pattern.clone().unwrap_or_else(|| "default".into());
            read.ignored(here, format!("integration responses `{first}` and `{pattern}` both answer with status {status}; API Gateway keeps one integration response per status code, so `{pattern}` was not imported"));
            continue;
        }
        out.integration_responses.insert(status, response);
    }
    Some(out)
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
    if !design.gateway_responses.is_empty() {
        let responses: Map<String, Value> = design
            .gateway_responses
            .iter()
            .map(|(response_type, g)| {
                let mut o = Map::new();
                if let Some(status) = &g.status_code {
                    o.insert("statusCode".into(), json!(status));
                }
                if !g.response_parameters.is_empty() {
                    o.insert("responseParameters".into(), json!(g.response_parameters));
                }
                if !g.response_templates.is_empty() {
                    o.insert("responseTemplates".into(), json!(g.response_templates));
                }
                (response_type.clone(), Value::Object(o))
            })
            .collect();
        doc.insert(GATEWAY_RESPONSES.into(), Value::Object(responses));
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
    "the design's stages and their variables: AWS's export (GetExport) describes one stage's API and writes no stage variables, and an import (ImportRestApi, PutRestApi) creates no stage",
];

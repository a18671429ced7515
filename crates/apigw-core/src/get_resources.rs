//! Importing what `aws apigateway get-resources --embed methods` prints (boto3's `items`) or the
//! raw wire answer (`item`), so a live API can be brought in without the proxy.
//!
//! Ids are kept where the output has no names: an `authorizerId` or `requestValidatorId` becomes
//! a reference by that id, with a warning saying how to link it. Fields the design does not model
//! are reported, never dropped silently.

use crate::diagnostic::{Diagnostic, Owner, Target, pointer};
use crate::document::LoadError;
use crate::model::{Design, Integration, IntegrationResponse, Method, MethodResponse, TlsConfig};
use crate::rules::{self, IMPORT_FIELD_IGNORED};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Whether a JSON value looks like get-resources output.
pub fn detect(value: &Value) -> Option<&'static str> {
    ["items", "item"].into_iter().find(|key| {
        value
            .get(*key)
            .and_then(Value::as_array)
            .is_some_and(|items| items.iter().all(|i| i.get("path").is_some_and(Value::is_string)))
    })
}

/// Which item of the input holds each resource, so diagnostics point into it.
#[derive(Debug, Default)]
pub struct ItemIndex {
    key: &'static str,
    items: HashMap<String, usize>,
}

impl ItemIndex {
    pub fn pointer(&self, target: &Target) -> String {
        let Some(path) = target.owner.resource_path() else {
            return match &target.owner {
                Owner::Call { index } => {
                    pointer(&[self.key.to_string(), index.to_string()])
                        + &target
                            .key
                            .as_ref()
                            .map(|k| format!("/{}", k.replace('~', "~0").replace('/', "~1")))
                            .unwrap_or_default()
                }
                _ => String::new(),
            };
        };
        let Some(index) = self.items.get(path) else { return String::new() };
        let mut tokens = vec![self.key.to_string(), index.to_string()];
        if let Some((_, verb)) = target.owner.method_key() {
            tokens.extend(["resourceMethods".to_string(), verb.to_string()]);
        }
        match &target.owner {
            Owner::MethodResponse { status, .. } => {
                tokens.extend(["methodResponses".into(), status.clone()])
            }
            Owner::Integration { .. } => tokens.push("methodIntegration".into()),
            Owner::IntegrationResponse { status, .. } => tokens.extend([
                "methodIntegration".into(),
                "integrationResponses".into(),
                status.clone(),
            ]),
            Owner::Resource { .. } => tokens.push("pathPart".into()),
            _ => {}
        }
        if let Some(field) = target.field {
            let wire = match (field, &target.owner) {
                ("authorizer", _) => "authorizerId",
                ("requestValidator", _) => "requestValidatorId",
                ("integrationHttpMethod", _) => "httpMethod",
                (other, _) => other,
            };
            tokens.push(wire.into());
            if let Some(key) = &target.key {
                if !matches!(field, "authorizationScopes" | "cacheKeyParameters") {
                    tokens.push(key.clone());
                }
            }
        }
        pointer(&tokens)
    }
}

struct Reader {
    out: Vec<Diagnostic>,
}

const METHOD_FIELDS: &[&str] = &[
    "httpMethod",
    "authorizationType",
    "authorizerId",
    "apiKeyRequired",
    "requestValidatorId",
    "operationName",
    "requestParameters",
    "requestModels",
    "authorizationScopes",
    "methodResponses",
    "methodIntegration",
];
const INTEGRATION_FIELDS: &[&str] = &[
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
    "integrationResponses",
];
const RESPONSE_FIELDS: &[&str] = &[
    "statusCode",
    "responseParameters",
    "responseModels",
    "selectionPattern",
    "responseTemplates",
    "contentHandling",
];
/// Fields that carry nothing the design needs (ids, the SDK's metadata).
const NOISE: &[&str] =
    &["ResponseMetadata", "id", "parentId", "path", "pathPart", "resourceMethods"];

impl Reader {
    fn warn(&mut self, index: usize, at: String, message: String) {
        rules::sequence(IMPORT_FIELD_IGNORED, &mut self.out)
            .report(Target::key(Owner::Call { index }, "item", at), message);
    }

    /// Reports the keys of `object` that are neither known nor noise.
    fn unknown(&mut self, index: usize, at: &str, object: &Map<String, Value>, known: &[&str]) {
        for (key, value) in object {
            if value.is_null() || known.contains(&key.as_str()) || NOISE.contains(&key.as_str()) {
                continue;
            }
            self.warn(
                index,
                format!("{at}{key}"),
                format!("`{key}` at {at}{key} is not part of a design and was not imported"),
            );
        }
    }
}

fn text(o: &Map<String, Value>, key: &str) -> Option<String> {
    o.get(key).and_then(Value::as_str).map(str::to_string)
}

fn map_of<T>(
    o: &Map<String, Value>,
    key: &str,
    read: impl Fn(&Value) -> Option<T>,
) -> crate::map::Map<String, T> {
    o.get(key)
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), read(v)?))).collect())
        .unwrap_or_default()
}

fn list(o: &Map<String, Value>, key: &str) -> Vec<String> {
    o.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// Builds the design that get-resources output describes.
pub fn import(value: &Value) -> Result<(Design, Vec<Diagnostic>, ItemIndex), LoadError> {
    let key = detect(value)
        .ok_or_else(|| LoadError::new("not get-resources output: no items with paths"))?;
    let items = value.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    let mut design = Design::named("Imported");
    let mut reader = Reader { out: Vec::new() };
    let mut index = ItemIndex { key, items: HashMap::new() };
    let mut ids: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(item) = item.as_object() else { continue };
        let path = text(item, "path").unwrap_or_default();
        if !path.starts_with('/') {
            reader.warn(
                i,
                "path".into(),
                format!("`{path}` is not a resource path; the item was skipped"),
            );
            continue;
        }
        index.items.insert(path.clone(), i);
        let resource = design.resources.entry(path.clone()).or_default();
        let Some(methods) = item.get("resourceMethods").and_then(Value::as_object) else {
            continue;
        };
        for (verb, method) in methods {
            let Some(m) = method.as_object() else { continue };
            let at = format!("resourceMethods/{verb}/");
            reader.unknown(i, &at, m, METHOD_FIELDS);
            let out = read_method(&mut reader, i, &at, m);
            ids.extend(out.authorizer.iter().map(|id| format!("authorizer id `{id}`")));
            ids.extend(
                out.request_validator.iter().map(|id| format!("request validator id `{id}`")),
            );
            resource.methods.insert(verb.clone(), out);
        }
    }
    if !ids.is_empty() {
        ids.sort_unstable();
        ids.dedup();
        let message = format!(
            "get-resources lists ids, not names: {} kept as names; add authorizers or validators with these names (or rename the references) to link them",
            ids.join(", ")
        );
        reader.warn(0, "resourceMethods".into(), message);
    }
    design.fill_ancestors();
    Ok((design, reader.out, index))
}

/// Reads one method's wire form (GetMethod's answer, or an embedded `resourceMethods` entry).
/// `authorizerId` and `requestValidatorId` are kept as they are, in `authorizer` and
/// `requestValidator`.
pub fn method_from_wire(m: &Map<String, Value>) -> (Method, Vec<Diagnostic>) {
    let mut reader = Reader { out: Vec::new() };
    let method = read_method(&mut reader, 0, "", m);
    (method, reader.out)
}

fn read_method(reader: &mut Reader, i: usize, at: &str, m: &Map<String, Value>) -> Method {
    let mut out = Method {
        authorization_type: text(m, "authorizationType").unwrap_or_else(|| "NONE".into()),
        authorizer: text(m, "authorizerId"),
        api_key_required: m.get("apiKeyRequired").and_then(Value::as_bool).unwrap_or(false),
        operation_name: text(m, "operationName"),
        request_parameters: map_of(m, "requestParameters", Value::as_bool),
        request_models: map_of(m, "requestModels", |v| v.as_str().map(str::to_string)),
        request_validator: text(m, "requestValidatorId"),
        authorization_scopes: list(m, "authorizationScopes"),
        ..Default::default()
    };
    for (status, response) in
        m.get("methodResponses").and_then(Value::as_object).into_iter().flatten()
    {
        let Some(r) = response.as_object() else { continue };
        reader.unknown(i, &format!("{at}methodResponses/{status}/"), r, RESPONSE_FIELDS);
        out.method_responses.insert(
            status.clone(),
            MethodResponse {
                response_parameters: map_of(r, "responseParameters", Value::as_bool),
                response_models: map_of(r, "responseModels", |v| v.as_str().map(str::to_string)),
            },
        );
    }
    if let Some(integration) = m.get("methodIntegration").and_then(Value::as_object) {
        reader.unknown(i, &format!("{at}methodIntegration/"), integration, INTEGRATION_FIELDS);
        out.integration = Some(read_integration(reader, i, at, integration));
    }
    out
}

fn read_integration(
    reader: &mut Reader,
    i: usize,
    at: &str,
    o: &Map<String, Value>,
) -> Integration {
    let mut integration = Integration {
        integration_type: text(o, "type").unwrap_or_default(),
        integration_http_method: text(o, "httpMethod"),
        uri: text(o, "uri"),
        connection_type: text(o, "connectionType"),
        connection_id: text(o, "connectionId"),
        credentials: text(o, "credentials"),
        request_parameters: map_of(o, "requestParameters", |v| v.as_str().map(str::to_string)),
        request_templates: map_of(o, "requestTemplates", |v| v.as_str().map(str::to_string)),
        passthrough_behavior: text(o, "passthroughBehavior"),
        cache_namespace: text(o, "cacheNamespace"),
        cache_key_parameters: list(o, "cacheKeyParameters"),
        content_handling: text(o, "contentHandling"),
        timeout_in_millis: o.get("timeoutInMillis").and_then(Value::as_i64),
        tls_config: o.get("tlsConfig").and_then(Value::as_object).map(|t| TlsConfig {
            insecure_skip_verification: t
                .get("insecureSkipVerification")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        }),
        response_transfer_mode: text(o, "responseTransferMode"),
        integration_target: text(o, "integrationTarget"),
        integration_responses: crate::map::Map::new(),
    };
    for (status, response) in
        o.get("integrationResponses").and_then(Value::as_object).into_iter().flatten()
    {
        let Some(r) = response.as_object() else { continue };
        reader.unknown(
            i,
            &format!("{at}methodIntegration/integrationResponses/{status}/"),
            r,
            RESPONSE_FIELDS,
        );
        integration.integration_responses.insert(
            status.clone(),
            IntegrationResponse {
                selection_pattern: text(r, "selectionPattern"),
                response_parameters: map_of(r, "responseParameters", |v| {
                    v.as_str().map(str::to_string)
                }),
                response_templates: map_of(r, "responseTemplates", |v| {
                    v.as_str().map(str::to_string)
                }),
                content_handling: text(r, "contentHandling"),
            },
        );
    }
    integration
}

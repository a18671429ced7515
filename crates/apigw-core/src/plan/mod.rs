//! The plan: the ordered API Gateway calls that create a design in an empty REST API.
//!
//! Each call exists in two forms: boto3/CLI parameters (what `client.put_method(**params)` and
//! `aws apigateway put-method --cli-input-json` accept), and the REST wire request (method, path,
//! JSON body). Ids that do not exist yet are placeholders: `@api` (the REST API), `@/full/path`
//! (a resource; `@/` is the root), `@authorizer:NAME` and `@validator:NAME`. The same design
//! always gives byte-identical output: every map is ordered and fields keep a fixed order.

use crate::map::Map as SortedMap;
use crate::model::{
    Design, GatewayResponse, Integration, IntegrationResponse, Method, MethodResponse, TlsConfig,
};
use serde::Serialize;
use serde_json::{Map, Value};

/// The plan file's format tag.
pub const PLAN_FORMAT: &str = "apigw-plan/1";

/// Placeholder for the REST API id.
pub const API: &str = "@api";

/// The placeholder id of the resource at `path`.
pub fn resource_ref(path: &str) -> String {
    format!("@{path}")
}

/// The placeholder id of an authorizer.
pub fn authorizer_ref(name: &str) -> String {
    format!("@authorizer:{name}")
}

/// The placeholder id of a request validator.
pub fn validator_ref(name: &str) -> String {
    format!("@validator:{name}")
}

/// One API Gateway call with its boto3 parameters.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "operation", content = "params")]
pub enum Call {
    /// Only in a deploy to a new API: a plan's calls create what goes into an API.
    CreateRestApi(CreateRestApi),
    CreateAuthorizer(CreateAuthorizer),
    CreateRequestValidator(CreateRequestValidator),
    CreateModel(CreateModel),
    /// Creates or replaces a whole gateway response: a Put, so the diff sends it for a changed
    /// one too.
    PutGatewayResponse(PutGatewayResponse),
    CreateResource(CreateResource),
    PutMethod(PutMethod),
    PutMethodResponse(PutMethodResponse),
    PutIntegration(PutIntegration),
    PutIntegrationResponse(PutIntegrationResponse),
    UpdateRestApi(Patch),
    /// Renames (`/pathPart`) or moves (`/parentId`) a resource with its whole subtree and
    /// methods, keeping its id: only a diff sends it.
    UpdateResource(Patch),
    UpdateAuthorizer(Patch),
    UpdateRequestValidator(Patch),
    UpdateModel(Patch),
    UpdateMethod(Patch),
    UpdateMethodResponse(Patch),
    UpdateIntegration(Patch),
    UpdateIntegrationResponse(Patch),
    DeleteIntegrationResponse(ItemRef),
    DeleteIntegration(ItemRef),
    DeleteMethodResponse(ItemRef),
    DeleteMethod(ItemRef),
    DeleteResource(ItemRef),
    DeleteAuthorizer(ItemRef),
    DeleteRequestValidator(ItemRef),
    DeleteModel(ItemRef),
    DeleteGatewayResponse(ItemRef),
    /// Sets and removes a live stage's variables (and its description): only a deploy to a
    /// stage that both the design and the live API hold sends it.
    UpdateStage(UpdateStage),
    CreateDeployment(CreateDeployment),
}

/// Every operation a plan may hold, with its HTTP method and route.
pub const OPERATIONS: &[(&str, &str, &str)] = &[
    ("CreateRestApi", "POST", "/restapis"),
    ("CreateAuthorizer", "POST", "/restapis/{restapi_id}/authorizers"),
    ("CreateRequestValidator", "POST", "/restapis/{restapi_id}/requestvalidators"),
    ("CreateModel", "POST", "/restapis/{restapi_id}/models"),
    ("PutGatewayResponse", "PUT", "/restapis/{restapi_id}/gatewayresponses/{response_type}"),
    ("CreateResource", "POST", "/restapis/{restapi_id}/resources/{parent_id}"),
    ("PutMethod", "PUT", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}"),
    (
        "PutMethodResponse",
        "PUT",
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/responses/{status_code}",
    ),
    (
        "PutIntegration",
        "PUT",
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration",
    ),
    (
        "PutIntegrationResponse",
        "PUT",
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration/responses/{status_code}",
    ),
    ("UpdateRestApi", "PATCH", "/restapis/{restapi_id}"),
    // API Gateway API Reference, "UpdateResource"
    // (https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateResource.html):
    // `PATCH /restapis/restapi_id/resources/resource_id` with `patchOperations`.
    ("UpdateResource", "PATCH", "/restapis/{restapi_id}/resources/{resource_id}"),
    ("UpdateAuthorizer", "PATCH", "/restapis/{restapi_id}/authorizers/{authorizer_id}"),
    (
        "UpdateRequestValidator",
        "PATCH",
        "/restapis/{restapi_id}/requestvalidators/{requestvalidator_id}",
    ),
    ("UpdateModel", "PATCH", "/restapis/{restapi_id}/models/{model_name}"),
    (
        "UpdateMethod",
        "PATCH",
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}",
    ),
    (
        "UpdateMethodResponse",
        "PATCH",
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/responses/{status_code}",
    ),
    (
        "UpdateIntegration",
        "PATCH",
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration",
    ),
    (
        "UpdateIntegrationResponse",
        "PATCH",
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration/responses/{status_code}",
    ),
    (
        "DeleteIntegrationResponse",
        "DELETE",
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration/responses/{status_code}",
    ),
    (
        "DeleteIntegration",
        "DELETE",
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration",
    ),
    (
        "DeleteMethodResponse",
        "DELETE",
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/responses/{status_code}",
    ),
    (
        "DeleteMethod",
        "DELETE",
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}",
    ),
    ("DeleteResource", "DELETE", "/restapis/{restapi_id}/resources/{resource_id}"),
    ("DeleteAuthorizer", "DELETE", "/restapis/{restapi_id}/authorizers/{authorizer_id}"),
    (
        "DeleteRequestValidator",
        "DELETE",
        "/restapis/{restapi_id}/requestvalidators/{requestvalidator_id}",
    ),
    ("DeleteModel", "DELETE", "/restapis/{restapi_id}/models/{model_name}"),
    ("DeleteGatewayResponse", "DELETE", "/restapis/{restapi_id}/gatewayresponses/{response_type}"),
    // API Gateway API Reference, "UpdateStage"
    // (https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateStage.html):
    // `PATCH /restapis/restapi_id/stages/stage_name` with `patchOperations`.
    ("UpdateStage", "PATCH", "/restapis/{restapi_id}/stages/{stage_name}"),
    ("CreateDeployment", "POST", "/restapis/{restapi_id}/deployments"),
];

/// Boto3 parameter names that travel in the URI, with their route labels. A parameter moves to
/// the path only where its operation's route has the label (PutMethod's `authorizerId` stays in
/// the body; UpdateAuthorizer's goes to the path).
const LABELS: &[(&str, &str)] = &[
    ("restApiId", "restapi_id"),
    ("parentId", "parent_id"),
    ("resourceId", "resource_id"),
    ("httpMethod", "http_method"),
    ("statusCode", "status_code"),
    ("authorizerId", "authorizer_id"),
    ("requestValidatorId", "requestvalidator_id"),
    ("modelName", "model_name"),
    ("responseType", "response_type"),
    ("stageName", "stage_name"),
];

/// The parameters that hold ids, and so may hold placeholders.
pub const ID_PARAMS: &[&str] =
    &["restApiId", "parentId", "resourceId", "authorizerId", "requestValidatorId"];

/// The existing item an Update* or Delete* call names. Only the ids its operation needs are set.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemRef {
    pub rest_api_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_validator_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_type: Option<String>,
}

/// An Update* call: the item and its RFC 6902-style patch operations.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Patch {
    #[serde(flatten)]
    pub item: ItemRef,
    pub patch_operations: Vec<PatchOperation>,
}

/// One patch operation. `path` escapes `/` as `~1` and `~` as `~0` inside a key; `value` is
/// always a string on the wire, whatever the field's type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PatchOperation {
    pub op: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub value: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRestApi {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key_source: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub binary_media_types: Vec<String>,
    pub endpoint_configuration: EndpointConfiguration,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EndpointConfiguration {
    pub types: Vec<String>,
}

/// A deployment to a stage. For a stage the live API does not have yet, it carries the
/// design's description and variables of that stage, which CreateDeployment gives the stage it
/// creates.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateDeployment {
    pub rest_api_id: String,
    pub stage_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub variables: SortedMap<String, String>,
}

/// UpdateStage: patch operations on a live stage's variables (`replace /variables/NAME` with a
/// value, `remove /variables/NAME`) and description (`replace /description`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateStage {
    pub rest_api_id: String,
    pub stage_name: String,
    pub patch_operations: Vec<PatchOperation>,
    /// The variables this update adds rather than changes (API Gateway sets both with
    /// `replace`), so that a review can tell them apart; not a parameter.
    #[serde(skip)]
    pub added: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateAuthorizer {
    pub rest_api_id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub authorizer_type: String,
    #[serde(rename = "providerARNs", skip_serializing_if = "Vec::is_empty")]
    pub provider_arns: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_credentials: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_validation_expression: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_result_ttl_in_seconds: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequestValidator {
    pub rest_api_id: String,
    pub name: String,
    pub validate_request_body: bool,
    pub validate_request_parameters: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateModel {
    pub rest_api_id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub schema: String,
    pub content_type: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PutGatewayResponse {
    pub rest_api_id: String,
    pub response_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<String>,
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub response_parameters: SortedMap<String, String>,
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub response_templates: SortedMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateResource {
    pub rest_api_id: String,
    pub parent_id: String,
    pub path_part: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PutMethod {
    pub rest_api_id: String,
    pub resource_id: String,
    pub http_method: String,
    pub authorization_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key_required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_name: Option<String>,
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub request_parameters: SortedMap<String, bool>,
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub request_models: SortedMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_validator_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authorization_scopes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PutMethodResponse {
    pub rest_api_id: String,
    pub resource_id: String,
    pub http_method: String,
    pub status_code: String,
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub response_parameters: SortedMap<String, bool>,
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub response_models: SortedMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PutIntegration {
    pub rest_api_id: String,
    pub resource_id: String,
    pub http_method: String,
    #[serde(rename = "type")]
    pub integration_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_http_method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials: Option<String>,
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub request_parameters: SortedMap<String, String>,
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub request_templates: SortedMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passthrough_behavior: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_namespace: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cache_key_parameters: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_in_millis: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_config: Option<TlsConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_transfer_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_target: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PutIntegrationResponse {
    pub rest_api_id: String,
    pub resource_id: String,
    pub http_method: String,
    pub status_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection_pattern: Option<String>,
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub response_parameters: SortedMap<String, String>,
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub response_templates: SortedMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<String>,
}

/// A REST wire request: method, path (labels percent-encoded) and JSON body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WireRequest {
    pub method: &'static str,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

impl WireRequest {
    /// The path as a person reads it: each placeholder for an id not known yet named for what
    /// it stands for (`{API id}`, `{id of /orders}`, `{id of authorizer NAME}`,
    /// `{id of validator NAME}`); everything else, real ids among it, as in [`WireRequest::path`],
    /// which stays the exact form that is sent.
    pub fn readable_path(&self) -> String {
        let mut out = String::with_capacity(self.path.len() + 16);
        let mut previous = "";
        for (index, segment) in self.path.split('/').enumerate() {
            if index > 0 {
                out.push('/');
            }
            match readable_placeholder(previous, segment) {
                Some(readable) => out.push_str(&readable),
                None => out.push_str(segment),
            }
            previous = segment;
        }
        out
    }
}

/// The route segments an id follows: where a placeholder can stand in a wire path.
const ID_COLLECTIONS: &[&str] = &["restapis", "resources", "authorizers", "requestvalidators"];

/// What the placeholder `segment` (percent-encoded, after the route segment `collection`)
/// stands for, or None when it is no placeholder.
fn readable_placeholder(collection: &str, segment: &str) -> Option<String> {
    if !segment.starts_with("%40") || !ID_COLLECTIONS.contains(&collection) {
        return None;
    }
    let id = decode_label(segment)?;
    if id == API {
        return Some("{API id}".into());
    }
    if let Some(name) = id.strip_prefix("@authorizer:") {
        return Some(format!("{{id of authorizer {name}}}"));
    }
    if let Some(name) = id.strip_prefix("@validator:") {
        return Some(format!("{{id of validator {name}}}"));
    }
    let path = id.strip_prefix('@').filter(|p| p.starts_with('/'))?;
    Some(format!("{{id of {path}}}"))
}

/// Undoes [`encode_label`]; None for a malformed escape or text that is not UTF-8.
fn decode_label(label: &str) -> Option<String> {
    let bytes = label.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl Call {
    /// The operation's name, e.g. `PutMethod`.
    pub fn operation(&self) -> &'static str {
        match self {
            Call::CreateRestApi(_) => "CreateRestApi",
            Call::CreateAuthorizer(_) => "CreateAuthorizer",
            Call::CreateRequestValidator(_) => "CreateRequestValidator",
            Call::CreateModel(_) => "CreateModel",
            Call::PutGatewayResponse(_) => "PutGatewayResponse",
            Call::CreateResource(_) => "CreateResource",
            Call::PutMethod(_) => "PutMethod",
            Call::PutMethodResponse(_) => "PutMethodResponse",
            Call::PutIntegration(_) => "PutIntegration",
            Call::PutIntegrationResponse(_) => "PutIntegrationResponse",
            Call::UpdateRestApi(_) => "UpdateRestApi",
            Call::UpdateResource(_) => "UpdateResource",
            Call::UpdateAuthorizer(_) => "UpdateAuthorizer",
            Call::UpdateRequestValidator(_) => "UpdateRequestValidator",
            Call::UpdateModel(_) => "UpdateModel",
            Call::UpdateMethod(_) => "UpdateMethod",
            Call::UpdateMethodResponse(_) => "UpdateMethodResponse",
            Call::UpdateIntegration(_) => "UpdateIntegration",
            Call::UpdateIntegrationResponse(_) => "UpdateIntegrationResponse",
            Call::DeleteIntegrationResponse(_) => "DeleteIntegrationResponse",
            Call::DeleteIntegration(_) => "DeleteIntegration",
            Call::DeleteMethodResponse(_) => "DeleteMethodResponse",
            Call::DeleteMethod(_) => "DeleteMethod",
            Call::DeleteResource(_) => "DeleteResource",
            Call::DeleteAuthorizer(_) => "DeleteAuthorizer",
            Call::DeleteRequestValidator(_) => "DeleteRequestValidator",
            Call::DeleteModel(_) => "DeleteModel",
            Call::DeleteGatewayResponse(_) => "DeleteGatewayResponse",
            Call::UpdateStage(_) => "UpdateStage",
            Call::CreateDeployment(_) => "CreateDeployment",
        }
    }

    /// The boto3 / CLI parameters, in a fixed field order.
    pub fn params(&self) -> Map<String, Value> {
        let value = match self {
            Call::CreateRestApi(p) => serde_json::to_value(p),
            Call::CreateAuthorizer(p) => serde_json::to_value(p),
            Call::CreateRequestValidator(p) => serde_json::to_value(p),
            Call::CreateModel(p) => serde_json::to_value(p),
            Call::PutGatewayResponse(p) => serde_json::to_value(p),
            Call::CreateResource(p) => serde_json::to_value(p),
            Call::PutMethod(p) => serde_json::to_value(p),
            Call::PutMethodResponse(p) => serde_json::to_value(p),
            Call::PutIntegration(p) => serde_json::to_value(p),
            Call::PutIntegrationResponse(p) => serde_json::to_value(p),
            Call::UpdateRestApi(p)
            | Call::UpdateResource(p)
            | Call::UpdateAuthorizer(p)
            | Call::UpdateRequestValidator(p)
            | Call::UpdateModel(p)
            | Call::UpdateMethod(p)
            | Call::UpdateMethodResponse(p)
            | Call::UpdateIntegration(p)
            | Call::UpdateIntegrationResponse(p) => serde_json::to_value(p),
            Call::DeleteIntegrationResponse(p)
            | Call::DeleteIntegration(p)
            | Call::DeleteMethodResponse(p)
            | Call::DeleteMethod(p)
            | Call::DeleteResource(p)
            | Call::DeleteAuthorizer(p)
            | Call::DeleteRequestValidator(p)
            | Call::DeleteModel(p)
            | Call::DeleteGatewayResponse(p) => serde_json::to_value(p),
            Call::UpdateStage(p) => serde_json::to_value(p),
            Call::CreateDeployment(p) => serde_json::to_value(p),
        };
        match value {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        }
    }

    /// The boto3 client method name, e.g. `put_method`.
    pub fn boto3_name(&self) -> String {
        snake_case(self.operation())
    }

    /// The AWS CLI command name, e.g. `put-method`.
    pub fn cli_name(&self) -> String {
        snake_case(self.operation()).replace('_', "-")
    }

    /// The REST wire request, as botocore would send it with these parameter values.
    pub fn wire(&self) -> WireRequest {
        wire_request(self.operation(), self.params())
    }
}

/// The REST wire request for `operation` with these boto3 parameters.
pub fn wire_request(operation: &str, mut body: Map<String, Value>) -> WireRequest {
    let (_, method, route) =
        OPERATIONS.iter().find(|(op, _, _)| *op == operation).copied().unwrap_or(("", "POST", ""));
    let mut path = route.to_string();
    for (param, label) in LABELS {
        let label = format!("{{{label}}}");
        if !path.contains(&label) {
            continue;
        }
        if let Some(Value::String(value)) = body.shift_remove(*param) {
            path = path.replace(&label, &encode_label(&value));
        }
    }
    // PutIntegration's `integrationHttpMethod` travels as `httpMethod` in the body; the
    // method's own verb has moved to the path, so the renamed key cannot collide.
    let body: Map<String, Value> = body
        .into_iter()
        .map(|(key, value)| {
            if key == "integrationHttpMethod" { ("httpMethod".into(), value) } else { (key, value) }
        })
        .collect();
    let body = if method == "PUT" || method == "POST" || !body.is_empty() {
        Some(Value::Object(body))
    } else {
        None
    };
    WireRequest { method, path, body }
}

fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (index, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if index > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Percent-encodes a URI label as botocore does (everything but unreserved characters).
/// Placeholders are encoded too (`@/pets` → `%40%2Fpets`), so a label never adds a path segment.
pub fn encode_label(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The calls that create the design in an empty REST API, in dependency order: authorizers,
/// validators, models and gateway responses; resources, parents first; then per method
/// PutMethod, PutMethodResponse…, PutIntegration, PutIntegrationResponse….
pub fn build(design: &Design) -> Vec<Call> {
    build_first(design, usize::MAX)
}

/// The calls that create the API's authorizers, validators, models and gateway responses: the
/// first calls of [`build`].
pub fn api_calls(design: &Design) -> Vec<Call> {
    let mut calls = Vec::with_capacity(api_call_count(design));
    push_api_calls(design, &mut calls);
    calls
}

fn push_api_calls(design: &Design, calls: &mut Vec<Call>) {
    for (name, a) in &design.authorizers {
        calls.push(create_authorizer(name, a));
    }
    for (name, v) in &design.request_validators {
        calls.push(create_request_validator(name, v));
    }
    for (name, m) in &design.models {
        calls.push(create_model(name, m));
    }
    for (response_type, r) in &design.gateway_responses {
        calls.push(put_gateway_response(response_type, r));
    }
}

fn api_call_count(design: &Design) -> usize {
    design.authorizers.len()
        + design.request_validators.len()
        + design.models.len()
        + design.gateway_responses.len()
}

/// The first `limit` calls of [`build`], without building the rest (for previews of large
/// designs).
pub fn build_first(design: &Design, limit: usize) -> Vec<Call> {
    // Sized up front: growing a vector of 100,000 calls moves them all several times. A preview
    // of a few calls need not count a large design's calls first.
    let capacity = if limit > 4096 { call_count(design) } else { limit };
    let mut calls = Vec::with_capacity(capacity);
    let full = |calls: &Vec<Call>| calls.len() >= limit;
    push_api_calls(design, &mut calls);
    // BTreeMap order puts every parent before its children: a parent path is a prefix.
    for path in design.resources.keys() {
        if full(&calls) {
            break;
        }
        if let Some(call) = create_resource(path) {
            calls.push(call);
        }
    }
    for (path, resource) in &design.resources {
        for (verb, method) in &resource.methods {
            if full(&calls) {
                break;
            }
            method_calls(path, verb, method, &mut calls);
        }
    }
    calls.truncate(limit);
    calls
}

/// How many calls [`build`] gives, without building them.
pub fn call_count(design: &Design) -> usize {
    let api = api_call_count(design);
    let resources = design.resources.keys().filter(|p| crate::path::parent(p).is_some()).count();
    let methods: usize = design
        .resources
        .values()
        .flat_map(|r| r.methods.values())
        .map(|m| {
            1 + m.method_responses.len()
                + m.integration.as_ref().map_or(0, |i| 1 + i.integration_responses.len())
        })
        .sum();
    api + resources + methods
}

/// The CreateRestApi call for a design's API settings.
pub fn create_rest_api(api: &crate::model::ApiSettings) -> Call {
    Call::CreateRestApi(CreateRestApi {
        name: api.name.clone(),
        description: api.description.clone(),
        api_key_source: api.api_key_source.clone(),
        binary_media_types: api.binary_media_types.clone(),
        endpoint_configuration: EndpointConfiguration { types: vec![api.endpoint_type.clone()] },
    })
}

/// The CreateAuthorizer call for a design's authorizer.
pub fn create_authorizer(name: &str, a: &crate::model::Authorizer) -> Call {
    Call::CreateAuthorizer(CreateAuthorizer {
        rest_api_id: API.into(),
        name: name.into(),
        authorizer_type: a.authorizer_type.clone(),
        provider_arns: a.provider_arns.clone(),
        auth_type: a.auth_type.clone(),
        authorizer_uri: a.authorizer_uri.clone(),
        authorizer_credentials: a.authorizer_credentials.clone(),
        identity_source: a.identity_source.clone(),
        identity_validation_expression: a.identity_validation_expression.clone(),
        authorizer_result_ttl_in_seconds: a.authorizer_result_ttl_in_seconds,
    })
}

/// The CreateRequestValidator call for a design's request validator.
pub fn create_request_validator(name: &str, v: &crate::model::RequestValidator) -> Call {
    Call::CreateRequestValidator(CreateRequestValidator {
        rest_api_id: API.into(),
        name: name.into(),
        validate_request_body: v.validate_request_body,
        validate_request_parameters: v.validate_request_parameters,
    })
}

/// The CreateModel call for a design's model.
pub fn create_model(name: &str, m: &crate::model::Model) -> Call {
    Call::CreateModel(CreateModel {
        rest_api_id: API.into(),
        name: name.into(),
        description: m.description.clone(),
        schema: m.schema.clone(),
        content_type: m.content_type.clone(),
    })
}

/// The PutGatewayResponse call for a design's gateway response.
pub fn put_gateway_response(response_type: &str, r: &GatewayResponse) -> Call {
    Call::PutGatewayResponse(PutGatewayResponse {
        rest_api_id: API.into(),
        response_type: response_type.into(),
        status_code: r.status_code.clone(),
        response_parameters: r.response_parameters.clone(),
        response_templates: r.response_templates.clone(),
    })
}

/// The CreateDeployment call that deploys the API to `stage`: with the stage's description and
/// variables when the design defines that stage, with neither otherwise (a stage the design
/// does not hold keeps whatever variables it has).
pub fn deployment(design: &Design, stage: &str, description: Option<String>) -> Call {
    let defined = design.stages.get(stage);
    Call::CreateDeployment(CreateDeployment {
        rest_api_id: API.into(),
        stage_name: stage.into(),
        stage_description: defined.and_then(|s| s.description.clone()),
        description,
        variables: defined.map(|s| s.variables.clone()).unwrap_or_default(),
    })
}

/// The CreateResource call for `path` (none for the root).
pub fn create_resource(path: &str) -> Option<Call> {
    let parent = crate::path::parent(path)?;
    Some(Call::CreateResource(CreateResource {
        rest_api_id: API.into(),
        parent_id: resource_ref(parent),
        path_part: crate::path::path_part(path).to_string(),
    }))
}

/// The calls that create one method: PutMethod, PutMethodResponse…, PutIntegration,
/// PutIntegrationResponse….
pub fn method_calls(path: &str, verb: &str, method: &Method, calls: &mut Vec<Call>) {
    calls.push(Call::PutMethod(put_method(path, verb, method)));
    for (status, response) in &method.method_responses {
        calls.push(Call::PutMethodResponse(put_method_response(path, verb, status, response)));
    }
    if let Some(integration) = &method.integration {
        calls.push(Call::PutIntegration(put_integration(path, verb, integration)));
        for (status, response) in &integration.integration_responses {
            calls.push(Call::PutIntegrationResponse(put_integration_response(
                path, verb, status, response,
            )));
        }
    }
}

pub fn put_method(path: &str, verb: &str, m: &Method) -> PutMethod {
    PutMethod {
        rest_api_id: API.into(),
        resource_id: resource_ref(path),
        http_method: verb.into(),
        authorization_type: m.authorization_type.clone(),
        authorizer_id: m.authorizer.as_deref().map(authorizer_ref),
        api_key_required: m.api_key_required.then_some(true),
        operation_name: m.operation_name.clone(),
        request_parameters: m.request_parameters.clone(),
        request_models: m.request_models.clone(),
        request_validator_id: m.request_validator.as_deref().map(validator_ref),
        authorization_scopes: m.authorization_scopes.clone(),
    }
}

pub fn put_method_response(
    path: &str,
    verb: &str,
    status: &str,
    r: &MethodResponse,
) -> PutMethodResponse {
    PutMethodResponse {
        rest_api_id: API.into(),
        resource_id: resource_ref(path),
        http_method: verb.into(),
        status_code: status.into(),
        response_parameters: r.response_parameters.clone(),
        response_models: r.response_models.clone(),
    }
}

pub fn put_integration(path: &str, verb: &str, i: &Integration) -> PutIntegration {
    PutIntegration {
        rest_api_id: API.into(),
        resource_id: resource_ref(path),
        http_method: verb.into(),
        integration_type: i.integration_type.clone(),
        integration_http_method: i.integration_http_method.clone(),
        uri: i.uri.clone(),
        connection_type: i.connection_type.clone(),
        connection_id: i.connection_id.clone(),
        credentials: i.credentials.clone(),
        request_parameters: i.request_parameters.clone(),
        request_templates: i.request_templates.clone(),
        passthrough_behavior: i.passthrough_behavior.clone(),
        cache_namespace: i.cache_namespace.clone(),
        cache_key_parameters: i.cache_key_parameters.clone(),
        content_handling: i.content_handling.clone(),
        timeout_in_millis: i.timeout_in_millis,
        tls_config: i.tls_config.clone(),
        response_transfer_mode: i.response_transfer_mode.clone(),
        integration_target: i.integration_target.clone(),
    }
}

pub fn put_integration_response(
    path: &str,
    verb: &str,
    status: &str,
    r: &IntegrationResponse,
) -> PutIntegrationResponse {
    PutIntegrationResponse {
        rest_api_id: API.into(),
        resource_id: resource_ref(path),
        http_method: verb.into(),
        status_code: status.into(),
        selection_pattern: r.selection_pattern.clone(),
        response_parameters: r.response_parameters.clone(),
        response_templates: r.response_templates.clone(),
        content_handling: r.content_handling.clone(),
    }
}

/// The plan file: `{"format": "apigw-plan/1", "api": {…}, "calls": [{"operation", "params"}…]}`,
/// pretty-printed. `api` carries the API settings, which no call of the plan creates.
pub fn to_plan_json(api: &crate::model::ApiSettings, calls: &[Call]) -> String {
    let calls: Vec<Value> = calls
        .iter()
        .map(|c| {
            let mut entry = Map::new();
            entry.insert("operation".into(), Value::String(c.operation().into()));
            entry.insert("params".into(), Value::Object(c.params()));
            Value::Object(entry)
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("format".into(), Value::String(PLAN_FORMAT.into()));
    doc.insert("api".into(), serde_json::to_value(api).unwrap_or(Value::Null));
    doc.insert("calls".into(), Value::Array(calls));
    let mut text = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    text.push('\n');
    text
}

/// The wire form of a whole plan: `[{operation, method, path, body}…]`, pretty-printed.
pub fn to_wire_json(calls: &[Call]) -> String {
    let items: Vec<Value> = calls
        .iter()
        .map(|c| {
            let wire = c.wire();
            let mut entry = Map::new();
            entry.insert("operation".into(), Value::String(c.operation().into()));
            entry.insert("method".into(), Value::String(wire.method.into()));
            entry.insert("path".into(), Value::String(wire.path));
            if let Some(body) = wire.body {
                entry.insert("body".into(), body);
            }
            Value::Object(entry)
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire(operation: &str, params: &[(&str, &str)]) -> WireRequest {
        let body = params.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string())));
        wire_request(operation, body.collect())
    }

    #[test]
    fn a_readable_path_names_each_placeholder() {
        let put = wire(
            "PutMethod",
            &[("restApiId", API), ("resourceId", "@/orders/{id}"), ("httpMethod", "GET")],
        );
        assert_eq!(put.path, "/restapis/%40api/resources/%40%2Forders%2F%7Bid%7D/methods/GET");
        assert_eq!(
            put.readable_path(),
            "/restapis/{API id}/resources/{id of /orders/{id}}/methods/GET"
        );
        let root = wire("CreateResource", &[("restApiId", API), ("parentId", "@/")]);
        assert_eq!(root.readable_path(), "/restapis/{API id}/resources/{id of /}");
        let authorizer = wire(
            "UpdateAuthorizer",
            &[("restApiId", API), ("authorizerId", &authorizer_ref("jwt auth"))],
        );
        assert_eq!(authorizer.path, "/restapis/%40api/authorizers/%40authorizer%3Ajwt%20auth");
        assert_eq!(
            authorizer.readable_path(),
            "/restapis/{API id}/authorizers/{id of authorizer jwt auth}"
        );
        let validator = wire(
            "DeleteRequestValidator",
            &[("restApiId", API), ("requestValidatorId", &validator_ref("body"))],
        );
        assert_eq!(
            validator.readable_path(),
            "/restapis/{API id}/requestvalidators/{id of validator body}"
        );
        let unicode = wire("DeleteResource", &[("restApiId", API), ("resourceId", "@/café")]);
        assert_eq!(unicode.readable_path(), "/restapis/{API id}/resources/{id of /café}");
    }

    #[test]
    fn real_ids_and_other_labels_stay_as_they_are_sent() {
        let put = wire(
            "PutIntegrationResponse",
            &[
                ("restApiId", "a1b2c3d4e5"),
                ("resourceId", "@/pets"),
                ("httpMethod", "GET"),
                ("statusCode", "200"),
            ],
        );
        assert_eq!(
            put.readable_path(),
            "/restapis/a1b2c3d4e5/resources/{id of /pets}/methods/GET/integration/responses/200"
        );
        let resolved = wire("DeleteResource", &[("restApiId", "a1b2c3d4e5"), ("resourceId", "x9")]);
        assert_eq!(resolved.readable_path(), resolved.path);
        // Only an id can be a placeholder: a model named like one is not.
        let model = wire("DeleteModel", &[("restApiId", API), ("modelName", "@api")]);
        assert_eq!(model.readable_path(), "/restapis/{API id}/models/%40api");
        // A malformed escape is shown as it is.
        let odd = WireRequest { method: "GET", path: "/restapis/%40%ZZ".into(), body: None };
        assert_eq!(odd.readable_path(), odd.path);
    }

    #[test]
    fn labels_decode_back_to_what_was_encoded() {
        for text in ["@api", "@/pets/{petId}", "@authorizer:a b/c", "café ✓", "%41", ""] {
            assert_eq!(decode_label(&encode_label(text)).as_deref(), Some(text));
        }
        assert_eq!(decode_label("%4"), None);
        assert_eq!(decode_label("%FF"), None, "not UTF-8");
    }
}

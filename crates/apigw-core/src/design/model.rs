//! The design: what a REST API is made of, as plain data.
//!
//! Field names and enum spellings are API Gateway's own. Enum-valued fields hold strings, so a
//! design read from a file keeps whatever it said and validation can name a bad value instead
//! of failing to load. Every map is ordered by key (`BTreeMap` for
//! resources, the compact [`Map`] for the rest), so iteration and output order are deterministic.
//!
//! Resources are keyed by their full path (`/`, `/pets`, `/pets/{petId}`); the tree is implied by
//! the paths. Methods refer to authorizers, request validators and models by name, since ids
//! exist only once the API is created. Gateway responses are keyed by their response type, stages by name. A
//! resource loaded from a live API also keeps its live id, so that renaming or moving it in the
//! design renames or moves it in API Gateway.

pub use crate::map::Map;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole REST API design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Design {
    #[serde(default)]
    pub api: ApiSettings,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub authorizers: Map<String, Authorizer>,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub request_validators: Map<String, RequestValidator>,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub models: Map<String, Model>,
    /// Response type (`DEFAULT_4XX`, `MISSING_AUTHENTICATION_TOKEN`…) to the API's
    /// customisation of that gateway response (PutGatewayResponse).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub gateway_responses: Map<String, GatewayResponse>,
    /// Stage name to the stage's description and variables: design inputs, deployed only when
    /// a deploy names the stage.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub stages: Map<String, Stage>,
    /// Full path to resource. `/` is always present.
    #[serde(default)]
    pub resources: BTreeMap<String, Resource>,
    /// Values known only at deploy time, kept from an imported CloudFormation template: the
    /// design JSON Pointer of a field (`/resources/~1pets/methods/GET/integration/uri`) to the
    /// template's expression there, as compact JSON (`{"Fn::Sub":"arn:…"}`); the key
    /// `Parameters` keeps the template's parameters. The field itself holds the expression's
    /// text ([`crate::cloudformation::shown`]); while it still does, the rules leave it alone
    /// and the CloudFormation export writes the expression back.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub deploy_time_values: Map<String, String>,
}

impl Default for Design {
    fn default() -> Design {
        let mut resources = BTreeMap::new();
        resources.insert("/".to_string(), Resource::default());
        Design {
            api: ApiSettings::default(),
            authorizers: Map::new(),
            request_validators: Map::new(),
            models: Map::new(),
            gateway_responses: Map::new(),
            stages: Map::new(),
            resources,
            deploy_time_values: Map::new(),
        }
    }
}

/// API-level settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiSettings {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// EDGE, REGIONAL or PRIVATE.
    #[serde(default = "default_endpoint_type")]
    pub endpoint_type: String,
    /// The id of an existing API this design targets, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest_api_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub binary_media_types: Vec<String>,
}

fn default_endpoint_type() -> String {
    "REGIONAL".to_string()
}

impl Default for ApiSettings {
    fn default() -> ApiSettings {
        ApiSettings {
            name: "MyApi".to_string(),
            description: None,
            endpoint_type: default_endpoint_type(),
            rest_api_id: None,
            api_key_source: None,
            binary_media_types: Vec::new(),
        }
    }
}

/// An API-level authorizer (CreateAuthorizer), keyed by name in the design.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Authorizer {
    /// TOKEN, REQUEST or COGNITO_USER_POOLS.
    #[serde(rename = "type", default)]
    pub authorizer_type: String,
    #[serde(rename = "providerARNs", default, skip_serializing_if = "Vec::is_empty")]
    pub provider_arns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorizer_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorizer_credentials: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_validation_expression: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorizer_result_ttl_in_seconds: Option<i64>,
}

/// A request validator (CreateRequestValidator), keyed by name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestValidator {
    #[serde(default)]
    pub validate_request_body: bool,
    #[serde(default)]
    pub validate_request_parameters: bool,
}

/// A model (CreateModel), keyed by name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Model {
    #[serde(default = "default_content_type")]
    pub content_type: String,
    /// JSON Schema draft 4, as text.
    #[serde(default)]
    pub schema: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Default for Model {
    fn default() -> Model {
        Model {
            content_type: default_content_type(),
            schema: "{\n  \"type\": \"object\"\n}".into(),
            description: None,
        }
    }
}

fn default_content_type() -> String {
    "application/json".to_string()
}

/// A gateway response (PutGatewayResponse): what API Gateway answers, instead of its default,
/// when it fails a request of its response type, which is its key in
/// [`Design::gateway_responses`]. Its templates are not VTL: API Gateway only substitutes
/// variables in them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GatewayResponse {
    /// The status code; unset keeps the response type's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<String>,
    /// `gatewayresponse.header.{name}` → mapping expression.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub response_parameters: Map<String, String>,
    /// Content type → template.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub response_templates: Map<String, String>,
}

/// A stage (CreateStage, or CreateDeployment's `stageName`), keyed by name in
/// [`Design::stages`]: its description and its stage variables, which integration URIs,
/// mappings and templates read as `stageVariables.NAME` when a request runs at that stage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Stage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Variable name → value.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub variables: Map<String, String>,
}

/// A resource: its methods keyed by verb. Its path is its key in [`Design::resources`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resource {
    /// The id API Gateway gave this resource, when the design was loaded from a live API (or
    /// imported from get-resources output). It follows the resource when it is renamed or
    /// moved, so that a deploy renames or moves the live resource (UpdateResource) instead of
    /// deleting it and creating another; a resource the design adds has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub methods: Map<String, Method>,
}

/// A method (PutMethod) with its method responses and integration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Method {
    /// NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS.
    #[serde(default = "default_authorization_type")]
    pub authorization_type: String,
    /// The name of one of the design's authorizers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorizer: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub api_key_required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation_name: Option<String>,
    /// `method.request.{querystring|path|header}.{name}` → required.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub request_parameters: Map<String, bool>,
    /// Content type → model name.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub request_models: Map<String, String>,
    /// The name of one of the design's request validators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_validator: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authorization_scopes: Vec<String>,
    /// Status code → method response.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub method_responses: Map<String, MethodResponse>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration: Option<Integration>,
    /// The request the Test tab and `apigw invoke` send this method by default. A design
    /// input only: plans, AWS exports and the live diff leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_request: Option<Box<TestRequest>>,
}

/// A method's saved test request, as the console's Test form takes it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TestRequest {
    /// Path parameter name → value (`petId` → `7`; a greedy `proxy` may hold `a/b`).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub path_parameters: Map<String, String>,
    /// The query string as typed: `a=1&b=2`; a name may repeat.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub query_string: String,
    /// Headers as typed: one `Name: value` per line; a name may repeat.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub headers: String,
    /// Stage variable name → value.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub stage_variables: Map<String, String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    /// The back end's answer to simulate, for integrations other than MOCK.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend: Option<TestBackend>,
}

/// A saved back-end answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TestBackend {
    #[serde(default = "default_status")]
    pub status: u16,
    /// One `Name: value` per line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub headers: String,
    /// The body; for a Lambda function, its result.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    /// A Lambda function's error message, when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

fn default_status() -> u16 {
    200
}

impl Default for TestBackend {
    fn default() -> TestBackend {
        TestBackend { status: 200, headers: String::new(), body: String::new(), error: None }
    }
}

impl Default for Method {
    fn default() -> Method {
        Method {
            authorization_type: default_authorization_type(),
            authorizer: None,
            api_key_required: false,
            operation_name: None,
            request_parameters: Map::new(),
            request_models: Map::new(),
            request_validator: None,
            authorization_scopes: Vec::new(),
            method_responses: Map::new(),
            integration: None,
            test_request: None,
        }
    }
}

fn default_authorization_type() -> String {
    "NONE".to_string()
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A method response (PutMethodResponse); its status code is its key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MethodResponse {
    /// `method.response.header.{name}` → required.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub response_parameters: Map<String, bool>,
    /// Content type → model name.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub response_models: Map<String, String>,
}

/// An integration (PutIntegration) with its integration responses.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Integration {
    /// HTTP, HTTP_PROXY, AWS, AWS_PROXY or MOCK.
    #[serde(rename = "type", default)]
    pub integration_type: String,
    /// The verb the integration calls (wire key `httpMethod`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_http_method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<String>,
    /// `integration.request.{location}.{name}` → mapping expression.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub request_parameters: Map<String, String>,
    /// Content type → VTL template.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub request_templates: Map<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passthrough_behavior: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cache_key_parameters: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_in_millis: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_config: Option<TlsConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_transfer_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_target: Option<String>,
    /// Status code → integration response.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub integration_responses: Map<String, IntegrationResponse>,
}

/// `tlsConfig` of an HTTP integration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TlsConfig {
    #[serde(default)]
    pub insecure_skip_verification: bool,
}

/// An integration response (PutIntegrationResponse); its status code is its key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IntegrationResponse {
    /// A regular expression; absent for the default response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection_pattern: Option<String>,
    /// `method.response.header.{name}` → mapping expression.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub response_parameters: Map<String, String>,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub response_templates: Map<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<String>,
}

impl Design {
    /// An empty design named `name`.
    pub fn named(name: &str) -> Design {
        let mut design = Design::default();
        design.api.name = name.to_string();
        design
    }

    /// Forgets every method's saved test request, as AWS's own formats (plans, OpenAPI,
    /// CloudFormation, the CLI script) do: what such an export reads back as.
    pub fn clear_test_requests(&mut self) {
        for resource in self.resources.values_mut() {
            for (_, method) in resource.methods.iter_mut() {
                method.test_request = None;
            }
        }
    }

    /// Total number of methods.
    pub fn method_count(&self) -> usize {
        self.resources.values().map(|r| r.methods.len()).sum()
    }

    pub fn method(&self, path: &str, verb: &str) -> Option<&Method> {
        self.resources.get(path)?.methods.get(verb)
    }

    pub fn method_mut(&mut self, path: &str, verb: &str) -> Option<&mut Method> {
        self.resources.get_mut(path)?.methods.get_mut(verb)
    }

    /// Whether any resource lies below `path`.
    pub fn has_descendants(&self, path: &str) -> bool {
        crate::path::descendants(&self.resources, path).next().is_some()
    }

    /// Adds every missing ancestor of every resource path and the root, so the tree is whole.
    pub fn fill_ancestors(&mut self) {
        // Each path's parent is enough to look up: an ancestor that is present is itself a
        // key, whose own parent is checked in turn. Only missing ones allocate.
        let mut missing = std::collections::BTreeSet::<&str>::new();
        for path in self.resources.keys() {
            let mut current = crate::path::parent(path);
            while let Some(p) = current {
                if self.resources.contains_key(p) || !missing.insert(p) {
                    break;
                }
                current = crate::path::parent(p);
            }
        }
        let missing: Vec<String> = missing.into_iter().map(str::to_string).collect();
        for path in missing {
            self.resources.insert(path, Default::default());
        }
        if !self.resources.contains_key("/") {
            self.resources.insert("/".to_string(), Default::default());
        }
    }
}

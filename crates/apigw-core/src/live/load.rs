//! Loading a live REST API into a design: GetRestApi, GetAuthorizers, GetRequestValidators,
//! GetModels, GetGatewayResponses, GetStages (each stage's description and variables only),
//! GetResources with `embed=methods` and paging (limit 500,
//! position), and GetMethod for any method the embed left incomplete. Of the gateway
//! responses, only those the API customised are kept: API Gateway lists its defaults too
//! (`defaultResponse: true`), which are no part of a design; and what it fills in for a
//! customised one's unset fields is left unset (`facts::unset_gateway_response_defaults`).
//!
//! The result, [`LiveApi`], is the design plus the ids the live API uses for its resources,
//! authorizers and validators, keyed by the plan's placeholders, so a diff against it can be
//! deployed with every placeholder resolved.

use crate::diagnostic::Diagnostic;
use crate::exchange::{ApiError, Exchange, HttpRequest, MAX_ATTEMPTS, Outcome, Step};
use crate::model::{Authorizer, Design, GatewayResponse, Model, RequestValidator};
use crate::plan::{self, encode_label};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};

/// A live API as loaded: its design and the ids behind the plan's placeholders.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveApi {
    pub rest_api_id: String,
    pub design: Design,
    /// `@api`, `@/path`, `@authorizer:NAME`, `@validator:NAME` → id.
    pub ids: BTreeMap<String, String>,
    /// What the import could not carry into the design.
    pub warnings: Vec<Diagnostic>,
}

impl LiveApi {
    /// The live state of an API that was just created: nothing but its root resource.
    pub fn empty(rest_api_id: &str, root_id: &str, design: Design) -> LiveApi {
        let mut ids = BTreeMap::new();
        ids.insert(plan::API.to_string(), rest_api_id.to_string());
        ids.insert(plan::resource_ref("/"), root_id.to_string());
        LiveApi { rest_api_id: rest_api_id.into(), design, ids, warnings: Vec::new() }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    RestApi,
    Authorizers,
    Validators,
    Models,
    GatewayResponses,
    Stages,
    Resources,
    Methods,
    Done,
}

/// The load, as a state machine (see [`crate::exchange`]).
#[derive(Clone, Debug)]
pub struct Loader {
    rest_api_id: String,
    stage: Stage,
    position: Option<String>,
    attempt: u32,
    api: Map<String, Value>,
    authorizers: Vec<Value>,
    validators: Vec<Value>,
    models: Vec<Value>,
    gateway_responses: Vec<Value>,
    stages: Vec<Value>,
    items: Vec<Value>,
    /// Methods whose embedded form was incomplete: (item index, verb).
    incomplete: Vec<(usize, String)>,
    /// How many requests have been answered, for progress.
    pub answered: usize,
}

const PAGE: &str = "limit=500";

impl Loader {
    pub fn new(rest_api_id: &str) -> Loader {
        Loader {
            rest_api_id: rest_api_id.to_string(),
            stage: Stage::RestApi,
            position: None,
            attempt: 0,
            api: Map::new(),
            authorizers: Vec::new(),
            validators: Vec::new(),
            models: Vec::new(),
            gateway_responses: Vec::new(),
            stages: Vec::new(),
            items: Vec::new(),
            incomplete: Vec::new(),
            answered: 0,
        }
    }

    /// Whether every request has been answered.
    pub fn is_done(&self) -> bool {
        self.stage == Stage::Done
    }

    fn base(&self) -> String {
        format!("/restapis/{}", encode_label(&self.rest_api_id))
    }

    fn page(&self, path: String) -> String {
        let separator = if path.contains('?') { '&' } else { '?' };
        match &self.position {
            Some(p) => format!("{path}{separator}position={}", encode_label(p)),
            None => path,
        }
    }

    fn advance(&mut self) {
        self.position = None;
        self.stage = match self.stage {
            Stage::RestApi => Stage::Authorizers,
            Stage::Authorizers => Stage::Validators,
            Stage::Validators => Stage::Models,
            Stage::Models => Stage::GatewayResponses,
            Stage::GatewayResponses => Stage::Stages,
            Stage::Stages => Stage::Resources,
            Stage::Resources => {
                self.find_incomplete();
                if self.incomplete.is_empty() { Stage::Done } else { Stage::Methods }
            }
            Stage::Methods | Stage::Done => Stage::Done,
        };
    }

    fn find_incomplete(&mut self) {
        for (index, item) in self.items.iter().enumerate() {
            let Some(methods) = item.get("resourceMethods").and_then(Value::as_object) else {
                continue;
            };
            for (verb, method) in methods {
                if method.get("httpMethod").is_none_or(Value::is_null) {
                    self.incomplete.push((index, verb.clone()));
                }
            }
        }
    }

    /// The loaded API. Call once [`Loader::is_done`].
    pub fn finish(self) -> LiveApi {
        let mut ids = BTreeMap::new();
        ids.insert(plan::API.to_string(), self.rest_api_id.clone());
        let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let api = Value::Object(self.api.clone());
        let mut design = Design::named(&text(&api, "name").unwrap_or_default());
        design.api.description = text(&api, "description");
        design.api.rest_api_id = Some(self.rest_api_id.clone());
        if let Some(t) = api.pointer("/endpointConfiguration/types/0").and_then(Value::as_str) {
            design.api.endpoint_type = t.to_string();
        }
        design.api.api_key_source = text(&api, "apiKeySource").filter(|s| s != "HEADER");
        design.api.binary_media_types = api
            .get("binaryMediaTypes")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default();

        let mut authorizer_names: HashMap<String, String> = HashMap::new();
        for a in &self.authorizers {
            let (Some(id), Some(name)) = (text(a, "id"), text(a, "name")) else { continue };
            let list = |k: &str| {
                a.get(k)
                    .and_then(Value::as_array)
                    .map(|l| l.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                    .unwrap_or_default()
            };
            design.authorizers.insert(
                name.clone(),
                Authorizer {
                    authorizer_type: text(a, "type").unwrap_or_default(),
                    provider_arns: list("providerARNs"),
                    auth_type: text(a, "authType"),
                    authorizer_uri: text(a, "authorizerUri"),
                    authorizer_credentials: text(a, "authorizerCredentials"),
                    identity_source: text(a, "identitySource"),
                    identity_validation_expression: text(a, "identityValidationExpression"),
                    authorizer_result_ttl_in_seconds: a
                        .get("authorizerResultTtlInSeconds")
                        .and_then(Value::as_i64),
                },
            );
            ids.insert(plan::authorizer_ref(&name), id.clone());
            authorizer_names.insert(id, name);
        }
        let mut validator_names: HashMap<String, String> = HashMap::new();
        for v in &self.validators {
            let (Some(id), Some(name)) = (text(v, "id"), text(v, "name")) else { continue };
            let flag = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
            design.request_validators.insert(
                name.clone(),
                RequestValidator {
                    validate_request_body: flag("validateRequestBody"),
                    validate_request_parameters: flag("validateRequestParameters"),
                },
            );
            ids.insert(plan::validator_ref(&name), id.clone());
            validator_names.insert(id, name);
        }
        for m in &self.models {
            let Some(name) = text(m, "name") else { continue };
            design.models.insert(
                name,
                Model {
                    content_type: text(m, "contentType")
                        .unwrap_or_else(|| "application/json".into()),
                    description: text(m, "description"),
                    schema: text(m, "schema").unwrap_or_default(),
                },
            );
        }

        for g in &self.gateway_responses {
            let Some(response_type) = text(g, "responseType") else { continue };
            if g.get("defaultResponse").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            let texts = |k: &str| -> crate::map::Map<String, String> {
                g.get(k)
                    .and_then(Value::as_object)
                    .map(|m| {
                        m.iter()
                            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let mut response = GatewayResponse {
                status_code: text(g, "statusCode"),
                response_parameters: texts("responseParameters"),
                response_templates: texts("responseTemplates"),
            };
            // What API Gateway reports for fields left unset is left unset here too.
            crate::facts::unset_gateway_response_defaults(&response_type, &mut response);
            design.gateway_responses.insert(response_type, response);
        }

        // A stage's description and variables; its deployment, settings and the rest are no
        // part of a design.
        for s in &self.stages {
            let Some(name) = text(s, "stageName") else { continue };
            let variables = s
                .get("variables")
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                        .collect()
                })
                .unwrap_or_default();
            let description = text(s, "description").filter(|d| !d.is_empty());
            design.stages.insert(name, crate::model::Stage { description, variables });
        }

        for item in &self.items {
            if let (Some(path), Some(id)) = (text(item, "path"), text(item, "id")) {
                ids.insert(plan::resource_ref(&path), id);
            }
        }
        let mut warnings = Vec::new();
        if let Ok((imported, diagnostics, _)) =
            crate::get_resources::import(&json!({ "item": self.items }))
        {
            design.resources = imported.resources;
            // Ids in methods become the names the design uses.
            let mut unresolved = false;
            for resource in design.resources.values_mut() {
                for method in resource.methods.values_mut() {
                    if let Some(id) = &method.authorizer {
                        match authorizer_names.get(id) {
                            Some(name) => method.authorizer = Some(name.clone()),
                            None => unresolved = true,
                        }
                    }
                    if let Some(id) = &method.request_validator {
                        match validator_names.get(id) {
                            Some(name) => method.request_validator = Some(name.clone()),
                            None => unresolved = true,
                        }
                    }
                }
            }
            warnings = diagnostics
                .into_iter()
                .filter(|d| unresolved || !d.message.starts_with("get-resources lists ids"))
                .collect();
        }
        // What API Gateway reports for fields the API's author left unset is left unset here
        // too, as API Gateway's own export (get-export) does.
        for (path, resource) in design.resources.iter_mut() {
            let id = ids.get(&plan::resource_ref(path));
            for method in resource.methods.values_mut() {
                if let Some(integration) = &mut method.integration {
                    crate::facts::unset_integration_defaults(integration, id.map(String::as_str));
                }
            }
        }
        design.fill_ancestors();
        LiveApi { rest_api_id: self.rest_api_id, design, ids, warnings }
    }

    fn take_page(&mut self, body: &Value) -> Vec<Value> {
        self.position = body.get("position").and_then(Value::as_str).map(str::to_string);
        body.get("item")
            .or_else(|| body.get("items"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    }
}

impl Exchange for Loader {
    fn next(&mut self) -> Option<HttpRequest> {
        let base = self.base();
        let path = match self.stage {
            Stage::RestApi => base,
            Stage::Authorizers => self.page(format!("{base}/authorizers?{PAGE}")),
            Stage::Validators => self.page(format!("{base}/requestvalidators?{PAGE}")),
            Stage::Models => self.page(format!("{base}/models?{PAGE}")),
            Stage::GatewayResponses => self.page(format!("{base}/gatewayresponses?{PAGE}")),
            // GetStages takes no limit; a position, should an answer carry one, is followed.
            Stage::Stages => self.page(format!("{base}/stages")),
            Stage::Resources => self.page(format!("{base}/resources?embed=methods&{PAGE}")),
            Stage::Methods => {
                let (index, verb) = self.incomplete.last()?;
                let id = self.items[*index].get("id").and_then(Value::as_str).unwrap_or("");
                format!("{base}/resources/{}/methods/{}", encode_label(id), encode_label(verb))
            }
            Stage::Done => return None,
        };
        Some(HttpRequest { method: "GET".into(), path, body: None })
    }

    fn receive(&mut self, outcome: Outcome, jitter: f64) -> Step {
        let (status, body, retry_after) = match &outcome {
            Outcome::Response { status, body, retry_after } => {
                (*status, body.as_str(), *retry_after)
            }
            Outcome::Transport(message) => (0, message.as_str(), None),
        };
        if crate::exchange::retryable(&outcome) {
            self.attempt += 1;
            if self.attempt < MAX_ATTEMPTS {
                return Step::Wait(crate::exchange::backoff_ms(self.attempt, retry_after, jitter));
            }
        }
        if !(200..300).contains(&status) {
            self.stage = Stage::Done;
            return Step::Failed(if status == 0 {
                ApiError::transport(body)
            } else {
                ApiError::from_response(status, body)
            });
        }
        self.attempt = 0;
        self.answered += 1;
        let Ok(json) = serde_json::from_str::<Value>(body) else {
            self.stage = Stage::Done;
            return Step::Failed(ApiError {
                status,
                error_type: "InvalidResponse".into(),
                message: "the answer is not JSON".into(),
            });
        };
        match self.stage {
            Stage::RestApi => {
                self.api = json.as_object().cloned().unwrap_or_default();
                self.advance();
            }
            Stage::Authorizers
            | Stage::Validators
            | Stage::Models
            | Stage::GatewayResponses
            | Stage::Stages
            | Stage::Resources => {
                let page = self.take_page(&json);
                match self.stage {
                    Stage::Authorizers => self.authorizers.extend(page),
                    Stage::Validators => self.validators.extend(page),
                    Stage::Models => self.models.extend(page),
                    Stage::GatewayResponses => self.gateway_responses.extend(page),
                    Stage::Stages => self.stages.extend(page),
                    _ => self.items.extend(page),
                }
                if self.position.is_none() {
                    self.advance();
                }
            }
            Stage::Methods => {
                if let Some((index, verb)) = self.incomplete.pop() {
                    if let Some(methods) =
                        self.items[index].get_mut("resourceMethods").and_then(Value::as_object_mut)
                    {
                        methods.insert(verb, json);
                    }
                }
                if self.incomplete.is_empty() {
                    self.advance();
                }
            }
            Stage::Done => {}
        }
        Step::Continue
    }
}

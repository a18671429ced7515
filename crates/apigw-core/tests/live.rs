//! The live-API machinery, natively: the diff checked by applying its calls (patch operations
//! included) to the loaded representation, the deploy against a scripted API Gateway with
//! faults, and the load with paging and incomplete embeds.

use apigw_core::deploy::{self, Deploy, Status};
use apigw_core::diff::{self, diff};
use apigw_core::exchange::{Exchange, HttpRequest, Outcome, Step};
use apigw_core::live::{LiveApi, Loader};
use apigw_core::model::*;
use apigw_core::patch::{self, Item};
use apigw_core::plan::{self, Call};
use apigw_core::{Design, document};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

fn fixture(name: &str) -> Design {
    let path = format!("{}/../../fixtures/designs/{name}.json", env!("CARGO_MANIFEST_DIR"));
    document::design_from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn unref(value: &str) -> String {
    let value = value.trim_start_matches('@');
    value.trim_start_matches("authorizer:").trim_start_matches("validator:").to_string()
}

fn method_from(json: Map<String, Value>) -> Method {
    let (mut m, _) = apigw_core::get_resources::method_from_wire(&json);
    m.authorizer = m.authorizer.as_deref().map(unref);
    m.request_validator = m.request_validator.as_deref().map(unref);
    m
}

fn path_of(id: &Option<String>) -> String {
    id.as_deref().unwrap_or("").trim_start_matches('@').to_string()
}

/// API Gateway's effect of each call on a design, as a reference to check the diff against.
fn simulate(live: &Design, calls: &[Call]) -> Design {
    let mut d = live.clone();
    for call in calls {
        match call {
            Call::CreateAuthorizer(p) => {
                let mut json = serde_json::to_value(p).unwrap();
                let o = json.as_object_mut().unwrap();
                o.shift_remove("restApiId");
                o.shift_remove("name");
                d.authorizers.insert(p.name.clone(), serde_json::from_value(json).unwrap());
            }
            Call::CreateRequestValidator(p) => {
                d.request_validators.insert(
                    p.name.clone(),
                    RequestValidator {
                        validate_request_body: p.validate_request_body,
                        validate_request_parameters: p.validate_request_parameters,
                    },
                );
            }
            Call::CreateModel(p) => {
                d.models.insert(
                    p.name.clone(),
                    Model {
                        content_type: p.content_type.clone(),
                        description: p.description.clone(),
                        schema: p.schema.clone(),
                    },
                );
            }
            Call::PutGatewayResponse(p) => {
                // A Put replaces the whole response.
                d.gateway_responses.insert(
                    p.response_type.clone(),
                    GatewayResponse {
                        status_code: p.status_code.clone(),
                        response_parameters: p.response_parameters.clone(),
                        response_templates: p.response_templates.clone(),
                    },
                );
            }
            Call::DeleteGatewayResponse(p) => {
                assert!(d.gateway_responses.remove(p.response_type.as_ref().unwrap()).is_some());
            }
            Call::CreateResource(p) => {
                let path =
                    apigw_core::path::child(&path_of(&Some(p.parent_id.clone())), &p.path_part);
                assert!(d.resources.contains_key(&path_of(&Some(p.parent_id.clone()))));
                assert_room_for(&d, &path, None);
                assert!(d.resources.insert(path, Resource::default()).is_none(), "created twice");
            }
            Call::UpdateResource(p) => {
                // The resource moves with its subtree and methods, keeping its id.
                let from = path_of(&p.item.resource_id);
                let (old, to) = diff::resource_move(call).expect("placeholders");
                assert_eq!(old, from);
                assert!(d.resources.contains_key(&from), "no {from} to rename or move");
                assert!(
                    d.resources.contains_key(apigw_core::path::parent(&to).unwrap()),
                    "no new parent for {to}"
                );
                assert!(!apigw_core::path::is_within(&to, &from), "a cycle: {from} → {to}");
                assert_room_for(&d, &to, Some(&from));
                assert!(p.patch_operations.iter().all(|o| o.op == "replace"), "{p:?}");
                let moving: Vec<String> = d
                    .resources
                    .keys()
                    .filter(|k| apigw_core::path::is_within(k, &from))
                    .cloned()
                    .collect();
                let taken: Vec<(String, Resource)> = moving
                    .into_iter()
                    .map(|k| (k.clone(), d.resources.remove(&k).unwrap()))
                    .collect();
                for (k, r) in taken {
                    d.resources.insert(format!("{to}{}", &k[from.len()..]), r);
                }
            }
            Call::PutMethod(p) => {
                let r = d.resources.get_mut(&path_of(&Some(p.resource_id.clone()))).unwrap();
                assert!(!r.methods.contains_key(&p.http_method), "PutMethod on an existing method");
                let mut json = serde_json::to_value(p).unwrap().as_object().unwrap().clone();
                json.insert("httpMethod".into(), json!(p.http_method));
                r.methods.insert(p.http_method.clone(), method_from(json));
            }
            Call::PutMethodResponse(p) => {
                let m = method_mut(&mut d, &p.resource_id, &p.http_method);
                m.method_responses.insert(
                    p.status_code.clone(),
                    MethodResponse {
                        response_parameters: p.response_parameters.clone(),
                        response_models: p.response_models.clone(),
                    },
                );
            }
            Call::PutIntegration(p) => {
                let mut json = serde_json::to_value(p).unwrap().as_object().unwrap().clone();
                json.shift_remove("httpMethod");
                if let Some(v) = json.shift_remove("integrationHttpMethod") {
                    json.insert("httpMethod".into(), v);
                }
                let wrapped =
                    Map::from_iter([("methodIntegration".to_string(), Value::Object(json))]);
                let m = method_mut(&mut d, &p.resource_id, &p.http_method);
                m.integration = method_from(wrapped).integration;
            }
            Call::PutIntegrationResponse(p) => {
                let m = method_mut(&mut d, &p.resource_id, &p.http_method);
                m.integration.as_mut().expect("integration exists").integration_responses.insert(
                    p.status_code.clone(),
                    IntegrationResponse {
                        selection_pattern: p.selection_pattern.clone(),
                        response_parameters: p.response_parameters.clone(),
                        response_templates: p.response_templates.clone(),
                        content_handling: p.content_handling.clone(),
                    },
                );
            }
            Call::UpdateMethod(p) => {
                let (path, verb) =
                    (path_of(&p.item.resource_id), p.item.http_method.clone().unwrap());
                let m = method_mut(&mut d, &p.item.resource_id.clone().unwrap(), &verb);
                let mut json = diff::method_wire(&path, &verb, m);
                patch::apply(Item::Method, &mut json, &p.patch_operations).unwrap();
                let mut updated = method_from(json);
                updated.method_responses = std::mem::take(&mut m.method_responses);
                updated.integration = m.integration.take();
                *m = updated;
            }
            Call::UpdateMethodResponse(p) => {
                let verb = p.item.http_method.clone().unwrap();
                let status = p.item.status_code.clone().unwrap();
                let m = method_mut(&mut d, &p.item.resource_id.clone().unwrap(), &verb);
                let r = m.method_responses.get_mut(&status).expect("response exists");
                let path = path_of(&p.item.resource_id);
                let mut json = diff::method_response_wire(&path, &verb, &status, r);
                patch::apply(Item::MethodResponse, &mut json, &p.patch_operations).unwrap();
                let wrapped = json!({"methodResponses": {status.clone(): json}});
                *r = method_from(wrapped.as_object().unwrap().clone()).method_responses[&status]
                    .clone();
            }
            Call::UpdateIntegration(p) => {
                let (path, verb) =
                    (path_of(&p.item.resource_id), p.item.http_method.clone().unwrap());
                let m = method_mut(&mut d, &p.item.resource_id.clone().unwrap(), &verb);
                let i = m.integration.as_mut().expect("integration exists");
                let mut json = diff::integration_wire(&path, &verb, i);
                patch::apply(Item::Integration, &mut json, &p.patch_operations).unwrap();
                let wrapped =
                    Map::from_iter([("methodIntegration".to_string(), Value::Object(json))]);
                let mut updated = method_from(wrapped).integration.unwrap();
                updated.integration_responses = std::mem::take(&mut i.integration_responses);
                *i = updated;
            }
            Call::UpdateIntegrationResponse(p) => {
                let verb = p.item.http_method.clone().unwrap();
                let status = p.item.status_code.clone().unwrap();
                let m = method_mut(&mut d, &p.item.resource_id.clone().unwrap(), &verb);
                let i = m.integration.as_mut().unwrap();
                let r = i.integration_responses.get_mut(&status).expect("response exists");
                let path = path_of(&p.item.resource_id);
                let mut json = diff::integration_response_wire(&path, &verb, &status, r);
                patch::apply(Item::IntegrationResponse, &mut json, &p.patch_operations).unwrap();
                let wrapped = json!({"methodIntegration": {"type": "MOCK", "integrationResponses": {status.clone(): json}}});
                *r = method_from(wrapped.as_object().unwrap().clone())
                    .integration
                    .unwrap()
                    .integration_responses[&status]
                    .clone();
            }
            Call::UpdateAuthorizer(p) => {
                let name = unref(&path_of(&p.item.authorizer_id));
                let a = d.authorizers.get_mut(&name).unwrap();
                let mut json = diff::authorizer_wire(&name, a);
                patch::apply(Item::Authorizer, &mut json, &p.patch_operations).unwrap();
                *a = serde_json::from_value(Value::Object(json)).unwrap();
            }
            Call::UpdateRequestValidator(p) => {
                let name = unref(&path_of(&p.item.request_validator_id));
                let v = d.request_validators.get_mut(&name).unwrap();
                let mut json = diff::validator_wire(&name, v);
                patch::apply(Item::RequestValidator, &mut json, &p.patch_operations).unwrap();
                *v = serde_json::from_value(Value::Object(json)).unwrap();
            }
            Call::UpdateModel(p) => {
                let name = p.item.model_name.clone().unwrap();
                let m = d.models.get_mut(&name).unwrap();
                let mut json = diff::model_wire(&name, m);
                patch::apply(Item::Model, &mut json, &p.patch_operations).unwrap();
                json.insert("contentType".into(), json!(m.content_type));
                *m = serde_json::from_value(Value::Object(json)).unwrap();
            }
            Call::DeleteIntegrationResponse(p) => {
                let m = method_mut(
                    &mut d,
                    p.resource_id.as_ref().unwrap(),
                    p.http_method.as_ref().unwrap(),
                );
                let i = m.integration.as_mut().unwrap();
                assert!(i.integration_responses.remove(p.status_code.as_ref().unwrap()).is_some());
            }
            Call::DeleteIntegration(p) => {
                let m = method_mut(
                    &mut d,
                    p.resource_id.as_ref().unwrap(),
                    p.http_method.as_ref().unwrap(),
                );
                assert!(m.integration.take().is_some());
            }
            Call::DeleteMethodResponse(p) => {
                let m = method_mut(
                    &mut d,
                    p.resource_id.as_ref().unwrap(),
                    p.http_method.as_ref().unwrap(),
                );
                assert!(m.method_responses.remove(p.status_code.as_ref().unwrap()).is_some());
            }
            Call::DeleteMethod(p) => {
                let r = d.resources.get_mut(&path_of(&p.resource_id)).unwrap();
                assert!(r.methods.remove(p.http_method.as_ref().unwrap()).is_some());
            }
            Call::DeleteResource(p) => {
                let path = path_of(&p.resource_id);
                assert!(d.resources.contains_key(&path));
                d.resources.retain(|k, _| !apigw_core::path::is_within(k, &path));
            }
            Call::DeleteAuthorizer(p) => {
                assert!(d.authorizers.remove(&unref(&path_of(&p.authorizer_id))).is_some());
            }
            Call::DeleteRequestValidator(p) => {
                assert!(
                    d.request_validators
                        .remove(&unref(&path_of(&p.request_validator_id)))
                        .is_some()
                );
            }
            Call::DeleteModel(p) => {
                assert!(d.models.remove(p.model_name.as_ref().unwrap()).is_some());
            }
            Call::CreateDeployment(p) => {
                // A new stage gets the deployment's variables; an existing one keeps its own.
                if !d.stages.contains_key(&p.stage_name) {
                    let stage = Stage {
                        description: p.stage_description.clone(),
                        variables: p.variables.clone(),
                    };
                    d.stages.insert(p.stage_name.clone(), stage);
                }
            }
            Call::UpdateStage(p) => {
                let stage = d.stages.get_mut(&p.stage_name).expect("UpdateStage of a live stage");
                for op in &p.patch_operations {
                    match (op.op.as_str(), op.path.strip_prefix("/variables/")) {
                        ("replace", Some(key)) => {
                            stage.variables.insert(key.into(), op.value.clone().unwrap());
                        }
                        ("remove", Some(key)) => {
                            assert!(stage.variables.remove(key).is_some(), "no {key} to remove");
                        }
                        ("replace", None) if op.path == "/description" => {
                            stage.description = op.value.clone().filter(|v| !v.is_empty());
                        }
                        other => panic!("UpdateStage cannot {other:?}"),
                    }
                }
            }
            Call::CreateRestApi(_) => panic!("a diff never creates the API itself"),
            Call::UpdateRestApi(p) => {
                let mut json = diff::rest_api_wire(&d.api);
                json.insert(
                    "endpointConfiguration".into(),
                    json!({"types": [d.api.endpoint_type]}),
                );
                patch::apply(Item::RestApi, &mut json, &p.patch_operations).unwrap();
                d.api.name = json["name"].as_str().unwrap().into();
                d.api.description =
                    json.get("description").and_then(|v| v.as_str()).map(str::to_string);
                d.api.api_key_source =
                    json["apiKeySource"].as_str().filter(|s| *s != "HEADER").map(str::to_string);
                d.api.binary_media_types = json
                    .get("binaryMediaTypes")
                    .and_then(|v| v.as_array())
                    .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
                    .unwrap_or_default();
                d.api.endpoint_type =
                    json["endpointConfiguration"]["types"][0].as_str().unwrap().into();
            }
        }
    }
    d
}

/// API Gateway refuses a resource beside a sibling of the same name, or a second variable.
fn assert_room_for(d: &Design, path: &str, moving: Option<&str>) {
    let parent = apigw_core::path::parent(path).unwrap();
    let part = apigw_core::path::path_part(path);
    for sibling in d.resources.keys() {
        if apigw_core::path::parent(sibling) != Some(parent) || Some(sibling.as_str()) == moving {
            continue;
        }
        let other = apigw_core::path::path_part(sibling);
        let variables = apigw_core::path::is_variable(part) && apigw_core::path::is_variable(other);
        assert!(other != part && !variables, "{path} beside {sibling}");
    }
}

fn method_mut<'a>(d: &'a mut Design, resource_id: &str, verb: &str) -> &'a mut Method {
    d.resources
        .get_mut(resource_id.trim_start_matches('@'))
        .and_then(|r| r.methods.get_mut(verb))
        .unwrap_or_else(|| panic!("no method {verb} {resource_id}"))
}

fn check(live: &Design, target: &Design) -> Vec<Call> {
    let calls = diff(live, target);
    let result = simulate(live, &calls);
    assert_eq!(&result, target, "applying the diff yields the target");
    assert!(diff(target, target).is_empty(), "no change, no calls");
    calls
}

#[test]
fn diff_from_empty_is_the_plan() {
    for name in ["petstore", "authorizers", "validators-models", "lambda-proxy", "aws-service"] {
        let target = fixture(name);
        let empty = Design { api: target.api.clone(), ..Design::default() };
        let calls = check(&empty, &target);
        assert_eq!(calls, plan::build(&target), "{name}");
    }
}

#[test]
fn diff_to_empty_deletes_everything_in_a_safe_order() {
    for name in ["petstore", "authorizers", "validators-models"] {
        let live = fixture(name);
        let calls = check(&live, &Design { api: live.api.clone(), ..Design::default() });
        // Only top-level resources are deleted: their subtrees go with them.
        assert!(calls.iter().all(|c| !matches!(c, Call::DeleteMethod(_) | Call::PutMethod(_))
            || matches!(c, Call::DeleteMethod(p) if p.resource_id.as_deref() == Some("@/"))));
    }
}

#[test]
fn every_kind_of_edit_becomes_the_smallest_patch() {
    let live = fixture("validators-models");
    let mut target = live.clone();
    // Edit every kind of field of every kind of item.
    for resource in target.resources.values_mut() {
        for method in resource.methods.values_mut() {
            method.api_key_required = !method.api_key_required;
            method.operation_name = Some("renamed".into());
            method.request_parameters.insert("method.request.header.X-Trace".into(), false);
            method.authorization_scopes.clear();
            for r in method.method_responses.values_mut() {
                r.response_parameters.insert("method.response.header.X-Id".into(), true);
                r.response_models.clear();
            }
            method.method_responses.insert("418".into(), MethodResponse::default());
            if let Some(i) = &mut method.integration {
                i.timeout_in_millis = Some(1234);
                i.request_templates.insert("text/plain".into(), "$input.body".into());
                i.cache_key_parameters = vec!["method.request.header.X-Trace".into()];
                i.tls_config = Some(TlsConfig { insecure_skip_verification: true });
                for r in i.integration_responses.values_mut() {
                    r.selection_pattern = Some("4\\d{2}".into());
                    r.response_templates.insert("application/xml".into(), "<a/>".into());
                }
            }
        }
    }
    for v in target.request_validators.values_mut() {
        v.validate_request_body = !v.validate_request_body;
    }
    for m in target.models.values_mut() {
        m.description = Some("changed".into());
    }
    let calls = check(&live, &target);
    assert!(
        calls
            .iter()
            .all(|c| c.operation().starts_with("Update") || c.operation() == "PutMethodResponse"),
        "{:#?}",
        calls.iter().map(Call::operation).collect::<Vec<_>>()
    );

    // Structural edits: a new resource and method, a removed subtree, a replaced integration.
    let mut structural = target.clone();
    structural.resources.insert("/new".into(), Resource::default());
    structural.resources.insert(
        "/new/{id}".into(),
        Resource {
            id: None,
            methods: [(
                "GET".to_string(),
                Method {
                    integration: Some(Integration {
                        integration_type: "MOCK".into(),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
            )]
            .into(),
        },
    );
    let first = structural
        .resources
        .keys()
        .find(|k| k.len() > 1 && *k != "/new" && *k != "/new/{id}")
        .cloned()
        .unwrap();
    structural.resources.retain(|k, _| !apigw_core::path::is_within(k, &first));
    for resource in structural.resources.values_mut() {
        for method in resource.methods.values_mut() {
            if let Some(i) = &mut method.integration {
                if i.integration_type != "MOCK" {
                    *i = Integration { integration_type: "MOCK".into(), ..Default::default() };
                }
            }
        }
    }
    structural.models.clear();
    check(&live, &structural);
    check(&structural, &live);
}

#[test]
fn api_settings_are_patched_too() {
    let live = fixture("petstore");
    let mut target = live.clone();
    target.api.name = "Pet Shop".into();
    target.api.description = None;
    target.api.endpoint_type = "EDGE".into();
    target.api.api_key_source = Some("AUTHORIZER".into());
    target.api.binary_media_types = vec!["image/png".into(), "application/octet-stream".into()];
    let calls = check(&live, &target);
    assert_eq!(calls.len(), 1);
    let Call::UpdateRestApi(p) = &calls[0] else { panic!("{calls:?}") };
    let paths: Vec<&str> = p.patch_operations.iter().map(|o| o.path.as_str()).collect();
    assert!(paths.contains(&"/binaryMediaTypes/image~1png"), "{paths:?}");
    assert!(paths.contains(&"/endpointConfiguration/types/REGIONAL"), "{paths:?}");
    assert_eq!(calls[0].wire().path, "/restapis/%40api");
    check(&target, &live);
}

#[test]
fn renamed_authorizer_reference_is_patched_by_placeholder() {
    let live = fixture("authorizers");
    let mut target = live.clone();
    let names: Vec<String> = target.authorizers.keys().cloned().collect();
    let Some(first) = names.first() else { return };
    for r in target.resources.values_mut() {
        for m in r.methods.values_mut() {
            if m.authorizer.is_some() {
                m.authorizer = Some(first.clone());
                m.authorization_type = "CUSTOM".into();
            }
        }
    }
    if let Some(a) = target.authorizers.get_mut(first) {
        a.authorizer_result_ttl_in_seconds = Some(60);
        a.identity_source = Some("method.request.header.Auth".into());
    }
    check(&live, &target);
}

/// A scripted API Gateway for the deploy: answers creations with ids, lists resources, and
/// injects the faults a test asks for at given request numbers.
struct Fake {
    requests: Vec<HttpRequest>,
    /// The caller's REST APIs: id → name.
    apis: BTreeMap<String, String>,
    resources: BTreeMap<String, String>,
    faults: BTreeMap<usize, Fault>,
    applied_puts: usize,
}

#[derive(Clone, Copy)]
enum Fault {
    Throttle,
    ServerErrorBefore,
    DropAfter,
    Hard,
    /// What apigw-proxy makes of an emulator's HTML page for an operation it lacks.
    NotApiGateway,
    /// LocalStack's answer for an operation it lacks.
    NotImplemented,
}

impl Fake {
    fn new() -> Fake {
        Fake {
            requests: Vec::new(),
            apis: [("api1".into(), "PetStore".into())].into(),
            resources: [("r0".into(), "/".into())].into(),
            faults: BTreeMap::new(),
            applied_puts: 0,
        }
    }

    fn answer(&mut self, r: HttpRequest) -> Outcome {
        let n = self.requests.len();
        self.requests.push(r.clone());
        let fault = self.faults.get(&n).copied();
        match fault {
            Some(Fault::Throttle) => return Outcome::Response { status: 429, body: "{\"message\":\"slow down\"}".into(), retry_after: Some(0.01) },
            Some(Fault::ServerErrorBefore) => return Outcome::Response { status: 503, body: String::new(), retry_after: None },
            Some(Fault::Hard) => return Outcome::Response { status: 400, body: "{\"__type\":\"BadRequestException\",\"message\":\"Invalid mapping expression specified\"}".into(), retry_after: None },
            Some(Fault::NotApiGateway) => return Outcome::Response { status: 500, body: "{\"__type\":\"UpstreamNotApiGateway\",\"message\":\"the upstream answered 500 with an HTML page, not an API Gateway error\"}".into(), retry_after: None },
            Some(Fault::NotImplemented) => return Outcome::Response { status: 501, body: "{\"__type\":\"InternalFailure\",\"message\":\"No moto route for service apigateway found.\"}".into(), retry_after: None },
            _ => {}
        }
        let ok = |status: u16, body: Value| Outcome::Response {
            status,
            body: body.to_string(),
            retry_after: None,
        };
        let outcome = if r.method == "GET" && r.path.starts_with("/restapis?") {
            // Two to a page, so that the deploy's census and look-up must follow `position`.
            let all: Vec<Value> = self
                .apis
                .iter()
                .map(|(id, name)| json!({"id": id, "name": name, "rootResourceId": "r0"}))
                .collect();
            let from: usize = r.path.split("position=").nth(1).map_or(0, |p| p.parse().unwrap());
            let page: Vec<Value> = all.iter().skip(from).take(2).cloned().collect();
            let mut answer = json!({ "item": page });
            if from + 2 < all.len() {
                answer["position"] = json!((from + 2).to_string());
            }
            ok(200, answer)
        } else if r.method == "POST" && r.path == "/restapis" {
            let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
            let id = format!("api{}", self.apis.len() + 1);
            self.apis.insert(id.clone(), body["name"].as_str().unwrap().to_string());
            ok(201, json!({"id": id, "name": body["name"], "rootResourceId": "r0"}))
        } else if r.method == "GET" {
            let items: Vec<Value> =
                self.resources.iter().map(|(id, path)| json!({"id": id, "path": path})).collect();
            let items = if r.path.contains("/resources?") { items } else { Vec::new() };
            ok(200, json!({ "item": items }))
        } else if r.method == "PATCH"
            && r.path.contains("/resources/")
            && !r.path.contains("/methods")
        {
            // UpdateResource: the resource and its subtree move; ids stay.
            let id = r.path.rsplit('/').next().unwrap().to_string();
            assert!(
                !id.contains('@') && !id.contains("%40"),
                "unresolved placeholder in {}",
                r.path
            );
            let from = self.resources[&id].clone();
            let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
            let mut parent = apigw_core::path::parent(&from).unwrap().to_string();
            let mut part = apigw_core::path::path_part(&from).to_string();
            for op in body["patchOperations"].as_array().unwrap() {
                let value = op["value"].as_str().unwrap();
                match op["path"].as_str().unwrap() {
                    "/pathPart" => part = value.to_string(),
                    "/parentId" => parent = self.resources[value].clone(),
                    other => panic!("UpdateResource cannot patch {other}"),
                }
            }
            let to = apigw_core::path::child(&parent, &part);
            for path in self.resources.values_mut() {
                if apigw_core::path::is_within(path, &from) {
                    *path = format!("{to}{}", &path[from.len()..]);
                }
            }
            ok(200, json!({"id": id, "path": to}))
        } else if r.method == "POST" && r.path.contains("/resources/") {
            let parent = r.path.rsplit('/').next().unwrap().to_string();
            let parent_path = self.resources[&parent].clone();
            let part: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
            let path = apigw_core::path::child(&parent_path, part["pathPart"].as_str().unwrap());
            let id = format!("r{}", self.resources.len());
            self.resources.insert(id.clone(), path.clone());
            ok(201, json!({"id": id, "path": path}))
        } else {
            assert!(!r.path.contains('@'), "unresolved placeholder in {}", r.path);
            self.applied_puts += 1;
            ok(201, json!({}))
        };
        match fault {
            Some(Fault::DropAfter) => Outcome::Transport("connection reset by peer".into()),
            _ => outcome,
        }
    }
}

fn run(deploy: &mut Deploy, fake: &mut Fake) -> Option<String> {
    let mut waits = 0;
    while let Some(request) = deploy.next() {
        match deploy.receive(fake.answer(request), 0.5) {
            Step::Continue => {}
            Step::Wait(ms) => {
                waits += 1;
                assert!(ms <= 60_000);
            }
            Step::Failed(e) => return Some(e.to_string()),
        }
    }
    assert!(waits < 100);
    None
}

fn start_ids() -> BTreeMap<String, String> {
    [("@api".to_string(), "api1".to_string()), ("@/".to_string(), "r0".to_string())].into()
}

#[test]
fn deploy_retries_throttling_errors_and_lost_answers_without_duplicates() {
    let design = fixture("petstore");
    let calls = plan::build(&design);
    let mut fake = Fake::new();
    // 429 on the first request, a 503 before the second, and the third creation's answer lost
    // after it was applied, then a lost answer on a PUT.
    fake.faults = [
        (0, Fault::Throttle),
        (2, Fault::ServerErrorBefore),
        (5, Fault::DropAfter),
        (12, Fault::DropAfter),
    ]
    .into();
    let mut deploy = Deploy::new(calls.clone(), start_ids());
    assert_eq!(run(&mut deploy, &mut fake), None);
    assert!(deploy.is_complete());
    let paths: Vec<&String> = fake.resources.values().collect();
    let mut unique = paths.clone();
    unique.dedup();
    assert_eq!(paths.len(), design.resources.len(), "one resource per path: {paths:?}");
    assert!(deploy.records.iter().any(|r| r.notes.iter().any(|n| n.contains("found"))));
    let non_creations = calls.iter().filter(|c| !matches!(c, Call::CreateResource(_))).count();
    assert_eq!(
        fake.applied_puts,
        non_creations + 1,
        "every call once, plus the one retried after a lost answer"
    );
}

/// A deploy to a new API, against a fake account that already holds an API of the same name
/// (and two more, so that listings take two pages): the deploy's first call creates the API.
fn new_api_deploy(faults: &[(usize, Fault)]) -> (Deploy, Fake, Option<String>) {
    let design = fixture("petstore");
    let calls = deploy::changes(&deploy::fresh_api(&design.api), &design, Some("test"), "tests");
    assert!(matches!(calls[0], Call::CreateRestApi(_)), "{:?}", calls[0]);
    let mut fake = Fake::new();
    fake.apis.insert("api2".into(), "Other".into());
    fake.apis.insert("api3".into(), "Third".into());
    fake.apis.insert("api1".into(), design.api.name);
    fake.faults = faults.iter().copied().collect();
    let mut run_ = Deploy::new(calls, BTreeMap::new());
    let error = run(&mut run_, &mut fake);
    (run_, fake, error)
}

#[test]
fn a_new_api_is_the_deploys_first_call() {
    let (deploy, fake, error) = new_api_deploy(&[]);
    assert_eq!(error, None);
    assert!(deploy.is_complete());
    assert_eq!(deploy.ids["@api"], "api4", "the new API's id, from CreateRestApi's answer");
    assert_eq!(deploy.ids["@/"], "r0", "its root resource, from the same answer");
    // Census (two pages), then CreateRestApi, then the API's calls on the new id.
    let first: Vec<String> =
        fake.requests.iter().take(3).map(|r| format!("{} {}", r.method, r.path)).collect();
    assert_eq!(
        first,
        ["GET /restapis?limit=500", "GET /restapis?limit=500&position=2", "POST /restapis"]
    );
    assert!(fake.requests[3..].iter().all(|r| r.path.starts_with("/restapis/api4/")));
    assert_eq!(fake.apis.len(), 4);
}

#[test]
fn creating_the_api_is_retried_like_any_call_and_never_duplicated() {
    // Throttled: never processed, so simply sent again.
    let (deploy, fake, error) = new_api_deploy(&[(2, Fault::Throttle)]);
    assert_eq!(error, None);
    assert_eq!(fake.apis.len(), 4);
    assert_eq!(deploy.ids["@api"], "api4");

    // The answer lost after the API was made: the deploy looks before sending again, passes
    // over the older API of the same name, and keeps the one it made.
    let (deploy, fake, error) = new_api_deploy(&[(2, Fault::DropAfter)]);
    assert_eq!(error, None);
    assert_eq!(fake.apis.len(), 4, "one API created: {:?}", fake.apis);
    assert_eq!(deploy.ids["@api"], "api4");
    assert!(deploy.records[0].notes.iter().any(|n| n.contains("found `PetStore` and kept it")));
    assert!(deploy.is_complete());

    // A 503 before anything happened: the look-up finds no new API, so it is created once.
    let (deploy, fake, error) = new_api_deploy(&[(2, Fault::ServerErrorBefore)]);
    assert_eq!(error, None);
    assert_eq!(fake.apis.len(), 4, "{:?}", fake.apis);
    assert_eq!(deploy.ids["@api"], "api4");
}

#[test]
fn a_failed_creation_of_the_api_stops_with_no_id_and_resumes() {
    let (deploy, mut fake, error) = new_api_deploy(&[(2, Fault::Hard)]);
    assert!(error.unwrap().contains("400 BadRequestException"));
    assert!(!deploy.ids.contains_key("@api"));
    assert_eq!(fake.apis.len(), 3);
    let calls = deploy.calls.clone();
    let mut resumed = deploy.resume(calls);
    assert_eq!(run(&mut resumed, &mut fake), None);
    assert_eq!(fake.apis.len(), 4);
    assert!(resumed.is_complete());
}

#[test]
fn a_new_api_has_what_api_gateway_gives_it_so_a_redefined_empty_model_is_no_creation() {
    let mut design = fixture("petstore");
    let fresh = deploy::fresh_api(&design.api);
    assert_eq!(fresh.design.resources.keys().collect::<Vec<_>>(), ["/"]);
    design.models.insert("Empty".into(), fresh.design.models["Empty"].clone());
    let calls = deploy::changes(&fresh, &design, None, "tests");
    assert!(
        !calls.iter().any(|c| matches!(c, Call::CreateModel(m) if m.name == "Empty")),
        "API Gateway made Empty with the API; creating it again would be refused"
    );
}

#[test]
fn the_review_says_each_change_once_for_every_shell() {
    let live = fixture("petstore");
    let mut target = live.clone();
    let (path, verb) = live
        .resources
        .iter()
        .find_map(|(p, r)| r.methods.keys().next().map(|v| (p.clone(), v.clone())))
        .unwrap();
    target.method_mut(&path, &verb).unwrap().operation_name = Some("x".repeat(100));
    let calls = diff::diff(&live, &target);
    assert_eq!(calls.len(), 1);
    let line = apigw_core::review::line(&calls[0]);
    let expected =
        format!("~ UpdateMethod {verb} {path} (replace /operationName = {}…)", "x".repeat(60));
    assert_eq!(line, expected);
    assert_eq!(apigw_core::review::tally(&calls), "0 to create or put, 1 to update, 0 to delete");
}

#[test]
fn an_upstream_that_lacks_an_operation_stops_at_once_with_one_readable_line() {
    for (fault, says) in [
        (
            Fault::NotApiGateway,
            "the upstream answered 500 with an HTML page, not an API Gateway error",
        ),
        (Fault::NotImplemented, "the upstream answered 501 InternalFailure: No moto route"),
    ] {
        let calls = plan::build(&fixture("petstore"));
        let mut fake = Fake::new();
        fake.faults = [(4, fault)].into();
        let mut deploy = Deploy::new(calls.clone(), start_ids());
        let error = run(&mut deploy, &mut fake).expect("stops");
        // Not retried: the same answer would come six times.
        assert_eq!(fake.requests.len(), 5, "{error}");
        let call = &calls[4];
        assert!(
            error.starts_with(&format!(
                "{} {}: ",
                call.operation(),
                apigw_core::review::describe(call)
            )),
            "{error}"
        );
        assert!(error.contains(says), "{error}");
        assert!(
            error.ends_with("; an emulator answers so for an operation it does not implement"),
            "{error}"
        );
        assert!(!error.contains('\n') && !error.contains('<'), "{error}");
    }
}

#[test]
fn deploy_stops_at_a_hard_failure_and_resumes_without_repeating() {
    let design = fixture("petstore");
    let calls = plan::build(&design);
    let mut fake = Fake::new();
    fake.faults = [(9, Fault::Hard)].into();
    let mut deploy = Deploy::new(calls.clone(), start_ids());
    let error = run(&mut deploy, &mut fake).expect("stops");
    assert!(error.contains("400 BadRequestException: Invalid mapping expression"), "{error}");
    assert_eq!(deploy.index, 9);
    assert_eq!(deploy.records[9].status, Status::Failed);
    assert!(deploy.records[10..].iter().all(|r| r.status == Status::Pending));
    assert!(deploy.next().is_none(), "nothing more is sent after a failure");
    let before = fake.requests.len();
    let mut resumed = deploy.resume(calls.clone());
    assert_eq!(run(&mut resumed, &mut fake), None);
    assert!(resumed.is_complete());
    assert_eq!(resumed.records[..9].iter().filter(|r| r.status == Status::Skipped).count(), 9);
    assert_eq!(fake.requests.len() - before, calls.len() - 9, "only the rest is sent");
    assert_eq!(fake.resources.len(), design.resources.len());
}

#[test]
fn loader_pages_and_fills_incomplete_methods() {
    let mut loader = Loader::new("a1");
    let mut answers = vec![
        json!({"id": "a1", "name": "Shop", "endpointConfiguration": {"types": ["EDGE"]}}),
        json!({"item": [{"id": "au1", "name": "Auth", "type": "TOKEN", "authorizerUri": "arn:x", "identitySource": "method.request.header.Authorization"}]}),
        json!({"item": [{"id": "v1", "name": "body", "validateRequestBody": true, "validateRequestParameters": false}]}),
        json!({"item": [{"id": "m1", "name": "Pet", "contentType": "application/json", "schema": "{}"}]}),
        json!({"item": [{"responseType": "THROTTLED", "statusCode": "429", "defaultResponse": true}]}),
        // Stages: their description and variables only, an empty description as none.
        json!({"item": [{"stageName": "dev", "deploymentId": "d1", "description": "Development",
            "variables": {"backend": "dev.example.com", "alias": "v2"}, "methodSettings": {}}],
            "position": "s2"}),
        json!({"item": [{"stageName": "prod", "deploymentId": "d1", "description": ""}]}),
        json!({"item": [{"id": "r0", "path": "/"}], "position": "p2"}),
        json!({"item": [{"id": "r1", "path": "/pets", "pathPart": "pets", "parentId": "r0", "resourceMethods": {"GET": {}}}]}),
        json!({"httpMethod": "GET", "authorizationType": "CUSTOM", "authorizerId": "au1", "requestValidatorId": "v1", "methodIntegration": {"type": "MOCK"}}),
    ]
    .into_iter();
    let mut paths = Vec::new();
    while let Some(request) = loader.next() {
        paths.push(request.path.clone());
        let body = answers.next().expect("no more requests than answers").to_string();
        assert_eq!(
            loader.receive(Outcome::Response { status: 200, body, retry_after: None }, 0.0),
            Step::Continue
        );
    }
    assert!(loader.is_done());
    assert_eq!(paths[4], "/restapis/a1/gatewayresponses?limit=500");
    assert_eq!(paths[5], "/restapis/a1/stages");
    assert_eq!(paths[6], "/restapis/a1/stages?position=s2");
    assert_eq!(paths[7], "/restapis/a1/resources?embed=methods&limit=500");
    assert_eq!(paths[8], "/restapis/a1/resources?embed=methods&limit=500&position=p2");
    assert_eq!(paths[9], "/restapis/a1/resources/r1/methods/GET");
    let live: LiveApi = loader.finish();
    assert_eq!(live.design.api.name, "Shop");
    assert_eq!(live.design.api.endpoint_type, "EDGE");
    let m = &live.design.resources["/pets"].methods["GET"];
    assert_eq!(m.authorizer.as_deref(), Some("Auth"));
    assert_eq!(m.request_validator.as_deref(), Some("body"));
    assert_eq!(live.ids["@/pets"], "r1");
    // Each resource keeps its live id, so a rename in the design renames it live.
    assert_eq!(live.design.resources["/pets"].id.as_deref(), Some("r1"));
    assert_eq!(live.design.resources["/"].id.as_deref(), Some("r0"));
    assert_eq!(live.ids["@authorizer:Auth"], "au1");
    assert!(live.design.gateway_responses.is_empty(), "only API Gateway's defaults were listed");
    let dev = &live.design.stages["dev"];
    assert_eq!(dev.description.as_deref(), Some("Development"));
    assert_eq!(dev.variables["backend"], "dev.example.com");
    assert_eq!(dev.variables.len(), 2);
    assert_eq!(live.design.stages["prod"], Stage::default());
    assert!(live.warnings.is_empty(), "{:?}", live.warnings);
}

#[test]
fn loader_reports_a_missing_api() {
    let mut loader = Loader::new("nope");
    loader.next();
    let step = loader.receive(
        Outcome::Response {
            status: 404,
            body: "{\"message\":\"Invalid Rest API Id specified\"}".into(),
            retry_after: None,
        },
        0.0,
    );
    assert!(
        matches!(step, Step::Failed(e) if e.to_string() == "404 NotFoundException: Invalid Rest API Id specified")
    );
    assert!(loader.next().is_none());
}

#[test]
fn what_api_gateway_fills_in_is_no_change() {
    // API Gateway reports a 29,000 ms timeout, INTERNET and the resource's id for an integration
    // whose author set none of them, and gives every API the models Empty and Error: a design
    // that leaves them out is the same API, and so is one that writes the defaults out.
    let target = fixture("petstore");
    let mut live = target.clone();
    for resource in live.resources.values_mut() {
        for method in resource.methods.values_mut() {
            if let Some(integration) = &mut method.integration {
                integration.timeout_in_millis.get_or_insert(29_000);
                integration.connection_type.get_or_insert_with(|| "INTERNET".into());
            }
        }
    }
    for name in apigw_core::facts::BUILT_IN_MODELS {
        live.models.insert(name.to_string(), apigw_core::model::Model::default());
    }
    assert_eq!(diff(&live, &target), Vec::<Call>::new());
    let mut written_out = live.clone();
    written_out.models = target.models.clone();
    assert_eq!(diff(&target, &written_out), Vec::<Call>::new());
    // A timeout of another length, or a VPC link, is a change.
    let mut changed = target;
    changed.method_mut("/pets", "GET").unwrap().integration.as_mut().unwrap().timeout_in_millis =
        Some(5_000);
    assert_eq!(diff(&live, &changed).len(), 1);
}

/// Two gateway responses as an API might customise them: its 4XX errors as JSON of its own
/// with a CORS header, and a 404 for a path it does not serve, which API Gateway answers with
/// 403 MISSING_AUTHENTICATION_TOKEN by default (AWS's own example).
fn gateway_responses() -> apigw_core::map::Map<String, GatewayResponse> {
    let mut cors = GatewayResponse::default();
    cors.response_parameters
        .insert("gatewayresponse.header.Access-Control-Allow-Origin".into(), "'*'".into());
    cors.response_templates.insert(
        "application/json".into(),
        "{\"error\":$context.error.messageString,\"type\":\"$context.error.responseType\"}".into(),
    );
    let mut missing = GatewayResponse { status_code: Some("404".into()), ..Default::default() };
    missing
        .response_parameters
        .insert("gatewayresponse.header.X-Request-Path".into(), "context.path".into());
    [("DEFAULT_4XX".to_string(), cors), ("MISSING_AUTHENTICATION_TOKEN".to_string(), missing)]
        .into_iter()
        .collect()
}

#[test]
fn gateway_responses_are_put_when_new_or_changed_and_deleted_when_removed() {
    let live = fixture("petstore");
    let mut target = live.clone();
    target.gateway_responses = gateway_responses();
    // New: one Put each, with the API-level calls, before any resource.
    let calls = check(&live, &target);
    let ops: Vec<&str> = calls.iter().map(Call::operation).collect();
    assert_eq!(ops, ["PutGatewayResponse", "PutGatewayResponse"]);
    let wire = calls[0].wire();
    assert_eq!(
        (wire.method, wire.path.as_str()),
        ("PUT", "/restapis/%40api/gatewayresponses/DEFAULT_4XX")
    );
    assert_eq!(
        wire.body.unwrap(),
        json!({"responseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
               "responseTemplates": {"application/json": "{\"error\":$context.error.messageString,\"type\":\"$context.error.responseType\"}"}})
    );

    // Changed: the whole response is put again; an unchanged one is not.
    let mut changed = target.clone();
    let missing = "MISSING_AUTHENTICATION_TOKEN";
    changed.gateway_responses.get_mut(missing).unwrap().status_code = Some("410".into());
    let calls = check(&target, &changed);
    assert_eq!(
        calls,
        vec![plan::put_gateway_response(missing, &changed.gateway_responses[missing])]
    );
    assert_eq!(
        apigw_core::review::line(&calls[0]),
        "+ PutGatewayResponse MISSING_AUTHENTICATION_TOKEN"
    );

    // Removed: deleted, after the other changes.
    let mut removed = changed.clone();
    removed.gateway_responses.remove("DEFAULT_4XX");
    removed.method_mut("/pets", "GET").unwrap().operation_name = Some("ListAll".into());
    let calls = check(&changed, &removed);
    let last = calls.last().unwrap();
    assert!(
        matches!(last, Call::DeleteGatewayResponse(p) if p.response_type.as_deref() == Some("DEFAULT_4XX")),
        "{calls:?}"
    );
    assert_eq!(last.wire().method, "DELETE");
    assert_eq!(last.wire().path, "/restapis/%40api/gatewayresponses/DEFAULT_4XX");
    assert_eq!(apigw_core::review::line(last), "- DeleteGatewayResponse DEFAULT_4XX");
    assert_eq!(apigw_core::review::tally(&calls), "0 to create or put, 1 to update, 1 to delete");

    // From an empty API, the diff is the plan, gateway responses included.
    let empty = Design { api: target.api.clone(), ..Design::default() };
    assert_eq!(check(&empty, &target), plan::build(&target));
    check(&target, &empty);
}

#[test]
fn a_deploy_puts_gateway_responses_and_a_new_api_gets_them_too() {
    let mut design = fixture("petstore");
    design.gateway_responses = gateway_responses();
    let calls = deploy::changes(&deploy::fresh_api(&design.api), &design, None, "tests");
    let mut fake = Fake::new();
    let mut run_ = Deploy::new(calls, BTreeMap::new());
    assert_eq!(run(&mut run_, &mut fake), None);
    let puts: Vec<&HttpRequest> =
        fake.requests.iter().filter(|r| r.path.contains("/gatewayresponses/")).collect();
    assert_eq!(puts.len(), 2);
    assert_eq!(puts[1].method, "PUT");
    assert_eq!(puts[1].path, "/restapis/api2/gatewayresponses/MISSING_AUTHENTICATION_TOKEN");
    let body: Value = serde_json::from_str(puts[1].body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"statusCode": "404", "responseParameters": {"gatewayresponse.header.X-Request-Path": "context.path"}})
    );
}

#[test]
fn what_api_gateway_fills_in_for_a_gateway_response_is_no_change() {
    // GetGatewayResponses reports the type's default status code and the default template for
    // a response put without them; a design that writes them out is the same API.
    let target = {
        let mut d = fixture("petstore");
        d.gateway_responses = gateway_responses();
        d.gateway_responses.insert(
            "ACCESS_DENIED".into(),
            GatewayResponse {
                response_parameters: [(
                    "gatewayresponse.header.X-Denied".to_string(),
                    "'yes'".to_string(),
                )]
                .into_iter()
                .collect(),
                ..Default::default()
            },
        );
        d
    };
    let mut live = target.clone();
    let denied = live.gateway_responses.get_mut("ACCESS_DENIED").unwrap();
    denied.status_code = Some("403".into());
    denied.response_templates.insert(
        apigw_core::facts::GATEWAY_RESPONSE_DEFAULT_TEMPLATE.0.into(),
        apigw_core::facts::GATEWAY_RESPONSE_DEFAULT_TEMPLATE.1.into(),
    );
    assert_eq!(diff(&live, &target), Vec::<Call>::new());
    assert_eq!(diff(&target, &live), Vec::<Call>::new());
    // Another status, or a template beside the default one, is a change.
    let mut changed = live.clone();
    changed.gateway_responses.get_mut("ACCESS_DENIED").unwrap().status_code = Some("401".into());
    assert_eq!(diff(&target, &changed).len(), 1);
    let mut changed = live.clone();
    changed
        .gateway_responses
        .get_mut("ACCESS_DENIED")
        .unwrap()
        .response_templates
        .insert("text/plain".into(), "denied".into());
    assert_eq!(diff(&target, &changed).len(), 1);
    // The type's default status is no default of DEFAULT_4XX, which has none.
    let mut changed = target.clone();
    changed.gateway_responses.get_mut("DEFAULT_4XX").unwrap().status_code = Some("403".into());
    assert_eq!(diff(&target, &changed).len(), 1);
}

#[test]
fn loader_keeps_the_gateway_responses_the_api_customised() {
    let mut loader = Loader::new("a1");
    let mut answers = vec![
        json!({"id": "a1", "name": "Shop"}),
        json!({"item": []}),
        json!({"item": []}),
        json!({"item": []}),
        // Paged, and API Gateway's defaults among them.
        json!({"item": [
            {"responseType": "ACCESS_DENIED", "statusCode": "403", "defaultResponse": true,
             "responseTemplates": {"application/json": "{\"message\":$context.error.messageString}"}},
            {"responseType": "DEFAULT_4XX", "defaultResponse": false,
             "responseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
             "responseTemplates": {"application/json": "{\"error\":$context.error.messageString,\"type\":\"$context.error.responseType\"}"}}
        ], "position": "g2"}),
        json!({"item": [
            {"responseType": "MISSING_AUTHENTICATION_TOKEN", "statusCode": "404", "defaultResponse": false,
             "responseParameters": {"gatewayresponse.header.X-Request-Path": "context.path"}},
            {"responseType": "THROTTLED", "statusCode": "429", "defaultResponse": true},
            {"responseType": "ACCESS_DENIED", "statusCode": "403", "defaultResponse": false,
             "responseParameters": {"gatewayresponse.header.X-Denied": "'yes'"},
             "responseTemplates": {"application/json": "{\"message\":$context.error.messageString}"}}
        ]}),
        json!({"item": []}),
        json!({"item": [{"id": "r0", "path": "/"}]}),
    ]
    .into_iter();
    let mut paths = Vec::new();
    while let Some(request) = loader.next() {
        paths.push(request.path.clone());
        let body = answers.next().expect("no more requests than answers").to_string();
        assert_eq!(
            loader.receive(Outcome::Response { status: 200, body, retry_after: None }, 0.0),
            Step::Continue
        );
    }
    assert_eq!(paths[4], "/restapis/a1/gatewayresponses?limit=500");
    assert_eq!(paths[5], "/restapis/a1/gatewayresponses?limit=500&position=g2");
    let mut live = loader.finish();
    // What API Gateway filled in for ACCESS_DENIED is left unset, as the design put it.
    let denied = live.design.gateway_responses.remove("ACCESS_DENIED").unwrap();
    assert_eq!(denied.status_code, None);
    assert!(denied.response_templates.is_empty());
    assert_eq!(denied.response_parameters["gatewayresponse.header.X-Denied"], "'yes'");
    assert_eq!(live.design.gateway_responses, gateway_responses());
    // What was loaded is what the design says: no change to deploy.
    let mut design = live.design.clone();
    design.gateway_responses = gateway_responses();
    assert!(diff(&live.design, &design).is_empty());
}

/// A live API as the load gives it: every resource with its id.
fn loaded() -> Design {
    let mut d = Design::named("Pets");
    let mock = || Method {
        integration: Some(Integration { integration_type: "MOCK".into(), ..Default::default() }),
        ..Default::default()
    };
    for (path, id) in [
        ("/", "r0"),
        ("/pets", "r1"),
        ("/pets/{petId}", "r2"),
        ("/pets/{petId}/toys", "r3"),
        ("/owners", "r4"),
    ] {
        let mut resource = Resource { id: Some(id.into()), ..Default::default() };
        if path != "/" {
            resource.methods.insert("GET".into(), mock());
        }
        d.resources.insert(path.into(), resource);
    }
    d
}

fn edited(live: &Design, edits: Vec<apigw_core::command::Edit>) -> Design {
    let mut target = live.clone();
    for edit in edits {
        edit.apply(&mut target).unwrap();
    }
    target
}

fn moved(from: &str, to: &str) -> apigw_core::command::Edit {
    apigw_core::command::Edit::MoveResource { from: from.into(), to: to.into() }
}

fn ops(call: &Call) -> Vec<(String, String, Option<String>)> {
    let Call::UpdateResource(p) = call else { panic!("not an UpdateResource: {call:?}") };
    p.patch_operations.iter().map(|o| (o.op.clone(), o.path.clone(), o.value.clone())).collect()
}

#[test]
fn a_rename_is_one_update_resource_that_keeps_the_id_and_the_methods() {
    let live = loaded();
    let target = edited(&live, vec![moved("/pets/{petId}", "/pets/{id}")]);
    // The edit moved the subtree with its ids.
    assert_eq!(target.resources["/pets/{id}"].id.as_deref(), Some("r2"));
    assert_eq!(target.resources["/pets/{id}/toys"].id.as_deref(), Some("r3"));
    let calls = check(&live, &target);
    // One call: the children and every method (the moved one's included) are untouched.
    assert_eq!(calls.len(), 1, "{calls:#?}");
    assert_eq!(ops(&calls[0]), [("replace".into(), "/pathPart".into(), Some("{id}".into()))]);
    let wire = calls[0].wire();
    assert_eq!(
        (wire.method, wire.path.as_str()),
        ("PATCH", "/restapis/%40api/resources/%40%2Fpets%2F%7BpetId%7D")
    );
    assert_eq!(
        wire.body,
        Some(json!({"patchOperations": [{"op": "replace", "path": "/pathPart", "value": "{id}"}]}))
    );
    assert_eq!(
        (calls[0].boto3_name(), calls[0].cli_name()),
        ("update_resource".into(), "update-resource".into())
    );
    assert_eq!(
        apigw_core::review::line(&calls[0]),
        "~ UpdateResource rename /pets/{petId} → /pets/{id} (replace /pathPart = {id})"
    );
    assert_eq!(apigw_core::review::tally(&calls), "0 to create or put, 1 to update, 0 to delete");
}

#[test]
fn a_move_under_a_new_parent_creates_the_parent_first_and_names_it_by_placeholder() {
    let live = loaded();
    let target = edited(
        &live,
        vec![
            apigw_core::command::Edit::AddResource { path: "/shop".into() },
            moved("/pets/{petId}/toys", "/shop/toys"),
            apigw_core::command::Edit::AddResource { path: "/shop/toys/{toyId}".into() },
        ],
    );
    let calls = check(&live, &target);
    let operations: Vec<&str> = calls.iter().map(Call::operation).collect();
    assert_eq!(operations, ["CreateResource", "UpdateResource", "CreateResource"]);
    assert_eq!(apigw_core::review::describe(&calls[0]), "/shop");
    assert_eq!(ops(&calls[1]), [("replace".into(), "/parentId".into(), Some("@/shop".into()))]);
    assert_eq!(
        apigw_core::review::line(&calls[1]),
        "~ UpdateResource move /pets/{petId}/toys under /shop (replace /parentId = @/shop)"
    );
    // The child under the moved resource is created after the move, under its new path.
    assert_eq!(apigw_core::review::describe(&calls[2]), "/shop/toys/{toyId}");

    // Deployed: the new parent's id comes back from CreateResource and fills the placeholder;
    // the moved resource keeps its id and the new child is created under it.
    let mut fake = Fake::new();
    fake.resources = [
        ("r0", "/"),
        ("r1", "/pets"),
        ("r2", "/pets/{petId}"),
        ("r3", "/pets/{petId}/toys"),
        ("r4", "/owners"),
    ]
    .into_iter()
    .map(|(id, path)| (id.to_string(), path.to_string()))
    .collect();
    let mut ids = start_ids();
    for (id, path) in fake.resources.clone() {
        ids.insert(plan::resource_ref(&path), id);
    }
    let mut run_ = Deploy::new(calls, ids);
    assert_eq!(run(&mut run_, &mut fake), None);
    assert!(run_.is_complete());
    assert_eq!(fake.resources["r3"], "/shop/toys");
    let patch = fake.requests.iter().find(|r| r.method == "PATCH").unwrap();
    assert_eq!(patch.path, "/restapis/api1/resources/r3");
    assert!(patch.body.as_deref().unwrap().contains("\"value\":\"r5\""), "{patch:?}");
    assert_eq!(fake.resources.values().filter(|p| *p == "/shop/toys/{toyId}").count(), 1);
    assert_eq!(run_.ids["@/shop/toys"], "r3");
    assert!(!run_.ids.contains_key("@/pets/{petId}/toys"));
}

#[test]
fn a_moved_subtree_moves_with_one_call_and_its_methods_by_their_ids() {
    let live = loaded();
    // The top of a subtree renamed and re-parented at once, a method of it changed, and a
    // method of a child removed.
    let mut target = edited(&live, vec![moved("/pets/{petId}", "/owners/{petId}")]);
    target.method_mut("/owners/{petId}", "GET").unwrap().operation_name = Some("GetPet".into());
    target.resources.get_mut("/owners/{petId}/toys").unwrap().methods.remove("GET");
    let calls = check(&live, &target);
    let lines: Vec<String> = calls.iter().map(apigw_core::review::line).collect();
    assert_eq!(
        lines,
        [
            "~ UpdateResource move /pets/{petId} under /owners (replace /parentId = @/owners)",
            "~ UpdateMethod GET /owners/{petId} (replace /operationName = GetPet)",
            "- DeleteMethod GET /owners/{petId}/toys",
        ]
    );

    // Deployed: later calls name the moved resources by their new paths, which resolve to the
    // ids they always had.
    let mut fake = Fake::new();
    fake.resources = [
        ("r0", "/"),
        ("r1", "/pets"),
        ("r2", "/pets/{petId}"),
        ("r3", "/pets/{petId}/toys"),
        ("r4", "/owners"),
    ]
    .into_iter()
    .map(|(id, path)| (id.to_string(), path.to_string()))
    .collect();
    let mut ids = start_ids();
    for (id, path) in fake.resources.clone() {
        ids.insert(plan::resource_ref(&path), id);
    }
    let mut run_ = Deploy::new(calls, ids);
    assert_eq!(run(&mut run_, &mut fake), None);
    let paths: Vec<&str> = fake.requests.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/restapis/api1/resources/r2",
            "/restapis/api1/resources/r2/methods/GET",
            "/restapis/api1/resources/r3/methods/GET",
        ]
    );
    assert_eq!(fake.resources["r3"], "/owners/{petId}/toys");
    assert_eq!(run_.ids["@/owners/{petId}/toys"], "r3");
}

#[test]
fn a_rename_and_a_move_together_are_one_call_with_both_operations() {
    let live = loaded();
    let target = edited(&live, vec![moved("/pets/{petId}/toys", "/owners/games")]);
    let calls = check(&live, &target);
    assert_eq!(calls.len(), 1);
    assert_eq!(
        ops(&calls[0]),
        [
            ("replace".into(), "/pathPart".into(), Some("games".into())),
            ("replace".into(), "/parentId".into(), Some("@/owners".into())),
        ]
    );
    assert_eq!(
        apigw_core::review::describe(&calls[0]),
        "move /pets/{petId}/toys under /owners as /owners/games"
    );
}

#[test]
fn without_ids_a_rename_is_a_delete_and_a_create_as_before() {
    let mut live = loaded();
    for r in live.resources.values_mut() {
        r.id = None;
    }
    let target = edited(&live, vec![moved("/pets/{petId}", "/pets/{id}")]);
    let calls = check(&live, &target);
    assert!(!calls.iter().any(|c| matches!(c, Call::UpdateResource(_))), "{calls:#?}");
    let lines: Vec<String> = calls.iter().map(apigw_core::review::line).collect();
    // The old resource goes first: API Gateway allows one variable under /pets.
    assert_eq!(lines[0], "- DeleteResource /pets/{petId}");
    assert_eq!(lines[1], "+ CreateResource /pets/{id}");
    assert!(lines.contains(&"+ PutMethod GET /pets/{id}".to_string()), "{lines:#?}");
    assert!(lines.contains(&"+ PutMethod GET /pets/{id}/toys".to_string()), "{lines:#?}");
    // A stale id (one the live API does not have) reads as no id.
    let mut stale = target;
    stale.resources.get_mut("/pets/{id}").unwrap().id = Some("gone".into());
    let again: Vec<String> = diff(&live, &stale).iter().map(apigw_core::review::line).collect();
    assert_eq!(again, lines);
}

#[test]
fn a_rename_onto_a_removed_siblings_name_deletes_that_sibling_first_not_merges_with_it() {
    let live = loaded();
    // /owners is removed, and /pets takes its name: two resources, not one changed in place.
    let target = edited(
        &live,
        vec![
            apigw_core::command::Edit::DeleteResource { path: "/owners".into() },
            moved("/pets", "/owners"),
        ],
    );
    assert_eq!(target.resources["/owners"].id.as_deref(), Some("r1"));
    let calls = check(&live, &target);
    let lines: Vec<String> = calls.iter().map(apigw_core::review::line).collect();
    assert_eq!(
        lines,
        [
            "- DeleteResource /owners",
            "~ UpdateResource rename /pets → /owners (replace /pathPart = owners)"
        ]
    );
}

#[test]
fn two_resources_trading_places_are_sent_as_they_are_for_api_gateway_to_refuse() {
    let live = loaded();
    let mut target = live.clone();
    let pets = target.resources.remove("/pets").unwrap();
    let owners = target.resources.remove("/owners").unwrap();
    target.resources.insert("/pets".into(), owners);
    target.resources.insert("/owners".into(), pets);
    // /pets/{petId} is r2 under r1 still, and so moves to /owners/{petId} with r1: no call.
    let moved_children: Vec<(String, Resource)> = target
        .resources
        .iter()
        .filter(|(k, _)| k.starts_with("/pets/"))
        .map(|(k, r)| (k.replacen("/pets", "/owners", 1), r.clone()))
        .collect();
    target.resources.retain(|k, _| !k.starts_with("/pets/"));
    target.resources.extend(moved_children);
    let calls = diff(&live, &target);
    let renames = calls.iter().filter(|c| matches!(c, Call::UpdateResource(_))).count();
    assert_eq!(renames, 2, "{calls:#?}");
    assert!(!calls.iter().any(|c| matches!(c, Call::DeleteResource(_) | Call::CreateResource(_))));
}

#[test]
fn a_rename_whose_answer_was_lost_is_looked_up_not_sent_blindly_again() {
    let live = loaded();
    let target = edited(&live, vec![moved("/pets/{petId}", "/pets/{id}")]);
    let calls = diff(&live, &target);
    let mut fake = Fake::new();
    fake.resources = [("r0", "/"), ("r1", "/pets"), ("r2", "/pets/{petId}")]
        .into_iter()
        .map(|(id, path)| (id.to_string(), path.to_string()))
        .collect();
    let mut ids = start_ids();
    ids.insert("@/pets".into(), "r1".into());
    ids.insert("@/pets/{petId}".into(), "r2".into());
    fake.faults = [(0, Fault::DropAfter)].into();
    let mut run_ = Deploy::new(calls.clone(), ids);
    assert_eq!(run(&mut run_, &mut fake), None);
    let methods: Vec<&str> = fake.requests.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["PATCH", "GET"], "applied once, then found at its new path");
    assert!(run_.records[0].notes.iter().any(|n| n.contains("found")), "{:?}", run_.records[0]);
    assert_eq!(run_.ids["@/pets/{id}"], "r2");
    // Resumed with the same calls, the rename is not sent again.
    let resumed = run_.resume(calls);
    assert_eq!(resumed.records[0].status, Status::Skipped);
}

#[test]
fn get_resources_output_gives_each_resource_its_id_once() {
    let (design, diagnostics, _) = apigw_core::get_resources::import(&json!({"items": [
        {"id": "r0", "path": "/"},
        {"id": "r1", "parentId": "r0", "path": "/pets", "pathPart": "pets"},
        {"id": "r1", "parentId": "r0", "path": "/toys", "pathPart": "toys"},
    ]}))
    .unwrap();
    assert_eq!(design.resources["/"].id.as_deref(), Some("r0"));
    assert_eq!(design.resources["/pets"].id.as_deref(), Some("r1"));
    assert_eq!(design.resources["/toys"].id, None, "a second claim to r1 is not kept");
    assert!(diagnostics.iter().any(|d| d.name == "import-tree-inconsistent"));
}

#[test]
fn the_design_document_keeps_live_ids_and_the_openapi_export_leaves_them_out() {
    let live = loaded();
    let text = document::design_to_string(&live);
    assert!(text.contains("\"id\": \"r2\""), "{text}");
    assert_eq!(document::design_from_str(&text).unwrap(), live);
    // A resource the design adds has no id, and writes none.
    let added = edited(&live, vec![apigw_core::command::Edit::AddResource { path: "/new".into() }]);
    assert_eq!(added.resources["/new"].id, None);
    assert!(!document::design_to_string(&added).contains("\"/new\": {\n      \"id\""));
    // An id of the wrong kind is said in plain words, at its place.
    let wrong = r#"{"format": "apigw-design/1", "resources": {"/pets": {"id": 7}}}"#;
    let error = document::design_from_str(wrong).unwrap_err();
    assert_eq!(error.pointer.as_deref(), Some("/resources/~1pets/id"), "{error:?}");
    assert!(error.message.contains("`id` must be text"), "{}", error.message);
    let export = apigw_core::openapi::export(&live);
    for id in ["r0", "r1", "r2", "r3", "r4"] {
        assert!(!export.contains(&format!("\"{id}\"")), "{id} in the OpenAPI export");
    }
    // The duplicate-id rule: an error naming both resources.
    let mut twice = live;
    twice.resources.get_mut("/owners").unwrap().id = Some("r1".into());
    let found: Vec<_> = apigw_core::validate(&twice)
        .into_iter()
        .filter(|d| d.name == "resource-id-duplicated")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "two resources claim the live id `r1`: `/owners` and `/pets`");
}

#[test]
fn a_new_resource_at_a_vacated_path_waits_for_the_move_away() {
    let live = loaded();
    let target = edited(
        &live,
        vec![
            moved("/owners", "/zoo"),
            apigw_core::command::Edit::AddResource { path: "/owners".into() },
        ],
    );
    let calls = check(&live, &target);
    let lines: Vec<String> = calls.iter().map(apigw_core::review::line).collect();
    assert_eq!(
        lines,
        [
            "~ UpdateResource rename /owners → /zoo (replace /pathPart = zoo)",
            "+ CreateResource /owners"
        ]
    );
}

fn stage(description: Option<&str>, variables: &[(&str, &str)]) -> Stage {
    Stage {
        description: description.map(str::to_string),
        variables: variables.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
    }
}

#[test]
fn a_new_stage_gets_its_variables_with_the_deployment() {
    let mut design = fixture("petstore");
    design
        .stages
        .insert("dev".into(), stage(Some("Development"), &[("backend", "dev.example.com")]));
    // A new API has no stages: the deployment creates the stage with its variables.
    let calls = deploy::changes(&deploy::fresh_api(&design.api), &design, Some("dev"), "tests");
    let Some(Call::CreateDeployment(d)) = calls.last() else { panic!("{calls:?}") };
    assert_eq!(d.stage_description.as_deref(), Some("Development"));
    assert_eq!(d.variables["backend"], "dev.example.com");
    assert_eq!(d.description.as_deref(), Some("tests"));
    let wire = calls.last().unwrap().wire();
    assert_eq!(wire.path, "/restapis/%40api/deployments");
    assert_eq!(
        wire.body.unwrap(),
        json!({"stageName": "dev", "stageDescription": "Development", "description": "tests",
            "variables": {"backend": "dev.example.com"}})
    );
    assert_eq!(
        apigw_core::review::line(calls.last().unwrap()),
        "+ CreateDeployment stage dev with variables backend = dev.example.com"
    );
    assert!(!calls.iter().any(|c| matches!(c, Call::UpdateStage(_))));
    // A stage the design does not define is deployed as before, its variables untouched.
    let calls = deploy::changes(&deploy::fresh_api(&design.api), &design, Some("prod"), "tests");
    let Some(Call::CreateDeployment(d)) = calls.last() else { panic!() };
    assert!(d.variables.is_empty() && d.stage_description.is_none());
    assert_eq!(apigw_core::review::line(calls.last().unwrap()), "+ CreateDeployment stage prod");
    // No stage named: no deployment, whatever stages the design holds.
    let calls = deploy::changes(&deploy::fresh_api(&design.api), &design, None, "tests");
    assert!(!calls.iter().any(|c| matches!(c, Call::CreateDeployment(_) | Call::UpdateStage(_))));
}

#[test]
fn a_live_stage_is_updated_around_the_deployment_so_no_deployment_lacks_a_variable() {
    let design = fixture("petstore");
    let mut live = LiveApi::empty("api1", "r0", design.clone());
    live.design.stages.insert(
        "dev".into(),
        stage(Some("old"), &[("backend", "old.example.com"), ("gone", "x"), ("same", "1")]),
    );
    live.design.stages.insert("prod".into(), stage(None, &[("keep", "me")]));
    let mut target = design;
    target.stages.insert(
        "dev".into(),
        stage(
            Some("Development"),
            &[("backend", "api.example.com"), ("added", "a/b?c=d"), ("same", "1")],
        ),
    );
    target.stages.insert("prod".into(), stage(None, &[]));
    let calls = deploy::changes(&live, &target, Some("dev"), "tests");
    // Nothing of the API differs: set, deploy, then remove.
    assert_eq!(calls.len(), 3, "{calls:?}");
    let ops = |call: &Call| match call {
        Call::UpdateStage(u) => u
            .patch_operations
            .iter()
            .map(|o| (o.op.clone(), o.path.clone(), o.value.clone()))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        ops(&calls[0]),
        [
            ("replace".into(), "/description".into(), some("Development")),
            ("replace".into(), "/variables/added".into(), some("a/b?c=d")),
            ("replace".into(), "/variables/backend".into(), some("api.example.com")),
        ]
    );
    // The deployment carries the stage's variables too (emulators reset them without).
    assert!(
        matches!(&calls[1], Call::CreateDeployment(d) if d.variables == target.stages["dev"].variables)
    );
    assert_eq!(ops(&calls[2]), [("remove".to_string(), "/variables/gone".to_string(), None)]);
    assert_eq!(
        apigw_core::review::line(&calls[0]),
        "~ UpdateStage dev: ~ description = Development, + variable added = a/b?c=d, ~ variable backend = api.example.com"
    );
    assert_eq!(apigw_core::review::line(&calls[2]), "~ UpdateStage dev: - variable gone");
    let wire = calls[0].wire();
    assert_eq!((wire.method, wire.path.as_str()), ("PATCH", "/restapis/%40api/stages/dev"));
    assert_eq!(wire.body.unwrap()["patchOperations"][1]["path"], "/variables/added");
    // The deploy resolves the API's id and runs them in that order.
    let requests: Vec<String> = calls
        .iter()
        .map(|c| {
            let r = deploy::resolve(c, &live.ids).unwrap();
            format!("{} {}", r.method, r.path)
        })
        .collect();
    assert_eq!(
        requests,
        [
            "PATCH /restapis/api1/stages/dev",
            "POST /restapis/api1/deployments",
            "PATCH /restapis/api1/stages/dev"
        ]
    );
    // Applied as API Gateway would, the live stage becomes the design's; prod is untouched.
    let after = simulate(&live.design, &calls);
    assert_eq!(after.stages["dev"], target.stages["dev"]);
    assert_eq!(after.stages["prod"], live.design.stages["prod"]);
    // Nothing to change: the deployment alone.
    let mut same = live.clone();
    same.design.stages = target.stages.clone();
    let calls = deploy::changes(&same, &target, Some("dev"), "tests");
    assert_eq!(calls.len(), 1);
    assert!(matches!(&calls[0], Call::CreateDeployment(_)));
    // The diff never creates or deletes a stage.
    assert!(diff(&live.design, &target).is_empty());
    let mut none = target.clone();
    none.stages.clear();
    assert!(diff(&live.design, &none).is_empty());
}

#[test]
fn a_plan_with_a_deployment_and_stage_updates_reads_back_into_the_stages() {
    let mut design = fixture("petstore");
    design
        .stages
        .insert("dev".into(), stage(Some("Development"), &[("backend", "dev.example.com")]));
    let mut calls = plan::build(&design);
    calls.push(plan::deployment(&design, "dev", None));
    let back = document::load(&plan::to_plan_json(&design.api, &calls)).unwrap();
    assert!(back.import_diagnostics.is_empty(), "{:?}", back.import_diagnostics);
    assert_eq!(back.design, design);
    // UpdateStage calls read back as API Gateway applies them.
    let mut live = LiveApi::empty("api1", "r0", design.clone());
    live.design.stages.insert("dev".into(), stage(None, &[("old", "1")]));
    let mut target = design.clone();
    target.stages.insert("dev".into(), stage(Some("D"), &[("new", "2")]));
    let mut calls = vec![plan::deployment(&live.design, "dev", None)];
    calls.extend(deploy::changes(&live, &target, Some("dev"), "t"));
    let text = plan::to_plan_json(&design.api, &calls);
    let back = document::load(&text).unwrap();
    assert!(back.import_diagnostics.is_empty(), "{:?}", back.import_diagnostics);
    assert_eq!(back.design.stages, target.stages);
    // A patch of what a design does not hold is reported, not dropped silently.
    let odd = text.replace("/variables/new", "/cacheClusterEnabled");
    let back = document::load(&odd).unwrap();
    assert_eq!(back.import_diagnostics.len(), 1, "{:?}", back.import_diagnostics);
    assert!(back.import_diagnostics[0].message.contains("/cacheClusterEnabled"));
}

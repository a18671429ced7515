//! The diff: the calls that turn a live API (as loaded) into a design, sending only what changed.
//!
//! New items get the same Create*/Put* calls as a plan; changed items get Update* calls with
//! patch operations ([`crate::patch`]), except gateway responses, which a PutGatewayResponse
//! replaces whole; removed items get Delete* calls. Ids are placeholders
//! (`@/pets`, `@authorizer:NAME`) exactly as in a plan; the deploy resolves them from the ids
//! the load recorded and the ids that creations return.
//!
//! Order is what API Gateway needs: API-level items first, then resources (parents first), then
//! per method its PutMethod/UpdateMethod and responses, then its integration; deletions come
//! last, innermost first (integration responses, integrations, method responses, methods, then
//! resources, then authorizers, validators and models nothing refers to any more, and gateway
//! responses).

use crate::model::{
    Authorizer, Design, GatewayResponse, Integration, IntegrationResponse, Method, MethodResponse,
    Model, RequestValidator,
};
use crate::patch::{self, Item};
use crate::plan::{self, API, Call, ItemRef, Patch};
use serde_json::{Map, Value};

/// A call's body as API Gateway receives it: the ids are in the path, and the integration's
/// verb travels as `httpMethod` ([`Call::wire`] does both). What is left are the item's own
/// fields, as its Get* shows them; `name` and `contentType`, which an update cannot change,
/// are dropped too.
fn own_fields(call: Call) -> Map<String, Value> {
    let mut map = match call.wire().body {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    for key in ["name", "contentType"] {
        map.shift_remove(key);
    }
    map
}

/// A method's own fields in wire form, as GetMethod shows them (without responses and
/// integration). `apiKeyRequired` is always present, since API Gateway always reports it.
pub fn method_wire(path: &str, verb: &str, m: &Method) -> Map<String, Value> {
    let mut map = own_fields(Call::PutMethod(plan::put_method(path, verb, m)));
    map.insert("apiKeyRequired".into(), Value::Bool(m.api_key_required));
    map
}

/// An integration's own fields in wire form (`httpMethod` is the integration's verb).
pub fn integration_wire(path: &str, verb: &str, i: &Integration) -> Map<String, Value> {
    own_fields(Call::PutIntegration(plan::put_integration(path, verb, i)))
}

pub fn authorizer_wire(name: &str, a: &Authorizer) -> Map<String, Value> {
    own_fields(plan::create_authorizer(name, a))
}

pub fn validator_wire(name: &str, v: &RequestValidator) -> Map<String, Value> {
    own_fields(plan::create_request_validator(name, v))
}

pub fn model_wire(name: &str, m: &Model) -> Map<String, Value> {
    own_fields(plan::create_model(name, m))
}

/// A method response's fields in wire form.
pub fn method_response_wire(
    path: &str,
    verb: &str,
    status: &str,
    r: &MethodResponse,
) -> Map<String, Value> {
    own_fields(Call::PutMethodResponse(plan::put_method_response(path, verb, status, r)))
}

/// An integration response's fields in wire form.
pub fn integration_response_wire(
    path: &str,
    verb: &str,
    status: &str,
    r: &IntegrationResponse,
) -> Map<String, Value> {
    own_fields(Call::PutIntegrationResponse(plan::put_integration_response(path, verb, status, r)))
}

/// The API's own settings in wire form (GetRestApi), without the endpoint configuration,
/// which is patched by naming the old type.
pub fn rest_api_wire(api: &crate::model::ApiSettings) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("name".into(), Value::String(api.name.clone()));
    if let Some(d) = &api.description {
        map.insert("description".into(), Value::String(d.clone()));
    }
    // API Gateway reports HEADER when no source was set.
    let source =
        api.api_key_source.clone().unwrap_or_else(|| crate::facts::API_KEY_SOURCE_DEFAULT.into());
    map.insert("apiKeySource".into(), Value::String(source));
    if !api.binary_media_types.is_empty() {
        map.insert("binaryMediaTypes".into(), serde_json::json!(api.binary_media_types));
    }
    map
}

fn method_ref(path: &str, verb: &str, status: Option<&str>) -> ItemRef {
    ItemRef {
        rest_api_id: API.into(),
        resource_id: Some(plan::resource_ref(path)),
        http_method: Some(verb.into()),
        status_code: status.map(str::to_string),
        ..ItemRef::default()
    }
}

fn update(item: ItemRef, ops: Vec<crate::plan::PatchOperation>) -> Option<Patch> {
    (!ops.is_empty()).then_some(Patch { item, patch_operations: ops })
}

/// The calls that make the live API equal to `target`. `live` is the design as loaded.
pub fn diff(live: &Design, target: &Design) -> Vec<Call> {
    let mut calls = Vec::new();
    let mut deletes = Vec::new();
    let api_item = || ItemRef { rest_api_id: API.into(), ..ItemRef::default() };

    // The API's own settings.
    let mut ops = patch::ops(&rest_api_wire(&live.api), &rest_api_wire(&target.api));
    if live.api.endpoint_type != target.api.endpoint_type {
        ops.push(crate::plan::PatchOperation {
            op: "replace".into(),
            path: format!("/endpointConfiguration/types/{}", live.api.endpoint_type),
            value: Some(target.api.endpoint_type.clone()),
        });
    }
    calls.extend(update(api_item(), ops).map(Call::UpdateRestApi));

    // API-level items. A model's content type cannot change in place: delete and re-create it.
    for (name, a) in &target.authorizers {
        match live.authorizers.get(name) {
            None => calls.push(plan::create_authorizer(name, a)),
            Some(old) => {
                let item =
                    ItemRef { authorizer_id: Some(plan::authorizer_ref(name)), ..api_item() };
                let ops = patch::ops(&authorizer_wire(name, old), &authorizer_wire(name, a));
                calls.extend(update(item, ops).map(Call::UpdateAuthorizer));
            }
        }
    }
    for (name, v) in &target.request_validators {
        match live.request_validators.get(name) {
            None => calls.push(plan::create_request_validator(name, v)),
            Some(old) => {
                let item =
                    ItemRef { request_validator_id: Some(plan::validator_ref(name)), ..api_item() };
                let ops = patch::ops(&validator_wire(name, old), &validator_wire(name, v));
                calls.extend(update(item, ops).map(Call::UpdateRequestValidator));
            }
        }
    }
    for (name, m) in &target.models {
        let item = ItemRef { model_name: Some(name.clone()), ..api_item() };
        match live.models.get(name) {
            None => calls.push(plan::create_model(name, m)),
            Some(old) if old.content_type != m.content_type => {
                calls.push(Call::DeleteModel(item));
                calls.push(plan::create_model(name, m));
            }
            Some(old) => {
                let ops = patch::ops(&model_wire(name, old), &model_wire(name, m));
                calls.extend(update(item, ops).map(Call::UpdateModel));
            }
        }
    }

    // Gateway responses: a Put replaces one whole, so a changed one is put again. What API
    // Gateway fills in for an unset field, written out, is no change.
    let unset = |response_type: &str, r: &GatewayResponse| {
        let mut r = r.clone();
        crate::facts::unset_gateway_response_defaults(response_type, &mut r);
        r
    };
    for (response_type, r) in &target.gateway_responses {
        let changed = live
            .gateway_responses
            .get(response_type)
            .is_none_or(|old| unset(response_type, old) != unset(response_type, r));
        if changed {
            calls.push(plan::put_gateway_response(response_type, r));
        }
    }

    // Resources, parents first (BTreeMap order).
    for path in target.resources.keys() {
        if !live.resources.contains_key(path) {
            calls.extend(plan::create_resource(path));
        }
    }

    for (path, resource) in &target.resources {
        let live_resource = live.resources.get(path);
        for (verb, method) in &resource.methods {
            let Some(old) = live_resource.and_then(|r| r.methods.get(verb)) else {
                plan::method_calls(path, verb, method, &mut calls);
                continue;
            };
            method_diff(path, verb, old, method, &mut calls, &mut deletes);
        }
        if let Some(live_resource) = live_resource {
            for verb in live_resource.methods.keys() {
                if !resource.methods.contains_key(verb) {
                    deletes.push((3, Call::DeleteMethod(method_ref(path, verb, None))));
                }
            }
        }
    }

    // Removed resources: only the topmost of each removed subtree; API Gateway deletes the rest.
    for path in live.resources.keys() {
        if target.resources.contains_key(path) {
            continue;
        }
        let parent_removed =
            crate::path::parent(path).is_some_and(|parent| !target.resources.contains_key(parent));
        if !parent_removed {
            deletes.push((
                4,
                Call::DeleteResource(ItemRef {
                    resource_id: Some(plan::resource_ref(path)),
                    ..api_item()
                }),
            ));
        }
    }
    for name in live.authorizers.keys().filter(|n| !target.authorizers.contains_key(*n)) {
        let item = ItemRef { authorizer_id: Some(plan::authorizer_ref(name)), ..api_item() };
        deletes.push((5, Call::DeleteAuthorizer(item)));
    }
    for name in
        live.request_validators.keys().filter(|n| !target.request_validators.contains_key(*n))
    {
        let item = ItemRef { request_validator_id: Some(plan::validator_ref(name)), ..api_item() };
        deletes.push((5, Call::DeleteRequestValidator(item)));
    }
    // The models API Gateway gives every new API stay unless the design redefines them.
    for name in live.models.keys().filter(|n| {
        !target.models.contains_key(*n) && !crate::facts::BUILT_IN_MODELS.contains(&n.as_str())
    }) {
        deletes
            .push((5, Call::DeleteModel(ItemRef { model_name: Some(name.clone()), ..api_item() })));
    }
    for response_type in
        live.gateway_responses.keys().filter(|t| !target.gateway_responses.contains_key(*t))
    {
        let item = ItemRef { response_type: Some(response_type.clone()), ..api_item() };
        deletes.push((5, Call::DeleteGatewayResponse(item)));
    }
    // A stable sort keeps the design's order within each stage.
    deletes.sort_by_key(|(stage, _)| *stage);
    calls.extend(deletes.into_iter().map(|(_, call)| call));
    calls
}

fn method_diff(
    path: &str,
    verb: &str,
    old: &Method,
    new: &Method,
    calls: &mut Vec<Call>,
    deletes: &mut Vec<(u8, Call)>,
) {
    let ops = patch::ops(&method_wire(path, verb, old), &method_wire(path, verb, new));
    calls.extend(update(method_ref(path, verb, None), ops).map(Call::UpdateMethod));

    for (status, response) in &new.method_responses {
        match old.method_responses.get(status) {
            None => calls.push(Call::PutMethodResponse(plan::put_method_response(
                path, verb, status, response,
            ))),
            Some(before) => {
                let ops = patch::ops(
                    &method_response_wire(path, verb, status, before),
                    &method_response_wire(path, verb, status, response),
                );
                calls.extend(
                    update(method_ref(path, verb, Some(status)), ops)
                        .map(Call::UpdateMethodResponse),
                );
            }
        }
    }
    for status in old.method_responses.keys() {
        if !new.method_responses.contains_key(status) {
            deletes.push((2, Call::DeleteMethodResponse(method_ref(path, verb, Some(status)))));
        }
    }

    match (&old.integration, &new.integration) {
        (None, None) => {}
        (Some(_), None) => deletes.push((1, Call::DeleteIntegration(method_ref(path, verb, None)))),
        (before, Some(after)) => {
            let replace =
                before.as_ref().is_none_or(|b| b.integration_type != after.integration_type);
            if replace {
                if before.is_some() {
                    calls.push(Call::DeleteIntegration(method_ref(path, verb, None)));
                }
                calls.push(Call::PutIntegration(plan::put_integration(path, verb, after)));
                for (status, r) in &after.integration_responses {
                    calls.push(Call::PutIntegrationResponse(plan::put_integration_response(
                        path, verb, status, r,
                    )));
                }
                return;
            }
            let Some(before) = before else { return };
            // A default written out and a default left unset read the same in API Gateway:
            // neither is a change.
            let unset = |i: &Integration| {
                let mut i = i.clone();
                crate::facts::unset_integration_defaults(&mut i, None);
                integration_wire(path, verb, &i)
            };
            let ops = patch::ops(&unset(before), &unset(after));
            calls.extend(update(method_ref(path, verb, None), ops).map(Call::UpdateIntegration));
            for (status, r) in &after.integration_responses {
                match before.integration_responses.get(status) {
                    None => calls.push(Call::PutIntegrationResponse(
                        plan::put_integration_response(path, verb, status, r),
                    )),
                    Some(old_r) => {
                        let ops = patch::ops(
                            &integration_response_wire(path, verb, status, old_r),
                            &integration_response_wire(path, verb, status, r),
                        );
                        calls.extend(
                            update(method_ref(path, verb, Some(status)), ops)
                                .map(Call::UpdateIntegrationResponse),
                        );
                    }
                }
            }
            for status in before.integration_responses.keys() {
                if !after.integration_responses.contains_key(status) {
                    deletes.push((
                        0,
                        Call::DeleteIntegrationResponse(method_ref(path, verb, Some(status))),
                    ));
                }
            }
        }
    }
}

/// Which kind of item an Update* call patches.
pub fn patched_item(call: &Call) -> Option<(Item, &Patch)> {
    Some(match call {
        Call::UpdateMethod(p) => (Item::Method, p),
        Call::UpdateMethodResponse(p) => (Item::MethodResponse, p),
        Call::UpdateIntegration(p) => (Item::Integration, p),
        Call::UpdateIntegrationResponse(p) => (Item::IntegrationResponse, p),
        Call::UpdateAuthorizer(p) => (Item::Authorizer, p),
        Call::UpdateRequestValidator(p) => (Item::RequestValidator, p),
        Call::UpdateModel(p) => (Item::Model, p),
        Call::UpdateRestApi(p) => (Item::RestApi, p),
        _ => return None,
    })
}

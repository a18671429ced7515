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
//!
//! A target resource is the live one with the same id (`Resource::id`, which the load records
//! and which follows a resource when the design renames or moves it), or else the live one at
//! the same path. One whose path part or parent changed is renamed or moved in place by one
//! UpdateResource (its subtree and methods go with it, as in API Gateway), not deleted and
//! created again; see [`resource_calls`].

use crate::model::{
    Authorizer, Design, GatewayResponse, Integration, IntegrationResponse, Method, MethodResponse,
    Model, RequestValidator,
};
use crate::patch::{self, Item};
use crate::plan::{self, API, Call, ItemRef, Patch};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

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

    // Resources: created, renamed or moved, parents first; a resource in the way of one is
    // deleted first, and the rest of the removed ones at the end.
    let matching = Matching::of(live, target);
    let removed = resource_calls(live, target, &matching, &mut calls);

    for (path, resource) in &target.resources {
        // A renamed or moved resource is at its new path by now, under its own id.
        let live_resource =
            matching.live_of.get(path.as_str()).and_then(|old| live.resources.get(*old));
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
    deletes.extend(removed.into_iter().map(|path| (4, delete_resource(&path))));
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

fn delete_resource(path: &str) -> Call {
    Call::DeleteResource(ItemRef {
        rest_api_id: API.into(),
        resource_id: Some(plan::resource_ref(path)),
        ..ItemRef::default()
    })
}

/// Which live resource each target resource is: the one with its id (a resource the design
/// renamed or moved keeps the id it was loaded with), or else the one at its path. The roots
/// are each other. A live resource is matched once; what is left on either side is created or
/// deleted.
struct Matching<'a> {
    /// Target path → the live path of the same resource.
    live_of: BTreeMap<&'a str, &'a str>,
    /// Live path → the target path of the same resource.
    target_of: HashMap<&'a str, &'a str>,
}

impl<'a> Matching<'a> {
    fn of(live: &'a Design, target: &'a Design) -> Matching<'a> {
        let mut matching = Matching { live_of: BTreeMap::new(), target_of: HashMap::new() };
        if live.resources.contains_key("/") && target.resources.contains_key("/") {
            matching.pair("/", "/");
        }
        let mut live_by_id: HashMap<&str, &str> = HashMap::new();
        for (path, resource) in &live.resources {
            if let (Some(id), false) = (resource.id.as_deref(), path == "/") {
                live_by_id.entry(id).or_insert(path);
            }
        }
        for (path, resource) in &target.resources {
            let Some(old) = resource.id.as_deref().and_then(|id| live_by_id.get(id)) else {
                continue;
            };
            if path != "/" && !matching.target_of.contains_key(old) {
                matching.pair(path, old);
            }
        }
        // Without an id (or with one the live API does not have), the path decides, as it did
        // before ids were kept: a renamed resource is then deleted and created again.
        for path in target.resources.keys() {
            if !matching.live_of.contains_key(path.as_str())
                && live.resources.contains_key(path)
                && !matching.target_of.contains_key(path.as_str())
            {
                matching.pair(path, path);
            }
        }
        matching
    }

    fn pair(&mut self, target: &'a str, live: &'a str) {
        self.live_of.insert(target, live);
        self.target_of.insert(live, target);
    }
}

/// A resource while the resource calls are worked out: a live one (by its live path) or one
/// the deploy creates (by its target path).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Node<'a> {
    Live(&'a str),
    New(&'a str),
}

/// The live tree as the calls so far leave it: each resource's parent and path part, and an
/// index of each parent's children by name (and of its variable children), so that whether a
/// name is free costs a look-up, however many siblings there are.
#[derive(Default)]
struct Tree<'a> {
    parent: HashMap<Node<'a>, Node<'a>>,
    part: HashMap<Node<'a>, &'a str>,
    children: HashMap<Node<'a>, Vec<Node<'a>>>,
    named: HashMap<(Node<'a>, &'a str), Vec<Node<'a>>>,
    variables: HashMap<Node<'a>, Vec<Node<'a>>>,
}

impl<'a> Tree<'a> {
    fn path(&self, node: Node<'a>) -> String {
        match self.parent.get(&node) {
            None => "/".into(),
            Some(parent) => {
                crate::path::child(&self.path(*parent), self.part.get(&node).unwrap_or(&""))
            }
        }
    }

    /// Takes `node` from under its parent (its own subtree stays with it).
    fn detach(&mut self, node: Node<'a>) {
        let (Some(parent), Some(part)) = (self.parent.remove(&node), self.part.remove(&node))
        else {
            return;
        };
        for list in [
            self.children.get_mut(&parent),
            self.named.get_mut(&(parent, part)),
            self.variables.get_mut(&parent),
        ]
        .into_iter()
        .flatten()
        {
            list.retain(|n| *n != node);
        }
    }

    fn attach(&mut self, node: Node<'a>, parent: Node<'a>, part: &'a str) {
        self.detach(node);
        self.parent.insert(node, parent);
        self.part.insert(node, part);
        self.children.entry(parent).or_default().push(node);
        self.named.entry((parent, part)).or_default().push(node);
        if crate::path::is_variable(part) {
            self.variables.entry(parent).or_default().push(node);
        }
    }

    /// `node` and everything below it.
    fn subtree(&self, node: Node<'a>) -> Vec<Node<'a>> {
        let mut out = vec![node];
        let mut at = 0;
        while let Some(n) = out.get(at).copied() {
            out.extend(self.children.get(&n).into_iter().flatten().copied());
            at += 1;
        }
        out
    }

    fn remove(&mut self, node: Node<'a>) {
        for n in self.subtree(node) {
            self.detach(n);
            self.children.remove(&n);
        }
    }

    /// Whether `node` lies within `ancestor`'s subtree (itself included).
    fn within(&self, mut node: Node<'a>, ancestor: Node<'a>) -> bool {
        loop {
            if node == ancestor {
                return true;
            }
            match self.parent.get(&node) {
                Some(parent) => node = *parent,
                None => return false,
            }
        }
    }

    /// The child of `parent`, other than `node`, that API Gateway would not let `part` stand
    /// beside: one of the same path part, or a second variable ("only one is allowed").
    fn in_the_way(&self, parent: Node<'a>, node: Node<'a>, part: &'a str) -> Option<Node<'a>> {
        let other = |list: Option<&Vec<Node<'a>>>| list?.iter().copied().find(|n| *n != node);
        other(self.named.get(&(parent, part))).or_else(|| {
            crate::path::is_variable(part).then(|| other(self.variables.get(&parent))).flatten()
        })
    }
}

/// The resource calls: CreateResource for a new resource, UpdateResource for a renamed or moved
/// one (only the top of a moved subtree: the rest moves with it), in an order API Gateway
/// accepts. A call waits for its new parent to be in place and for its new name to be free; a
/// removed resource that stands in the way (under the same name, or as a second variable) is
/// deleted first, when nothing kept lies below it. What cannot be ordered so (two resources
/// trading places) is sent as it is, and API Gateway's refusal stops the deploy with its
/// reason. Returns the paths, as the calls leave them, of the removed resources left to
/// delete: the topmost of each removed subtree.
fn resource_calls<'a>(
    live: &'a Design,
    target: &'a Design,
    matching: &Matching<'a>,
    calls: &mut Vec<Call>,
) -> Vec<String> {
    let node_of = |path: &'a str| match matching.live_of.get(path) {
        Some(old) => Node::Live(old),
        None => Node::New(path),
    };
    let mut tree = Tree::default();
    for path in live.resources.keys() {
        if let Some(parent) = crate::path::parent(path) {
            tree.attach(Node::Live(path), Node::Live(parent), crate::path::path_part(path));
        }
    }
    // What changes, parents first.
    let mut pending: Vec<&'a str> = Vec::new();
    for path in target.resources.keys() {
        let Some(parent) = crate::path::parent(path) else { continue };
        let node = node_of(path);
        let unchanged = matches!(node, Node::Live(old)
            if crate::path::parent(old).map(Node::Live) == Some(node_of(parent))
                && crate::path::path_part(old) == crate::path::path_part(path));
        if !unchanged {
            pending.push(path);
        }
    }
    let kept = |node: &Node<'a>| match node {
        Node::Live(old) => matching.target_of.contains_key(old),
        Node::New(_) => true,
    };
    let mut forced = false;
    while !pending.is_empty() {
        let mut progressed = false;
        let mut blocked: Vec<Node<'a>> = Vec::new();
        let mut waiting: Vec<&'a str> = Vec::new();
        for path in std::mem::take(&mut pending) {
            let parent_path = crate::path::parent(path).unwrap_or("/");
            let (node, parent, part) =
                (node_of(path), node_of(parent_path), crate::path::path_part(path));
            // The new parent must be where the design puts it, and must not lie below the
            // resource that moves (API Gateway refuses a cycle).
            let parent_ready = tree.parent.contains_key(&parent) || parent == Node::Live("/");
            let parent_ready = parent_ready && tree.path(parent) == parent_path;
            let cycle = tree.parent.contains_key(&node) && tree.within(parent, node);
            let obstacle = tree.in_the_way(parent, node, part);
            if !forced && (!parent_ready || cycle || obstacle.is_some()) {
                blocked.extend(obstacle);
                waiting.push(path);
                continue;
            }
            match node {
                Node::New(_) => calls.extend(plan::create_resource(path)),
                Node::Live(_) => {
                    calls.push(update_resource(&tree.path(node), &tree, node, parent, path));
                }
            }
            tree.attach(node, parent, part);
            progressed = true;
        }
        pending = waiting;
        if progressed || forced {
            forced = false;
            continue;
        }
        // Nothing could go: delete a removed resource in the way, if nothing kept is below it.
        let doomed = blocked.into_iter().find(|n| !tree.subtree(*n).iter().any(kept));
        match doomed {
            Some(node) => {
                calls.push(delete_resource(&tree.path(node)));
                tree.remove(node);
            }
            None => forced = true,
        }
    }
    // The removed resources still there: the topmost of each subtree.
    let mut removed: Vec<String> = live
        .resources
        .keys()
        .map(|p| Node::Live(p.as_str()))
        .filter(|n| !kept(n) && tree.parent.get(n).is_some_and(kept))
        .map(|n| tree.path(n))
        .collect();
    removed.sort();
    removed
}

/// The UpdateResource that renames `node` (now at `from`) and moves it under `parent`, to the
/// design's `path`: `replace /pathPart` when its last segment changes, `replace /parentId` (the
/// new parent's placeholder) when its parent does.
///
/// API Gateway API Reference, "UpdateResource"
/// (https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateResource.html), and "Patch
/// Operations" (https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html),
/// UpdateResource: `/parentId` and `/pathPart` are the patchable paths, with `op: replace`.
fn update_resource<'a>(
    from: &str,
    tree: &Tree<'a>,
    node: Node<'a>,
    parent: Node<'a>,
    path: &str,
) -> Call {
    let part = crate::path::path_part(path);
    let mut ops = Vec::new();
    // The new name first: an emulator checks each operation against the siblings it has then.
    if tree.part.get(&node).copied() != Some(part) {
        ops.push(crate::plan::PatchOperation {
            op: "replace".into(),
            path: "/pathPart".into(),
            value: Some(part.to_string()),
        });
    }
    if tree.parent.get(&node) != Some(&parent) {
        ops.push(crate::plan::PatchOperation {
            op: "replace".into(),
            path: "/parentId".into(),
            value: Some(plan::resource_ref(crate::path::parent(path).unwrap_or("/"))),
        });
    }
    Call::UpdateResource(Patch {
        item: ItemRef {
            rest_api_id: API.into(),
            resource_id: Some(plan::resource_ref(from)),
            ..ItemRef::default()
        },
        patch_operations: ops,
    })
}

/// For an UpdateResource: the path of the resource before and after it (placeholders read as
/// the paths they stand for). None for another call, or one whose ids are not placeholders.
pub fn resource_move(call: &Call) -> Option<(String, String)> {
    let Call::UpdateResource(patch) = call else { return None };
    let from = patch.item.resource_id.as_deref()?.strip_prefix('@')?;
    if !from.starts_with('/') {
        return None;
    }
    let mut parent = crate::path::parent(from)?.to_string();
    let mut part = crate::path::path_part(from).to_string();
    for op in &patch.patch_operations {
        match (op.path.as_str(), op.value.as_deref()) {
            ("/pathPart", Some(value)) => part = value.to_string(),
            ("/parentId", Some(value)) => {
                parent = value.strip_prefix('@').filter(|p| p.starts_with('/'))?.to_string();
            }
            _ => {}
        }
    }
    Some((from.to_string(), crate::path::child(&parent, &part)))
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
        Call::UpdateResource(p) => (Item::Resource, p),
        _ => return None,
    })
}

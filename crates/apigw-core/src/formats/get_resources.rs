//! Importing what `aws apigateway get-resources --embed methods` prints (boto3's `items`) or the
//! raw wire answer (`item`), so a live API can be brought in without the proxy.
//!
//! Ids are kept where the output has no names: an `authorizerId` or `requestValidatorId` becomes
//! a reference by that id, with a warning saying how to link it. Fields the design does not model
//! are reported, never dropped silently.

use crate::diagnostic::{Diagnostic, Owner, Target, pointer};
use crate::formats::reading::{Reader as Reading, child};
use crate::load_error::LoadError;
use crate::model::{Design, Integration, IntegrationResponse, Method, MethodResponse, TlsConfig};
use crate::rules::{self, IMPORT_TREE_INCONSISTENT};
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
        let Some(path) = target.owner.resource_path() else { return String::new() };
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
            tokens.push(field.wire().into());
            if let Some(key) = &target.key {
                if !field.is_list() {
                    tokens.push(key.clone());
                }
            }
        }
        pointer(&tokens)
    }
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
const METHOD_RESPONSE_FIELDS: &[&str] = &["statusCode", "responseParameters", "responseModels"];
const INTEGRATION_RESPONSE_FIELDS: &[&str] = &[
    "statusCode",
    "selectionPattern",
    "responseParameters",
    "responseTemplates",
    "contentHandling",
];
const ITEM_FIELDS: &[&str] = &["id", "parentId", "path", "pathPart", "resourceMethods"];
/// Fields that carry nothing the design needs (the SDK's metadata; API Gateway's own
/// measurements), read past without a report.
const NOISE: &[&str] = &["ResponseMetadata"];

/// Reports the keys of `object` that are neither known nor noise (`null` values are absent).
fn unknown(read: &mut Reading, object: &Map<String, Value>, at: &str, known: &[&str], what: &str) {
    let present: Map<String, Value> = object
        .iter()
        .filter(|(k, v)| !v.is_null() && !NOISE.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    read.unknown_keys(&present, at, known, what);
}

/// One item of the input, as read.
struct Item {
    index: usize,
    id: Option<String>,
    parent_id: Option<String>,
    path: String,
    path_part: Option<String>,
}

/// Builds the design that get-resources output describes.
pub fn import(value: &Value) -> Result<(Design, Vec<Diagnostic>, ItemIndex), LoadError> {
    let key = detect(value)
        .ok_or_else(|| LoadError::new("not get-resources output: no items with paths"))?;
    let items = value.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let mut design = Design::named("Imported");
    let mut read = Reading::default();
    let mut index = ItemIndex { key, items: HashMap::new() };
    let mut ids: Vec<String> = Vec::new();
    let mut read_items: Vec<Item> = Vec::new();
    let mut claimed: std::collections::HashSet<String> = std::collections::HashSet::new();
    // Which item first held each method, to name a method written in two items.
    let mut method_items: HashMap<(String, String), usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("/{key}/{i}");
        let Some(item) = read.entry(item, at.clone(), &format!("item {i}")) else { continue };
        unknown(&mut read, item, &at, ITEM_FIELDS, "a resource item");
        let path = read.text(item, "path", &at).unwrap_or_default();
        if let Some(problem) = crate::path::key_problem(&path) {
            read.ignored(child(&at, "path"), format!("{problem}; the item was skipped"));
            continue;
        }
        let id = read.text(item, "id", &at);
        read_items.push(Item {
            index: i,
            id: id.clone(),
            parent_id: read.text(item, "parentId", &at),
            path: path.clone(),
            path_part: read.text(item, "pathPart", &at),
        });
        if let Some(first) = index.items.get(&path) {
            read.ignored_fix(
                child(&at, "path"),
                format!("item {first} has the path `{path}` too; API Gateway has one resource per path, so the two items' methods were put together"),
                "Keep one item per path: move the methods into one of them and delete the other.",
            );
        } else {
            index.items.insert(path.clone(), i);
        }
        let resource = design.resources.entry(path.clone()).or_default();
        // The live id, so that renaming or moving the resource later keeps it: the first item
        // of a path gives it, unless an earlier item claimed the same id (`check_tree` says so).
        if resource.id.is_none() {
            resource.id = id.filter(|id| claimed.insert(id.clone()));
        }
        let methods_at = child(&at, "resourceMethods");
        for (verb, method) in read.object(item, "resourceMethods", &at).into_iter().flatten() {
            let m_at = child(&methods_at, verb);
            let Some(m) = read.entry(method, m_at.clone(), &format!("method `{verb}`")) else {
                continue;
            };
            let out = read_method(&mut read, &m_at, m);
            ids.extend(out.authorizer.iter().map(|id| format!("authorizer id `{id}`")));
            ids.extend(
                out.request_validator.iter().map(|id| format!("request validator id `{id}`")),
            );
            if let Some(first) = method_items.insert((path.clone(), verb.clone()), i) {
                read.ignored_fix(
                    m_at,
                    format!("item {first} has {} method on `{path}` too; this one was kept and the other was not imported", crate::text::a(verb)),
                    "Keep one item per path: move the methods into one of them and delete the other.",
                );
            }
            if let Some(resource) = design.resources.get_mut(&path) {
                resource.methods.insert(verb.clone(), out);
            }
        }
    }
    check_tree(&mut read, key, &read_items);
    if !ids.is_empty() {
        ids.sort_unstable();
        ids.dedup();
        let message = format!(
            "get-resources lists ids, not names: {} kept as names; add authorizers or validators with these names (or rename the references) to link them",
            ids.join(", ")
        );
        read.ignored(format!("/{key}"), message);
    }
    design.fill_ancestors();
    Ok((design, read.out, index))
}

/// Checks that the items' ids, parents and paths describe one tree, and names every place
/// where they do not. The design is built from the paths (each resource keeps its item's id);
/// these say where the ids disagree.
fn check_tree(read: &mut Reading, key: &str, items: &[Item]) {
    let at = |item: &Item, field: &str| format!("/{key}/{}/{field}", item.index);
    let mut by_id: HashMap<&str, &Item> = HashMap::new();
    for item in items {
        let Some(id) = item.id.as_deref() else { continue };
        if let Some(first) = by_id.get(id) {
            tree(
                read,
                at(item, "id"),
                format!(
                    "item {} has the id `{id}` too; ids name one resource each, so the parents that name it are ambiguous",
                    first.index
                ),
            );
        } else {
            by_id.insert(id, item);
        }
    }
    for item in items {
        let last = crate::path::path_part(&item.path);
        if let Some(part) = &item.path_part {
            if item.path != "/" && part != last {
                tree(
                    read,
                    at(item, "pathPart"),
                    format!(
                        "pathPart `{part}` is not the last part of the path `{}`; the path was used",
                        item.path
                    ),
                );
            }
        }
        // Without a parentId, the path alone places the item: nothing disagrees.
        let Some(parent_id) = item.parent_id.as_deref() else { continue };
        if item.path == "/" {
            tree(
                read,
                at(item, "parentId"),
                "the root resource `/` has a parentId; the root has no parent".into(),
            );
            continue;
        }
        if item.id.as_deref() == Some(parent_id) {
            tree(
                read,
                at(item, "parentId"),
                format!(
                    "`{}` names itself as its parent (`{parent_id}`); its place in the tree was taken from its path",
                    item.path
                ),
            );
            continue;
        }
        let Some(parent) = by_id.get(parent_id) else {
            tree(
                read,
                at(item, "parentId"),
                format!(
                    "the parent `{parent_id}` of `{}` is not among the items; its place in the tree was taken from its path",
                    item.path
                ),
            );
            continue;
        };
        let expected = crate::path::parent(&item.path).unwrap_or("/");
        if parent.path != expected {
            tree(
                read,
                at(item, "parentId"),
                format!(
                    "the parent `{parent_id}` of `{}` is `{}`, not `{expected}`; the path was used",
                    item.path, parent.path
                ),
            );
        }
    }
    // Cycles of parents: each is named once, at its first item.
    let mut reported: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for item in items {
        let Some(start) = item.id.as_deref() else { continue };
        let mut chain = vec![start];
        let mut current = item;
        while let Some(parent) = current.parent_id.as_deref().and_then(|p| by_id.get(p)) {
            let Some(id) = parent.id.as_deref() else { break };
            if id == start {
                if chain.len() > 1 && chain.iter().all(|id| reported.insert(id)) {
                    tree(
                        read,
                        at(item, "parentId"),
                        format!(
                            "the parents of `{}` form a cycle ({}); its place in the tree was taken from its path",
                            item.path,
                            chain.join(" → ")
                        ),
                    );
                }
                break;
            }
            if chain.contains(&id) || chain.len() > items.len() {
                break;
            }
            chain.push(id);
            current = parent;
        }
    }
}

fn tree(read: &mut Reading, pointer: String, message: String) {
    rules::sequence(IMPORT_TREE_INCONSISTENT, &mut read.out)
        .report(Target::in_file(pointer), message);
}

/// Reads one method's wire form (GetMethod's answer, or an embedded `resourceMethods` entry).
/// `authorizerId` and `requestValidatorId` are kept as they are, in `authorizer` and
/// `requestValidator`.
pub fn method_from_wire(m: &Map<String, Value>) -> (Method, Vec<Diagnostic>) {
    let mut read = Reading::default();
    let method = read_method(&mut read, "", m);
    (method, read.out)
}

fn read_method(read: &mut Reading, at: &str, m: &Map<String, Value>) -> Method {
    unknown(read, m, at, METHOD_FIELDS, "a method");
    let mut out = Method {
        authorization_type: read.text(m, "authorizationType", at).unwrap_or_else(|| "NONE".into()),
        authorizer: read.text(m, "authorizerId", at),
        api_key_required: read.flag(m, "apiKeyRequired", at).unwrap_or(false),
        operation_name: read.text(m, "operationName", at),
        request_parameters: read.flag_map(m, "requestParameters", at),
        request_models: read.text_map(m, "requestModels", at),
        request_validator: read.text(m, "requestValidatorId", at),
        authorization_scopes: read.texts(m, "authorizationScopes", at),
        ..Default::default()
    };
    let responses_at = child(at, "methodResponses");
    for (status, response) in read.object(m, "methodResponses", at).into_iter().flatten() {
        let r_at = child(&responses_at, status);
        let Some(r) = read.entry(response, r_at.clone(), &format!("method response `{status}`"))
        else {
            continue;
        };
        unknown(read, r, &r_at, METHOD_RESPONSE_FIELDS, "a method response");
        out.method_responses.insert(
            status.clone(),
            MethodResponse {
                response_parameters: read.flag_map(r, "responseParameters", &r_at),
                response_models: read.text_map(r, "responseModels", &r_at),
            },
        );
    }
    if let Some(integration) = read.object(m, "methodIntegration", at) {
        out.integration =
            Some(read_integration(read, &child(at, "methodIntegration"), integration));
    }
    out
}

fn read_integration(read: &mut Reading, at: &str, o: &Map<String, Value>) -> Integration {
    unknown(read, o, at, INTEGRATION_FIELDS, "an integration");
    let tls_config = read.object(o, "tlsConfig", at).map(|t| {
        let t_at = child(at, "tlsConfig");
        unknown(read, t, &t_at, &["insecureSkipVerification"], "tlsConfig");
        TlsConfig {
            insecure_skip_verification: read
                .flag(t, "insecureSkipVerification", &t_at)
                .unwrap_or(false),
        }
    });
    let mut integration = Integration {
        integration_type: read.text(o, "type", at).unwrap_or_default(),
        integration_http_method: read.text(o, "httpMethod", at),
        uri: read.text(o, "uri", at),
        connection_type: read.text(o, "connectionType", at),
        connection_id: read.text(o, "connectionId", at),
        credentials: read.text(o, "credentials", at),
        request_parameters: read.text_map(o, "requestParameters", at),
        request_templates: read.text_map(o, "requestTemplates", at),
        passthrough_behavior: read.text(o, "passthroughBehavior", at),
        cache_namespace: read.text(o, "cacheNamespace", at),
        cache_key_parameters: read.texts(o, "cacheKeyParameters", at),
        content_handling: read.text(o, "contentHandling", at),
        timeout_in_millis: read.whole(o, "timeoutInMillis", at),
        tls_config,
        response_transfer_mode: read.text(o, "responseTransferMode", at),
        integration_target: read.text(o, "integrationTarget", at),
        integration_responses: crate::map::Map::new(),
    };
    let responses_at = child(at, "integrationResponses");
    for (status, response) in read.object(o, "integrationResponses", at).into_iter().flatten() {
        let r_at = child(&responses_at, status);
        let Some(r) =
            read.entry(response, r_at.clone(), &format!("integration response `{status}`"))
        else {
            continue;
        };
        unknown(read, r, &r_at, INTEGRATION_RESPONSE_FIELDS, "an integration response");
        integration.integration_responses.insert(
            status.clone(),
            IntegrationResponse {
                selection_pattern: read.text(r, "selectionPattern", &r_at),
                response_parameters: read.text_map(r, "responseParameters", &r_at),
                response_templates: read.text_map(r, "responseTemplates", &r_at),
                content_handling: read.text(r, "contentHandling", &r_at),
            },
        );
    }
    integration
}

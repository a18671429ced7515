//! Edits as values. Applying an [`Edit`] changes the design and returns its inverse, which
//! applied in turn restores the design exactly; [`crate::History`] builds undo and redo on that.
//!
//! Edits keep the tree whole (no orphan resources, no second root) and refuse what would lose
//! data silently (adding over an existing resource); everything else API Gateway would reject
//! is allowed in the design and reported by validation, so a user can type through invalid
//! states.

use crate::diagnostic::Owner;
use crate::model::{
    ApiSettings, Authorizer, Design, GatewayResponse, Integration, IntegrationResponse, Method,
    MethodResponse, Model, RequestValidator, Resource, Stage, TestRequest, TlsConfig,
};
use crate::path;
use serde::{Deserialize, Serialize};

pub use crate::field::Field;

/// One change to a design.
// A `PutMethod` carries a whole method, the largest variant by a little; there is one edit per
// undo step, few next to a design's methods, so boxing it would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "camelCase")]
pub enum Edit {
    SetApi {
        value: ApiSettings,
    },
    /// Adds, replaces (`Some`) or removes (`None`) an authorizer.
    PutAuthorizer {
        name: String,
        value: Option<Authorizer>,
    },
    /// Renames an authorizer and every method's reference to it.
    RenameAuthorizer {
        from: String,
        to: String,
    },
    PutRequestValidator {
        name: String,
        value: Option<RequestValidator>,
    },
    RenameRequestValidator {
        from: String,
        to: String,
    },
    PutModel {
        name: String,
        value: Option<Model>,
    },
    /// Renames a model and every request and response model reference to it.
    RenameModel {
        from: String,
        to: String,
    },
    /// Adds, replaces (`Some`) or removes (`None`) the gateway response of a response type.
    PutGatewayResponse {
        #[serde(rename = "responseType")]
        response_type: String,
        value: Option<GatewayResponse>,
    },
    /// Adds, replaces (`Some`) or removes (`None`) a stage of the design.
    PutStage {
        name: String,
        stage: Option<Stage>,
    },
    /// Renames a stage of the design (nothing refers to a stage by name).
    RenameStage {
        from: String,
        to: String,
    },
    /// Adds an empty resource; its parent must exist.
    AddResource {
        path: String,
    },
    /// Removes a resource with its whole subtree.
    DeleteResource {
        path: String,
    },
    /// Puts back resources removed by `DeleteResource` (the inverse of a delete).
    RestoreResources {
        resources: Vec<(String, Resource)>,
    },
    /// Renames or re-parents a resource with its subtree.
    MoveResource {
        from: String,
        to: String,
    },
    /// Adds, replaces or removes a whole method.
    PutMethod {
        path: String,
        verb: String,
        value: Option<Method>,
    },
    /// Sets one field of a method, its integration, one of its integration responses, or a
    /// gateway response. The owner and field are those a diagnostic of that field names.
    SetField {
        owner: Owner,
        field: Field,
        value: FieldValue,
    },
    /// Adds, replaces or removes one entry of a map (parameters, mappings, models, templates)
    /// of a method, its integration, one of their responses, or a gateway response.
    SetEntry {
        owner: Owner,
        field: Field,
        key: String,
        value: Option<Entry>,
    },
    /// Renames one key of a map, keeping its value.
    RenameEntry {
        owner: Owner,
        field: Field,
        from: String,
        to: String,
    },
    PutMethodResponse {
        path: String,
        verb: String,
        status: String,
        value: Option<MethodResponse>,
    },
    /// Adds, replaces or removes the integration.
    SetIntegration {
        path: String,
        verb: String,
        value: Option<Integration>,
    },
    PutIntegrationResponse {
        path: String,
        verb: String,
        status: String,
        value: Option<IntegrationResponse>,
    },
    /// Saves (`Some`) or removes (`None`) the method's test request, which only the Test tab
    /// and `apigw invoke` read. Boxed: a test request is large, and every edit would carry
    /// its size.
    SetTestRequest {
        path: String,
        verb: String,
        request: Option<Box<TestRequest>>,
    },
    /// Several edits applied as one, all or nothing.
    Batch {
        label: String,
        edits: Vec<Edit>,
    },
    /// Replaces the whole design (new, example, import), so even that can be undone.
    Replace {
        label: String,
        design: Box<Design>,
    },
}

/// A field's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FieldValue {
    Text(Option<String>),
    Flag(bool),
    Number(Option<i64>),
    List(Vec<String>),
    Tls(Option<TlsConfig>),
}

/// A map entry's value: a required flag or a text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Entry {
    Flag(bool),
    Text(String),
}

/// Why an edit could not be applied. The design is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(message.into()))
}

/// What an edit can change, so that validation reruns only there ([`crate::checker`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One method: its fields, maps, responses and integration.
    Method { path: String, verb: String },
    /// One resource's set of methods (a method added, replaced or removed).
    Resource { path: String },
    /// API-level objects, which every method may refer to.
    Api,
    /// The tree's shape, or everything.
    All,
}

impl Edit {
    /// What applying this edit (or its inverse) can change.
    pub fn scope(&self) -> Scope {
        match self {
            // Adding or removing a method changes its resource's set of methods.
            Edit::PutMethod { path, .. } => Scope::Resource { path: path.clone() },
            Edit::SetApi { .. }
            | Edit::PutAuthorizer { .. }
            | Edit::RenameAuthorizer { .. }
            | Edit::PutRequestValidator { .. }
            | Edit::RenameRequestValidator { .. }
            | Edit::PutModel { .. }
            | Edit::RenameModel { .. }
            | Edit::PutGatewayResponse { .. } => Scope::Api,
            // A gateway response's fields and maps are API-level too.
            Edit::SetField { owner: Owner::GatewayResponse { .. }, .. }
            | Edit::SetEntry { owner: Owner::GatewayResponse { .. }, .. }
            | Edit::RenameEntry { owner: Owner::GatewayResponse { .. }, .. } => Scope::Api,
            // Stages are API-level, and every method's rules read their variables (which
            // `stageVariables.NAME` a method reads that no stage defines): the Api scope
            // reruns every method's rules.
            Edit::PutStage { .. }
            | Edit::RenameStage { .. }
            | Edit::SetField { owner: Owner::Stage { .. }, .. }
            | Edit::SetEntry { owner: Owner::Stage { .. }, .. }
            | Edit::RenameEntry { owner: Owner::Stage { .. }, .. } => Scope::Api,
            // Any other edit confined to one method; the rest change the tree's shape.
            _ => match self.method_key() {
                Some((path, verb)) => Scope::Method { path: path.into(), verb: verb.into() },
                None => Scope::All,
            },
        }
    }

    /// Whether applying this edit (or its inverse) can change the design's outline: which
    /// resources and methods exist, and each method's integration type. Edits of a method's
    /// other fields cannot, so a tree of the outline need not be rebuilt for them.
    pub fn changes_outline(&self) -> bool {
        match self {
            Edit::SetField { owner: Owner::Integration { .. }, field, .. } => *field == Field::Type,
            Edit::SetEntry { .. }
            | Edit::RenameEntry { .. }
            | Edit::PutMethodResponse { .. }
            | Edit::PutIntegrationResponse { .. }
            | Edit::SetTestRequest { .. } => false,
            _ => !matches!(self.scope(), Scope::Api),
        }
    }

    /// Whether applying this edit (or its inverse) can change how many calls the plan holds:
    /// which authorizers, validators, models, resources, methods, integrations and responses
    /// exist. Field and map-entry edits cannot (they fail where what they edit is missing),
    /// so a count of the plan's calls need not be redone on a keystroke.
    pub fn changes_call_count(&self) -> bool {
        match self {
            Edit::SetApi { .. }
            | Edit::SetField { .. }
            | Edit::SetEntry { .. }
            | Edit::RenameEntry { .. }
            | Edit::SetTestRequest { .. } => false,
            Edit::Batch { edits, .. } => edits.iter().any(Edit::changes_call_count),
            _ => true,
        }
    }

    /// A short description for undo/redo menus.
    pub fn label(&self) -> String {
        match self {
            Edit::SetApi { .. } => "edit API settings".into(),
            Edit::PutAuthorizer { name, value } => put_label("authorizer", name, value.is_some()),
            Edit::RenameAuthorizer { from, to } => format!("rename authorizer {from} to {to}"),
            Edit::PutRequestValidator { name, value } => {
                put_label("validator", name, value.is_some())
            }
            Edit::RenameRequestValidator { from, to } => format!("rename validator {from} to {to}"),
            Edit::PutModel { name, value } => put_label("model", name, value.is_some()),
            Edit::RenameModel { from, to } => format!("rename model {from} to {to}"),
            Edit::PutGatewayResponse { response_type, value } => {
                put_label("gateway response", response_type, value.is_some())
            }
            Edit::PutStage { name, stage } => put_label("stage", name, stage.is_some()),
            Edit::RenameStage { from, to } => format!("rename stage {from} to {to}"),
            Edit::AddResource { path } => format!("add {path}"),
            Edit::DeleteResource { path } => format!("delete {path}"),
            Edit::RestoreResources { resources } => {
                format!("restore {}", resources.first().map(|(p, _)| p.as_str()).unwrap_or(""))
            }
            Edit::MoveResource { from, to } => format!("move {from} to {to}"),
            Edit::PutMethod { path, verb, value } => {
                put_label("method", &format!("{verb} {path}"), value.is_some())
            }
            Edit::SetField { owner, field, .. } => format!("set {} of {}", field.name(), of(owner)),
            Edit::SetEntry { owner, key, .. } => format!("set {key} of {}", of(owner)),
            Edit::RenameEntry { from, to, .. } => format!("rename {from} to {to}"),
            Edit::PutMethodResponse { verb, path, status, value } => {
                put_label("method response", &format!("{status} of {verb} {path}"), value.is_some())
            }
            Edit::SetIntegration { verb, path, value } => {
                put_label("integration", &format!("of {verb} {path}"), value.is_some())
            }
            Edit::PutIntegrationResponse { verb, path, status, value } => put_label(
                "integration response",
                &format!("{status} of {verb} {path}"),
                value.is_some(),
            ),
            Edit::SetTestRequest { verb, path, request } => {
                put_label("test request", &format!("of {verb} {path}"), request.is_some())
            }
            Edit::Batch { label, .. } | Edit::Replace { label, .. } => label.clone(),
        }
    }

    /// Applies the edit; returns its inverse. On error the design is unchanged.
    pub fn apply(self, design: &mut Design) -> Result<Edit, EditError> {
        match self {
            Edit::SetApi { value } => {
                Ok(Edit::SetApi { value: std::mem::replace(&mut design.api, value) })
            }
            Edit::PutAuthorizer { name, value } => {
                let old = put(&mut design.authorizers, &name, value);
                Ok(Edit::PutAuthorizer { name, value: old })
            }
            Edit::PutRequestValidator { name, value } => {
                let old = put(&mut design.request_validators, &name, value);
                Ok(Edit::PutRequestValidator { name, value: old })
            }
            Edit::PutModel { name, value } => {
                let old = put(&mut design.models, &name, value);
                Ok(Edit::PutModel { name, value: old })
            }
            Edit::PutGatewayResponse { response_type, value } => {
                let old = put(&mut design.gateway_responses, &response_type, value);
                Ok(Edit::PutGatewayResponse { response_type, value: old })
            }
            Edit::PutStage { name, stage } => {
                let old = put(&mut design.stages, &name, stage);
                Ok(Edit::PutStage { name, stage: old })
            }
            Edit::RenameStage { from, to } => {
                rename_key(&mut design.stages, &from, &to, "stage")?;
                Ok(Edit::RenameStage { from: to, to: from })
            }
            Edit::RenameAuthorizer { from, to } => {
                rename_key(&mut design.authorizers, &from, &to, "authorizer")?;
                for method in methods_mut(design) {
                    if method.authorizer.as_deref() == Some(&from) {
                        method.authorizer = Some(to.clone());
                    }
                }
                Ok(Edit::RenameAuthorizer { from: to, to: from })
            }
            Edit::RenameRequestValidator { from, to } => {
                rename_key(&mut design.request_validators, &from, &to, "request validator")?;
                for method in methods_mut(design) {
                    if method.request_validator.as_deref() == Some(&from) {
                        method.request_validator = Some(to.clone());
                    }
                }
                Ok(Edit::RenameRequestValidator { from: to, to: from })
            }
            Edit::RenameModel { from, to } => {
                rename_key(&mut design.models, &from, &to, "model")?;
                for method in methods_mut(design) {
                    let responses = method
                        .method_responses
                        .values_mut()
                        .flat_map(|r| r.response_models.values_mut());
                    for model in method.request_models.values_mut().chain(responses) {
                        if *model == from {
                            model.clone_from(&to);
                        }
                    }
                }
                Ok(Edit::RenameModel { from: to, to: from })
            }
            Edit::AddResource { path } => {
                check_new_path(design, &path)?;
                design.resources.insert(path.clone(), Resource::default());
                Ok(Edit::DeleteResource { path })
            }
            Edit::DeleteResource { path } => {
                if path == "/" {
                    return fail("the root resource cannot be deleted");
                }
                if !design.resources.contains_key(&path) {
                    return fail(format!("there is no resource {path}"));
                }
                let doomed: Vec<String> = design
                    .resources
                    .keys()
                    .filter(|p| path::is_within(p, &path))
                    .cloned()
                    .collect();
                let resources = doomed
                    .into_iter()
                    .filter_map(|p| design.resources.remove(&p).map(|r| (p, r)))
                    .collect();
                Ok(Edit::RestoreResources { resources })
            }
            Edit::RestoreResources { resources } => {
                let Some((top, _)) = resources.first() else { return fail("nothing to restore") };
                let top = top.clone();
                check_new_path(design, &top)?;
                if let Some((clash, _)) =
                    resources.iter().find(|(p, _)| design.resources.contains_key(p))
                {
                    return fail(format!("{clash} exists already"));
                }
                design.resources.extend(resources);
                Ok(Edit::DeleteResource { path: top })
            }
            Edit::MoveResource { from, to } => {
                if from == "/" {
                    return fail("the root resource cannot be moved");
                }
                if !design.resources.contains_key(&from) {
                    return fail(format!("there is no resource {from}"));
                }
                if path::is_within(&to, &from) {
                    return fail(format!("{from} cannot move beneath itself"));
                }
                check_new_path(design, &to)?;
                let moving: Vec<String> = design
                    .resources
                    .keys()
                    .filter(|p| path::is_within(p, &from))
                    .cloned()
                    .collect();
                for old in moving {
                    if let Some(resource) = design.resources.remove(&old) {
                        design.resources.insert(format!("{to}{}", &old[from.len()..]), resource);
                    }
                }
                Ok(Edit::MoveResource { from: to, to: from })
            }
            Edit::PutMethod { path, verb, value } => {
                let resource = resource_mut(design, &path)?;
                let old = match value {
                    Some(method) => resource.methods.insert(verb.clone(), method),
                    None => resource.methods.remove(&verb),
                };
                Ok(Edit::PutMethod { path, verb, value: old })
            }
            Edit::SetField { owner, field, value } => {
                let old = match &owner {
                    Owner::GatewayResponse { response_type } => {
                        let response = gateway_response_mut(design, response_type)?;
                        set_gateway_response_field(response, &owner, field, value)?
                    }
                    Owner::Stage { name } => match field {
                        Field::Description => {
                            swap_text(&mut stage_mut(design, name)?.description, value, field)?
                        }
                        _ => return Err(not_a_field(&owner, field)),
                    },
                    _ => {
                        let method = owner_method_mut(design, &owner)?;
                        set_field(method, &owner, field, value)?
                    }
                };
                Ok(Edit::SetField { owner, field, value: old })
            }
            Edit::SetEntry { owner, field, key, value } => {
                let old = entry_map(design, &owner, field)?.put(&key, value)?;
                Ok(Edit::SetEntry { owner, field, key, value: old })
            }
            Edit::RenameEntry { owner, field, from, to } => {
                let mut map = entry_map(design, &owner, field)?;
                if from == to {
                    return Ok(Edit::RenameEntry { owner, field, from: to, to: from });
                }
                if map.contains(&to) {
                    return fail(format!("`{to}` exists already"));
                }
                let Some(value) = map.put(&from, None)? else {
                    return fail(format!("there is no `{from}`"));
                };
                map.put(&to, Some(value))?;
                Ok(Edit::RenameEntry { owner, field, from: to, to: from })
            }
            Edit::PutMethodResponse { path, verb, status, value } => {
                let method = method_mut(design, &path, &verb)?;
                let old = put(&mut method.method_responses, &status, value);
                Ok(Edit::PutMethodResponse { path, verb, status, value: old })
            }
            Edit::SetIntegration { path, verb, value } => {
                let method = method_mut(design, &path, &verb)?;
                let old = std::mem::replace(&mut method.integration, value);
                Ok(Edit::SetIntegration { path, verb, value: old })
            }
            Edit::PutIntegrationResponse { path, verb, status, value } => {
                let method = method_mut(design, &path, &verb)?;
                let Some(integration) = method.integration.as_mut() else {
                    return fail(format!("{verb} {path} has no integration"));
                };
                let old = put(&mut integration.integration_responses, &status, value);
                Ok(Edit::PutIntegrationResponse { path, verb, status, value: old })
            }
            Edit::SetTestRequest { path, verb, request } => {
                let method = method_mut(design, &path, &verb)?;
                let old = std::mem::replace(&mut method.test_request, request);
                Ok(Edit::SetTestRequest { path, verb, request: old })
            }
            Edit::Replace { label, design: mut replacement } => {
                replacement.fill_ancestors();
                let old = std::mem::replace(design, *replacement);
                Ok(Edit::Replace { label, design: Box::new(old) })
            }
            Edit::Batch { label, edits } => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(design) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            // All or nothing: roll back what was applied.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(design);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch { label, edits: inverses })
            }
        }
    }

    /// The resource path and verb this edit touches, if it is confined to one method.
    pub fn method_key(&self) -> Option<(&str, &str)> {
        match self {
            Edit::SetField { owner, .. }
            | Edit::SetEntry { owner, .. }
            | Edit::RenameEntry { owner, .. } => owner.method_key(),
            Edit::PutMethod { path, verb, .. }
            | Edit::PutMethodResponse { path, verb, .. }
            | Edit::SetIntegration { path, verb, .. }
            | Edit::PutIntegrationResponse { path, verb, .. }
            | Edit::SetTestRequest { path, verb, .. } => Some((path, verb)),
            _ => None,
        }
    }
}

/// What a field or entry edit is of: `GET /pets`, `gateway response DEFAULT_4XX`.
fn of(owner: &Owner) -> String {
    match owner.method_key() {
        Some((path, verb)) => format!("{verb} {path}"),
        None => crate::document::owner_label(owner),
    }
}

fn put_label(kind: &str, name: &str, present: bool) -> String {
    format!("{} {kind} {name}", if present { "set" } else { "remove" })
}

fn put<T>(map: &mut crate::map::Map<String, T>, key: &str, value: Option<T>) -> Option<T> {
    match value {
        Some(value) => map.insert(key.to_string(), value),
        None => map.remove(key),
    }
}

fn rename_key<T>(
    map: &mut crate::map::Map<String, T>,
    from: &str,
    to: &str,
    kind: &str,
) -> Result<(), EditError> {
    if from == to {
        return Ok(());
    }
    if map.contains_key(to) {
        return fail(format!("{} named {to} exists already", crate::text::a(kind)));
    }
    let Some(value) = map.remove(from) else {
        return fail(format!("there is no {kind} named {from}"));
    };
    map.insert(to.to_string(), value);
    Ok(())
}

fn methods_mut(design: &mut Design) -> impl Iterator<Item = &mut Method> {
    design.resources.values_mut().flat_map(|r| r.methods.values_mut())
}

/// A new resource path must be absent, well formed, and have a parent.
fn check_new_path(design: &Design, path: &str) -> Result<(), EditError> {
    if !path.starts_with('/') || path == "/" || path.ends_with('/') || path.contains("//") {
        return fail(format!("`{path}` is not a resource path such as /pets/{{petId}}"));
    }
    if design.resources.contains_key(path) {
        return fail(format!("{path} exists already"));
    }
    match path::parent(path) {
        Some(parent) if design.resources.contains_key(parent) => Ok(()),
        Some(parent) => fail(format!("the parent {parent} does not exist")),
        None => fail(format!("`{path}` has no parent")),
    }
}

fn resource_mut<'a>(design: &'a mut Design, path: &str) -> Result<&'a mut Resource, EditError> {
    match design.resources.get_mut(path) {
        Some(resource) => Ok(resource),
        None => fail(format!("there is no resource {path}")),
    }
}

fn method_mut<'a>(
    design: &'a mut Design,
    path: &str,
    verb: &str,
) -> Result<&'a mut Method, EditError> {
    match design.method_mut(path, verb) {
        Some(method) => Ok(method),
        None => fail(format!("there is no method {verb} {path}")),
    }
}

fn integration_mut(method: &mut Method) -> Result<&mut Integration, EditError> {
    match method.integration.as_mut() {
        Some(integration) => Ok(integration),
        None => fail("the method has no integration"),
    }
}

fn integration_response_mut<'a>(
    method: &'a mut Method,
    status: &str,
) -> Result<&'a mut IntegrationResponse, EditError> {
    match integration_mut(method)?.integration_responses.get_mut(status) {
        Some(response) => Ok(response),
        None => fail(format!("there is no integration response {status}")),
    }
}

/// The method an edit of `owner`'s fields reaches into.
fn owner_method_mut<'a>(
    design: &'a mut Design,
    owner: &Owner,
) -> Result<&'a mut Method, EditError> {
    match owner.method_key() {
        Some((path, verb)) => method_mut(design, path, verb),
        None => fail(
            "only the fields of a method, its integration, their responses, gateway responses and stages are edited one by one",
        ),
    }
}

fn gateway_response_mut<'a>(
    design: &'a mut Design,
    response_type: &str,
) -> Result<&'a mut GatewayResponse, EditError> {
    match design.gateway_responses.get_mut(response_type) {
        Some(response) => Ok(response),
        None => fail(format!("there is no gateway response {response_type}")),
    }
}

fn stage_mut<'a>(design: &'a mut Design, name: &str) -> Result<&'a mut Stage, EditError> {
    match design.stages.get_mut(name) {
        Some(stage) => Ok(stage),
        None => fail(format!("there is no stage {name}")),
    }
}

/// Sets a gateway response's own field, returning the old value.
fn set_gateway_response_field(
    response: &mut GatewayResponse,
    owner: &Owner,
    field: Field,
    value: FieldValue,
) -> Result<FieldValue, EditError> {
    match field {
        Field::StatusCode => swap_text(&mut response.status_code, value, field),
        _ => Err(not_a_field(owner, field)),
    }
}

fn wrong(field: Field) -> EditError {
    EditError(format!("wrong kind of value for {}", field.name()))
}

fn not_a_field(owner: &Owner, field: Field) -> EditError {
    EditError(format!("{} is not a field of {}", field.name(), crate::document::owner_label(owner)))
}

/// Replaces a text slot, returning the old value.
fn swap_text(
    slot: &mut Option<String>,
    value: FieldValue,
    field: Field,
) -> Result<FieldValue, EditError> {
    match value {
        FieldValue::Text(text) => Ok(FieldValue::Text(std::mem::replace(slot, text))),
        _ => Err(wrong(field)),
    }
}

/// Replaces a required text (an authorization or integration type), returning the old one.
fn swap_required(
    slot: &mut String,
    value: FieldValue,
    field: Field,
) -> Result<FieldValue, EditError> {
    match value {
        FieldValue::Text(text) => {
            Ok(FieldValue::Text(Some(std::mem::replace(slot, text.unwrap_or_default()))))
        }
        _ => Err(wrong(field)),
    }
}

fn swap_list(
    slot: &mut Vec<String>,
    value: FieldValue,
    field: Field,
) -> Result<FieldValue, EditError> {
    match value {
        FieldValue::List(list) => Ok(FieldValue::List(std::mem::replace(slot, list))),
        _ => Err(wrong(field)),
    }
}

fn set_field(
    method: &mut Method,
    owner: &Owner,
    field: Field,
    value: FieldValue,
) -> Result<FieldValue, EditError> {
    match owner {
        Owner::Method { .. } => match field {
            Field::AuthorizationType => swap_required(&mut method.authorization_type, value, field),
            Field::Authorizer => swap_text(&mut method.authorizer, value, field),
            Field::ApiKeyRequired => match value {
                FieldValue::Flag(flag) => {
                    Ok(FieldValue::Flag(std::mem::replace(&mut method.api_key_required, flag)))
                }
                _ => Err(wrong(field)),
            },
            Field::OperationName => swap_text(&mut method.operation_name, value, field),
            Field::RequestValidator => swap_text(&mut method.request_validator, value, field),
            Field::AuthorizationScopes => swap_list(&mut method.authorization_scopes, value, field),
            _ => Err(not_a_field(owner, field)),
        },
        Owner::IntegrationResponse { status, .. } => {
            let response = integration_response_mut(method, status)?;
            match field {
                Field::SelectionPattern => swap_text(&mut response.selection_pattern, value, field),
                Field::ContentHandling => swap_text(&mut response.content_handling, value, field),
                _ => Err(not_a_field(owner, field)),
            }
        }
        Owner::Integration { .. } => {
            let i = integration_mut(method)?;
            match field {
                Field::Type => swap_required(&mut i.integration_type, value, field),
                Field::IntegrationHttpMethod => {
                    swap_text(&mut i.integration_http_method, value, field)
                }
                Field::Uri => swap_text(&mut i.uri, value, field),
                Field::ConnectionType => swap_text(&mut i.connection_type, value, field),
                Field::ConnectionId => swap_text(&mut i.connection_id, value, field),
                Field::Credentials => swap_text(&mut i.credentials, value, field),
                Field::PassthroughBehavior => swap_text(&mut i.passthrough_behavior, value, field),
                Field::CacheNamespace => swap_text(&mut i.cache_namespace, value, field),
                Field::ContentHandling => swap_text(&mut i.content_handling, value, field),
                Field::ResponseTransferMode => {
                    swap_text(&mut i.response_transfer_mode, value, field)
                }
                Field::IntegrationTarget => swap_text(&mut i.integration_target, value, field),
                Field::CacheKeyParameters => swap_list(&mut i.cache_key_parameters, value, field),
                Field::TimeoutInMillis => match value {
                    FieldValue::Number(n) => {
                        Ok(FieldValue::Number(std::mem::replace(&mut i.timeout_in_millis, n)))
                    }
                    _ => Err(wrong(field)),
                },
                Field::TlsConfig => match value {
                    FieldValue::Tls(tls) => {
                        Ok(FieldValue::Tls(std::mem::replace(&mut i.tls_config, tls)))
                    }
                    _ => Err(wrong(field)),
                },
                _ => Err(not_a_field(owner, field)),
            }
        }
        _ => Err(not_a_field(owner, field)),
    }
}

/// A map that entry edits reach into: required flags or texts.
enum EntryMap<'a> {
    Flags(&'a mut crate::map::Map<String, bool>),
    Texts(&'a mut crate::map::Map<String, String>),
}

impl EntryMap<'_> {
    fn contains(&self, key: &str) -> bool {
        match self {
            EntryMap::Flags(map) => map.contains_key(key),
            EntryMap::Texts(map) => map.contains_key(key),
        }
    }

    /// Writes an entry; `value: None` removes it. Returns the old entry.
    fn put(&mut self, key: &str, value: Option<Entry>) -> Result<Option<Entry>, EditError> {
        match (self, value) {
            (EntryMap::Flags(map), Some(Entry::Flag(flag))) => {
                Ok(put(map, key, Some(flag)).map(Entry::Flag))
            }
            (EntryMap::Flags(map), None) => Ok(put(map, key, None).map(Entry::Flag)),
            (EntryMap::Flags(_), Some(Entry::Text(_))) => {
                fail("this map holds required flags, not text")
            }
            (EntryMap::Texts(map), Some(Entry::Text(text))) => {
                Ok(put(map, key, Some(text)).map(Entry::Text))
            }
            (EntryMap::Texts(map), None) => Ok(put(map, key, None).map(Entry::Text)),
            (EntryMap::Texts(_), Some(Entry::Flag(_))) => fail("this map holds text, not flags"),
        }
    }
}

/// The map `field` of `owner` names: a method's, its integration's, one of their responses',
/// or a gateway response's.
fn entry_map<'a>(
    design: &'a mut Design,
    owner: &Owner,
    field: Field,
) -> Result<EntryMap<'a>, EditError> {
    if let Owner::GatewayResponse { response_type } = owner {
        let response = gateway_response_mut(design, response_type)?;
        return match field {
            Field::ResponseParameters => Ok(EntryMap::Texts(&mut response.response_parameters)),
            Field::ResponseTemplates => Ok(EntryMap::Texts(&mut response.response_templates)),
            _ => Err(not_a_field(owner, field)),
        };
    }
    if let Owner::Stage { name } = owner {
        return match field {
            Field::Variables => Ok(EntryMap::Texts(&mut stage_mut(design, name)?.variables)),
            _ => Err(not_a_field(owner, field)),
        };
    }
    let method = owner_method_mut(design, owner)?;
    let missing = |status: &str| EditError(format!("there is no response {status}"));
    Ok(match (owner, field) {
        (Owner::Method { .. }, Field::RequestParameters) => {
            EntryMap::Flags(&mut method.request_parameters)
        }
        (Owner::Method { .. }, Field::RequestModels) => EntryMap::Texts(&mut method.request_models),
        (Owner::MethodResponse { status, .. }, Field::ResponseParameters) => {
            let r = method.method_responses.get_mut(status).ok_or_else(|| missing(status))?;
            EntryMap::Flags(&mut r.response_parameters)
        }
        (Owner::MethodResponse { status, .. }, Field::ResponseModels) => {
            let r = method.method_responses.get_mut(status).ok_or_else(|| missing(status))?;
            EntryMap::Texts(&mut r.response_models)
        }
        (Owner::Integration { .. }, Field::RequestParameters) => {
            EntryMap::Texts(&mut integration_mut(method)?.request_parameters)
        }
        (Owner::Integration { .. }, Field::RequestTemplates) => {
            EntryMap::Texts(&mut integration_mut(method)?.request_templates)
        }
        (Owner::IntegrationResponse { status, .. }, Field::ResponseParameters) => {
            EntryMap::Texts(&mut integration_response_mut(method, status)?.response_parameters)
        }
        (Owner::IntegrationResponse { status, .. }, Field::ResponseTemplates) => {
            EntryMap::Texts(&mut integration_response_mut(method, status)?.response_templates)
        }
        _ => return Err(not_a_field(owner, field)),
    })
}

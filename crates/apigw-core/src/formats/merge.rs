//! A file merged into a design, as API Gateway's import-to-update does it: PutRestApi with
//! `mode=merge` or `mode=overwrite`.
//!
//! AWS's API reference for PutRestApi
//! (<https://docs.aws.amazon.com/apigateway/latest/api/API_PutRestApi.html>): "A feature of the
//! API Gateway control service for updating an existing API with an input of external API
//! definitions. The update can take the form of merging the supplied definition into the
//! existing API or overwriting the existing API." Its `mode`: "Valid values are "merge" and
//! "overwrite". By default, the update mode is "merge"." (The AWS CLI's `put-rest-api`
//! reference, generated from the same model, has the same words:
//! <https://docs.aws.amazon.com/cli/latest/reference/apigateway/put-rest-api.html>.)
//!
//! The developer guide's "Import an OpenAPI file to update an existing API definition"
//! (<https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-update.html>)
//! says what each mode does:
//!
//! - "You can import API definitions only to update an existing API, without changing its
//!   endpoint configuration, as well as stages and stage variables, or references to API
//!   keys." So in both modes the design keeps its endpoint type, the id of the API it
//!   targets (the API being updated, not one the file came from), and its stages with their
//!   variables, whatever stages the file holds (a design document may hold some; an import
//!   never creates or changes a stage).
//! - Merge: "When an API (A) is merged into another (B), the resulting API retains the
//!   definitions of both A and B if the two APIs do not share any conflicting definitions.
//!   When conflicts arise, the method definitions of the merging API (A) overrides the
//!   corresponding method definitions of the merged API (B)." and "In this mode, items from
//!   the existing API that aren't specifically defined in the imported definition are left
//!   alone." So a method of the file replaces its namesake whole (its request, integration and
//!   responses; the guide's example: `GET /a` answering 200 and 400 replaces `GET /a`
//!   answering 200 and 206, and `POST /a` stays); the file's resources are added, with their
//!   parents; nothing is removed. The same reading holds for the API-level items the file
//!   defines: an authorizer, request validator, model or gateway response of the file
//!   replaces its namesake whole, and the others stay. Of the API's settings, those the file
//!   states replace the design's, and those it leaves unstated stay; binary media types are
//!   added to the design's (CloudFormation, describing the import mode it uses by default,
//!   says "the new API definition takes precedence, but any container types such as endpoint
//!   configurations and binary media types are merged with the existing API":
//!   <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-restapi.html#cfn-apigateway-restapi-mode>).
//! - Overwrite: "When an API (A) overwrites another (B), the resulting API takes the
//!   definitions of the overwriting API (A)." and "In this mode, items from an existing API
//!   that aren't specifically defined in the imported definition are deleted." So resources,
//!   methods, authorizers, validators, models and gateway responses become the file's, and
//!   what the file lacks is removed. The page's note on `mode=overwrite` adds (in short) that
//!   the whole definition is replaced and API configuration the imported body does not include
//!   is reset to its default, API-level properties included: the description, API key source and binary media types become the
//!   file's, unset where it has none. Two exceptions, both API Gateway's: the endpoint type and
//!   target id stay (above), and the models every API has (`Empty` and `Error`,
//!   [`crate::facts::BUILT_IN_MODELS`]) stay unless the file redefines them, as a deploy never
//!   deletes them either.
//!
//! The API's name: an OpenAPI document always states it (`info.title`, which import makes the
//! name). A file that names no API gets a placeholder from its reader ([`PLACEHOLDER_NAMES`]);
//! a placeholder states nothing, so the design keeps its name in both modes.
//!
//! A resource present in both keeps the design's own resource (so whatever identifies it in
//! the design stays), with its methods merged or overwritten; a resource the file adds is
//! made of the file's methods. Methods and items are compared whole: one equal to its
//! namesake is no change, and merging a file into a design that already holds everything it
//! says gives no change at all.

use crate::command::Edit;
use crate::map::Map;
use crate::model::{ApiSettings, Design, Method, Resource};
use crate::path;
use std::collections::BTreeSet;

/// How the file updates the design: PutRestApi's `mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The file's methods and items replace their namesakes; everything else stays.
    Merge,
    /// The design becomes the file (keeping its endpoint type and target id).
    Overwrite,
}

impl Mode {
    /// Both modes, merge (AWS's default) first.
    pub const ALL: [Mode; 2] = [Mode::Merge, Mode::Overwrite];

    /// `merge` or `overwrite`, as PutRestApi's `mode` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Merge => "merge",
            Mode::Overwrite => "overwrite",
        }
    }

    /// The mode PutRestApi's `mode` names, if any.
    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// One change a merge makes, as a diff shows it: `+ GET /orders`, `~ POST /pets`,
/// `- /legacy`, `~ API settings`, `+ model Pet`.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// `+` added, `~` replaced, `-` removed.
    pub mark: char,
    /// What changes: `GET /pets` (a method), `/pets/{id}` (a resource), `authorizer NAME`,
    /// `validator NAME`, `model NAME`, `gateway response TYPE`, or `API settings`.
    pub what: String,
}

impl Change {
    fn new(mark: char, what: String) -> Change {
        Change { mark, what }
    }
}

impl std::fmt::Display for Change {
    /// `+ GET /orders`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.mark, self.what)
    }
}

/// The names readers give a file that names no API: get-resources output and OpenAPI without
/// `info.title` (`Imported`), and a plan without CreateRestApi or a design document without
/// `api` ([`ApiSettings::default`]'s). Such a name states nothing, so a merge keeps the
/// design's; so does an empty one.
pub const PLACEHOLDER_NAMES: &[&str] = &["Imported", "MyApi"];

/// Whether a file's API name states a name (rather than a reader's placeholder).
fn states_name(name: &str) -> bool {
    !name.trim().is_empty() && !PLACEHOLDER_NAMES.contains(&name)
}

/// `incoming` merged into `base` (or `base` overwritten by it), with the changes in the order
/// a reader takes them in: API settings, authorizers, validators, models, gateway responses,
/// then resources in the tree's order ([`path::tree_cmp`]), each followed by its methods.
/// No change at all gives `base` back and an empty list.
pub fn merge(base: &Design, incoming: &Design, mode: Mode) -> (Design, Vec<Change>) {
    let mut result = base.clone();
    let mut changes = Vec::new();

    let api = merged_api(&base.api, &incoming.api, mode);
    if api != base.api {
        changes.push(Change::new('~', "API settings".into()));
        result.api = api;
    }
    let nothing_kept = |_: &str| false;
    merge_named(
        &mut result.authorizers,
        &incoming.authorizers,
        mode,
        "authorizer",
        &nothing_kept,
        &mut changes,
    );
    merge_named(
        &mut result.request_validators,
        &incoming.request_validators,
        mode,
        "validator",
        &nothing_kept,
        &mut changes,
    );
    let built_in = |name: &str| crate::facts::BUILT_IN_MODELS.contains(&name);
    merge_named(&mut result.models, &incoming.models, mode, "model", &built_in, &mut changes);
    merge_named(
        &mut result.gateway_responses,
        &incoming.gateway_responses,
        mode,
        "gateway response",
        &nothing_kept,
        &mut changes,
    );
    merge_resources(&mut result, base, incoming, mode, &mut changes);

    if changes.is_empty() {
        // Nothing the changes would not show differs, so the caller may rely on it.
        return (base.clone(), changes);
    }
    (result, changes)
}

/// The whole merge as one undoable edit (labelled `merge FILE` or `overwrite with FILE`), with
/// its changes; None when nothing would change.
pub fn edit(
    base: &Design,
    incoming: &Design,
    mode: Mode,
    file_name: &str,
) -> Option<(Edit, Vec<Change>)> {
    let (design, changes) = merge(base, incoming, mode);
    if changes.is_empty() {
        return None;
    }
    let label = match mode {
        Mode::Merge => format!("merge {file_name}"),
        Mode::Overwrite => format!("overwrite with {file_name}"),
    };
    Some((Edit::Replace { label, design: Box::new(design) }, changes))
}

/// The API's settings after the update.
fn merged_api(base: &ApiSettings, incoming: &ApiSettings, mode: Mode) -> ApiSettings {
    let mut api = match mode {
        // What the file states replaces the design's; what it leaves unstated stays.
        Mode::Merge => {
            let mut api = base.clone();
            if incoming.description.is_some() {
                api.description.clone_from(&incoming.description);
            }
            if incoming.api_key_source.is_some() {
                api.api_key_source.clone_from(&incoming.api_key_source);
            }
            for media_type in &incoming.binary_media_types {
                if !api.binary_media_types.contains(media_type) {
                    api.binary_media_types.push(media_type.clone());
                }
            }
            api
        }
        // The file's settings, unset where it has none.
        Mode::Overwrite => incoming.clone(),
    };
    api.name = if states_name(&incoming.name) { incoming.name.clone() } else { base.name.clone() };
    // Import never changes the endpoint configuration, and updates the API it is sent to.
    api.endpoint_type.clone_from(&base.endpoint_type);
    api.rest_api_id.clone_from(&base.rest_api_id);
    api
}

/// Merges one API-level map (authorizers, validators, models, gateway responses) in place,
/// recording its changes in name order as `+/~/- KIND NAME`. In overwrite mode, what the file
/// lacks is removed unless `kept` says API Gateway keeps it.
fn merge_named<T: Clone + PartialEq>(
    map: &mut Map<String, T>,
    incoming: &Map<String, T>,
    mode: Mode,
    kind: &str,
    kept: &dyn Fn(&str) -> bool,
    changes: &mut Vec<Change>,
) {
    let mut names: BTreeSet<&String> = incoming.keys().collect();
    if mode == Mode::Overwrite {
        names.extend(map.keys().filter(|n| !incoming.contains_key(*n) && !kept(n)));
    }
    let mut removed = Vec::new();
    let mut put = Vec::new();
    for name in names {
        let mark = match (map.get(name), incoming.get(name)) {
            (Some(old), Some(new)) if old == new => continue,
            (Some(_), Some(new)) => {
                put.push((name.clone(), new.clone()));
                '~'
            }
            (None, Some(new)) => {
                put.push((name.clone(), new.clone()));
                '+'
            }
            (Some(_), None) => {
                removed.push(name.clone());
                '-'
            }
            (None, None) => continue,
        };
        changes.push(Change::new(mark, format!("{kind} {name}")));
    }
    for name in removed {
        map.remove(&name);
    }
    map.extend(put);
}

/// Merges the resource tree in place. The file's resources count with their ancestors, so a
/// resource it adds brings its parents.
fn merge_resources(
    result: &mut Design,
    base: &Design,
    incoming: &Design,
    mode: Mode,
    changes: &mut Vec<Change>,
) {
    let mut in_file: BTreeSet<&str> = BTreeSet::new();
    in_file.insert("/");
    for path in incoming.resources.keys() {
        let mut current = Some(path.as_str());
        while let Some(p) = current {
            if !in_file.insert(p) {
                break;
            }
            current = path::parent(p);
        }
    }
    let mut paths: Vec<&str> = in_file.iter().copied().collect();
    if mode == Mode::Overwrite {
        paths.extend(base.resources.keys().map(String::as_str).filter(|p| !in_file.contains(p)));
    }
    paths.sort_by(|a, b| path::tree_cmp(a, b));

    let no_methods = Map::new();
    for p in paths {
        let theirs = incoming.resources.get(p).map_or(&no_methods, |r| &r.methods);
        match (base.resources.get(p), in_file.contains(p)) {
            (Some(ours), true) => {
                let mut verbs: BTreeSet<&String> = theirs.keys().collect();
                if mode == Mode::Overwrite {
                    verbs.extend(ours.methods.keys());
                }
                let mut methods = ours.methods.clone();
                let mut changed = false;
                for verb in verbs {
                    let kept;
                    let theirs_kept = match (ours.methods.get(verb), theirs.get(verb)) {
                        // A method's saved test request is the designer's own (no AWS file
                        // holds one): a file's method without one keeps the design's.
                        (Some(old), Some(new))
                            if new.test_request.is_none() && old.test_request.is_some() =>
                        {
                            kept = Method { test_request: old.test_request.clone(), ..new.clone() };
                            Some(&kept)
                        }
                        (_, new) => new,
                    };
                    let mark = match (ours.methods.get(verb), theirs_kept) {
                        (Some(old), Some(new)) if old == new => continue,
                        (Some(_), Some(new)) => {
                            methods.insert(verb.clone(), new.clone());
                            '~'
                        }
                        (None, Some(new)) => {
                            methods.insert(verb.clone(), new.clone());
                            '+'
                        }
                        (Some(_), None) => {
                            methods.remove(verb);
                            '-'
                        }
                        (None, None) => continue,
                    };
                    changed = true;
                    changes.push(Change::new(mark, format!("{verb} {p}")));
                }
                if changed {
                    if let Some(resource) = result.resources.get_mut(p) {
                        resource.methods = methods;
                    }
                }
            }
            (Some(ours), false) => {
                // Only in overwrite mode: the file lacks this resource.
                changes.push(Change::new('-', p.to_string()));
                for verb in ours.methods.keys() {
                    changes.push(Change::new('-', format!("{verb} {p}")));
                }
                result.resources.remove(p);
            }
            (None, _) => {
                changes.push(Change::new('+', p.to_string()));
                for verb in theirs.keys() {
                    changes.push(Change::new('+', format!("{verb} {p}")));
                }
                // The file's methods, and no live id: an id in the file names a resource of
                // the API the file came from, which need not be the API this design deploys to.
                let resource = Resource { methods: theirs.clone(), id: None };
                result.resources.insert(p.to_string(), resource);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Authorizer, GatewayResponse, Integration, IntegrationResponse, Method, MethodResponse,
        Model, RequestValidator,
    };

    fn method(operation: &str, statuses: &[&str]) -> Method {
        Method {
            operation_name: Some(operation.into()),
            method_responses: statuses
                .iter()
                .map(|s| (s.to_string(), MethodResponse::default()))
                .collect(),
            integration: Some(Integration {
                integration_type: "MOCK".into(),
                request_templates: [("application/json".to_string(), "{}".to_string())].into(),
                integration_responses: statuses
                    .iter()
                    .map(|s| (s.to_string(), IntegrationResponse::default()))
                    .collect(),
                ..Integration::default()
            }),
            ..Method::default()
        }
    }

    fn design(name: &str, methods: &[(&str, &str, Method)]) -> Design {
        let mut design = Design::named(name);
        for (path, verb, m) in methods {
            design
                .resources
                .entry(path.to_string())
                .or_default()
                .methods
                .insert(verb.to_string(), m.clone());
        }
        design.fill_ancestors();
        design
    }

    fn lines(changes: &[Change]) -> Vec<String> {
        changes.iter().map(Change::to_string).collect()
    }

    /// The guide's example: B declares GET /a and POST /a (200, 206); A declares GET /a
    /// (200, 400). A merged into B: GET /a answers 200 and 400, POST /a still 200 and 206.
    #[test]
    fn a_method_of_the_file_replaces_its_namesake_and_the_others_stay() {
        let b = design(
            "B",
            &[
                ("/a", "GET", method("getA", &["200", "206"])),
                ("/a", "POST", method("postA", &["200", "206"])),
                ("/b", "GET", method("getB", &["200"])),
            ],
        );
        let a = design("B", &[("/a", "GET", method("getA2", &["200", "400"]))]);
        let (merged, changes) = merge(&b, &a, Mode::Merge);
        assert_eq!(lines(&changes), ["~ GET /a"]);
        assert_eq!(merged.method("/a", "GET"), a.method("/a", "GET"));
        assert_eq!(merged.method("/a", "POST"), b.method("/a", "POST"));
        assert_eq!(merged.method("/b", "GET"), b.method("/b", "GET"));
        assert_eq!(merged.method_count(), 3);
    }

    #[test]
    fn merge_adds_resources_with_their_parents_and_removes_nothing() {
        let base = design("Shop", &[("/legacy", "GET", method("old", &["200"]))]);
        let mut file = Design::named("Imported");
        file.resources
            .entry("/orders/{id}/items".into())
            .or_default()
            .methods
            .insert("GET".into(), method("items", &["200"]));
        // No fill_ancestors: the parents are implied.
        let (merged, changes) = merge(&base, &file, Mode::Merge);
        assert_eq!(
            lines(&changes),
            ["+ /orders", "+ /orders/{id}", "+ /orders/{id}/items", "+ GET /orders/{id}/items"]
        );
        assert!(merged.resources.contains_key("/legacy"));
        assert!(merged.resources.contains_key("/orders/{id}"));
        assert_eq!(
            merged.method("/orders/{id}/items", "GET"),
            file.method("/orders/{id}/items", "GET")
        );
        // A placeholder name states nothing.
        assert_eq!(merged.api.name, "Shop");
    }

    #[test]
    fn overwrite_makes_the_design_the_file_and_lists_what_goes() {
        let mut base = design(
            "Shop",
            &[
                ("/pets", "GET", method("list", &["200"])),
                ("/pets", "DELETE", method("drop", &["204"])),
                ("/legacy/old", "GET", method("old", &["200"])),
            ],
        );
        base.authorizers.insert("Auth".into(), Authorizer::default());
        base.models.insert("Gone".into(), Model::default());
        base.models.insert("Empty".into(), Model::default());
        base.api.endpoint_type = "EDGE".into();
        base.api.rest_api_id = Some("abc123".into());
        base.api.description = Some("the shop".into());
        let mut file = design(
            "PetStore",
            &[
                ("/pets", "GET", method("list", &["200"])),
                ("/pets", "POST", method("add", &["201"])),
            ],
        );
        file.request_validators.insert("body".into(), RequestValidator::default());
        file.gateway_responses.insert("DEFAULT_4XX".into(), GatewayResponse::default());
        let (result, changes) = merge(&base, &file, Mode::Overwrite);
        assert_eq!(
            lines(&changes),
            [
                "~ API settings",
                "- authorizer Auth",
                "+ validator body",
                "- model Gone",
                "+ gateway response DEFAULT_4XX",
                "- /legacy",
                "- /legacy/old",
                "- GET /legacy/old",
                "- DELETE /pets",
                "+ POST /pets",
            ]
        );
        // The file's definitions, the target's endpoint and id, and the built-in model.
        assert_eq!(result.api.name, "PetStore");
        assert_eq!(result.api.description, None);
        assert_eq!(result.api.endpoint_type, "EDGE");
        assert_eq!(result.api.rest_api_id.as_deref(), Some("abc123"));
        assert_eq!(result.resources.keys().collect::<Vec<_>>(), ["/", "/pets"]);
        assert_eq!(result.resources["/pets"].methods, file.resources["/pets"].methods);
        assert_eq!(result.authorizers, file.authorizers);
        assert_eq!(result.request_validators, file.request_validators);
        assert_eq!(result.gateway_responses, file.gateway_responses);
        assert_eq!(result.models.keys().collect::<Vec<_>>(), ["Empty"]);
    }

    #[test]
    fn merge_replaces_named_items_and_keeps_the_rest_and_unstated_settings() {
        let mut base = design("Shop", &[]);
        base.api.description = Some("the shop".into());
        base.api.api_key_source = Some("HEADER".into());
        base.api.binary_media_types = vec!["image/png".into()];
        base.models.insert("Pet".into(), Model::default());
        base.models.insert("Order".into(), Model::default());
        base.gateway_responses.insert("DEFAULT_5XX".into(), GatewayResponse::default());
        let mut file = design("Imported", &[]);
        file.api.binary_media_types = vec!["image/png".into(), "image/jpeg".into()];
        file.api.endpoint_type = "PRIVATE".into();
        let pet = Model { schema: "{\"type\":\"string\"}".into(), ..Model::default() };
        file.models.insert("Pet".into(), pet.clone());
        file.models.insert("Order".into(), Model::default());
        file.gateway_responses.insert(
            "DEFAULT_4XX".into(),
            GatewayResponse { status_code: Some("400".into()), ..GatewayResponse::default() },
        );
        let (merged, changes) = merge(&base, &file, Mode::Merge);
        assert_eq!(
            lines(&changes),
            ["~ API settings", "~ model Pet", "+ gateway response DEFAULT_4XX"]
        );
        assert_eq!(merged.models["Pet"], pet);
        assert!(merged.gateway_responses.contains_key("DEFAULT_5XX"));
        assert_eq!(merged.api.description.as_deref(), Some("the shop"));
        assert_eq!(merged.api.api_key_source.as_deref(), Some("HEADER"));
        assert_eq!(merged.api.binary_media_types, ["image/png", "image/jpeg"]);
        assert_eq!(merged.api.endpoint_type, "REGIONAL");
        assert_eq!(merged.api.name, "Shop");
    }

    #[test]
    fn both_modes_keep_the_designs_stages_whatever_the_file_holds() {
        let mut base = design("Shop", &[("/pets", "GET", method("list", &["200"]))]);
        let mut dev = crate::model::Stage::default();
        dev.variables.insert("backend".into(), "dev.example.com".into());
        base.stages.insert("dev".into(), dev);
        let mut file = design("Imported", &[("/orders", "GET", method("list", &["200"]))]);
        file.stages.insert("prod".into(), crate::model::Stage::default());
        for mode in Mode::ALL {
            let (result, changes) = merge(&base, &file, mode);
            assert!(!changes.is_empty(), "{mode:?}");
            assert_eq!(result.stages, base.stages, "{mode:?}");
            assert!(!lines(&changes).iter().any(|l| l.contains("stage")), "{mode:?}");
        }
    }

    #[test]
    fn nothing_to_do_gives_no_changes_and_no_edit() {
        let base = design(
            "Shop",
            &[("/pets", "GET", method("list", &["200"])), ("/x", "GET", method("x", &["200"]))],
        );
        let part = design("Imported", &[("/pets", "GET", method("list", &["200"]))]);
        for mode in Mode::ALL {
            assert_eq!(merge(&base, &base, mode), (base.clone(), Vec::new()), "{mode:?}");
            assert!(edit(&base, &base, mode, "same.json").is_none(), "{mode:?}");
        }
        assert!(edit(&base, &part, Mode::Merge, "part.json").is_none());
        assert!(edit(&base, &part, Mode::Overwrite, "part.json").is_some());
    }

    #[test]
    fn the_edit_is_one_step_that_undoes_to_the_base() {
        let base = design("Shop", &[("/pets", "GET", method("list", &["200"]))]);
        let file = design("PetStore", &[("/pets", "GET", method("list2", &["200", "404"]))]);
        for (mode, label) in
            [(Mode::Merge, "merge pets.yaml"), (Mode::Overwrite, "overwrite with pets.yaml")]
        {
            let (edit, changes) = edit(&base, &file, mode, "pets.yaml").unwrap();
            assert_eq!(edit.label(), label);
            assert_eq!(lines(&changes), ["~ API settings", "~ GET /pets"]);
            let mut design = base.clone();
            let undo = edit.apply(&mut design).unwrap();
            assert_eq!(design, merge(&base, &file, mode).0);
            let redo = undo.apply(&mut design).unwrap();
            assert_eq!(design, base);
            redo.apply(&mut design).unwrap();
            assert_eq!(design.method("/pets", "GET"), file.method("/pets", "GET"));
        }
    }

    #[test]
    fn modes_are_named_as_put_rest_api_names_them() {
        for mode in Mode::ALL {
            assert_eq!(Mode::from_name(mode.name()), Some(mode));
        }
        assert_eq!(Mode::from_name("replace"), None);
    }

    /// The placeholder names are the readers' own, so a file that names no API renames nothing.
    #[test]
    fn placeholder_names_are_what_readers_give_an_unnamed_api() {
        assert!(PLACEHOLDER_NAMES.contains(&ApiSettings::default().name.as_str()));
        let unnamed_openapi = r#"{"openapi":"3.0.1","info":{"version":"1"},"paths":{}}"#;
        let get_resources = r#"{"items":[{"id":"r","path":"/"}]}"#;
        for text in [unnamed_openapi, get_resources] {
            let name = crate::document::load(text).unwrap().design.api.name;
            assert!(PLACEHOLDER_NAMES.contains(&name.as_str()), "{name}");
        }
        assert!(!states_name(""));
        assert!(states_name("PetStore"));
    }
}

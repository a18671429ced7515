//! Merging AWS's own PetStore exports (from ../shared, skipped with a notice when absent) into
//! a design with resources of its own, in both of PutRestApi's modes.

use apigw_core::document;
use apigw_core::merge::{self, Change, Mode};
use apigw_core::model::{Design, Method};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// AWS's PetStore exports (OpenAPI 3.0 and Swagger 2.0, with and without extensions).
fn petstore_exports() -> Vec<(String, Design)> {
    let dir = root().join("../shared/fixtures/openapi");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("notice: {} is absent; merging AWS's PetStore exports skipped", dir.display());
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains("petstore")))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, document::load(&text).unwrap().design)
        })
        .collect()
}

/// A design of our own: an orders service, a health check, and a DELETE on `/pets` that
/// PetStore does not have.
fn ours() -> Design {
    let text = r#"{"format": "apigw-design/1",
      "api": {"name": "Shop", "endpointType": "EDGE", "restApiId": "abc123"},
      "models": {"Order": {"schema": "{\"type\": \"object\"}"}},
      "resources": {
        "/": {},
        "/orders": {"methods": {"GET": {"integration": {"type": "MOCK",
            "requestTemplates": {"application/json": "{\"statusCode\": 200}"}}}}},
        "/orders/{orderId}": {"methods": {"DELETE": {
            "requestParameters": {"method.request.path.orderId": true},
            "integration": {"type": "MOCK"}}}},
        "/health": {"methods": {"GET": {"integration": {"type": "MOCK"}}}},
        "/pets": {"methods": {"DELETE": {"integration": {"type": "MOCK"}}}}
      }}"#;
    document::load(text).unwrap().design
}

fn methods(design: &Design) -> Vec<(String, String, Method)> {
    let mut all = Vec::new();
    for (path, resource) in &design.resources {
        for (verb, method) in &resource.methods {
            all.push((path.clone(), verb.clone(), method.clone()));
        }
    }
    all
}

fn has(changes: &[Change], line: &str) -> bool {
    changes.iter().any(|c| c.to_string() == line)
}

#[test]
fn merging_petstore_keeps_our_resources_and_takes_its_methods() {
    for (file, petstore) in petstore_exports() {
        let base = ours();
        let (merged, changes) = merge::merge(&base, &petstore, Mode::Merge);

        // Every method of the file, whole: its request, integration and responses.
        for (path, verb, method) in methods(&petstore) {
            assert_eq!(merged.method(&path, &verb), Some(&method), "{file}: {verb} {path}");
            let mark = if base.method(&path, &verb).is_some() { '~' } else { '+' };
            assert!(has(&changes, &format!("{mark} {verb} {path}")), "{file}: {changes:?}");
        }
        // Every resource and method of ours that PetStore does not name stays as it was.
        for (path, verb, method) in methods(&base) {
            if petstore.method(&path, &verb).is_none() {
                assert_eq!(merged.method(&path, &verb), Some(&method), "{file}: {verb} {path}");
            }
        }
        for path in base.resources.keys() {
            assert!(merged.resources.contains_key(path), "{file}: {path}");
        }
        assert!(!changes.iter().any(|c| c.mark == '-'), "{file}: {changes:?}");
        // The file's API-level items are taken; ours stay; the target stays ours.
        for (name, model) in &petstore.models {
            assert_eq!(merged.models.get(name), Some(model), "{file}: model {name}");
        }
        assert!(merged.models.contains_key("Order"));
        assert_eq!(merged.authorizers, petstore.authorizers, "{file}");
        assert_eq!(merged.api.name, "PetStore", "{file}");
        assert_eq!(merged.api.endpoint_type, "EDGE", "{file}");
        assert_eq!(merged.api.rest_api_id.as_deref(), Some("abc123"), "{file}");
        // The changes read in order: settings, then API-level items, then the tree.
        assert_eq!(changes[0].to_string(), "~ API settings", "{file}");
        assert!(has(&changes, "+ /pets/{petId}"), "{file}: {changes:?}");

        // The merged design reads back from its document, and merging again changes nothing.
        let again = document::load(&document::design_to_string(&merged)).unwrap().design;
        assert_eq!(again, merged, "{file}");
        assert!(merge::edit(&merged, &petstore, Mode::Merge, &file).is_none(), "{file}");
        // One step, undone to our design.
        let (edit, listed) = merge::edit(&base, &petstore, Mode::Merge, &file).unwrap();
        assert_eq!(listed, changes);
        let mut design = base.clone();
        let undo = edit.apply(&mut design).unwrap();
        assert_eq!(design, merged);
        undo.apply(&mut design).unwrap();
        assert_eq!(design, base, "{file}");
    }
}

#[test]
fn overwriting_with_petstore_makes_the_design_petstore_and_lists_what_goes() {
    for (file, petstore) in petstore_exports() {
        let base = ours();
        let (result, changes) = merge::merge(&base, &petstore, Mode::Overwrite);
        assert_eq!(
            result.resources.keys().collect::<Vec<_>>(),
            petstore.resources.keys().collect::<Vec<_>>(),
            "{file}"
        );
        assert_eq!(methods(&result), methods(&petstore), "{file}");
        assert_eq!(result.models, petstore.models, "{file}");
        for line in
            ["- /orders", "- GET /orders", "- /orders/{orderId}", "- /health", "- DELETE /pets"]
        {
            assert!(has(&changes, line), "{file}: {line} not in {changes:?}");
        }
        assert!(has(&changes, "- model Order"), "{file}");
        // The endpoint and the API being updated are ours.
        assert_eq!(result.api.endpoint_type, "EDGE", "{file}");
        assert_eq!(result.api.rest_api_id.as_deref(), Some("abc123"), "{file}");
        assert!(merge::edit(&result, &petstore, Mode::Overwrite, &file).is_none(), "{file}");
    }
}

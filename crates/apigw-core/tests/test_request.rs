//! A method's saved test request: edited as one method's edit, kept by the stored and the
//! document forms, and left out of everything that reaches AWS.

use apigw_core::command::{Edit, Field, FieldValue};
use apigw_core::diagnostic::Owner;
use apigw_core::model::{Design, TestBackend, TestRequest};
use apigw_core::{Checker, History, binary, cloudformation, diff, document, example, merge};
use apigw_core::{openapi, plan, validate};

fn pets_request(pet: &str) -> TestRequest {
    let mut request = TestRequest {
        query_string: "limit=2&limit=3".into(),
        headers: "Accept: application/json\nX-Note: <script>alert(1)</script>".into(),
        body: "{\"name\": \"'; rm -rf / #\"}".into(),
        backend: Some(TestBackend {
            status: 404,
            headers: "Content-Type: application/json".into(),
            body: "{\"message\": \"no pet\"}".into(),
            error: None,
        }),
        ..Default::default()
    };
    request.path_parameters.insert("petId".into(), pet.into());
    request.stage_variables.insert("backend".into(), "`whoami`".into());
    request
}

fn set(pet: &str) -> Edit {
    Edit::SetTestRequest {
        path: "/pets/{petId}".into(),
        verb: "GET".into(),
        request: Some(Box::new(pets_request(pet))),
    }
}

/// The PetStore with a test request on every method.
fn with_test_requests() -> Design {
    let mut design = example::petstore();
    let keys: Vec<(String, String)> = design
        .resources
        .iter()
        .flat_map(|(p, r)| r.methods.keys().map(move |v| (p.clone(), v.clone())))
        .collect();
    assert!(keys.len() > 3);
    for (path, verb) in keys {
        let edit = Edit::SetTestRequest { path, verb, request: Some(Box::new(pets_request("7"))) };
        edit.apply(&mut design).unwrap();
    }
    design
}

#[test]
fn setting_a_test_request_is_one_methods_edit_undone_by_its_inverse() {
    let base = example::petstore();
    let mut design = base.clone();
    let edit = set("7");
    assert_eq!(
        edit.scope(),
        apigw_core::command::Scope::Method { path: "/pets/{petId}".into(), verb: "GET".into() }
    );
    assert!(!edit.changes_outline() && !edit.changes_call_count());
    assert_eq!(edit.label(), "set test request of GET /pets/{petId}");
    let inverse = edit.apply(&mut design).unwrap();
    assert_eq!(
        design.method("/pets/{petId}", "GET").unwrap().test_request,
        Some(Box::new(pets_request("7")))
    );
    assert_eq!(
        inverse,
        Edit::SetTestRequest { path: "/pets/{petId}".into(), verb: "GET".into(), request: None }
    );
    let redo = inverse.apply(&mut design).unwrap();
    assert_eq!(design, base);
    redo.apply(&mut design).unwrap();
    // Removing it, and undoing the removal.
    let removal =
        Edit::SetTestRequest { path: "/pets/{petId}".into(), verb: "GET".into(), request: None };
    let restore = removal.apply(&mut design).unwrap();
    assert_eq!(design, base);
    assert_eq!(restore, set("7"));
    // A method that does not exist is an error that changes nothing.
    let missing = Edit::SetTestRequest { path: "/toys".into(), verb: "GET".into(), request: None };
    let error = missing.apply(&mut design).unwrap_err();
    assert_eq!(error.to_string(), "there is no method GET /toys");
    assert_eq!(design, base);
}

#[test]
fn test_requests_change_no_diagnostic_and_keep_the_checker_whole() {
    let base = example::petstore();
    let mut design = base.clone();
    let mut checker = Checker::new(&design);
    let edit = set("7");
    let scope = edit.scope();
    edit.apply(&mut design).unwrap();
    checker.update(&design, &scope);
    assert_eq!(checker.iter().cloned().collect::<Vec<_>>(), validate(&design));
    assert_eq!(validate(&design), validate(&base));
}

#[test]
fn typing_into_the_test_form_undoes_in_one_step_and_redoes() {
    let base = example::petstore();
    let mut design = base.clone();
    let mut history = History::default();
    for pet in ["1", "12", "123"] {
        history.apply_grouped(&mut design, set(pet), Some("test:/pets/{petId} GET:path")).unwrap();
    }
    let saved = |d: &Design| d.method("/pets/{petId}", "GET").unwrap().test_request.clone();
    assert_eq!(saved(&design), Some(Box::new(pets_request("123"))));
    assert_eq!(
        history.undo(&mut design).unwrap().as_deref(),
        Some("set test request of GET /pets/{petId}")
    );
    assert_eq!(design, base);
    assert!(!history.can_undo());
    history.redo(&mut design).unwrap().unwrap();
    assert_eq!(saved(&design), Some(Box::new(pets_request("123"))));
    // The stored history reads back with it.
    let stored = binary::decode(&binary::encode(&design)).unwrap();
    assert_eq!(stored, design);
}

#[test]
fn the_design_document_keeps_test_requests() {
    let design = with_test_requests();
    let text = document::design_to_string(&design);
    assert!(text.contains("\"testRequest\""), "{text}");
    assert!(text.contains("\"pathParameters\""));
    assert_eq!(document::design_from_str(&text).unwrap(), design);
    // And a document without them reads as before.
    let plain = example::petstore();
    assert!(!document::design_to_string(&plain).contains("testRequest"));
    // A misspelt field of a test request is named.
    let bad = text.replacen("\"queryString\"", "\"queryStrin\"", 1);
    let error = document::design_from_str(&bad).unwrap_err();
    assert!(error.message.contains("queryStrin"), "{}", error.message);
}

#[test]
fn plans_exports_and_the_live_diff_leave_test_requests_out() {
    let plain = example::petstore();
    let design = with_test_requests();
    assert_ne!(design, plain);
    assert_eq!(plan::build(&design), plan::build(&plain));
    assert_eq!(openapi::export(&design), openapi::export(&plain));
    assert_eq!(cloudformation::to_json(&design), cloudformation::to_json(&plain));
    assert_eq!(cloudformation::to_yaml(&design), cloudformation::to_yaml(&plain));
    let export = cloudformation::export(&design);
    assert_eq!(export.notes, cloudformation::export(&plain).notes);
    assert_eq!(
        apigw_core::cli_script::to_cli_script(&design),
        apigw_core::cli_script::to_cli_script(&plain)
    );
    // A live API equal to the design but for test requests needs no call, either way.
    assert_eq!(diff::diff(&plain, &design), vec![]);
    assert_eq!(diff::diff(&design, &plain), vec![]);
    // None of the request's text reaches any output.
    for text in [openapi::export(&design), cloudformation::to_yaml(&design)] {
        assert!(!text.contains("no pet") && !text.contains("whoami"));
    }
}

#[test]
fn merging_a_file_without_test_requests_keeps_the_designs() {
    let design = with_test_requests();
    let mut file = example::petstore();
    let (merged, changes) = merge::merge(&design, &file, merge::Mode::Merge);
    assert_eq!(merged, design);
    assert!(changes.is_empty(), "{changes:?}");
    // A changed method replaces its namesake, and keeps the design's test request.
    let owner = Owner::Integration { path: "/pets/{petId}".into(), verb: "GET".into() };
    let uri = FieldValue::Text(Some("http://example.com/pets/{petId}".into()));
    Edit::SetField { owner, field: Field::Uri, value: uri }.apply(&mut file).unwrap();
    for mode in [merge::Mode::Merge, merge::Mode::Overwrite] {
        let (merged, changes) = merge::merge(&design, &file, mode);
        let method = merged.method("/pets/{petId}", "GET").unwrap();
        assert_eq!(method.test_request, Some(Box::new(pets_request("7"))));
        assert_eq!(
            method.integration.as_ref().unwrap().uri.as_deref(),
            Some("http://example.com/pets/{petId}")
        );
        assert_eq!(
            changes.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["~ GET /pets/{petId}"]
        );
    }
    // A file's own test request wins.
    let mut own = file.clone();
    let mine = TestRequest { query_string: "mine=1".into(), ..Default::default() };
    own.method_mut("/pets", "GET").unwrap().test_request = Some(Box::new(mine.clone()));
    let (merged, _) = merge::merge(&design, &own, merge::Mode::Merge);
    assert_eq!(merged.method("/pets", "GET").unwrap().test_request, Some(Box::new(mine)));
}

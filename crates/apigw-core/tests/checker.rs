//! Incremental validation gives exactly what whole-design validation gives, after every kind of
//! edit, its undo and its redo.

// The edits below are built from the same few paths; clones keep them readable.
#![allow(clippy::redundant_clone)]

use apigw_core::command::{Edit, Entry, Field, FieldValue};
use apigw_core::diagnostic::Owner;
use apigw_core::generate::generate;
use apigw_core::{Checker, History, validate};

fn edits(design: &apigw_core::Design) -> Vec<Edit> {
    let mut methods = design
        .resources
        .iter()
        .flat_map(|(p, r)| r.methods.keys().map(move |v| (p.clone(), v.clone())));
    let (p1, v1) = methods.next().unwrap();
    let (p2, v2) = methods.nth(5).unwrap();
    let (p3, v3) = methods.nth(20).unwrap();
    vec![
        Edit::SetField {
            owner: Owner::Integration { path: p1.clone(), verb: v1.clone() },
            field: Field::Type,
            value: FieldValue::Text(Some("BOGUS".into())),
        },
        Edit::SetField {
            owner: Owner::Integration { path: p2.clone(), verb: v2.clone() },
            field: Field::TimeoutInMillis,
            value: FieldValue::Number(Some(10)),
        },
        Edit::SetField {
            owner: Owner::Integration { path: p2.clone(), verb: v2.clone() },
            field: Field::Uri,
            value: FieldValue::Text(Some("ftp://nowhere".into())),
        },
        Edit::SetEntry {
            owner: Owner::Integration { path: p3.clone(), verb: v3.clone() },
            field: Field::RequestParameters,
            key: "integration.request.header.X".into(),
            value: Some(Entry::Text("method.request.header.Undeclared".into())),
        },
        Edit::SetField {
            owner: Owner::Method { path: p3.clone(), verb: v3.clone() },
            field: Field::AuthorizationType,
            value: FieldValue::Text(Some("CUSTOM".into())),
        },
        Edit::PutAuthorizer { name: "TokenCheck".into(), value: None },
        // Gateway responses are API-level: their edits recheck the API's rules.
        Edit::PutGatewayResponse {
            response_type: "NOT_A_TYPE".into(),
            value: Some(Default::default()),
        },
        Edit::SetField {
            owner: Owner::GatewayResponse { response_type: "DEFAULT_5XX".into() },
            field: Field::StatusCode,
            value: FieldValue::Text(Some("600".into())),
        },
        Edit::SetEntry {
            owner: Owner::GatewayResponse { response_type: "DEFAULT_4XX".into() },
            field: Field::ResponseParameters,
            key: "gatewayresponse.querystring.x".into(),
            value: Some(Entry::Text("*".into())),
        },
        Edit::RenameEntry {
            owner: Owner::GatewayResponse { response_type: "DEFAULT_4XX".into() },
            field: Field::ResponseTemplates,
            from: "application/json".into(),
            to: "json".into(),
        },
        Edit::SetEntry {
            owner: Owner::GatewayResponse { response_type: "DEFAULT_5XX".into() },
            field: Field::ResponseTemplates,
            key: "text/plain".into(),
            value: Some(Entry::Text("#if($x)a#end".into())),
        },
        Edit::PutGatewayResponse { response_type: "DEFAULT_5XX".into(), value: None },
        // Stages are API-level, and methods read their variables: a stage edit rechecks every
        // method's `stage-variable-undefined`.
        Edit::SetField {
            owner: Owner::Integration { path: p1.clone(), verb: v1.clone() },
            field: Field::Uri,
            value: FieldValue::Text(Some("http://${stageVariables.backend}/x".into())),
        },
        Edit::SetEntry {
            owner: Owner::Integration { path: p3.clone(), verb: v3.clone() },
            field: Field::RequestTemplates,
            key: "application/json".into(),
            value: Some(Entry::Text("{\"t\": \"$stageVariables.tier\"}".into())),
        },
        Edit::PutStage { name: "dev".into(), stage: Some(Default::default()) },
        Edit::SetEntry {
            owner: Owner::Stage { name: "dev".into() },
            field: Field::Variables,
            key: "backend".into(),
            value: Some(Entry::Text("api.example.com".into())),
        },
        Edit::PutStage { name: "prod stage".into(), stage: Some(Default::default()) },
        Edit::SetEntry {
            owner: Owner::Stage { name: "prod stage".into() },
            field: Field::Variables,
            key: "tier".into(),
            value: Some(Entry::Text("gold plated".into())),
        },
        Edit::SetField {
            owner: Owner::Stage { name: "dev".into() },
            field: Field::Description,
            value: FieldValue::Text(Some("for tests".into())),
        },
        Edit::RenameEntry {
            owner: Owner::Stage { name: "dev".into() },
            field: Field::Variables,
            from: "backend".into(),
            to: "back-end".into(),
        },
        Edit::RenameStage { from: "prod stage".into(), to: "prod".into() },
        Edit::PutStage { name: "prod".into(), stage: None },
        Edit::RenameModel { from: "Item".into(), to: "Thing".into() },
        Edit::PutMethod { path: p1.clone(), verb: "BREW".into(), value: Some(Default::default()) },
        Edit::PutMethod { path: p2.clone(), verb: v2.clone(), value: None },
        Edit::AddResource { path: format!("{p1}/{{a}}") },
        Edit::AddResource { path: format!("{p1}/{{b}}") },
        Edit::DeleteResource { path: p3.clone() },
        Edit::SetApi {
            value: apigw_core::model::ApiSettings { name: String::new(), ..Default::default() },
        },
    ]
}

/// Resources, methods and integration types: what the tree shows.
fn outline(design: &apigw_core::Design) -> Vec<(String, String, String)> {
    design
        .resources
        .iter()
        .flat_map(|(p, r)| {
            std::iter::once((p.clone(), String::new(), String::new())).chain(r.methods.iter().map(
                move |(v, m)| {
                    let kind = m.integration.as_ref().map(|i| i.integration_type.clone());
                    (p.clone(), v.clone(), kind.unwrap_or_default())
                },
            ))
        })
        .collect()
}

#[test]
fn incremental_equals_whole_after_every_edit_undo_and_redo() {
    for seed in [1, 2, 3] {
        let mut design = generate(300, seed);
        let mut checker = Checker::new(&design);
        let mut history = History::default();
        assert_eq!(checker.iter().cloned().collect::<Vec<_>>(), validate(&design));
        let edits = edits(&design);
        let n = edits.len();
        let mut undefined_seen = 0;
        for edit in edits {
            let scope = edit.scope();
            let label = edit.label();
            let before = outline(&design);
            let changes_outline = edit.changes_outline();
            let calls_before = apigw_core::plan::call_count(&design);
            let changes_call_count = edit.changes_call_count();
            history.apply(&mut design, edit).unwrap();
            if !changes_outline {
                assert_eq!(outline(&design), before, "{label} changed the outline");
            }
            if !changes_call_count {
                let calls = apigw_core::plan::call_count(&design);
                assert_eq!(calls, calls_before, "{label} changed the plan's call count");
            }
            checker.update(&design, &scope);
            let whole = validate(&design);
            assert_eq!(checker.iter().cloned().collect::<Vec<_>>(), whole, "after {label}");
            assert_eq!(checker.counts(), apigw_core::diagnostic::counts(&whole), "after {label}");
            undefined_seen += whole.iter().filter(|d| d.name == "stage-variable-undefined").count();
        }
        assert!(undefined_seen > 3, "the stage edits make and clear undefined variables");
        assert!(checker.counts().0 > 5, "the edits introduce errors");
        for _ in 0..n {
            let scope = history.next_undo().unwrap().scope();
            history.undo(&mut design).unwrap().unwrap();
            checker.update(&design, &scope);
            assert_eq!(checker.iter().cloned().collect::<Vec<_>>(), validate(&design));
        }
        assert_eq!(design, generate(300, seed));
        for _ in 0..n {
            let scope = history.next_redo().unwrap().scope();
            history.redo(&mut design).unwrap().unwrap();
            checker.update(&design, &scope);
            assert_eq!(checker.iter().cloned().collect::<Vec<_>>(), validate(&design));
            assert_eq!(checker.counts(), apigw_core::diagnostic::counts(&validate(&design)));
        }
    }
}

#[test]
fn call_count_is_the_plan_length() {
    for n in [0, 10, 300] {
        let design = generate(n, 9);
        let plan = apigw_core::plan::build(&design);
        assert_eq!(apigw_core::plan::call_count(&design), plan.len());
        // The API objects' calls are the plan's first ones.
        let api = apigw_core::plan::api_calls(&design);
        assert_eq!(plan[..api.len()], api[..]);
        assert!(n == 0 || !api.is_empty());
    }
}

#[test]
fn subtree_holds_the_diagnostics_at_and_below_a_path() {
    let mut design = generate(300, 4);
    let paths: Vec<String> = design.resources.keys().cloned().collect();
    // Errors in several places, including a sibling whose name extends another's (`/x-y`).
    for path in paths.iter().step_by(7) {
        design.resources.entry(format!("{path}-y")).or_default();
        design.resources.entry(format!("{path}/b a d")).or_default();
    }
    let checker = Checker::new(&design);
    for path in paths.iter().step_by(3).chain(std::iter::once(&"/".to_string())) {
        let expected: Vec<_> = checker
            .iter()
            .filter(|d| {
                d.target.owner.resource_path().is_some_and(|p| apigw_core::path::is_within(p, path))
            })
            .collect();
        assert_eq!(checker.subtree(path).collect::<Vec<_>>(), expected, "{path}");
    }
}

#[test]
fn descendants_are_found_past_siblings_that_sort_between() {
    let mut design = apigw_core::Design::default();
    for p in ["/a", "/a-b", "/a/c", "/d"] {
        design.resources.entry(p.to_string()).or_default();
    }
    assert!(design.has_descendants("/"));
    assert!(design.has_descendants("/a"));
    assert!(!design.has_descendants("/a-b"));
    assert!(!design.has_descendants("/d"));
}

#[test]
fn the_first_calls_of_a_plan_are_a_prefix_of_it() {
    let design = generate(300, 5);
    let all = apigw_core::plan::build(&design);
    for limit in [0, 1, 3, 10, 100, all.len(), all.len() + 5] {
        let first = apigw_core::plan::build_first(&design, limit);
        assert_eq!(first[..], all[..limit.min(all.len())], "limit {limit}");
    }
}

#[test]
fn validation_on_threads_equals_validation_on_one_thread() {
    // Large enough to be split across threads; problems spread over the whole tree.
    let mut design = generate(4_000, 3);
    for (i, method) in
        design.resources.values_mut().flat_map(|r| r.methods.values_mut()).enumerate()
    {
        if i % 97 == 0 {
            method.authorization_type = "BOGUS".into();
        }
        if i % 131 == 0 {
            if let Some(integration) = method.integration.as_mut() {
                integration.timeout_in_millis = Some(10);
            }
        }
    }
    let threaded = validate(&design);
    assert!(threaded.len() > 60, "the injected problems are found: {}", threaded.len());
    assert_eq!(threaded, apigw_core::rules::validate_on_one_thread(&design));
}

#[test]
fn a_progressive_check_with_edits_in_between_ends_equal_to_validation() {
    for seed in [1, 2] {
        let mut design = generate(300, seed);
        let mut checker = Checker::progressive(&design);
        assert!(!checker.is_complete());
        assert_eq!(
            checker.iter().cloned().collect::<Vec<_>>(),
            validate(&design)[..checker.api().len()]
        );
        checker.advance(&design, 5);
        let mut history = History::default();
        for edit in edits(&design) {
            let scope = edit.scope();
            history.apply(&mut design, edit).unwrap();
            checker.update(&design, &scope);
            checker.advance(&design, 3);
        }
        let mut rounds = 0;
        while !checker.advance(&design, 4) {
            rounds += 1;
        }
        assert!(checker.is_complete());
        let whole = validate(&design);
        assert_eq!(
            checker.iter().cloned().collect::<Vec<_>>(),
            whole,
            "seed {seed}, {rounds} rounds"
        );
        assert_eq!(checker.counts(), apigw_core::diagnostic::counts(&whole));
    }
    // Resources reached only after an edit are checked as the design is then.
    let mut design = generate(300, 3);
    let mut checker = Checker::progressive(&design);
    let last = design.resources.keys().last().unwrap().clone();
    let verb =
        design.resources[&last].methods.keys().next().cloned().unwrap_or_else(|| "GET".into());
    let edit = Edit::PutMethod { path: last.clone(), verb, value: Some(Default::default()) };
    let scope = edit.scope();
    History::default().apply(&mut design, edit).unwrap();
    checker.update(&design, &scope);
    while !checker.advance(&design, 10) {}
    assert_eq!(checker.iter().cloned().collect::<Vec<_>>(), validate(&design));

    // A keystroke in a method not reached yet checks that resource, not the whole design.
    let mut design = generate(300, 4);
    let mut checker = Checker::progressive(&design);
    checker.advance(&design, 2);
    let (path, verb) = design
        .resources
        .iter()
        .rev()
        .find_map(|(p, r)| r.methods.keys().next().map(|v| (p.clone(), v.clone())))
        .unwrap();
    let edit = Edit::SetField {
        owner: Owner::Integration { path: path.clone(), verb },
        field: Field::Uri,
        value: FieldValue::Text(Some("ftp://nowhere".into())),
    };
    let scope = edit.scope();
    History::default().apply(&mut design, edit).unwrap();
    checker.update(&design, &scope);
    assert!(!checker.is_complete(), "the check goes on in slices");
    assert!(checker.resource_and_methods(&path).count() > 0, "the edited resource is checked");
    while !checker.advance(&design, 10) {}
    let whole = validate(&design);
    assert_eq!(checker.iter().cloned().collect::<Vec<_>>(), whole);
    assert_eq!(checker.counts(), apigw_core::diagnostic::counts(&whole));
}

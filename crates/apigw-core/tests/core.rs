//! apigw-core's tests: rule fixtures, generated docs, plans, edits and undo, hostile input.

use apigw_core::command::{Edit, Entry, Field, FieldValue};
use apigw_core::diagnostic::Owner;
use apigw_core::document::{self, Kind};
use apigw_core::model::{Design, GatewayResponse, Integration, Method};
use apigw_core::rules::{self, Check, DOCS, RULES};
use apigw_core::{History, plan, validate};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn codes_of(text: &str) -> Vec<&'static str> {
    let loaded = document::load(text).expect("fixture loads");
    loaded.diagnostics().iter().map(|d| d.code).collect()
}

#[test]
fn every_rule_fires_on_its_invalid_fixture_and_not_on_its_valid_one() {
    let dir = root().join("crates/apigw-core/tests/rules");
    let mut failures = Vec::new();
    for rule in RULES {
        let folder = dir.join(rule.name);
        for (kind, should_fire) in [("invalid", true), ("valid", false)] {
            let path = folder.join(format!("{kind}.json"));
            let Ok(text) = std::fs::read_to_string(&path) else {
                failures.push(format!("{}: missing {kind}.json", rule.name));
                continue;
            };
            let fired = codes_of(&text).contains(&rule.code);
            if fired != should_fire {
                failures.push(format!(
                    "{} ({}): {kind}.json {}",
                    rule.name,
                    rule.code,
                    if fired { "fired" } else { "did not fire" }
                ));
            }
        }
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if rules::rule(&name).is_none() {
            failures.push(format!("fixture folder {name} names no rule"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule_codes_and_names_are_unique_and_well_formed() {
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    codes.sort_unstable();
    names.sort_unstable();
    let count = RULES.len();
    codes.dedup();
    names.dedup();
    assert_eq!((codes.len(), names.len()), (count, count), "duplicate code or name");
    assert_eq!(DOCS.len(), RULES.len(), "every rule has its documentation");
    for (rule, doc) in RULES.iter().zip(DOCS) {
        assert_eq!(doc.rule.code, rule.code, "DOCS is in the order of RULES");
        assert!(rule.code.len() == 5 && rule.code.starts_with("AG"), "{}", rule.code);
        assert!(rule.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", rule.name);
        for text in [rule.summary, doc.why, rule.fix, doc.source] {
            assert!(!text.is_empty(), "{} lacks documentation", rule.name);
        }
        // Sources are public: AWS's documentation or a public record of its error text.
        for private in ["wire.md", "aws-rules.md", "moto.md", "landscape.md"] {
            assert!(!doc.source.contains(private), "{} cites {private}", rule.name);
        }
        let sequence = matches!(rule.check, Check::Sequence);
        let read_time =
            rule.code.starts_with("AG6") || rule.code.starts_with("AG7") || rule.code == "AG106";
        assert_eq!(sequence, read_time, "{}", rule.name);
    }
}

/// What a rule reports on its invalid fixture, whole: code, severity, where (a JSON Pointer into
/// the fixture) and the message, one block per diagnostic.
fn snapshot(rule: &rules::Rule, text: &str) -> String {
    let loaded = document::load(text).expect("fixture loads");
    let mut out = String::new();
    for d in loaded.diagnostics().iter().filter(|d| d.code == rule.code) {
        out.push_str(&format!(
            "{} {} {}\n  at {}\n  {}\n",
            d.code,
            d.severity.as_str(),
            d.name,
            loaded.pointer(d),
            d.message
        ));
    }
    out
}

/// Each rule's diagnostics on its invalid fixture equal `invalid.snap` beside it. After a
/// deliberate change, `APIGW_BLESS=1 cargo test -p apigw-core --test core` rewrites them
/// (review the diff).
#[test]
fn every_rule_reports_its_snapshot_on_its_invalid_fixture() {
    let dir = root().join("crates/apigw-core/tests/rules");
    let bless = std::env::var_os("APIGW_BLESS").is_some();
    let mut failures = Vec::new();
    for rule in RULES {
        let folder = dir.join(rule.name);
        let Ok(text) = std::fs::read_to_string(folder.join("invalid.json")) else { continue };
        let fresh = snapshot(rule, &text);
        let path = folder.join("invalid.snap");
        if bless {
            std::fs::write(&path, &fresh).unwrap();
        }
        match std::fs::read_to_string(&path) {
            Ok(current) if current == fresh => {}
            Ok(current) => failures.push(format!(
                "{}: the diagnostics changed\n--- invalid.snap\n{current}+++ now\n{fresh}",
                rule.name
            )),
            Err(_) => failures.push(format!("{}: no invalid.snap; now:\n{fresh}", rule.name)),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(after a deliberate change: APIGW_BLESS=1 cargo test -p apigw-core --test core)",
        failures.join("\n")
    );
}

#[test]
fn docs_rules_md_is_generated_from_the_rule_docs() {
    let path = root().join("docs/rules.md");
    let fresh = rules::rules_markdown();
    if std::env::var_os("APIGW_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(current == fresh, "docs/rules.md is stale: run `cargo xtask docs`");
}

#[test]
fn every_rule_has_a_phase_its_severity_follows_and_aws_words_only_with_a_source() {
    use apigw_core::diagnostic::{Phase, Severity};
    for doc in rules::DOCS {
        let rule = doc.rule;
        let expected =
            if rule.phase == Phase::Advice { Severity::Warning } else { Severity::Error };
        assert_eq!(rule.severity(), expected, "{}", rule.code);
        if let Some(text) = rule.aws_message {
            // AWS's words come from a record that the documentation cites.
            assert!(doc.source.contains("https://"), "{}: AWS's text without a source", rule.code);
            assert!(!text.trim().is_empty() && text.trim() == text, "{}", rule.code);
        }
    }
    // The rules that read only files are of the file or advice phase; no API Gateway rule is.
    for code in ["AG701", "AG703"] {
        assert_eq!(rules::rule(code).unwrap().phase, Phase::Advice);
    }
    assert_eq!(rules::rule("AG702").unwrap().phase, Phase::File);
    // A diagnostic carries its rule's phase and words.
    let design: Design = serde_json::from_str(
        r#"{"resources": {"/": {}, "/a": {"methods": {"GET": {"authorizationType": "NONE"}}}}}"#,
    )
    .unwrap();
    let found = apigw_core::validate(&design);
    let d = found.iter().find(|d| d.code == "AG216").unwrap();
    assert_eq!(
        (d.phase, d.aws_message),
        (Phase::Deploy, Some("No integration defined for method"))
    );
}

fn project_fixtures() -> Vec<(String, Design)> {
    let dir = root().join("fixtures/designs");
    let mut out: Vec<(String, Design)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.display().to_string(), document::design_from_str(&read(&p)).unwrap()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 7, "the project's design fixtures are missing");
    out
}

#[test]
fn project_fixtures_have_no_errors() {
    for (name, design) in project_fixtures() {
        let errors: Vec<String> = validate(&design)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn plans_are_byte_identical_for_the_same_design() {
    for (name, design) in project_fixtures() {
        let a = plan::to_plan_json(&design.api, &plan::build(&design));
        let b = plan::to_plan_json(&design.api, &plan::build(&design.clone()));
        assert_eq!(a, b, "{name}");
        assert_eq!(
            plan::to_wire_json(&plan::build(&design)),
            plan::to_wire_json(&plan::build(&design))
        );
    }
}

#[test]
fn a_design_comes_back_unchanged_through_its_plan() {
    for (name, design) in project_fixtures() {
        let text = plan::to_plan_json(&design.api, &plan::build(&design));
        let loaded = document::load(&text).unwrap();
        assert_eq!(loaded.kind, Kind::Plan);
        assert!(loaded.import_diagnostics.is_empty(), "{name}: {:?}", loaded.import_diagnostics);
        assert_eq!(loaded.design, design, "{name}");
    }
}

#[test]
fn a_design_document_round_trips_through_its_text() {
    for (name, design) in project_fixtures() {
        let text = document::design_to_string(&design);
        assert_eq!(document::design_from_str(&text).unwrap(), design, "{name}");
    }
}

#[test]
fn plan_calls_come_in_dependency_order() {
    let design = apigw_core::example::petstore();
    let calls = plan::build(&design);
    let ops: Vec<&str> = calls.iter().map(|c| c.operation()).collect();
    let first_resource = ops.iter().position(|o| *o == "CreateResource").unwrap();
    let last_model = ops.iter().rposition(|o| *o == "CreateModel").unwrap();
    assert!(last_model < first_resource);
    let parents: Vec<String> = calls
        .iter()
        .filter_map(|c| match c {
            plan::Call::CreateResource(p) => Some(p.parent_id.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(parents, vec!["@/", "@/pets"]);
    // Within a method: PutMethod, its responses, then the integration, then its responses.
    let get_pets: Vec<&str> = calls
        .iter()
        .filter(|c| matches!(c.params().get("resourceId"), Some(v) if v == "@/pets"))
        .filter(|c| matches!(c.params().get("httpMethod"), Some(v) if v == "GET"))
        .map(|c| c.operation())
        .collect();
    assert_eq!(
        get_pets,
        vec!["PutMethod", "PutMethodResponse", "PutIntegration", "PutIntegrationResponse"]
    );
}

#[test]
fn the_wire_form_moves_labels_to_the_path_and_renames_the_integration_verb() {
    let design = apigw_core::example::petstore();
    let call = plan::Call::PutIntegration(plan::put_integration(
        "/pets/{petId}",
        "GET",
        design.method("/pets/{petId}", "GET").unwrap().integration.as_ref().unwrap(),
    ));
    let wire = call.wire();
    assert_eq!(wire.method, "PUT");
    assert_eq!(
        wire.path,
        "/restapis/%40api/resources/%40%2Fpets%2F%7BpetId%7D/methods/GET/integration"
    );
    let body = wire.body.unwrap();
    assert_eq!(body["httpMethod"], "GET");
    assert!(body.get("integrationHttpMethod").is_none() && body.get("restApiId").is_none());
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys[..3], ["type", "httpMethod", "uri"]);
}

#[test]
fn plan_diagnostics_point_at_the_call_api_gateway_would_reject() {
    let text = r#"{"format":"apigw-plan/1","calls":[
      {"operation":"CreateResource","params":{"restApiId":"@api","parentId":"@/","pathPart":"pets"}},
      {"operation":"PutMethod","params":{"restApiId":"@api","resourceId":"@/pets","httpMethod":"GET","authorizationType":"NONE"}},
      {"operation":"PutIntegration","params":{"restApiId":"@api","resourceId":"@/pets","httpMethod":"GET","type":"HTTP",
        "integrationHttpMethod":"GET","uri":"https://example.com/pets",
        "requestParameters":{"integration.request.querystring.page":"method.request.querystring.page"}}},
      {"operation":"PutMethod","params":{"restApiId":"@api","resourceId":"@/cats","httpMethod":"GET","authorizationType":"NONE"}}
    ]}"#;
    let loaded = document::load(text).unwrap();
    let found: Vec<(String, &str)> =
        loaded.diagnostics().iter().map(|d| (loaded.pointer(d), d.name)).collect();
    assert!(found.contains(&(
        "/calls/2/params/requestParameters/integration.request.querystring.page".into(),
        "undeclared-method-parameter"
    )));
    assert!(
        found.contains(&("/calls/3/params/resourceId".into(), "call-reference-missing")),
        "{found:?}"
    );
}

#[test]
fn design_diagnostics_point_into_the_design_document() {
    let mut design = Design::named("T");
    design.resources.insert("/a/b".into(), Default::default());
    design.fill_ancestors();
    design.resources.get_mut("/a/b").unwrap().methods.insert("GET".into(), Method::default());
    let d = validate(&design).into_iter().find(|d| d.name == "method-without-integration").unwrap();
    assert_eq!(d.target.design_pointer(), "/resources/~1a~1b/methods/GET");
}

#[test]
fn a_design_gets_every_missing_ancestor_and_only_those() {
    let mut design = Design { resources: Default::default(), ..Design::named("T") };
    for path in ["/a/b/c/d", "/a/b/x", "/a/b", "/z/{id}", "/a-b/c"] {
        design.resources.insert(path.into(), Default::default());
    }
    let mut with_methods = design.clone();
    with_methods.resources.get_mut("/a/b").unwrap().methods.insert("GET".into(), Method::default());
    design.fill_ancestors();
    let paths: Vec<&str> = design.resources.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        ["/", "/a", "/a-b", "/a-b/c", "/a/b", "/a/b/c", "/a/b/c/d", "/a/b/x", "/z", "/z/{id}"]
    );
    // Present resources keep what they hold.
    with_methods.fill_ancestors();
    assert!(with_methods.resources["/a/b"].methods.contains_key("GET"));
    assert_eq!(with_methods.resources.len(), paths.len());
}

fn sample() -> Design {
    let mut design = apigw_core::example::petstore();
    let mut cors = GatewayResponse::default();
    cors.response_parameters
        .insert("gatewayresponse.header.Access-Control-Allow-Origin".into(), "'*'".into());
    cors.response_templates
        .insert("application/json".into(), "{\"message\":$context.error.messageString}".into());
    design.gateway_responses.insert("DEFAULT_4XX".into(), cors);
    let mut history = History::default();
    history.apply(&mut design, Edit::AddResource { path: "/pets/{petId}/toys".into() }).unwrap();
    history
        .apply(
            &mut design,
            Edit::PutMethod {
                path: "/pets/{petId}/toys".into(),
                verb: "GET".into(),
                value: Some(Method::default()),
            },
        )
        .unwrap();
    design
}

#[test]
fn deleting_a_subtree_and_undoing_restores_it_exactly() {
    let mut design = sample();
    let before = design.clone();
    let mut history = History::default();
    history.apply(&mut design, Edit::DeleteResource { path: "/pets".into() }).unwrap();
    assert!(design.resources.keys().all(|p| !p.starts_with("/pets")));
    assert_eq!(design.resources.len(), 1);
    history.undo(&mut design).unwrap().unwrap();
    assert_eq!(design, before);
    history.redo(&mut design).unwrap().unwrap();
    assert_eq!(design.resources.len(), 1);
    history.undo(&mut design).unwrap().unwrap();
    assert_eq!(design, before);
}

#[test]
fn every_edit_is_undone_by_its_inverse() {
    let base = sample();
    let path = "/pets/{petId}".to_string();
    let verb = "GET".to_string();
    let edits = vec![
        Edit::MoveResource { from: "/pets".into(), to: "/animals".into() },
        Edit::MoveResource { from: "/pets/{petId}".into(), to: "/{petId}".into() },
        Edit::AddResource { path: "/owners".into() },
        Edit::PutMethod {
            path: path.clone(),
            verb: "DELETE".into(),
            value: Some(Method::default()),
        },
        Edit::PutMethod { path: path.clone(), verb: verb.clone(), value: None },
        Edit::SetField {
            owner: Owner::Integration { path: path.clone(), verb: verb.clone() },
            field: Field::Uri,
            value: FieldValue::Text(Some("https://x.example".into())),
        },
        Edit::SetField {
            owner: Owner::Integration { path: path.clone(), verb: verb.clone() },
            field: Field::TimeoutInMillis,
            value: FieldValue::Number(Some(5000)),
        },
        Edit::SetField {
            owner: Owner::Method { path: path.clone(), verb: verb.clone() },
            field: Field::ApiKeyRequired,
            value: FieldValue::Flag(true),
        },
        Edit::SetEntry {
            owner: Owner::Method { path: path.clone(), verb: verb.clone() },
            field: Field::RequestParameters,
            key: "method.request.header.X".into(),
            value: Some(Entry::Flag(true)),
        },
        Edit::SetEntry {
            owner: Owner::Integration { path: path.clone(), verb: verb.clone() },
            field: Field::RequestParameters,
            key: "integration.request.path.petId".into(),
            value: None,
        },
        Edit::RenameEntry {
            owner: Owner::Method { path: path.clone(), verb: verb.clone() },
            field: Field::RequestParameters,
            from: "method.request.path.petId".into(),
            to: "method.request.path.id".into(),
        },
        Edit::PutMethodResponse {
            path: path.clone(),
            verb: verb.clone(),
            status: "404".into(),
            value: Some(Default::default()),
        },
        Edit::SetIntegration {
            path: path.clone(),
            verb: verb.clone(),
            value: Some(Integration { integration_type: "MOCK".into(), ..Default::default() }),
        },
        Edit::PutIntegrationResponse { path, verb, status: "200".into(), value: None },
        Edit::RenameModel { from: "Pet".into(), to: "Animal".into() },
        Edit::PutModel { name: "Pets".into(), value: None },
        Edit::SetApi { value: Default::default() },
        Edit::PutGatewayResponse {
            response_type: "UNAUTHORIZED".into(),
            value: Some(GatewayResponse { status_code: Some("401".into()), ..Default::default() }),
        },
        Edit::PutGatewayResponse { response_type: "DEFAULT_4XX".into(), value: None },
        Edit::SetField {
            owner: Owner::GatewayResponse { response_type: "DEFAULT_4XX".into() },
            field: Field::StatusCode,
            value: FieldValue::Text(Some("400".into())),
        },
        Edit::SetEntry {
            owner: Owner::GatewayResponse { response_type: "DEFAULT_4XX".into() },
            field: Field::ResponseParameters,
            key: "gatewayresponse.header.X-Request-Id".into(),
            value: Some(Entry::Text("context.requestId".into())),
        },
        Edit::SetEntry {
            owner: Owner::GatewayResponse { response_type: "DEFAULT_4XX".into() },
            field: Field::ResponseTemplates,
            key: "application/json".into(),
            value: None,
        },
        Edit::RenameEntry {
            owner: Owner::GatewayResponse { response_type: "DEFAULT_4XX".into() },
            field: Field::ResponseParameters,
            from: "gatewayresponse.header.Access-Control-Allow-Origin".into(),
            to: "gatewayresponse.header.access-control-allow-origin".into(),
        },
        Edit::Batch {
            label: "two".into(),
            edits: vec![
                Edit::AddResource { path: "/x".into() },
                Edit::AddResource { path: "/x/y".into() },
            ],
        },
    ];
    for edit in edits {
        let mut design = base.clone();
        let label = edit.label();
        let inverse = edit.apply(&mut design).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_ne!(design, base, "{label} changed nothing");
        inverse.apply(&mut design).unwrap();
        assert_eq!(design, base, "{label} was not undone exactly");
    }
}

#[test]
fn renaming_a_model_renames_its_references() {
    let mut design = sample();
    Edit::RenameModel { from: "Pet".into(), to: "Animal".into() }.apply(&mut design).unwrap();
    assert_eq!(
        design.method("/pets", "POST").unwrap().request_models["application/json"],
        "Animal"
    );
    assert!(validate(&design).iter().all(|d| d.name != "model-unknown"));
}

#[test]
fn a_failing_batch_changes_nothing() {
    let mut design = sample();
    let before = design.clone();
    let batch = Edit::Batch {
        label: "bad".into(),
        edits: vec![
            Edit::AddResource { path: "/x".into() },
            Edit::AddResource { path: "/nope/y".into() },
        ],
    };
    assert!(batch.apply(&mut design).is_err());
    assert_eq!(design, before);
}

#[test]
fn structural_edits_refuse_to_break_the_tree() {
    let mut design = sample();
    for edit in [
        Edit::AddResource { path: "/pets".into() },
        Edit::AddResource { path: "/missing/child".into() },
        Edit::DeleteResource { path: "/".into() },
        Edit::MoveResource { from: "/pets".into(), to: "/pets/{petId}/pets".into() },
        Edit::SetField {
            owner: Owner::Integration { path: "/nope".into(), verb: "GET".into() },
            field: Field::Uri,
            value: FieldValue::Text(None),
        },
    ] {
        let before = design.clone();
        assert!(edit.apply(&mut design).is_err());
        assert_eq!(design, before);
    }
}

#[test]
fn an_undo_that_cannot_be_applied_keeps_its_step_and_changes_nothing() {
    let mut design = sample();
    let mut history = History::default();
    history.apply(&mut design, Edit::AddResource { path: "/toys".into() }).unwrap();
    // The design changes outside the history: the undo (delete /toys) no longer applies.
    design.resources.remove("/toys");
    let before = design.clone();
    let error = history.undo(&mut design).expect_err("nothing to delete");
    assert!(!error.to_string().is_empty());
    assert_eq!(design, before, "a failed undo changes nothing");
    assert!(history.can_undo(), "the step is kept");
    assert_eq!(history.undo_label().as_deref(), Some("add /toys"));
    // Once the resource is back, the same step undoes it.
    design.resources.insert("/toys".into(), Default::default());
    assert_eq!(history.undo(&mut design).unwrap().as_deref(), Some("add /toys"));
    assert!(!design.resources.contains_key("/toys"));
    assert!(history.can_redo());
    // And nothing to undo is no error.
    assert_eq!(history.undo(&mut design).unwrap(), None);
}

#[test]
fn typing_into_one_field_undoes_in_one_step() {
    let mut design = sample();
    let before = design.clone();
    let mut history = History::default();
    for uri in ["h", "ht", "htt", "http://x"] {
        let edit = Edit::SetField {
            owner: Owner::Integration { path: "/pets".into(), verb: "GET".into() },
            field: Field::Uri,
            value: FieldValue::Text(Some(uri.into())),
        };
        history.apply_grouped(&mut design, edit, Some("uri")).unwrap();
    }
    assert_eq!(
        design.method("/pets", "GET").unwrap().integration.as_ref().unwrap().uri.as_deref(),
        Some("http://x")
    );
    history.undo(&mut design).unwrap().unwrap();
    assert_eq!(design, before);
    assert!(!history.can_undo());
    history.redo(&mut design).unwrap().unwrap();
    assert_eq!(
        design.method("/pets", "GET").unwrap().integration.as_ref().unwrap().uri.as_deref(),
        Some("http://x")
    );
}

#[test]
fn unreadable_input_reports_line_and_column() {
    let error = document::load("{\n  \"format\": \"apigw-design/1\",\n  \"resources\": {,}\n}")
        .unwrap_err();
    assert_eq!((error.line, error.column), (3, 17));
    // A value of the wrong kind: the field, what fits it with an example, and what it is.
    let error = document::load("{\"format\":\"apigw-design/1\",\"api\":{\"name\":7}}").unwrap_err();
    assert_eq!(
        error.message,
        "`name` must be text in double quotes, for example \"GET\"; it is the number 7 (at /api/name)"
    );
    assert_eq!((error.line, error.column), (1, 42));
    let error = document::load("[1,2]").unwrap_err();
    assert!(error.message.contains("format"));
    // A misspelt field: the nearest known one.
    let error = document::load("{\"format\":\"apigw-design/1\",\"resourcez\":{}}").unwrap_err();
    assert_eq!(
        error.message,
        "`resourcez` is not a field of a design document; did you mean `resources`? (at /resourcez)"
    );
    assert_eq!((error.line, error.column), (1, 40));
    // No Rust jargon in any message: not serde's "invalid type", "expected i64", "struct".
    for text in [
        "{\"format\":\"apigw-design/1\",\"resources\":{\"/\":{\"methods\":{\"GET\":{\"integration\":{\"type\":\"HTTP\",\"timeoutInMillis\":\"10000\"}}}}}}",
        "{\"format\":\"apigw-design/1\",\"api\":[]}",
        "{\"format\":\"apigw-design/1\",\"api\":{\"name\":\"a\",\"name\":\"b\"}}",
        "{\"format\":\"apigw-design/1\",\"models\":{\"M\":{\"schema\":{}}}}",
        "{\"format\":\"apigw-design/1\",\"resources\":{\"/\":{\"methods\":{\"GET\":{\"apiKeyRequired\":\"yes\"}}}}}",
        "{\"format\":\"apigw-design/1\",\"resources\":{\"/\":{\"methods\":{\"GET\":{\"requestParameters\":{\"method.request.path.x\":1}}}}}}",
        "{\"format\":\"apigw-plan/1\",\"api\":{\"endpointType\":5},\"calls\":[]}",
        "{\"format\":\"apigw-design/1\",",
        "{\"format\":\"apigw-design/1\",\"api\":{\"name\":\"x\",}}",
    ] {
        let error = document::load(text).unwrap_err();
        for jargon in ["invalid type", "expected i64", "struct", "expected a string", "EOF", "map"]
        {
            assert!(!error.message.contains(jargon), "{text}: {error}");
        }
        assert!(error.line > 0 && error.column > 0, "{text}: {error}");
    }
}

#[test]
fn hostile_input_never_panics() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(document::load(&deep).is_err());
    let deep_object = format!(
        "{{\"format\":\"apigw-plan/1\",\"calls\":{}{}}}",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    assert!(document::load(&deep_object).is_err());
    let mut big = String::from("{\"format\":\"apigw-design/1\",\"resources\":{");
    for i in 0..400_000 {
        big.push_str(&format!("\"/r{i}\":{{}},"));
    }
    big.push_str("\"/\":{}}}");
    assert!(big.len() > 5_000_000);
    let loaded = document::load(&big).unwrap();
    assert!(loaded.diagnostics().iter().any(|d| d.name == "too-many-resources"));
    for text in [
        "",
        "null",
        "{\"format\":\"apigw-plan/1\"}",
        "{\"format\":\"apigw-plan/1\",\"calls\":[1,\"x\",null,{}]}",
        "{\"format\":\"apigw-plan/1\",\"calls\":[{\"operation\":\"PutMethod\",\"params\":[]}]}",
        "{\"format\":\"apigw-design/1\",\"resources\":{\"pets\":{}}}",
        "{\"format\":\"apigw-design/1\",\"resources\":{\"/a/\":{}}}",
    ] {
        let _ = document::load(text).map(|l| l.diagnostics());
    }
}

/// A small deterministic generator, so mutation tests need no dependency.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

#[test]
fn validate_and_plan_survive_arbitrary_field_values() {
    let nasty = [
        "",
        "{",
        "}",
        "{}",
        "{+}",
        "+",
        "'",
        "''",
        "\u{0}",
        "é",
        "/",
        "//",
        "method.request.",
        "method.request.path.",
        "integration.response.body.",
        "context.",
        "stageVariables.",
        "arn:",
        "arn:aws:apigateway:::path/",
        "(",
        "\\",
        "a{1,0}",
        "[z-a]",
        "9999999999",
        "-1",
        "http://",
        "https://",
        "%",
        "\u{202e}",
    ];
    let mut rng = Lcg(7);
    for (_, base) in project_fixtures() {
        for _ in 0..200 {
            let mut value = serde_json::to_value(&base).unwrap();
            mutate(&mut value, &nasty, &mut rng);
            let Ok(design) = serde_json::from_value::<Design>(value) else { continue };
            let _ = validate(&design);
            let text = plan::to_plan_json(&design.api, &plan::build(&design));
            let _ = document::load(&text).map(|l| l.diagnostics());
        }
    }
}

fn mutate(value: &mut serde_json::Value, nasty: &[&str], rng: &mut Lcg) {
    match value {
        serde_json::Value::Object(map) => {
            let len = map.len();
            if len == 0 {
                return;
            }
            let pick = rng.next() % len;
            if rng.next().is_multiple_of(4) {
                let key = map.keys().nth(pick).cloned().unwrap();
                let v = map.remove(&key).unwrap();
                map.insert(nasty[rng.next() % nasty.len()].to_string(), v);
            } else if let Some((_, child)) = map.iter_mut().nth(pick) {
                mutate(child, nasty, rng);
            }
        }
        serde_json::Value::String(s) => *s = nasty[rng.next() % nasty.len()].to_string(),
        serde_json::Value::Number(_) => {
            *value = serde_json::json!(rng.next() as i64 - 1_000_000_000)
        }
        _ => {}
    }
}

#[test]
fn enabling_cors_adds_a_valid_preflight_and_origin_headers_and_undoes_cleanly() {
    use apigw_core::cors::{CorsOptions, enable};
    let mut design = Design::named("T");
    design.resources.insert("/items".into(), Default::default());
    design.resources.insert("/items/{id}".into(), Default::default());
    let method = |kind: &str| Method {
        method_responses: [("200".to_string(), Default::default())].into(),
        integration: Some(Integration {
            integration_type: kind.into(),
            integration_http_method: Some("GET".into()),
            uri: Some("https://example.com/items".into()),
            integration_responses: [("200".to_string(), Default::default())].into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    design.resources.get_mut("/items").unwrap().methods.insert("GET".into(), method("HTTP"));
    design
        .resources
        .get_mut("/items/{id}")
        .unwrap()
        .methods
        .insert("PUT".into(), method("HTTP_PROXY"));
    let before = design.clone();
    let options = CorsOptions { subtree: true, ..Default::default() };
    let (edit, changes) = enable(&design, "/items", &options).unwrap();
    assert!(
        changes.iter().any(|c| c == "/items: add OPTIONS (MOCK) answering 'GET,OPTIONS'"),
        "{changes:#?}"
    );
    assert!(changes.iter().any(|c| c.starts_with("PUT /items/{id}: skipped")));
    let inverse = edit.apply(&mut design).unwrap();
    let get = design.method("/items", "GET").unwrap();
    assert!(
        get.method_responses["200"]
            .response_parameters
            .contains_key("method.response.header.Access-Control-Allow-Origin")
    );
    let preflight = design.method("/items/{id}", "OPTIONS").unwrap();
    assert_eq!(preflight.request_parameters.get("method.request.path.id"), Some(&true));
    let errors: Vec<_> = validate(&design)
        .into_iter()
        .filter(|d| {
            d.is_error() && d.target.owner.method_key().is_some_and(|(_, v)| v == "OPTIONS")
        })
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(enable(&design, "/items", &options).is_none(), "enabling twice changes nothing");
    inverse.apply(&mut design).unwrap();
    assert_eq!(design, before);
}

#[test]
fn enabling_cors_covers_api_gateways_own_errors_and_keeps_what_they_said() {
    use apigw_core::cors::{CorsOptions, enable};
    use apigw_core::model::GatewayResponse;
    let mut design = apigw_core::example::petstore();
    // A DEFAULT_5XX the user wrote keeps its status and template.
    let mine = GatewayResponse {
        status_code: Some("503".into()),
        response_templates: [("application/json".to_string(), "{\"down\": true}".to_string())]
            .into(),
        ..Default::default()
    };
    design.gateway_responses.insert("DEFAULT_5XX".into(), mine);
    let before = design.clone();
    let options = CorsOptions {
        allow_origin: "https://app.example.com".into(),
        max_age: "600".into(),
        allow_credentials: true,
        ..Default::default()
    };
    let (edit, changes) = enable(&design, "/pets", &options).unwrap();
    assert!(changes.iter().any(|c| c.starts_with("gateway response DEFAULT_4XX:")), "{changes:#?}");
    let inverse = edit.apply(&mut design).unwrap();
    for response_type in ["DEFAULT_4XX", "DEFAULT_5XX"] {
        let r = &design.gateway_responses[response_type];
        assert_eq!(
            r.response_parameters["gatewayresponse.header.Access-Control-Allow-Origin"],
            "'https://app.example.com'"
        );
        assert_eq!(
            r.response_parameters["gatewayresponse.header.Access-Control-Allow-Credentials"],
            "'true'"
        );
    }
    assert_eq!(design.gateway_responses["DEFAULT_5XX"].status_code.as_deref(), Some("503"));
    assert_eq!(design.gateway_responses["DEFAULT_5XX"].response_templates.len(), 1);
    let preflight = design.method("/pets", "OPTIONS").unwrap();
    let mapped =
        &preflight.integration.as_ref().unwrap().integration_responses["200"].response_parameters;
    assert_eq!(mapped["method.response.header.Access-Control-Max-Age"], "'600'");
    assert_eq!(mapped["method.response.header.Access-Control-Allow-Credentials"], "'true'");
    assert!(
        preflight.method_responses["200"]
            .response_parameters
            .contains_key("method.response.header.Access-Control-Max-Age")
    );
    let errors: Vec<_> = validate(&design).into_iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(enable(&design, "/pets", &options).is_none(), "enabling twice changes nothing");
    inverse.apply(&mut design).unwrap();
    assert_eq!(design, before);
    // Without the option, the gateway responses are left alone.
    let only_methods = CorsOptions { gateway_responses: false, ..options };
    let (_, changes) = enable(&before, "/pets", &only_methods).unwrap();
    assert!(!changes.iter().any(|c| c.starts_with("gateway response")));
}

#[test]
fn get_resources_output_imports_as_the_design_it_describes() {
    let design = apigw_core::example::petstore();
    // What `aws apigateway get-resources --embed methods` prints for it (boto3 form).
    let mut items = Vec::new();
    for (i, (path, resource)) in design.resources.iter().enumerate() {
        let methods: serde_json::Map<String, serde_json::Value> = resource
            .methods
            .iter()
            .map(|(verb, m)| {
                let mut method = serde_json::to_value(m).unwrap();
                let o = method.as_object_mut().unwrap();
                o.insert("httpMethod".into(), verb.clone().into());
                if let Some(mut integration) = o.remove("integration") {
                    let io = integration.as_object_mut().unwrap();
                    if let Some(v) = io.remove("integrationHttpMethod") {
                        io.insert("httpMethod".into(), v);
                    }
                    o.insert("methodIntegration".into(), integration);
                }
                (verb.clone(), method)
            })
            .collect();
        items.push(
            serde_json::json!({"id": format!("id{i}"), "path": path, "resourceMethods": methods}),
        );
    }
    let text = serde_json::json!({"items": items, "ResponseMetadata": {}}).to_string();
    let loaded = document::load(&text).unwrap();
    assert_eq!(loaded.kind, Kind::GetResources);
    assert!(loaded.import_diagnostics.is_empty(), "{:?}", loaded.import_diagnostics);
    // Each resource keeps the id it has in the output.
    let mut expected = design.resources;
    for (i, resource) in expected.values_mut().enumerate() {
        resource.id = Some(format!("id{i}"));
    }
    assert_eq!(loaded.design.resources, expected);
    let wire = text.replacen("\"items\"", "\"item\"", 1);
    assert_eq!(document::load(&wire).unwrap().design.resources, expected);
}

#[test]
fn gateway_response_edits_are_api_level_name_their_response_and_refuse_what_is_not_there() {
    let mut design = sample();
    let owner = Owner::GatewayResponse { response_type: "DEFAULT_4XX".into() };
    let put = Edit::PutGatewayResponse {
        response_type: "DEFAULT_5XX".into(),
        value: Some(GatewayResponse::default()),
    };
    assert_eq!(put.label(), "set gateway response DEFAULT_5XX");
    assert_eq!(put.scope(), apigw_core::command::Scope::Api);
    assert!(put.changes_call_count() && !put.changes_outline());
    let inverse = put.apply(&mut design).unwrap();
    assert_eq!(inverse.label(), "remove gateway response DEFAULT_5XX");
    assert_eq!(
        inverse,
        Edit::PutGatewayResponse { response_type: "DEFAULT_5XX".into(), value: None }
    );

    let status = Edit::SetField {
        owner: owner.clone(),
        field: Field::StatusCode,
        value: FieldValue::Text(Some("418".into())),
    };
    assert_eq!(status.label(), "set statusCode of gateway response DEFAULT_4XX");
    assert_eq!(status.scope(), apigw_core::command::Scope::Api);
    assert!(!status.changes_call_count() && !status.changes_outline());
    let entry = Edit::SetEntry {
        owner: owner.clone(),
        field: Field::ResponseTemplates,
        key: "text/plain".into(),
        value: Some(Entry::Text("$context.error.message".into())),
    };
    assert_eq!(entry.label(), "set text/plain of gateway response DEFAULT_4XX");
    assert_eq!(entry.scope(), apigw_core::command::Scope::Api);
    for edit in [status, entry] {
        edit.apply(&mut design).unwrap();
    }
    let r = &design.gateway_responses["DEFAULT_4XX"];
    assert_eq!(r.status_code.as_deref(), Some("418"));
    assert_eq!(r.response_templates["text/plain"], "$context.error.message");

    // What is not there, or not a field of a gateway response, is refused and changes nothing.
    let before = design.clone();
    let missing = Owner::GatewayResponse { response_type: "THROTTLED".into() };
    for (edit, says) in [
        (
            Edit::SetField {
                owner: missing.clone(),
                field: Field::StatusCode,
                value: FieldValue::Text(None),
            },
            "there is no gateway response THROTTLED",
        ),
        (
            Edit::SetEntry {
                owner: missing,
                field: Field::ResponseTemplates,
                key: "a/b".into(),
                value: None,
            },
            "there is no gateway response THROTTLED",
        ),
        (
            Edit::SetField {
                owner: owner.clone(),
                field: Field::Uri,
                value: FieldValue::Text(None),
            },
            "uri is not a field of gateway response DEFAULT_4XX",
        ),
        (
            Edit::SetEntry {
                owner: owner.clone(),
                field: Field::ResponseParameters,
                key: "gatewayresponse.header.X".into(),
                value: Some(Entry::Flag(true)),
            },
            "this map holds text, not flags",
        ),
        (
            Edit::SetField {
                owner: owner.clone(),
                field: Field::StatusCode,
                value: FieldValue::Flag(true),
            },
            "wrong kind of value for statusCode",
        ),
        (
            Edit::RenameEntry {
                owner: owner.clone(),
                field: Field::ResponseTemplates,
                from: "text/plain".into(),
                to: "application/json".into(),
            },
            "`application/json` exists already",
        ),
        (
            Edit::RenameEntry {
                owner,
                field: Field::ResponseTemplates,
                from: "text/html".into(),
                to: "text/xml".into(),
            },
            "there is no `text/html`",
        ),
    ] {
        let label = edit.label();
        assert_eq!(edit.apply(&mut design).unwrap_err().0, says, "{label}");
        assert_eq!(design, before, "{label}");
    }
}

#[test]
fn gateway_responses_point_into_the_design_document_and_their_plan() {
    use apigw_core::diagnostic::Target;
    let owner = Owner::GatewayResponse { response_type: "DEFAULT_4XX".into() };
    assert_eq!(Target::of(owner.clone()).design_pointer(), "/gatewayResponses/DEFAULT_4XX");
    assert_eq!(
        Target::field(owner.clone(), Field::StatusCode).design_pointer(),
        "/gatewayResponses/DEFAULT_4XX/statusCode"
    );
    assert_eq!(
        Target::key(owner.clone(), Field::ResponseTemplates, "application/json").design_pointer(),
        "/gatewayResponses/DEFAULT_4XX/responseTemplates/application~1json"
    );
    assert_eq!(
        Target::of(Owner::GatewayResponse { response_type: "a/b~c".into() }).design_pointer(),
        "/gatewayResponses/a~1b~0c"
    );
    assert_eq!(document::owner_label(&owner), "gateway response DEFAULT_4XX");
    assert_eq!((owner.method_key(), owner.resource_path()), (None, None));
    assert_eq!(Field::from_name("gatewayResponses"), Some(Field::GatewayResponses));
    assert_eq!(
        serde_json::to_value(&owner).unwrap(),
        serde_json::json!({"kind": "gatewayResponse", "responseType": "DEFAULT_4XX"})
    );

    // The plan puts them with the API-level calls, and reads them back, each problem pointing
    // at the call that would fail.
    let mut design = sample();
    design.gateway_responses.get_mut("DEFAULT_4XX").unwrap().status_code = Some("4xx".into());
    let calls = plan::build(&design);
    let models = calls.iter().rposition(|c| c.operation() == "CreateModel").unwrap();
    assert_eq!(calls[models + 1].operation(), "PutGatewayResponse");
    assert_eq!(calls[models + 2].operation(), "CreateResource");
    assert_eq!(calls[models + 1].boto3_name(), "put_gateway_response");
    assert_eq!(calls[models + 1].cli_name(), "put-gateway-response");
    assert_eq!(plan::call_count(&design), calls.len());
    let text = plan::to_plan_json(&design.api, &calls);
    let loaded = document::load(&text).unwrap();
    assert_eq!(loaded.kind, Kind::Plan);
    assert_eq!(loaded.design, design);
    let problem = loaded
        .diagnostics()
        .into_iter()
        .find(|d| d.name == "gateway-response-status-code-invalid")
        .unwrap();
    assert_eq!(loaded.pointer(&problem), format!("/calls/{}/params/statusCode", models + 1));
    let unknown =
        text.replace("\"responseType\": \"DEFAULT_4XX\"", "\"responseType\": \"DEFAULT_4xx\"");
    let loaded = document::load(&unknown).unwrap();
    let problem = loaded
        .diagnostics()
        .into_iter()
        .find(|d| d.name == "gateway-response-type-unknown")
        .unwrap();
    assert_eq!(loaded.pointer(&problem), format!("/calls/{}/params/responseType", models + 1));
    // A PutGatewayResponse's parameters are checked as botocore checks them.
    let wrong = text.replace("\"statusCode\": \"4xx\"", "\"statusCode\": 400");
    let loaded = document::load(&wrong).unwrap();
    assert!(
        loaded
            .import_diagnostics
            .iter()
            .any(|d| d.message
                == "`statusCode` of PutGatewayResponse must be a string, not an integer"),
        "{:#?}",
        loaded.import_diagnostics
    );
}

#[test]
fn a_gateway_response_of_the_wrong_shape_is_named_in_plain_words() {
    let doc =
        r#"{"format": "apigw-design/1", "gatewayResponses": {"DEFAULT_4XX": {"statusCode": 400}}}"#;
    let e = document::load(doc).unwrap_err();
    assert_eq!(
        e.message,
        "`statusCode` must be text in double quotes, for example \"GET\"; it is the number 400 (at /gatewayResponses/DEFAULT_4XX/statusCode)"
    );
    assert_eq!((e.line, e.column), (1, 81));
    let doc = r#"{"format": "apigw-design/1", "gatewayResponses": {"DEFAULT_4XX": {"responseTemplate": {}}}}"#;
    let e = document::load(doc).unwrap_err();
    assert!(
        e.message.starts_with(
            "`responseTemplate` is not a field of a gateway response; did you mean `responseTemplates`?"
        ),
        "{}",
        e.message
    );
}

//! Browser tests of the app and of apigw-core on wasm32, run by wasm-bindgen-test in headless
//! Chromium (`cargo xtask test`).

use apigw_designer::{App, preview};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = "apigw-designer/design";

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Mounts the app into a fresh element and returns it with its handle.
async fn mount() -> (web_sys::HtmlElement, impl Drop) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    // Each test starts from what local storage holds, as on a first visit after an earlier
    // version of the app: IndexedDB is emptied first.
    apigw_designer::storage::Db::delete_all().await.unwrap();
    let start = apigw_designer::persistence::load_initial().await;
    let handle =
        leptos::mount::mount_to(host.clone(), move || leptos::view! { <App start=start /> });
    leptos::task::tick().await;
    (host, handle)
}

/// The status bar's text once the design's check, which runs after the first paint, is done.
async fn checked_status(host: &web_sys::HtmlElement) -> String {
    for _ in 0..200 {
        let status = host.query_selector(".statusbar").unwrap().unwrap().text_content().unwrap();
        if !status.contains("Checking") {
            return status;
        }
        apigw_designer::io::sleep(10).await;
    }
    panic!("the design's check did not complete in 2 s");
}

#[wasm_bindgen_test]
async fn the_example_opens_with_its_tree_preview_and_no_problems() {
    storage().remove_item(KEY).unwrap();
    apigw_designer::io::set_fragment("GET /pets");
    let (host, _handle) = mount().await;
    let rows = host.query_selector_all(".tree-row").unwrap().length();
    assert!(rows >= 9, "tree rows: {rows}");
    let status = checked_status(&host).await;
    assert!(status.contains("0 errors"), "{status}");
    assert!(host.query_selector(".preview .call").unwrap().is_some());
    host.remove();
}

/// A stored design is painted first and checked just after: the status bar says so, then
/// shows the design's problems.
#[wasm_bindgen_test]
async fn a_stored_design_is_painted_first_and_checked_just_after() {
    let design = r#"{"format":"apigw-design/1","api":{"name":"Later"},
        "resources":{"/a":{"methods":{"GET":{"integration":{"type":"BOGUS"}}}}}}"#;
    storage().set_item(KEY, design).unwrap();
    apigw_designer::io::set_fragment("GET /a");
    let (host, _handle) = mount().await;
    let status = host.query_selector(".statusbar").unwrap().unwrap().text_content().unwrap();
    assert!(status.contains("Checking"), "{status}");
    let status = checked_status(&host).await;
    assert!(status.contains(" 1 error") && !status.contains("1 errors"), "{status}");
    let problems = host.query_selector(".problems-panel").unwrap().unwrap().text_content().unwrap();
    assert!(problems.contains("AG301") && problems.contains("BOGUS"), "{problems}");
    host.remove();
}

#[wasm_bindgen_test]
async fn user_strings_render_as_text_never_as_markup() {
    let payload = "<img src=x onerror=alert(1)>";
    let design = format!(
        r#"{{"format":"apigw-design/1","api":{{"name":"<script>alert(1)</script>"}},
            "resources":{{"/{payload}":{{"methods":{{"GET":{{"operationName":"<b>x</b>",
              "integration":{{"type":"MOCK","requestTemplates":{{"application/json":"<iframe src=javascript:alert(1)>"}}}}}}}}}}}}}}"#
    );
    storage().set_item(KEY, &design).unwrap();
    // Open the method, so the template editor and the preview show the payloads too.
    apigw_designer::io::set_fragment(&format!("GET /{payload}"));
    let (host, _handle) = mount().await;
    assert!(
        host.query_selector("textarea.template").unwrap().is_some(),
        "the template editor is shown"
    );
    assert!(
        host.query_selector("iframe").unwrap().is_none(),
        "markup was injected from a template"
    );
    assert!(host.query_selector("img, script, b").unwrap().is_none(), "markup was injected");
    let text = host.text_content().unwrap();
    assert!(text.contains(payload), "the payload is shown as text");
    assert!(text.contains("<script>alert(1)</script>"));
    host.remove();
    storage().remove_item(KEY).unwrap();
}

#[wasm_bindgen_test]
async fn an_unreadable_saved_design_is_kept_aside_and_reported() {
    storage().set_item(KEY, "{ not json").unwrap();
    let (host, _handle) = mount().await;
    let notice =
        host.query_selector(".notice").unwrap().expect("a notice is shown").text_content().unwrap();
    assert!(notice.contains("could not be read"), "{notice}");
    assert_eq!(
        storage().get_item("apigw-designer/unreadable-backup").unwrap().as_deref(),
        Some("{ not json")
    );
    host.remove();
    storage().remove_item(KEY).unwrap();
}

#[wasm_bindgen_test]
fn json_highlighting_classifies_keys_strings_numbers_and_literals() {
    let tokens = preview::tokens("{\"a\": \"b\", \"n\": 12, \"t\": true}");
    let classes: Vec<(&str, &str)> =
        tokens.iter().filter(|(c, _)| *c != "p").map(|(c, t)| (*c, t.as_str())).collect();
    assert_eq!(
        classes,
        vec![
            ("k", "\"a\""),
            ("s", "\"b\""),
            ("k", "\"n\""),
            ("n", "12"),
            ("k", "\"t\""),
            ("b", "true")
        ]
    );
}

const FIXTURES: &[(&str, &str)] = &[
    ("petstore", include_str!("../fixtures/designs/petstore.json")),
    ("lambda-proxy", include_str!("../fixtures/designs/lambda-proxy.json")),
    ("aws-service", include_str!("../fixtures/designs/aws-service.json")),
    ("vpc-link", include_str!("../fixtures/designs/vpc-link.json")),
    ("authorizers", include_str!("../fixtures/designs/authorizers.json")),
    ("validators-models", include_str!("../fixtures/designs/validators-models.json")),
    ("streaming", include_str!("../fixtures/designs/streaming.json")),
];

#[wasm_bindgen_test]
fn apigw_core_validates_and_plans_the_fixtures_on_wasm32() {
    for (name, text) in FIXTURES {
        let design = apigw_core::document::design_from_str(text).unwrap();
        assert!(apigw_core::validate(&design).iter().all(|d| !d.is_error()), "{name}");
        let calls = apigw_core::plan::build(&design);
        let plan = apigw_core::plan::to_plan_json(&design.api, &calls);
        let back = apigw_core::document::load(&plan).unwrap();
        assert_eq!(back.design, design, "{name} round-trips through its plan on wasm32");
    }
}

#[wasm_bindgen_test]
fn apigw_core_rules_fire_on_wasm32() {
    let text = r#"{"format":"apigw-design/1","resources":{"/{proxy+}/child":{},"/pets{id}":{}}}"#;
    let names: Vec<&str> =
        apigw_core::document::load(text).unwrap().diagnostics().iter().map(|d| d.name).collect();
    assert!(names.contains(&"greedy-parameter-has-children"));
    assert!(names.contains(&"path-parameter-not-whole-segment"));
}

#[wasm_bindgen_test]
fn the_incremental_checker_agrees_with_validation_on_wasm32() {
    use apigw_core::command::{Field, FieldValue};
    let mut design = apigw_core::generate::generate(300, 3);
    let mut checker = apigw_core::Checker::new(&design);
    let (path, verb) = design
        .resources
        .iter()
        .find_map(|(p, r)| r.methods.keys().next().map(|v| (p.clone(), v.clone())))
        .unwrap();
    let edit = apigw_core::Edit::SetField {
        owner: apigw_core::diagnostic::Owner::integration(&path, &verb),
        field: Field::TimeoutInMillis,
        value: FieldValue::Number(Some(5)),
    };
    let scope = edit.scope();
    edit.apply(&mut design).unwrap();
    checker.update(&design, &scope);
    let whole = apigw_core::validate(&design);
    assert!(whole.iter().any(|d| d.code == "AG315"), "the timeout is out of range");
    assert_eq!(checker.iter().cloned().collect::<Vec<_>>(), whole);
}

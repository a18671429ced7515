//! The mapping-template engine against AWS's recorded outputs: every case of `tests/vtl/*.json`
//! that holds what API Gateway really rendered (`expected`, the exact text; `expected_json`,
//! the text read as JSON, where only that was recorded; `expected_overrides`, what the template
//! set in `$context.requestOverride` / `responseOverride`) must render to exactly that. The
//! other cases are compared with LocalStack and velocityjs by `tests/peers/vtl.py`.

use apigw_core::vtl::{self, Env, Limits, Rendered};
use serde_json::{Value, json};
use std::path::PathBuf;

/// The `$context` every case starts from, as `apigw template` and `tests/peers/vtl.py` give it.
fn default_context() -> Value {
    vtl::test_context()
}

fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                match into.get_mut(key) {
                    Some(slot) if slot.is_object() && value.is_object() => merge(slot, value),
                    _ => {
                        into.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

fn pairs(case: &Value, key: &str) -> Vec<(String, String)> {
    case.get(key)
        .and_then(Value::as_object)
        .map(|m| {
            m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect()
        })
        .unwrap_or_default()
}

fn env(case: &Value) -> Env {
    let mut context = default_context();
    if let Some(patch) = case.get("context") {
        merge(&mut context, patch);
    }
    Env {
        body: case.get("body").and_then(Value::as_str).unwrap_or_default().to_string(),
        path: pairs(case, "path"),
        querystring: pairs(case, "querystring"),
        header: pairs(case, "header"),
        context,
        stage_variables: pairs(case, "stageVariables"),
    }
}

fn object(pairs: &[(String, String)]) -> Value {
    Value::Object(pairs.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect())
}

/// The overrides in the shape `apigw template --format json` prints them.
fn overrides(rendered: &Rendered) -> Value {
    let o = &rendered.overrides;
    json!({
        "requestOverride": {
            "header": object(&o.request_header),
            "querystring": object(&o.request_querystring),
            "path": object(&o.request_path),
        },
        "responseOverride": { "status": o.response_status, "header": object(&o.response_header) },
    })
}

/// Every key of `expected` is in `actual` with that value.
fn contains(actual: &Value, expected: &Value) -> bool {
    match expected {
        Value::Object(keys) => {
            keys.iter().all(|(k, v)| actual.get(k).is_some_and(|found| contains(found, v)))
        }
        _ => actual == expected,
    }
}

/// How the render differs from AWS's record, or None.
fn mismatch(case: &Value, source: &str) -> Option<String> {
    let env = env(case);
    let rendered =
        match std::panic::catch_unwind(|| vtl::render_text(source, &env, Limits::default())) {
            Ok(Ok(rendered)) => rendered,
            Ok(Err(error)) => {
                return Some(format!(
                    "failed at {}:{}: {} (AWS rendered it)",
                    error.line, error.column, error.message
                ));
            }
            Err(_) => return Some("the engine panicked".into()),
        };
    let mut problems = Vec::new();
    if let Some(Value::String(expected)) = case.get("expected")
        && rendered.output != *expected
    {
        problems.push(format!("AWS:   {expected:?}\napigw: {:?}", rendered.output));
    }
    if let Some(expected) = case.get("expected_json") {
        match serde_json::from_str::<Value>(&rendered.output) {
            Ok(found) if found == *expected => {}
            _ => problems.push(format!("AWS (as JSON): {expected}\napigw: {:?}", rendered.output)),
        }
    }
    if let Some(expected) = case.get("expected_overrides") {
        let found = overrides(&rendered);
        if !contains(&found, expected) {
            problems.push(format!("AWS's overrides: {expected}\napigw's: {found}"));
        }
    }
    if problems.is_empty() { None } else { Some(problems.join("\n")) }
}

#[test]
fn every_case_with_aws_output_renders_exactly_to_it() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vtl");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut checked, mut total) = (0, 0);
    let mut failures = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let cases: Vec<Value> = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not a JSON array of cases: {e}", file.display()));
        for case in &cases {
            total += 1;
            let name = case["name"].as_str().expect("every case has a name");
            assert!(names.insert(name.to_string()), "case name {name} appears twice");
            assert!(case.get("source").is_some(), "{name} has no source");
            let source = case["template"].as_str().expect("every case has a template");
            if ["expected", "expected_json", "expected_overrides"]
                .iter()
                .all(|k| case.get(*k).is_none())
            {
                continue;
            }
            checked += 1;
            if let Some(diff) = mismatch(case, source) {
                failures.push(format!("{name}:\n{diff}"));
            }
        }
    }
    assert!(total >= 150, "the corpus has {total} cases; it should keep at least 150");
    assert!(checked >= 30, "only {checked} cases hold AWS's output");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases with AWS's recorded output render differently:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

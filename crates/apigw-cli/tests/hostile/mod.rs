//! Hostile names and values in every field that reaches an export, through every exporter.
//!
//! The corpus (`tests/hostile/corpus.json`) holds line breaks, NUL, `$( )`, backticks, both
//! quotes, `${IFS}`, terminal escapes, markup and a very long value. For each, a design is built
//! with that value in every text field, every list and every map key the design document has
//! (walked from `apigw_core::schema::DESIGN`, so a new field is covered without a change here).
//! Then, through the `apigw` binary:
//! - the CLI script runs in bash with `tests/hostile/fakebin` as its only PATH: `aws` records
//!   its arguments, every other common command is a tripwire. Nothing but `aws` may run, no
//!   canary file may appear, and every `aws` call must receive exactly the plan's parameters;
//! - the design document, the plan and the OpenAPI export read back to the same thing;
//! - `validate`'s text output stays one `FILE:POINTER:` line per problem, with no control
//!   character a terminal would act on;
//! - `merge` into an empty design lists one safe line per change and keeps every value.
//! - `bulk` replacing the value lists one safe line per method.

use super::apigw;
use apigw_core::diagnostic::Phase;
use apigw_core::schema::{self, Kind, Shape};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The corpus, with `CANARY` made an absolute path and `LONG` a value of 100,000 characters.
fn corpus(canary: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/hostile/corpus.json")).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    value["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let v = v.as_str().unwrap();
            if v == "LONG" {
                format!("long {}", "$(touch CANARY)\n'\"`;".repeat(3_200))
            } else {
                v.to_string()
            }
            .replace("CANARY", &canary.display().to_string())
        })
        .collect()
}

/// A design document with `value` in every place the design document holds text.
fn hostile_design(value: &str) -> Value {
    fn fill(kind: Kind, value: &str, name: &str) -> Value {
        match kind {
            Kind::Text => json!(value),
            Kind::Bool => json!(true),
            Kind::WholeNumber => json!(1),
            Kind::TextList => json!([value, format!("{value}2")]),
            Kind::Map(inner, _) if name == "resources" => {
                // Resource paths start with `/`; a child shows a path of two hostile parts. (A
                // path is at most 10,240 characters, the longest URL API Gateway accepts.)
                let part: String = value.replace('/', "_").chars().take(2_000).collect();
                let mut map = Map::new();
                for path in ["/".to_string(), format!("/{part}"), format!("/{part}/{part}x")] {
                    map.insert(path, fill(*inner, value, ""));
                }
                Value::Object(map)
            }
            Kind::Map(inner, _) => {
                let mut map = Map::new();
                map.insert(value.to_string(), fill(*inner, value, ""));
                map.insert(format!("{value}2"), fill(*inner, value, ""));
                Value::Object(map)
            }
            Kind::Object(shape) => object(shape, value),
        }
    }
    fn object(shape: &Shape, value: &str) -> Value {
        Value::Object(
            shape
                .fields
                .iter()
                .map(|f| (f.name.to_string(), fill(f.kind, value, f.name)))
                .collect(),
        )
    }
    let mut doc = object(&schema::DESIGN, value);
    doc["format"] = json!("apigw-design/1");
    doc
}

/// The hostile design with valid verbs and status codes as the keys of methods and responses.
fn openapi_shaped(mut design: Value, value: &str) -> Value {
    fn rekey(map: &mut Value, keys: [&str; 2], value: &str) {
        let Some(object) = map.as_object_mut() else { return };
        for (old, new) in [value.to_string(), format!("{value}2")].iter().zip(keys) {
            if let Some(v) = object.shift_remove(old) {
                object.insert(new.to_string(), v);
            }
        }
    }
    for resource in design["resources"].as_object_mut().unwrap().values_mut() {
        rekey(&mut resource["methods"], ["GET", "POST"], value);
        for method in resource["methods"].as_object_mut().unwrap().values_mut() {
            rekey(&mut method["methodResponses"], ["200", "404"], value);
            rekey(&mut method["integration"]["integrationResponses"], ["200", "404"], value);
        }
    }
    design
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn stdout(args: &[&str]) -> String {
    let out = apigw(args, None);
    assert!(out.status.success(), "apigw {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// `PutIntegrationResponse` → `put-integration-response`.
fn cli_name(operation: &str) -> String {
    let mut out = String::new();
    for (i, c) in operation.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The `aws` calls the fake recorded: each call's arguments, with an input read from standard
/// input put in place of `file:///dev/stdin`.
fn recorded(log: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(log).unwrap_or_default();
    let mut fields = bytes.split(|b| *b == 0).map(|f| String::from_utf8(f.to_vec()).unwrap());
    let mut calls = Vec::new();
    while let Some(count) = fields.next() {
        let Ok(count) = count.parse::<usize>() else { break };
        let mut args: Vec<String> = (0..count).map(|_| fields.next().unwrap()).collect();
        if let Some(at) = args.iter().position(|a| a == "file:///dev/stdin") {
            assert_eq!(fields.next().as_deref(), Some("stdin"));
            args[at] = fields.next().unwrap();
        }
        calls.push(args);
    }
    calls
}

const ID_PARAMS: &[(&str, &str)] = &[
    ("restApiId", "--rest-api-id"),
    ("parentId", "--parent-id"),
    ("resourceId", "--resource-id"),
    ("authorizerId", "--authorizer-id"),
    ("requestValidatorId", "--request-validator-id"),
];

/// Runs the exported script with nothing but the fakes on PATH and checks every `aws` call
/// against the plan's calls.
fn run_script(dir: &Path, script: &str, plan: &Value, canary: &Path, label: &str) {
    let script_path = write(dir, "deploy.sh", script);
    let log = dir.join("aws.log");
    let _ = std::fs::remove_file(&log);
    let _ = std::fs::remove_file(dir.join("aws.log.count"));
    let out = Command::new("/bin/bash")
        .arg(&script_path)
        .arg("API123")
        .env_clear()
        .env("PATH", root().join("tests/hostile/fakebin"))
        .env("FAKE_AWS_LOG", &log)
        .current_dir(dir)
        .output()
        .unwrap();
    let ran = dir.join("aws.log.ran");
    assert!(
        !ran.exists(),
        "{label}: the script ran commands other than aws: {}",
        std::fs::read_to_string(&ran).unwrap_or_default()
    );
    assert!(!canary.exists(), "{label}: the script created the canary file");
    assert!(
        out.status.success(),
        "{label}: the script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let calls = recorded(&log);
    let planned = plan["calls"].as_array().unwrap();
    assert_eq!(
        calls.len(),
        planned.len() + 1,
        "{label}: one aws call per planned call, and the root's lookup"
    );
    assert_eq!(
        calls[0][..4],
        ["apigateway", "get-resources", "--rest-api-id", "API123"],
        "{label}"
    );
    // The ids the fake handed out, by the placeholder each creation stands for.
    let mut ids: std::collections::HashMap<String, String> =
        [("@api".to_string(), "API123".to_string()), ("@/".to_string(), "rootid".to_string())]
            .into();
    let mut created = 0;
    for (index, (call, args)) in planned.iter().zip(&calls[1..]).enumerate() {
        let operation = call["operation"].as_str().unwrap();
        let mut params = call["params"].as_object().unwrap().clone();
        // Ids travel as flags; everything else in the JSON input.
        let mut expected = vec!["apigateway".to_string(), cli_name(operation)];
        for (param, flag) in ID_PARAMS {
            if let Some(Value::String(id)) = params.shift_remove(*param) {
                let value = ids.get(&id).cloned().unwrap_or_else(|| {
                    panic!("{label}: call {index} refers to {id:?}, not created")
                });
                expected.extend([flag.to_string(), value]);
            }
        }
        expected.push("--cli-input-json".into());
        let input = args.get(expected.len()).cloned().unwrap_or_default();
        let sent: Value = serde_json::from_str(&input).unwrap_or_else(|e| {
            panic!("{label}: call {index}: --cli-input-json is not JSON ({e})")
        });
        assert_eq!(
            sent,
            Value::Object(params.clone()),
            "{label}: call {index} {operation}: the parameters"
        );
        expected.push(input);
        let original = &call["params"];
        let text = |key: &str| original[key].as_str().unwrap_or_default();
        let placeholder = match operation {
            "CreateResource" => Some(format!(
                "@{}",
                apigw_core::path::child(text("parentId").trim_start_matches('@'), text("pathPart"))
            )),
            "CreateAuthorizer" => Some(format!("@authorizer:{}", text("name"))),
            "CreateRequestValidator" => Some(format!("@validator:{}", text("name"))),
            _ => None,
        };
        if let Some(placeholder) = placeholder {
            created += 1;
            ids.insert(placeholder, format!("id{created}"));
            expected.extend(["--query", "id", "--output", "text"].map(String::from));
        }
        assert_eq!(args, &expected, "{label}: call {index} {operation}: the arguments");
    }
}

#[test]
fn hostile_names_stay_inert_in_every_export() {
    let dir = std::env::temp_dir().join(format!("apigw-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let canary = dir.join("canary");
    for (n, value) in corpus(&canary).iter().enumerate() {
        let label = format!("value {n} ({:?})", value.chars().take(40).collect::<String>());
        let design = hostile_design(value);
        let file = write(&dir, "design.json", &serde_json::to_string_pretty(&design).unwrap());

        // The design loads with every hostile value in place.
        let loaded = apigw_core::document::load(&std::fs::read_to_string(&file).unwrap())
            .unwrap_or_else(|e| panic!("{label}: the hostile design does not load: {e}"));
        assert_eq!(loaded.design.api.name, *value, "{label}");
        // A gateway response of a hostile type, holding hostile headers and templates.
        let hostile_type = &loaded.design.gateway_responses[value.as_str()];
        assert_eq!(hostile_type.status_code.as_deref(), Some(value.as_str()), "{label}");
        assert!(hostile_type.response_templates.contains_key(value.as_str()), "{label}");

        // The design document reads back to the same design.
        let again = stdout(&["export", &file, "--to", "design"]);
        assert_eq!(
            apigw_core::document::load(&again).unwrap().design,
            loaded.design,
            "{label}: design"
        );

        // The plan reads back to a design whose plan is the same, byte for byte.
        let plan_text = stdout(&["plan", &file]);
        let plan: Value = serde_json::from_str(&plan_text).unwrap();
        let from_plan = apigw_core::document::load(&plan_text).unwrap().design;
        let replanned =
            apigw_core::plan::to_plan_json(&from_plan.api, &apigw_core::plan::build(&from_plan));
        assert_eq!(replanned, plan_text, "{label}: plan");

        // OpenAPI: valid JSON that reads back. Where OpenAPI's own grammar names a thing (an
        // operation is a verb, a response a status code), those keys are made valid, so the
        // export is a fixed point of import and export with every other value hostile.
        let openapi = stdout(&["export", &file, "--to", "openapi"]);
        apigw_core::document::load(&openapi)
            .unwrap_or_else(|e| panic!("{label}: the OpenAPI export does not load: {e}"));
        let shaped = write(
            &dir,
            "shaped.json",
            &serde_json::to_string(&openapi_shaped(design.clone(), value)).unwrap(),
        );
        // (The importer writes enum values in capitals, as API Gateway does: one round trip
        // normalises them, and the second changes nothing.)
        let openapi = stdout(&["export", &shaped, "--to", "openapi"]);
        let once = apigw_core::document::load(&openapi)
            .unwrap_or_else(|e| panic!("{label}: the OpenAPI export does not load: {e}"));
        let normalised = apigw_core::openapi::export(&once.design);
        let twice = apigw_core::document::load(&normalised).unwrap().design;
        assert_eq!(apigw_core::openapi::export(&twice), normalised, "{label}: OpenAPI");
        assert_eq!(twice.api.name, *value, "{label}: the API's name in OpenAPI");

        // CloudFormation, JSON and YAML: the same design back (a template carries all of it,
        // the hostile deploy-time values in Metadata), logical ids of letters and digits only,
        // and no user text inside an expression CloudFormation would evaluate.
        for format in ["json", "yaml"] {
            let template = stdout(&["export", &file, "--to", "cloudformation", "--format", format]);
            let back = apigw_core::document::load(&template).unwrap_or_else(|e| {
                panic!("{label}: the CloudFormation {format} export does not load: {e}")
            });
            // (Saved test requests are the designer's own input: AWS exports leave them out.)
            let mut expected = loaded.design.clone();
            expected.clear_test_requests();
            assert_eq!(back.design, expected, "{label}: CloudFormation {format}");
            let (value, _) = apigw_core::document::parse_value(&template).unwrap();
            for (id, resource) in value["Resources"].as_object().unwrap() {
                assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()), "{label}: {id:?}");
                let mut stack = vec![resource];
                while let Some(v) = stack.pop() {
                    if let Some(Value::String(sub)) = v.get("Fn::Sub") {
                        assert!(
                            sub.starts_with("arn:${AWS::Partition}:execute-api:"),
                            "{label}: {sub}"
                        );
                    }
                    match v {
                        Value::Object(o) => stack.extend(o.values()),
                        Value::Array(a) => stack.extend(a),
                        _ => {}
                    }
                }
            }
        }

        // The CLI script runs nothing but aws, each call with the plan's parameters.
        let script = stdout(&["export", &file, "--to", "cli-script"]);
        if value.starts_with("long ") {
            // Inputs past the system's limit on one argument go through a here-doc.
            assert!(script.contains("--cli-input-json file:///dev/stdin"), "{label}");
            assert!(script.contains(" <<'APIGW_JSON'\n"), "{label}");
        }
        run_script(&dir, &script, &plan, &canary, &label);

        // A stage of the design deployed by name, with a hostile description and hostile
        // variables (names and values): the plan ends with its deployment, which reads back
        // into the stage, and the script sends it as the plan says.
        let loaded_stage = &loaded.design.stages[value.as_str()];
        assert!(loaded_stage.variables.contains_key(value.as_str()), "{label}");
        let mut staged = design.clone();
        staged["stages"]["dev"] = staged["stages"][value.as_str()].clone();
        let staged_file = write(&dir, "staged.json", &serde_json::to_string(&staged).unwrap());
        let plan_text = stdout(&["plan", &staged_file, "--stage", "dev"]);
        let staged_plan: Value = serde_json::from_str(&plan_text).unwrap();
        let last = staged_plan["calls"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["operation"], "CreateDeployment", "{label}");
        assert_eq!(last["params"]["stageDescription"], json!(value), "{label}");
        assert_eq!(last["params"]["variables"][value.as_str()], json!(value), "{label}");
        let from_plan = apigw_core::document::load(&plan_text).unwrap().design;
        assert_eq!(from_plan.stages["dev"], *loaded_stage, "{label}: the stage through its plan");
        let script = stdout(&["export", &staged_file, "--to", "cli-script", "--stage", "dev"]);
        run_script(&dir, &script, &staged_plan, &canary, &format!("{label}, stage dev"));
        // A hostile stage name is refused, said safely, before anything is written (no
        // argument carries a NUL, or 100,000 characters).
        if !value.contains('\0')
            && value.len() < 100_000
            && apigw_core::grammar::stage_name(value).is_err()
        {
            let out = apigw(&["plan", &staged_file, "--stage", value], None);
            assert_eq!(out.status.code(), Some(2), "{label}: --stage {value:?}");
            assert!(out.stdout.is_empty(), "{label}");
            let said = String::from_utf8(out.stderr).unwrap();
            assert!(
                !said.contains(['\r', '\0', '\u{1b}', '\u{7}', '\u{2028}', '\u{202e}', '\u{85}']),
                "{label}: a control character in the refusal"
            );
        }

        // merge: every hostile item is listed on one line of its own, with nothing a terminal
        // acts on, and everything merged reads back as it was.
        let empty = write(&dir, "empty.json", r#"{"format": "apigw-design/1"}"#);
        let out = apigw(&["merge", &empty, &file], None);
        assert!(out.status.success(), "{label}: merge: {}", String::from_utf8_lossy(&out.stderr));
        let changes = String::from_utf8(out.stderr).unwrap();
        for line in changes.lines() {
            assert!(
                line.starts_with("+ ")
                    || line.starts_with("~ ")
                    || line.starts_with("apigw: warning: "),
                "{label}: merge: a line that is not a change: {line:?}"
            );
            assert!(
                !line.contains(['\r', '\0', '\u{1b}', '\u{7}', '\u{2028}', '\u{202e}', '\u{85}']),
                "{label}: a control character in merge's output"
            );
        }
        let merged = apigw_core::document::load(&String::from_utf8(out.stdout).unwrap())
            .unwrap_or_else(|e| panic!("{label}: the merged design does not load: {e}"))
            .design;
        // A merge takes no live ids from the file (they name another API's resources).
        let mut without_ids = loaded.design.resources.clone();
        without_ids.values_mut().for_each(|r| r.id = None);
        assert_eq!(merged.resources, without_ids, "{label}: merge");
        assert_eq!(merged.authorizers, loaded.design.authorizers, "{label}: merge");
        assert_eq!(merged.models, loaded.design.models, "{label}: merge");
        assert_eq!(merged.gateway_responses, loaded.design.gateway_responses, "{label}: merge");
        // A merge keeps the design's stages (none here) and takes none from the file.
        assert!(merged.stages.is_empty(), "{label}: merge");
        assert_eq!(merged.api.name, *value, "{label}: merge");

        // bulk: a find and replace of the hostile value itself lists each method on one safe
        // line, and writes the value in its place everywhere it was.
        // (An argument cannot hold NUL, and the long values pass the limit on one argument.)
        if !value.contains('\0') && !value.starts_with("long ") {
            let out = apigw(&["bulk", &file, "--replace", value, "--with", "SAFE"], None);
            assert!(
                out.status.success(),
                "{label}: bulk: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            for line in String::from_utf8(out.stderr).unwrap().lines() {
                assert!(
                    !line.contains([
                        '\r', '\0', '\u{1b}', '\u{7}', '\u{2028}', '\u{202e}', '\u{85}'
                    ]),
                    "{label}: a control character in bulk's output"
                );
            }
            let replaced = apigw_core::document::load(&String::from_utf8(out.stdout).unwrap())
                .unwrap_or_else(|e| panic!("{label}: the bulk-edited design does not load: {e}"))
                .design;
            assert_eq!(
                replaced.resources.keys().collect::<Vec<_>>(),
                loaded.design.resources.keys().collect::<Vec<_>>(),
                "{label}: bulk"
            );
        }

        // validate's text output: one line per problem, its fix and when it fails, nothing a
        // terminal acts on.
        let out = apigw(&["validate", &file], None);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains(['\r', '\0', '\u{1b}', '\u{7}', '\u{2028}', '\u{202e}', '\u{85}']),
            "{label}: a control character in validate's output"
        );
        for line in text.lines() {
            assert!(
                line.starts_with(&file)
                    || line.starts_with("    fix: ")
                    || [Phase::Call, Phase::Deploy, Phase::Invoke, Phase::File]
                        .iter()
                        .any(|p| line.starts_with(&format!("    {}.", p.words()))),
                "{label}: a line that is neither a problem, its fix nor when it fails: {line:?}"
            );
        }
    }
    // The fake `aws`'s log of every call grows to hundreds of megabytes: gone once all passed.
    let _ = std::fs::remove_dir_all(&dir);
}

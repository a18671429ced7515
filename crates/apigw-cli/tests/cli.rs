//! The `apigw` binary, run as a user would: exit codes, formats, pointers, hostile input.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

mod hostile;

fn apigw(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apigw"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.unwrap_or_default().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/designs")
        .join(name)
        .display()
        .to_string()
}

fn temp(name: &str, content: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("apigw-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.display().to_string()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_valid_design_exits_0() {
    let out = apigw(&["validate", &fixture("petstore.json")], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("design accepted, 0 errors, 0 warnings"));
}

const BAD_PLAN: &str = r#"{"format":"apigw-plan/1","calls":[
 {"operation":"CreateResource","params":{"restApiId":"@api","parentId":"@/","pathPart":"pets"}},
 {"operation":"PutMethod","params":{"restApiId":"@api","resourceId":"@/pets","httpMethod":"GET","authorizationType":"NONE"}},
 {"operation":"PutIntegration","params":{"restApiId":"@api","resourceId":"@/pets","httpMethod":"GET","type":"AWS_PROXY",
   "integrationHttpMethod":"GET","uri":"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations",
   "timeoutInMillis":10}}]}"#;

#[test]
fn errors_exit_1_with_json_pointers_into_the_plan() {
    let out = apigw(&["validate", "-", "--format", "json"], Some(BAD_PLAN.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let found: Vec<(String, String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap().into(),
                d["severity"].as_str().unwrap().into(),
                d["pointer"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        found.contains(&(
            "lambda-requires-post".into(),
            "error".into(),
            "/calls/2/params/integrationHttpMethod".into()
        )),
        "{found:?}"
    );
    assert!(found.contains(&(
        "timeout-out-of-range".into(),
        "error".into(),
        "/calls/2/params/timeoutInMillis".into()
    )));
    for d in doc["diagnostics"].as_array().unwrap() {
        for key in ["code", "name", "severity", "pointer", "message"] {
            assert!(d.get(key).is_some(), "missing {key}");
        }
    }
}

#[test]
fn text_output_names_file_pointer_and_fix() {
    let path = temp("bad.json", BAD_PLAN.as_bytes());
    let out = apigw(&["validate", &path], None);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "{path}:/calls/2/params/integrationHttpMethod: error[AG304 lambda-requires-post]"
        )),
        "{text}"
    );
    assert!(text.contains("    fix: Set the integration's HTTP method to POST"));
}

#[test]
fn unreadable_json_exits_2_with_file_line_and_column() {
    let path = temp("broken.json", b"{\n  \"format\": \"apigw-plan/1\",\n  \"calls\": [,]\n}\n");
    let out = apigw(&["validate", &path], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{path}:3:13: expected a value: text in double quotes, a number, true, false, null, an object or a list"
        )),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one-line message: {err}");
}

#[test]
fn hostile_input_gives_exit_2_or_diagnostics_never_a_panic() {
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    // 50 MB: five 10 MB mapping templates, each far over API Gateway's 300 KB limit.
    let template = "x".repeat(10 * 1024 * 1024);
    let mut big = String::from("{\"format\":\"apigw-design/1\",\"resources\":{");
    for i in 0..5 {
        big.push_str(&format!(
            "\"/r{i}\":{{\"methods\":{{\"POST\":{{\"integration\":{{\"type\":\"MOCK\",\"requestTemplates\":{{\"application/json\":\"{template}\"}}}}}}}}}},"
        ));
    }
    big.push_str("\"/\":{}}}");
    assert!(big.len() >= 50 * 1024 * 1024);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("deep.json", deep.into_bytes()),
        ("big.json", big.into_bytes()),
        ("binary.json", vec![0xff, 0xfe, 0x00, 0x01]),
        ("types.json", br#"{"format":"apigw-plan/1","calls":[{"operation":"PutMethod","params":{"restApiId":1,"resourceId":[],"httpMethod":{},"authorizationType":null}}]}"#.to_vec()),
        ("empty.json", Vec::new()),
        ("other.json", br#"{"swagger":"1.2"}"#.to_vec()),
    ];
    for (name, content) in cases {
        let path = temp(name, &content);
        let out = apigw(&["validate", &path, "--format", "json"], None);
        let code = out.status.code();
        assert!(matches!(code, Some(1 | 2)), "{name}: exit {code:?} {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{name}: {}", stderr(&out));
        if code == Some(2) {
            assert!(
                stderr(&out).starts_with(&format!("apigw: {path}")),
                "{name}: {}",
                stderr(&out)
            );
        }
    }
}

#[test]
fn plan_and_export_round_trip_through_stdin() {
    let plan = apigw(&["plan", &fixture("aws-service.json")], None);
    assert_eq!(plan.status.code(), Some(0));
    let design = apigw(&["export", "-", "--to", "design"], Some(&plan.stdout));
    assert_eq!(design.status.code(), Some(0), "{}", stderr(&design));
    let direct = apigw(&["export", &fixture("aws-service.json"), "--to", "design"], None);
    assert_eq!(stdout(&design), stdout(&direct));
}

#[test]
fn the_wire_form_lists_method_path_and_body() {
    let out = apigw(&["plan", &fixture("lambda-proxy.json"), "--form", "wire"], None);
    let calls: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let put =
        calls.as_array().unwrap().iter().find(|c| c["operation"] == "PutIntegration").unwrap();
    assert_eq!(put["method"], "PUT");
    assert!(put["path"].as_str().unwrap().ends_with("/methods/ANY/integration"));
    assert_eq!(put["body"]["httpMethod"], "POST");
}

#[test]
fn every_command_has_help_and_bad_usage_exits_2() {
    for command in ["validate", "plan", "export", "rules", "generate", "merge"] {
        let out = apigw(&[command, "--help"], None);
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).starts_with(&format!("usage: apigw {command}")));
    }
    assert_eq!(apigw(&["--help"], None).status.code(), Some(0));
    assert_eq!(apigw(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(apigw(&["validate"], None).status.code(), Some(2));
    assert_eq!(apigw(&["validate", "x", "--color"], None).status.code(), Some(2));
    assert_eq!(apigw(&["validate", "/no/such/file"], None).status.code(), Some(2));
    assert_eq!(apigw(&["merge", "a.json"], None).status.code(), Some(2));
    assert_eq!(apigw(&["merge", "a.json", "b.json", "c.json"], None).status.code(), Some(2));
    assert_eq!(apigw(&["merge", "-", "-"], None).status.code(), Some(2));
    let out = apigw(&["merge", "a.json", "b.json", "--mode", "replace"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--mode must be merge or overwrite"), "{}", stderr(&out));
    assert!(stdout(&apigw(&["--help"], None)).contains("  merge BASE FILE"));
}

#[test]
fn openapi_exports_and_reads_back_in_json_and_yaml() {
    let out = apigw(&["export", &fixture("petstore.json"), "--to", "openapi"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("\"x-amazon-apigateway-integration\""));
    let back = apigw(&["export", "-", "--to", "design"], Some(text.as_bytes()));
    assert!(back.status.success(), "{}", stderr(&back));
    let design = apigw(&["export", &fixture("petstore.json"), "--to", "design"], None);
    let paths = |t: &str| {
        let v: serde_json::Value = serde_json::from_str(t).unwrap();
        v["resources"].as_object().unwrap().keys().cloned().collect::<Vec<_>>()
    };
    assert_eq!(paths(&stdout(&back)), paths(&stdout(&design)));
    let yaml =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/openapi/petstore.yaml");
    let out = apigw(&["validate", &yaml.display().to_string()], None);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("OpenAPI document accepted"));
}

#[test]
fn cloudformation_exports_in_json_and_yaml_and_reads_back_everywhere_a_file_is_read() {
    let design = stdout(&apigw(&["export", &fixture("lambda-proxy.json"), "--to", "design"], None));
    for format in ["json", "yaml"] {
        let out = apigw(
            &[
                "export",
                &fixture("lambda-proxy.json"),
                "--to",
                "cloudformation",
                "--format",
                format,
            ],
            None,
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("AWS::Lambda::Permission"), "{text}");
        let file = temp(&format!("template.{format}"), text.as_bytes());
        let back = apigw(&["export", &file, "--to", "design"], None);
        assert!(back.status.success(), "{}", stderr(&back));
        assert_eq!(stdout(&back), design, "{format}");
        let out = apigw(&["validate", &file], None);
        assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
        assert!(stdout(&out).contains("CloudFormation template accepted"), "{}", stdout(&out));
        let out = apigw(&["plan", &file], None);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = apigw(
        &["export", &fixture("petstore.json"), "--to", "cloudformation", "--format", "xml"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format must be json or yaml, not `xml`"), "{}", stderr(&out));
    let out =
        apigw(&["export", &fixture("petstore.json"), "--to", "openapi", "--format", "yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    // A broken template: its line and column.
    let file = temp(
        "broken-template.yaml",
        b"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Api:\n    Properties: {}\n",
    );
    let out = apigw(&["validate", &file], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("broken-template.yaml:3:"), "{}", stderr(&out));
}

#[test]
fn a_yaml_syntax_error_names_file_line_and_column() {
    let file = temp("broken.yaml", b"openapi: 3.0.1\npaths:\n  /a:\n    get: [\n");
    let out = apigw(&["validate", &file], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("broken.yaml:"), "{}", stderr(&out));
}

#[test]
fn generate_prints_a_deterministic_clean_design_of_the_asked_size() {
    let design = apigw(&["generate", "--methods", "250", "--seed", "7"], None);
    assert_eq!(design.status.code(), Some(0), "{}", stderr(&design));
    assert_eq!(stdout(&design), stdout(&apigw(&["generate", "--methods=250", "--seed=7"], None)));
    let value: serde_json::Value = serde_json::from_str(&stdout(&design)).unwrap();
    let methods: usize = value["resources"]
        .as_object()
        .unwrap()
        .values()
        .map(|r| r.get("methods").and_then(|m| m.as_object()).map_or(0, |m| m.len()))
        .sum();
    assert_eq!(methods, 250);
    // It validates clean, as a design and as its OpenAPI export.
    let file = temp("generated.json", stdout(&design).as_bytes());
    assert_eq!(apigw(&["validate", &file], None).status.code(), Some(0));
    let openapi = apigw(&["generate", "--methods", "250", "--seed", "7", "--to", "openapi"], None);
    let file = temp("generated-openapi.json", &openapi.stdout);
    let checked = apigw(&["validate", &file], None);
    assert_eq!(checked.status.code(), Some(0), "{}", stdout(&checked));
    // Bad usage names the option.
    let bad = apigw(&["generate", "--methods", "many"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--methods must be a whole number"), "{}", stderr(&bad));
    assert_eq!(apigw(&["generate"], None).status.code(), Some(2));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let apigw = env!("CARGO_BIN_EXE_apigw");
    // A large output is still being written when `head` closes the pipe; a small one may not
    // be. Either way: status 0 and nothing on standard error.
    for command in ["generate --methods 3000", "rules", "rules --format markdown"] {
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!("\"{apigw}\" {command} | head -1 > /dev/null; exit ${{PIPESTATUS[0]}}"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{command}");
    }
}

#[test]
fn a_write_that_fails_is_one_line_and_exit_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        println!("notice: /dev/full is absent; the full-disk case is skipped");
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_apigw")).arg("rules").stdout(full).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "apigw: cannot write to standard output: no space left on device\n");
}

#[test]
fn messages_name_the_place_in_the_users_words() {
    // Export without a format lists all four.
    let out = apigw(&["export", &fixture("petstore.json")], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--to plan, design, openapi, cloudformation or cli-script"),
        "{}",
        stderr(&out)
    );
    // A misspelt option or command: the nearest one.
    let out = apigw(&["validate", &fixture("petstore.json"), "--fromat", "json"], None);
    assert!(stderr(&out).starts_with("apigw: unknown option `--fromat`; did you mean `--format`?"));
    let out = apigw(&["valdiate"], None);
    assert!(stderr(&out).contains("did you mean `validate`?"), "{}", stderr(&out));
    // Every unreadable input has a line and a column, and no Rust words.
    let cases: [(&[u8], &str); 5] = [
        (b"", ":1:1: the file is empty"),
        (b"{\"format\":\"apigw-design/1\",\"api\":{\"nmae\":\"x\"}}", ":1:42: `nmae` is not a field of the API settings; did you mean `name`?"),
        (b"{\"format\":\"apigw-design/1\",\"resources\":{\"/\":{\"methods\":{\"GET\":{\"integration\":{\"timeoutInMillis\":\"10000\"}}}}}}", "`timeoutInMillis` must be a whole number, for example 29000; it is the text \"10000\""),
        (b"{\"a\":1}\n\xff", ":2:1: not UTF-8 text"),
        (b"{\"format\":\"apigw-plan/9\"}", ":1:11: unknown format `apigw-plan/9`"),
    ];
    for (input, expected) in cases {
        let path = temp("bad.json", input);
        let out = apigw(&["validate", &path], None);
        assert_eq!(out.status.code(), Some(2), "{expected}");
        let err = stderr(&out);
        assert!(err.contains(expected), "expected {expected:?} in {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        for jargon in ["invalid type", "expected i64", "struct", "EOF", "Utf8Error"] {
            assert!(!err.contains(jargon), "{err}");
        }
    }
    // A design with errors is still exported, with a warning that counts them.
    let path = temp(
        "errors.json",
        br#"{"format":"apigw-design/1","resources":{"/":{"methods":{"GET":{}}}}}"#,
    );
    for to in ["plan", "design", "openapi", "cloudformation", "cli-script"] {
        let out = apigw(&["export", &path, "--to", to], None);
        assert_eq!(out.status.code(), Some(0), "{to}");
        assert!(!out.stdout.is_empty(), "{to}");
        assert!(stderr(&out).starts_with("apigw: warning: "), "{to}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("has 1 error that API Gateway would reject"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn gateway_responses_are_checked_planned_and_exported() {
    let design = r#"{"format": "apigw-design/1", "api": {"name": "Errors", "endpointType": "REGIONAL"},
      "gatewayResponses": {
        "DEFAULT_4XX": {"responseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
                        "responseTemplates": {"application/json": "{\"message\":$context.error.messageString}"}},
        "UNAUTHORISED": {"statusCode": "401"}},
      "resources": {"/": {}}}"#;
    let file = temp("gateway-responses.json", design.as_bytes());

    // The misspelt type is an error, at its place in the file, with the nearest type.
    let out = apigw(&["validate", &file, "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let problems = report["diagnostics"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["code"], "AG513");
    assert_eq!(problems[0]["pointer"], "/gatewayResponses/UNAUTHORISED");
    assert!(problems[0]["message"].as_str().unwrap().ends_with("did you mean UNAUTHORIZED?"));

    // The plan puts each response; boto3, the AWS CLI and the wire name the operation alike.
    let plan: serde_json::Value =
        serde_json::from_str(&stdout(&apigw(&["plan", &file], None))).unwrap();
    let calls = plan["calls"].as_array().unwrap();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0]["operation"], "PutGatewayResponse");
    assert_eq!(
        calls[1]["params"],
        serde_json::json!({"restApiId": "@api", "responseType": "UNAUTHORISED", "statusCode": "401"})
    );
    let wire: serde_json::Value =
        serde_json::from_str(&stdout(&apigw(&["plan", &file, "--form", "wire"], None))).unwrap();
    assert_eq!(wire[1]["method"], "PUT");
    assert_eq!(wire[1]["path"], "/restapis/%40api/gatewayresponses/UNAUTHORISED");
    assert_eq!(wire[1]["body"], serde_json::json!({"statusCode": "401"}));
    let script = stdout(&apigw(&["export", &file, "--to", "cli-script"], None));
    assert!(
        script.contains("aws apigateway put-gateway-response --rest-api-id \"$API_ID\" --cli-input-json '{\"responseType\":\"UNAUTHORISED\",\"statusCode\":\"401\"}' > /dev/null"),
        "{script}"
    );

    // Every format reads them back.
    for to in ["design", "plan", "openapi"] {
        let exported = apigw(&["export", &file, "--to", to], None);
        let again = apigw(&["export", "-", "--to", "design"], Some(&exported.stdout));
        let back: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
        let original: serde_json::Value = serde_json::from_str(design).unwrap();
        assert_eq!(back["gatewayResponses"], original["gatewayResponses"], "through {to}");
    }
}

#[test]
fn stages_are_checked_and_deployed_by_plan_and_script_only_when_asked() {
    let design = r#"{"format": "apigw-design/1", "api": {"name": "Staged", "endpointType": "REGIONAL"},
      "stages": {"dev": {"description": "Development", "variables": {"backend": "dev.example.com"}}},
      "resources": {"/": {}, "/pets": {"methods": {"GET": {"authorizationType": "NONE",
        "integration": {"type": "HTTP_PROXY", "integrationHttpMethod": "GET",
          "uri": "http://${stageVariables.backend}/pets${stageVariables.suffix}"}}}}}}"#;
    let file = temp("stages.json", design.as_bytes());
    // The variable no stage defines is a warning at the URI that reads it.
    let out = apigw(&["validate", &file, "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let problems = report["diagnostics"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["code"], "AG523");
    assert_eq!(problems[0]["pointer"], "/resources/~1pets/methods/GET/integration/uri");
    assert!(problems[0]["message"].as_str().unwrap().contains("`suffix`"));
    // Without --stage no deployment; with it, the last call deploys the stage's variables.
    let plan: serde_json::Value =
        serde_json::from_str(&stdout(&apigw(&["plan", &file], None))).unwrap();
    assert!(plan["calls"].as_array().unwrap().iter().all(|c| c["operation"] != "CreateDeployment"));
    let plan: serde_json::Value =
        serde_json::from_str(&stdout(&apigw(&["plan", &file, "--stage", "dev"], None))).unwrap();
    let last = plan["calls"].as_array().unwrap().last().unwrap();
    assert_eq!(
        last["params"],
        serde_json::json!({"restApiId": "@api", "stageName": "dev", "stageDescription": "Development",
            "variables": {"backend": "dev.example.com"}})
    );
    let script = stdout(&apigw(&["export", &file, "--to", "cli-script", "--stage", "dev"], None));
    assert!(script.contains("aws apigateway create-deployment --rest-api-id \"$API_ID\" --cli-input-json '{\"stageName\":\"dev\",\"stageDescription\":\"Development\",\"variables\":{\"backend\":\"dev.example.com\"}}' > /dev/null"), "{script}");
    // A bad stage name, or a stage for a format that holds no deployment, is bad usage.
    let out = apigw(&["plan", &file, "--stage", "my stage"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds a space"));
    let out = apigw(&["export", &file, "--to", "openapi", "--stage", "dev"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--stage goes with --to plan or --to cli-script")
    );
    // The design document carries the stages; the plan with a deployment reads them back;
    // OpenAPI does not carry them.
    let original: serde_json::Value = serde_json::from_str(design).unwrap();
    for (args, carried) in [
        (vec!["export", &file, "--to", "design"], true),
        (vec!["plan", &file, "--stage", "dev"], true),
        (vec!["export", &file, "--to", "openapi"], false),
    ] {
        let exported = apigw(&args, None);
        let again = apigw(&["export", "-", "--to", "design"], Some(&exported.stdout));
        let back: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
        let expected = if carried { original["stages"].clone() } else { serde_json::Value::Null };
        assert_eq!(back["stages"], expected, "through {args:?}");
    }
}

/// Ours: a `/pets` GET that PetStore replaces, a DELETE it lacks, and a resource of our own.
const OURS: &str = r#"{"format": "apigw-design/1",
  "api": {"name": "Shop", "endpointType": "EDGE"},
  "resources": {
    "/": {},
    "/pets": {"methods": {
      "GET": {"methodResponses": {"200": {}}, "integration": {"type": "MOCK", "integrationResponses": {"200": {}}}},
      "DELETE": {"methodResponses": {"200": {}}, "integration": {"type": "MOCK", "integrationResponses": {"200": {}}}}}},
    "/legacy": {"methods": {"GET": {"methodResponses": {"200": {}}, "integration": {"type": "MOCK", "integrationResponses": {"200": {}}}}}}}}"#;

fn petstore_yaml() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/openapi/petstore.yaml")
        .display()
        .to_string()
}

#[test]
fn merge_lists_its_changes_and_prints_the_merged_design() {
    let base = temp("merge-ours.json", OURS.as_bytes());
    let out = apigw(&["merge", &base, &petstore_yaml()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<String> = stderr(&out).lines().map(String::from).collect();
    assert_eq!(
        lines,
        [
            "~ API settings",
            "+ model Pet",
            "+ model Pets",
            "+ GET /",
            "~ GET /pets",
            "+ OPTIONS /pets",
            "+ POST /pets",
            "+ /pets/{petId}",
            "+ GET /pets/{petId}",
            "+ OPTIONS /pets/{petId}",
        ]
    );
    // Ours stays, PetStore's methods are taken whole, the endpoint is ours.
    let merged = apigw_core::document::load(&stdout(&out)).unwrap().design;
    let petstore =
        apigw_core::document::load(&std::fs::read_to_string(petstore_yaml()).unwrap()).unwrap();
    assert!(merged.method("/legacy", "GET").is_some());
    assert!(merged.method("/pets", "DELETE").is_some());
    assert_eq!(merged.method("/pets", "GET"), petstore.design.method("/pets", "GET"));
    assert_eq!(merged.api.name, "PetStore");
    assert_eq!(merged.api.endpoint_type, "EDGE");

    // Overwrite: the design becomes PetStore, and the list says what goes.
    let out = apigw(&["merge", &base, &petstore_yaml(), "--mode", "overwrite"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stderr(&out);
    for line in ["- DELETE /pets", "- /legacy", "- GET /legacy", "~ GET /pets"] {
        assert!(text.lines().any(|l| l == line), "{line} not in {text}");
    }
    let result = apigw_core::document::load(&stdout(&out)).unwrap().design;
    assert_eq!(
        result.resources.keys().collect::<Vec<_>>(),
        petstore.design.resources.keys().collect::<Vec<_>>()
    );

    // Nothing to change: said once, the design printed as it is.
    let out = apigw(&["merge", &base, &base], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).starts_with("apigw: nothing to change: "), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1);
    assert_eq!(stdout(&out), stdout(&apigw(&["export", &base, "--to", "design"], None)));
}

#[test]
fn merge_json_gives_the_changes_and_the_design_or_writes_it_to_out() {
    let base = temp("merge-json-ours.json", OURS.as_bytes());
    let out = apigw(&["merge", &base, &petstore_yaml(), "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 10);
    assert_eq!(changes[4], serde_json::json!({"mark": "~", "what": "GET /pets"}));
    assert_eq!(report["design"]["format"], "apigw-design/1");
    assert!(report["design"]["resources"]["/legacy"].is_object());

    // With --out the design is written there, and the report only lists the changes.
    let path = temp("merged.json", b"");
    let yaml = std::fs::read(petstore_yaml()).unwrap();
    let args = ["merge", &base, "-", "--format=json", "--out", &path, "--mode", "overwrite"];
    let out = apigw(&args, Some(&yaml));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(report.get("design").is_none());
    assert!(
        report["changes"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!({"mark": "-", "what": "/legacy"}))
    );
    let written = std::fs::read_to_string(&path).unwrap();
    let design = apigw_core::document::load(&written).unwrap().design;
    assert!(!design.resources.contains_key("/legacy"));
    // Text output with --out: the changes on standard error, nothing on standard output.
    let out = apigw(&["merge", &base, &petstore_yaml(), "--out", &path], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("~ GET /pets"));
    assert!(std::fs::read_to_string(&path).unwrap().contains("\"/legacy\""));
}

#[test]
fn merge_names_the_unreadable_file_with_line_and_column() {
    let base = temp("merge-base.json", OURS.as_bytes());
    let broken =
        temp("merge-broken.json", b"{\n  \"format\": \"apigw-plan/1\",\n  \"calls\": [,]\n}\n");
    for args in [[&base, &broken], [&broken, &base]] {
        let out = apigw(&["merge", args[0], args[1]], None);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(stdout(&out), "");
        let err = stderr(&out);
        assert!(err.starts_with(&format!("apigw: {broken}:3:13: expected a value")), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let out = apigw(&["merge", &base, "/no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "apigw: /no/such/file.json: cannot read it: no such file or directory\n"
    );
    // An --out that cannot be written is one line and status 2.
    let out = apigw(&["merge", &base, &base, "--out", "/no/such/dir/out.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("apigw: /no/such/dir/out.json: cannot write it: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bulk_applies_one_change_to_the_methods_a_query_matches() {
    let petstore = fixture("petstore.json");
    let out = apigw(
        &["bulk", &petstore, "--where", "under /pets", "--set", "api-key-required=true"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<String> = stderr(&out).lines().map(String::from).collect();
    assert_eq!(
        lines,
        [
            "GET /pets: API key required",
            "POST /pets: API key required",
            "GET /pets/{petId}: API key required",
            "left alone: OPTIONS /pets: a CORS preflight stays open: browsers send it without an API key",
            "left alone: OPTIONS /pets/{petId}: a CORS preflight stays open: browsers send it without an API key",
            "apigw: Changes 3 methods.",
        ]
    );
    let design = apigw_core::document::load(&stdout(&out)).unwrap().design;
    assert!(design.method("/pets/{petId}", "GET").unwrap().api_key_required);
    assert!(!design.method("/", "GET").unwrap().api_key_required);

    // Find and replace over every method; a dry run writes nothing.
    let out = apigw(
        &[
            "bulk",
            &petstore,
            "--replace",
            "petstore.execute-api.us-east-1.amazonaws.com",
            "--with",
            "pets.example.com",
            "--dry-run",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("GET /pets/{petId}: 1 replacement (URI)"), "{}", stderr(&out));

    // Paste onto the resources a query matches.
    let out = apigw(
        &["bulk", &petstore, "--where", "under /pets/{petid}", "--paste", "POST /pets"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("+ POST /pets/{petId}: a copy of POST /pets\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bulk_says_what_is_wrong_with_its_arguments() {
    let petstore = fixture("petstore.json");
    for (args, expected) in [
        (
            vec!["--set", "timeout=soon"],
            "timeout is a whole number of milliseconds or default, not `soon`",
        ),
        (
            vec!["--set", "authoriser=X"],
            "--set cannot set `authoriser`; did you mean `authorizer`?",
        ),
        (vec!["--set", "timeout=5", "--cors", "'*'"], "give exactly one change"),
        (vec!["--replace", "x"], "--replace needs --with TEXT"),
        (vec!["--paste", "GET"], "--paste takes a method as `VERB /path`, not `GET`"),
    ] {
        let mut all = vec!["bulk", petstore.as_str()];
        all.extend(args);
        let out = apigw(&all, None);
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        assert!(stderr(&out).contains(expected), "{all:?}: {}", stderr(&out));
    }
    // An authorizer the design lacks leaves every method alone and says so.
    let out = apigw(&["bulk", &petstore, "--set", "authorizer=Nobody", "--dry-run"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("left alone: GET /pets: the design has no authorizer Nobody"));
    assert!(stderr(&out).ends_with("apigw: Nothing to change.\n"), "{}", stderr(&out));
}

/// A plan of one resource and one method, with `extra` calls after them.
fn small_plan(extra: &str) -> String {
    format!(
        r#"{{"format": "apigw-plan/1", "api": {{"name": "P"}}, "calls": [
  {{"operation": "CreateResource", "params": {{"restApiId": "@api", "parentId": "@/", "pathPart": "a"}}}},
  {{"operation": "PutMethod", "params": {{"restApiId": "@api", "resourceId": "@/a", "httpMethod": "GET", "authorizationType": "NONE"}}}}{extra}]}}"#
    )
}

#[test]
fn a_plan_names_the_call_api_gateway_rejects_and_leaves_deploy_failures_to_the_plan() {
    // A method without an integration: every call is accepted, CreateDeployment fails.
    let plan = temp("phase-deploy.json", small_plan("").as_bytes());
    let out = apigw(&["validate", &plan, "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "AG216");
    assert_eq!(d["phase"], "deploy");
    assert_eq!(d["pointer"], "", "a deploy failure belongs to the plan as a whole");
    assert_eq!(d["aws_message"], "No integration defined for method");
    let text = stdout(&apigw(&["validate", &plan], None));
    assert!(
        text.contains("    Deploy will fail. AWS says: \"No integration defined for method\"\n"),
        "{text}"
    );
    assert!(text.ends_with("plan accepted, but deploy fails, 1 error, 0 warnings\n"), "{text}");

    // Two default integration responses: API Gateway refuses the later PutIntegrationResponse.
    let responses = r#",
  {"operation": "PutIntegration", "params": {"restApiId": "@api", "resourceId": "@/a", "httpMethod": "GET", "type": "MOCK"}},
  {"operation": "PutMethodResponse", "params": {"restApiId": "@api", "resourceId": "@/a", "httpMethod": "GET", "statusCode": "200"}},
  {"operation": "PutMethodResponse", "params": {"restApiId": "@api", "resourceId": "@/a", "httpMethod": "GET", "statusCode": "500"}},
  {"operation": "PutIntegrationResponse", "params": {"restApiId": "@api", "resourceId": "@/a", "httpMethod": "GET", "statusCode": "200"}},
  {"operation": "PutIntegrationResponse", "params": {"restApiId": "@api", "resourceId": "@/a", "httpMethod": "GET", "statusCode": "500"}}"#;
    let plan = temp("phase-call.json", small_plan(responses).as_bytes());
    let out = apigw(&["validate", &plan, "--format", "json"], None);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "AG408", "{report}");
    assert_eq!(d["phase"], "call");
    assert_eq!(d["pointer"], "/calls/6/params/selectionPattern", "the later call is refused");
    assert_eq!(
        d["aws_message"],
        "Integration response with selection pattern default already exists"
    );
    let text = stdout(&apigw(&["validate", &plan], None));
    assert!(text.ends_with("plan rejected, 1 error, 0 warnings\n"), "{text}");

    // Advice carries no phase line, and its verdict is "accepted".
    let out = apigw(&["rules"], None);
    assert!(
        stdout(&out).lines().any(|l| l.starts_with("AG216 method-without-integration")
            && l.contains(" error    deploy ")),
        "{}",
        stdout(&out)
    );
}

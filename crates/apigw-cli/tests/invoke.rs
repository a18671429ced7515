//! `apigw invoke`, run as a user would: every integration type, API Gateway's error answers,
//! exit codes, and hostile input kept inert in text and valid in JSON.

use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Command, Output};

fn apigw(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apigw")).args(args).output().unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> String {
    root().join("fixtures/designs").join(name).display().to_string()
}

fn temp(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("apigw-invoke-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.display().to_string()
}

fn design(name: &str, mut value: Value) -> String {
    value["format"] = json!("apigw-design/1");
    temp(name, &value.to_string())
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `invoke … --format json` and reads the result.
fn invoke_json(args: &[&str]) -> Value {
    let mut all = vec!["invoke"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = apigw(&all);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)))
}

fn log_has(result: &Value, text: &str) -> bool {
    result["log"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|l| l.as_str().is_some_and(|l| l.split_once(" : ").map_or(l, |(_, t)| t) == text))
}

#[test]
fn petstore_get_pet_is_sent_to_its_http_back_end() {
    let backend = temp(
        "pet.json",
        r#"{"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": 7, "type": "dog"}}"#,
    );
    let result = invoke_json(&[
        &fixture("petstore.json"),
        "--method",
        "GET",
        "--path",
        "/pets/7",
        "--backend-response",
        &backend,
    ]);
    assert_eq!(result["status"], json!(200));
    assert_eq!(result["body"], json!(r#"{"id":7,"type":"dog"}"#));
    assert_eq!(result["headers"]["Access-Control-Allow-Origin"], json!("*"));
    assert_eq!(
        result["integrationRequest"],
        json!({
            "method": "GET",
            "uri": "http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets/7",
            "headers": { "x-amzn-apigateway-api-id": "a1b2c3d4e5", "User-Agent": "AmazonAPIGateway_a1b2c3d4e5" },
            "body": ""
        })
    );
    assert_eq!(result["log"][0], json!("Execution log for request test-request"));
    assert!(log_has(&result, "Method request path: {petId=7}"));
    assert!(log_has(&result, "Method completed with status: 200"));
}

#[test]
fn text_output_shows_status_headers_body_integration_request_and_log() {
    let out = apigw(&[
        "invoke",
        &fixture("petstore.json"),
        "--method",
        "GET",
        "--path",
        "/pets?type=dog&page=2",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("status: 200\nmethod: GET /pets\nheaders:\n"), "{text}");
    assert!(
        text.contains("integration request: GET http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets?page=2&type=dog\n"),
        "{text}"
    );
    assert!(text.contains("\nlog:\n  Execution log for request test-request\n"), "{text}");
}

#[test]
fn a_route_miss_is_403_and_exit_0() {
    let result = invoke_json(&[&fixture("petstore.json"), "--method", "GET", "--path", "/nowhere"]);
    assert_eq!(result["status"], json!(403));
    assert_eq!(result["body"], json!(r#"{"message":"Missing Authentication Token"}"#));
    assert_eq!(result["integrationRequest"], Value::Null);
    let result = invoke_json(&[&fixture("petstore.json"), "--method", "PATCH", "--path", "/pets"]);
    assert_eq!(result["status"], json!(403), "a verb the resource has no method for");
}

fn validated() -> String {
    design(
        "validated.json",
        json!({
            "requestValidators": { "params": { "validateRequestParameters": true } },
            "resources": { "/items": { "methods": { "GET": {
                "requestValidator": "params",
                "requestParameters": { "method.request.querystring.q": true, "method.request.header.x-key": true },
                "methodResponses": { "200": {} },
                "integration": { "type": "HTTP", "integrationHttpMethod": "GET", "uri": "https://example.com/items",
                    "integrationResponses": { "200": {} } }
            } } } }
        }),
    )
}

#[test]
fn a_validation_failure_is_400_with_aws_message() {
    let result =
        invoke_json(&[&validated(), "--method", "GET", "--path", "/items", "--query", "q=1"]);
    assert_eq!(result["status"], json!(400));
    assert_eq!(
        result["body"],
        json!(r#"{"message":"Missing required request parameters: [x-key]"}"#)
    );
    assert_eq!(result["headers"]["x-amzn-ErrorType"], json!("BadRequestException"));
    let result = invoke_json(&[
        &validated(),
        "--method",
        "GET",
        "--path",
        "/items",
        "--query",
        "q=1",
        "--header",
        "X-Key: k",
    ]);
    assert_eq!(result["status"], json!(200));
}

#[test]
fn no_template_for_the_content_type_under_never_is_415() {
    let file = design(
        "never.json",
        json!({ "resources": { "/": { "methods": { "POST": { "integration": {
            "type": "HTTP", "integrationHttpMethod": "POST", "uri": "https://example.com/",
            "passthroughBehavior": "NEVER", "requestTemplates": { "application/json": "{}" },
            "integrationResponses": { "200": {} }
        } } } } } }),
    );
    let result = invoke_json(&[
        &file,
        "--method",
        "POST",
        "--path",
        "/",
        "--header",
        "Content-Type: text/plain",
        "--body",
        "hi",
    ]);
    assert_eq!(result["status"], json!(415));
    assert_eq!(result["body"], json!(r#"{"message":"Unsupported Media Type"}"#));
}

#[test]
fn mock_status_comes_from_the_request_template() {
    let file = design(
        "mock.json",
        json!({ "resources": { "/": { "methods": { "GET": {
            "methodResponses": { "200": {}, "404": {} },
            "integration": {
                "type": "MOCK",
                "requestTemplates": { "application/json": "{\"statusCode\": $input.params('code')}" },
                "integrationResponses": {
                    "200": { "responseTemplates": { "application/json": "{\"found\": true}" } },
                    "404": { "selectionPattern": "404", "responseTemplates": { "application/json": "{\"found\": false}" } }
                }
            }
        } } } } }),
    );
    let result = invoke_json(&[&file, "--method", "GET", "--path", "/", "--query", "code=404"]);
    assert_eq!(result["status"], json!(404));
    assert_eq!(result["body"], json!(r#"{"found": false}"#));
    assert_eq!(result["integrationRequest"], Value::Null, "MOCK calls no back end");
    let result = invoke_json(&[&file, "--method", "GET", "--path", "/", "--query", "code=200"]);
    assert_eq!(
        (result["status"].clone(), result["body"].clone()),
        (json!(200), json!(r#"{"found": true}"#))
    );
    // A template whose output has no statusCode is a configuration error.
    let result = invoke_json(&[&file, "--method", "GET", "--path", "/", "--query", "code=oops"]);
    assert_eq!(result["status"], json!(500));
}

#[test]
fn petstore_root_is_a_mock_with_its_html_page() {
    let result = invoke_json(&[&fixture("petstore.json"), "--method", "GET", "--path", "/"]);
    assert_eq!(result["status"], json!(200));
    assert_eq!(result["headers"]["Content-Type"], json!("text/html"));
    assert!(result["body"].as_str().is_some_and(|b| b.contains("<html")), "{}", result["body"]);
}

fn lambda() -> String {
    design(
        "lambda.json",
        json!({ "resources": { "/": { "methods": { "POST": {
            "methodResponses": { "200": {}, "400": {} },
            "integration": {
                "type": "AWS", "integrationHttpMethod": "POST",
                "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations",
                "integrationResponses": { "200": {}, "400": { "selectionPattern": "Invalid.*" } }
            }
        } } } } }),
    )
}

#[test]
fn a_lambda_error_selects_its_integration_response() {
    let backend = temp("error.json", r#"{"error": "Invalid name"}"#);
    let result = invoke_json(&[
        &lambda(),
        "--method",
        "POST",
        "--path",
        "/",
        "--backend-response",
        &backend,
    ]);
    assert_eq!(result["status"], json!(400));
    assert_eq!(result["body"], json!(r#"{"errorMessage":"Invalid name"}"#));
    assert!(
        result["integrationRequest"]["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://lambda.us-east-1.amazonaws.com/"))
    );
    let backend = temp("ok.json", r#"{"body": {"ok": true}}"#);
    let result = invoke_json(&[
        &lambda(),
        "--method",
        "POST",
        "--path",
        "/",
        "--backend-response",
        &backend,
    ]);
    assert_eq!(
        (result["status"].clone(), result["body"].clone()),
        (json!(200), json!(r#"{"ok":true}"#))
    );
}

#[test]
fn lambda_proxy_results_and_malformed_ones() {
    let file = fixture("lambda-proxy.json");
    let backend = temp(
        "proxy.json",
        r#"{"body": "{\"statusCode\": 201, \"headers\": {\"X-A\": \"b\"}, \"body\": \"made\"}"}"#,
    );
    let result =
        invoke_json(&[&file, "--method", "PUT", "--path", "/a/b", "--backend-response", &backend]);
    assert_eq!((result["status"].clone(), result["body"].clone()), (json!(201), json!("made")));
    assert_eq!(result["headers"]["X-A"], json!("b"));
    let event: Value =
        serde_json::from_str(result["integrationRequest"]["body"].as_str().unwrap()).unwrap();
    assert_eq!(event["pathParameters"], json!({ "proxy": "a/b" }));
    assert_eq!(event["httpMethod"], json!("PUT"));
    let backend = temp("malformed.json", r#"{"body": {"message": "not a proxy result"}}"#);
    let result =
        invoke_json(&[&file, "--method", "GET", "--path", "/a", "--backend-response", &backend]);
    assert_eq!(result["status"], json!(502));
    assert_eq!(result["body"], json!(r#"{"message":"Internal server error"}"#));
    assert!(result["log"].as_array().unwrap().iter().any(|l| {
        l.as_str().unwrap().contains(
            "Execution failed due to configuration error: Malformed Lambda proxy response",
        )
    }));
}

#[test]
fn http_proxy_forwards_the_request() {
    let file = design(
        "http-proxy.json",
        json!({ "resources": { "/{proxy+}": { "methods": { "ANY": {
            "requestParameters": { "method.request.path.proxy": true },
            "integration": { "type": "HTTP_PROXY", "integrationHttpMethod": "ANY", "uri": "https://example.com/{proxy}",
                "requestParameters": { "integration.request.path.proxy": "method.request.path.proxy" } }
        } } } } }),
    );
    let result = invoke_json(&[
        &file, "--method", "DELETE", "--path", "/x/y?z=1", "--header", "X-A: b", "--body", "raw",
    ]);
    assert_eq!(result["integrationRequest"]["method"], json!("DELETE"));
    assert_eq!(result["integrationRequest"]["uri"], json!("https://example.com/x/y?z=1"));
    assert_eq!(result["integrationRequest"]["headers"]["X-A"], json!("b"));
    assert_eq!(result["integrationRequest"]["body"], json!("raw"));
}

#[test]
fn the_saved_test_request_fills_what_options_leave_out() {
    let file = design(
        "saved.json",
        json!({ "resources": { "/": { "methods": { "POST": {
            "integration": { "type": "HTTP", "integrationHttpMethod": "POST", "uri": "https://example.com/",
                "integrationResponses": { "200": {}, "404": { "selectionPattern": "404" } } },
            "testRequest": { "body": "saved body", "headers": "X-Saved: yes", "backend": { "status": 404, "body": "gone" } }
        } } } } }),
    );
    let result = invoke_json(&[&file, "--method", "POST", "--path", "/"]);
    assert_eq!((result["status"].clone(), result["body"].clone()), (json!(404), json!("gone")));
    assert_eq!(result["integrationRequest"]["body"], json!("saved body"));
    let result = invoke_json(&[&file, "--method", "POST", "--path", "/", "--body", "given"]);
    assert_eq!(result["integrationRequest"]["body"], json!("given"));
}

#[test]
fn a_method_api_gateway_would_refuse_exits_1_with_its_errors() {
    let file = design(
        "broken.json",
        json!({ "resources": { "/": { "methods": { "GET": {
            "integration": { "type": "NOT_A_TYPE", "uri": "https://example.com/" }
        } } } } }),
    );
    let out = apigw(&["invoke", &file, "--method", "GET", "--path", "/"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains(": error["), "{text}");
    assert!(text.contains("GET / cannot be called"), "{text}");
    let out = apigw(&["invoke", &file, "--method", "GET", "--path", "/", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let value: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(value["diagnostics"].as_array().is_some_and(|d| !d.is_empty()));
}

#[test]
fn bad_usage_and_unreadable_input_exit_2() {
    let petstore = fixture("petstore.json");
    for (args, says) in [
        (vec!["invoke", &petstore, "--path", "/"], "needs --method"),
        (vec!["invoke", &petstore, "--method", "GET"], "needs --path"),
        (vec!["invoke", &petstore, "--method", "GET", "--path", "pets"], "must start with /"),
        (
            vec!["invoke", &petstore, "--method", "GET", "--path", "/", "--query", "novalue"],
            "--query takes NAME=VALUE",
        ),
        (
            vec!["invoke", &petstore, "--method", "GET", "--path", "/", "--format", "xml"],
            "--format must be text or json",
        ),
        (
            vec!["invoke", "/no/such/file", "--method", "GET", "--path", "/"],
            "/no/such/file: cannot read it",
        ),
        (
            vec!["invoke", &petstore, "--method", "GET", "--path", "/", "--body", "@/no/such/body"],
            "/no/such/body: cannot read it",
        ),
    ] {
        let out = apigw(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_bad_backend_response_file_names_the_file_and_field() {
    let petstore = fixture("petstore.json");
    for (content, says) in [
        ("{", "not JSON"),
        ("[]", "must be a JSON object"),
        (r#"{"status": "200"}"#, "`status` must be a whole number from 100 to 599"),
        (r#"{"status": 99}"#, "`status` must be a whole number from 100 to 599"),
        (r#"{"headers": {"a": [1]}}"#, "`headers.a` must be a text"),
        (r#"{"error": 1}"#, "`error` must be a text"),
        (r#"{"stauts": 200}"#, "unknown field `stauts`; did you mean `status`?"),
    ] {
        let file = temp("bad-backend.json", content);
        let out = apigw(&[
            "invoke",
            &petstore,
            "--method",
            "GET",
            "--path",
            "/pets",
            "--backend-response",
            &file,
        ]);
        assert_eq!(out.status.code(), Some(2), "{content}");
        let err = stderr(&out);
        assert!(err.contains(&file) && err.contains(says), "{content}: {err}");
    }
}

#[test]
fn help_describes_the_command() {
    let out = apigw(&["invoke", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("usage: apigw invoke FILE --method VERB --path PATH"));
    assert!(stdout(&apigw(&["--help"])).contains("invoke FILE --method VERB --path PATH"));
}

/// The hostile corpus (`tests/hostile/corpus.json`), `LONG` made long.
fn corpus() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/hostile/corpus.json")).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    value["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| match v.as_str().unwrap() {
            "LONG" => "$(touch x)\n'\"`;".repeat(2_000),
            other => other.to_string(),
        })
        .collect()
}

/// No character a terminal acts on, and no line break inside a shown value.
fn assert_inert(text: &str, value: &str) {
    for c in text.chars() {
        assert!(
            // A backslash is how the escapes are written.
            matches!(c, '\n' | '\\') || !apigw_core::text::needs_escape(c),
            "{value:?} put {c:?} in the text output"
        );
    }
}

#[test]
fn hostile_headers_bodies_and_template_output_stay_inert() {
    for (i, value) in corpus().iter().enumerate() {
        // The value in a header, the body, a back-end header and body, and a template's output.
        let file = design(
            &format!("hostile-{i}.json"),
            json!({ "resources": { "/": { "methods": { "POST": {
                "methodResponses": { "200": {} },
                "integration": {
                    "type": "HTTP", "integrationHttpMethod": "POST", "uri": "https://example.com/",
                    "requestTemplates": { "application/json": "$input.body|$input.params('x-h')" },
                    "integrationResponses": { "200": { "responseTemplates": { "application/json": "$input.body" } } }
                }
            } } } } }),
        );
        let backend = temp(
            &format!("hostile-backend-{i}.json"),
            &json!({ "status": 200, "headers": { "X-B": value }, "body": value }).to_string(),
        );
        // An argument cannot hold NUL, nor a header a line break: the header has them as spaces;
        // the body comes from a file, whole.
        let header_value = value.replace(['\n', '\r', '\0'], " ");
        let header = format!("x-h: {header_value}");
        let body = format!("@{}", temp(&format!("hostile-body-{i}.txt"), value));
        let args = [
            "invoke",
            &file,
            "--method",
            "POST",
            "--path",
            "/",
            "--header",
            &header,
            "--body",
            &body,
            "--backend-response",
            &backend,
        ];
        let out = apigw(&args);
        assert_eq!(out.status.code(), Some(0), "{value:?}: {}", stderr(&out));
        assert_inert(&stdout(&out), value);
        // JSON keeps every value exactly.
        let mut json_args = args.to_vec();
        json_args.extend_from_slice(&["--format", "json"]);
        let out = apigw(&json_args);
        let result: Value =
            serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{value:?}: {e}"));
        assert_eq!(result["body"], json!(value), "{value:?}");
        assert_eq!(
            result["integrationRequest"]["body"],
            json!(format!("{value}|{}", header_value.trim_start())),
            "{value:?}"
        );
    }
}

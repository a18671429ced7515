//! `apigw template`, run as a user would: a template file against a request given by options,
//! many cases at once, the JSON forms, and the exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

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

fn temp(name: &str, content: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("apigw-template-test-{}", std::process::id()));
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

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(out), stderr(out)))
}

#[test]
fn help_and_bad_usage_exit_2_with_the_reason() {
    let out = apigw(&["template", "--help"], None);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    assert!(help.starts_with("usage: apigw template"), "{help}");
    for documented in ["requestId", "stage test", "resourcePath /", "httpMethod POST", "--cases"] {
        assert!(help.contains(documented), "the help should document {documented}");
    }
    assert!(stdout(&apigw(&["--help"], None)).contains("  template TEMPLATE"));
    let template = temp("usage.vtl", b"x");
    for (args, says) in [
        (vec!["template"], "missing TEMPLATE"),
        (vec!["template", "/no/such/file.vtl"], "cannot read it"),
        (vec!["template", &template, "--query", "novalue"], "--query takes NAME=VALUE"),
        (vec!["template", &template, "--query", "=v"], "has no name"),
        (vec!["template", &template, "--header", "nocolon"], "--header takes NAME:VALUE"),
        (vec!["template", &template, "--format", "yaml"], "--format must be text or json"),
        (vec!["template", &template, "--context", "a..b=1"], "empty part"),
        (vec!["template", &template, "--body", "@/no/such/body"], "--body: /no/such/body"),
        (vec!["template", &template, "--cases", "x.json"], "TEMPLATE does not go with --cases"),
        (
            vec!["template", "--cases", "x.json", "--query", "a=b"],
            "--query does not go with --cases",
        ),
        (vec!["template", "-", "--body", "@-"], "cannot both be standard input"),
        (vec!["template", &template, "--bogus", "1"], "unknown option `--bogus`"),
    ] {
        let out = apigw(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?} should say {says}: {}", stderr(&out));
    }
    let cases = temp("not-array.json", b"{\"template\": \"x\"}");
    let out = apigw(&["template", "--cases", &cases], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a JSON array of cases"), "{}", stderr(&out));
    let cases = temp("no-template.json", b"[{\"template\": \"x\"}, {\"body\": \"y\"}]");
    let out = apigw(&["template", "--cases", &cases], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("case 1: \"template\" is missing"), "{}", stderr(&out));
}

#[test]
fn renders_a_template_against_the_request_the_options_give() {
    let template = temp(
        "request.vtl",
        b"{\"id\": \"$input.params('id')\", \"q\": \"$input.params('q')\", \"h\": \"$input.params('x-h')\", \
\"name\": $input.json('$.name'), \"v\": \"$stageVariables.v\", \"ip\": \"$context.identity.sourceIp\", \
\"stage\": \"$context.stage\", \"path\": \"$context.resourcePath\"}",
    );
    let body = temp("body.json", b"{\"name\": \"Zo\xc3\xab\"}");
    let out = apigw(
        &[
            "template",
            &template,
            "--body",
            &format!("@{body}"),
            "--path-param",
            "id=7",
            "--query",
            "q=first",
            "--query",
            "q=last",
            "--header",
            "X-H: hv",
            "--stage-variable",
            "v=beta",
            "--context",
            "identity.sourceIp=192.0.2.1",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rendered: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        rendered,
        serde_json::json!({"id": "7", "q": "last", "h": "hv", "name": "Zoë", "v": "beta",
                           "ip": "192.0.2.1", "stage": "test", "path": "/"})
    );
    // The template from standard input, the body inline.
    let out = apigw(&["template", "-", "--body", "hello"], Some(b"[$input.body]"));
    assert_eq!((out.status.code(), stdout(&out).as_str()), (Some(0), "[hello]"));
}

#[test]
fn json_gives_the_output_and_the_overrides() {
    let template = temp(
        "override.vtl",
        b"#set($context.responseOverride.status = 201)\n#set($context.responseOverride.header.Location = \"/pets/1\")\n#set($context.requestOverride.querystring.page = \"2\")\ncreated",
    );
    let out = apigw(&["template", &template, "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let result = json(&out);
    assert_eq!(result["output"], "created");
    assert_eq!(result["overrides"]["responseOverride"]["status"], "201");
    assert_eq!(result["overrides"]["responseOverride"]["header"]["Location"], "/pets/1");
    assert_eq!(result["overrides"]["requestOverride"]["querystring"]["page"], "2");
}

#[test]
fn a_template_error_exits_1_with_line_and_column() {
    let template = temp("broken.vtl", b"line one\n  #end\nrest");
    let out = apigw(&["template", &template], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "nothing is rendered: {}", stdout(&out));
    let message = stderr(&out);
    assert!(message.starts_with(&format!("{template}:2:3: ")), "{message}");
    assert!(message.contains("#end"), "{message}");
    let out = apigw(&["template", &template, "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1));
    let result = json(&out);
    assert_eq!(
        (result["error"]["line"].as_u64(), result["error"]["column"].as_u64()),
        (Some(2), Some(3))
    );
    assert!(result["error"]["message"].as_str().is_some_and(|m| m.contains("#end")));
}

#[test]
fn cases_render_in_order_and_a_failing_case_does_not_stop_the_others() {
    let cases = temp(
        "cases.json",
        br##"[
          {"template": "$input.params('a')-$context.stage", "querystring": {"a": "1"},
           "context": {"stage": "prod"}},
          {"template": "#if(", "body": "ignored"},
          {"template": "$input.path('$.n') $stageVariables.s $context.identity.userAgent",
           "body": "{\"n\": 5}", "stageVariables": {"s": "sv"}, "name": "extra keys are ignored"}
        ]"##,
    );
    let out = apigw(&["template", "--cases", &cases], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let results = json(&out);
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["output"], "1-prod");
    assert!(results[1]["error"]["line"].is_u64());
    assert_eq!(results[2]["output"], "5 sv apigw-template");
}

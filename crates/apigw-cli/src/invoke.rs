//! `apigw invoke`: one request through a design, as API Gateway's console Test runs it, with
//! no network: the back end's answer is given (or made up).

use crate::output::{Stop, print, show};
use crate::{Args, display_name, load, read};
use apigw_core::diagnostic::{Phase, Severity};
use apigw_core::simulate::{self, Backend, Request, Trace};
use serde_json::{Value, json};

pub(crate) const HELP: &str = "\
usage: apigw invoke FILE --method VERB --path PATH [--query NAME=VALUE]… [--header NAME:VALUE]…
                         [--stage-variable NAME=VALUE]… [--body TEXT|@FILE]
                         [--backend-response FILE] [--format text|json]

Simulates one request to the design, step by step, as API Gateway's console Test does: routing,
the request validator, parameter mappings, the request template (by Content-Type, under the
passthrough behaviour), the integration request, the back end's answer, the integration
response chosen by selection pattern, its mappings and template, and the method response.
Nothing is sent anywhere: the back end's answer is --backend-response, or made up (200, {}).
Authorization is not simulated. There is no clock: the request time is 01/Jan/2026:00:00:00
+0000 and the request id test-request.
  --method VERB         the HTTP verb (GET, POST…)
  --path PATH           the concrete path, /pets/7 (a query string after ? is read too)
  --query NAME=VALUE    a query string parameter; repeat for more (a name may repeat)
  --header NAME:VALUE   a header; repeat for more
  --stage-variable NAME=VALUE
                        a stage variable; repeat for more
  --body TEXT|@FILE     the request body, or @ and a file holding it
  --backend-response FILE
                        the back end's answer, JSON: {\"status\": 200, \"headers\": {\"k\": \"v\"},
                        \"body\": \"text or any JSON value\", \"error\": \"a Lambda error message\"}
Without --query, --header, --stage-variable, --body or --backend-response, the method's saved
test request (`testRequest` in the design document) gives that part, when it has one.
  --format text         (default) the status, headers and body, the integration request, the log
  --format json         {\"status\": N, \"headers\": {…}, \"body\": \"…\", \"integrationRequest\":
                        {\"method\", \"uri\", \"headers\", \"body\"} or null, \"log\": [\"…\"]}
Exit status: 0 when the request ran, whatever its status; 1 when the method it reaches has
errors that stop API Gateway from creating or deploying it (listed as `apigw validate` does);
2 unreadable input or bad usage.
";

pub(crate) const OPTIONS: &[&str] = &[
    "--method",
    "--path",
    "--query",
    "--header",
    "--stage-variable",
    "--body",
    "--backend-response",
    "--format",
];

/// Every value of a repeatable option, in order.
fn all<'a>(args: &'a Args, name: &str) -> Vec<&'a str> {
    args.options.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
}

/// `NAME<sep>VALUE` pairs of a repeatable option.
fn pairs(args: &Args, name: &str, separator: char) -> Result<Vec<(String, String)>, String> {
    all(args, name)
        .into_iter()
        .map(|item| match item.split_once(separator) {
            Some((k, v)) if !k.trim().is_empty() => {
                Ok((k.trim().to_string(), v.trim_start().to_string()))
            }
            _ => Err(format!("{name} takes NAME{separator}VALUE, not `{item}`")),
        })
        .collect()
}

pub(crate) fn run(args: &Args) -> Result<u8, Stop> {
    let format = args.option("--format").unwrap_or("text");
    if !matches!(format, "text" | "json") {
        return Err(format!("--format must be text or json, not `{format}`").into());
    }
    let verb = args
        .option("--method")
        .ok_or("invoke needs --method VERB; for example `apigw invoke api.json --method GET --path /pets/7`")?
        .trim()
        .to_ascii_uppercase();
    if verb.is_empty() || !verb.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(
            format!("--method must be an HTTP verb such as GET or POST, not `{verb}`").into()
        );
    }
    let full_path = args.option("--path").ok_or(
        "invoke needs --path PATH; for example `apigw invoke api.json --method GET --path /pets/7`",
    )?;
    if !full_path.starts_with('/') {
        return Err(format!("--path must start with /, as /pets/7 does, not `{full_path}`").into());
    }
    let (path, path_query) = full_path.split_once('?').unwrap_or((full_path, ""));
    let queries = pairs(args, "--query", '=')?;
    let headers = pairs(args, "--header", ':')?;
    let stage_variables = pairs(args, "--stage-variable", '=')?;
    let body = match args.option("--body") {
        Some(text) => Some(match text.strip_prefix('@') {
            Some(file) => read(file)?,
            None => text.to_string(),
        }),
        None => None,
    };
    let backend = match args.option("--backend-response") {
        Some(file) => Some(backend_response(file, &read(file)?)?),
        None => None,
    };
    let file = args.file()?;
    let loaded = load(file)?;
    let design = &loaded.design;

    // The saved test request of the method reached fills what the options leave out.
    let routed = simulate::route(design, &verb, path);
    let mut request = Request { method: verb, path: path.to_string(), ..Request::default() };
    if let Some((resource, method_verb, _)) = &routed {
        if let Some(test) =
            design.method(resource, method_verb).and_then(|m| m.test_request.as_ref())
        {
            let saved = simulate::request_from_test(design, resource, method_verb, test);
            request.query = saved.query;
            request.headers = saved.headers;
            request.stage_variables = saved.stage_variables;
            request.body = saved.body;
            request.backend = saved.backend;
        }
    }
    let mut query = apigw_query(path_query);
    query.extend(queries);
    if !path_query.is_empty() || args.option("--query").is_some() {
        request.query = query;
    }
    if args.option("--header").is_some() {
        request.headers = headers;
    }
    if args.option("--stage-variable").is_some() {
        request.stage_variables = stage_variables;
    }
    if let Some(body) = body {
        request.body = body;
    }
    if backend.is_some() {
        request.backend = backend;
    }

    // A method API Gateway would not create or deploy cannot be called.
    if let Some((resource, method_verb, _)) = &routed {
        let blocking: Vec<_> = loaded
            .diagnostics()
            .into_iter()
            .filter(|d| {
                d.severity == Severity::Error
                    && matches!(d.phase, Phase::Call | Phase::Deploy | Phase::File)
                    && d.target.owner.method_key()
                        == Some((resource.as_str(), method_verb.as_str()))
            })
            .collect();
        if !blocking.is_empty() {
            report_blocking(file, &loaded, &blocking, format, resource, method_verb)?;
            return Ok(1);
        }
    }

    let trace = simulate::simulate(design, &request);
    if format == "json" {
        let mut text = serde_json::to_string_pretty(&trace_json(&trace)).unwrap_or_default();
        text.push('\n');
        print(&text)?;
    } else {
        print(&trace_text(&trace))?;
    }
    Ok(0)
}

/// The query string of `--path`, decoded.
fn apigw_query(text: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
            if b == b'%' {
                if let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2)) {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
            }
            out.push(if b == b'+' { b' ' } else { b });
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// Reads a `--backend-response` file: `status`, `headers`, `body`, `error`.
fn backend_response(file: &str, text: &str) -> Result<Backend, String> {
    let name = display_name(file);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        format!("{name}:{}:{}: not JSON: {}", e.line(), e.column(), strip_position(&e.to_string()))
    })?;
    let Value::Object(object) = value else {
        return Err(format!(
            "{name}: the back end's answer must be a JSON object: {{\"status\": 200, \"headers\": {{}}, \"body\": \"…\"}}"
        ));
    };
    let mut backend = Backend { status: 200, ..Backend::default() };
    for (key, value) in &object {
        match key.as_str() {
            "status" => {
                backend.status = value
                    .as_u64()
                    .and_then(|s| u16::try_from(s).ok())
                    .filter(|s| (100..=599).contains(s))
                    .ok_or_else(|| {
                        format!(
                            "{name}: `status` must be a whole number from 100 to 599, not {value}"
                        )
                    })?;
            }
            "headers" => {
                let Value::Object(headers) = value else {
                    return Err(format!(
                        "{name}: `headers` must be an object of names to texts, not {value}"
                    ));
                };
                for (header, value) in headers {
                    let text = match value {
                        Value::String(s) => s.clone(),
                        Value::Number(_) | Value::Bool(_) => value.to_string(),
                        _ => {
                            return Err(format!(
                                "{name}: `headers.{header}` must be a text, not {value}"
                            ));
                        }
                    };
                    backend.headers.push((header.clone(), text));
                }
            }
            "body" => {
                backend.body = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
            }
            "error" => match value {
                Value::String(s) => backend.error = Some(s.clone()),
                Value::Null => {}
                _ => {
                    return Err(format!(
                        "{name}: `error` must be a text (the Lambda function's error message), not {value}"
                    ));
                }
            },
            other => {
                let hint = match apigw_core::schema::suggest(
                    other,
                    &["status", "headers", "body", "error"],
                ) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "the fields are status, headers, body and error".to_string(),
                };
                return Err(format!("{name}: unknown field `{other}`; {hint}"));
            }
        }
    }
    Ok(backend)
}

/// serde_json's message without its " at line L column C", which the prefix already says.
fn strip_position(message: &str) -> &str {
    message.find(" at line ").map_or(message, |i| &message[..i])
}

fn report_blocking(
    file: &str,
    loaded: &apigw_core::document::Loaded,
    blocking: &[apigw_core::Diagnostic],
    format: &str,
    resource: &str,
    verb: &str,
) -> Result<(), Stop> {
    if format == "json" {
        let items: Vec<Value> =
            blocking.iter().map(|d| crate::diagnostic_json(loaded, d)).collect();
        let mut text =
            serde_json::to_string_pretty(&json!({ "diagnostics": items })).unwrap_or_default();
        text.push('\n');
        return print(&text);
    }
    let name = show(display_name(file));
    let mut text = String::new();
    for d in blocking {
        let pointer = loaded.pointer(d);
        let at = if pointer.is_empty() { String::new() } else { format!(":{}", show(&pointer)) };
        text.push_str(&format!(
            "{name}{at}: {}[{} {}]: {}\n    fix: {}\n    {}.",
            d.severity.as_str(),
            d.code,
            d.name,
            show(&d.message),
            show(&d.fix),
            d.phase.words()
        ));
        if let Some(aws) = d.aws_message {
            text.push_str(&format!(" AWS says: \"{aws}\""));
        }
        text.push('\n');
    }
    text.push_str(&format!(
        "{name}: {} {} cannot be called: {} stop API Gateway from creating or deploying it\n",
        show(verb),
        show(resource),
        if blocking.len() == 1 {
            "1 error".to_string()
        } else {
            format!("{} errors", blocking.len())
        },
    ));
    print(&text)
}

fn object(pairs: &[(String, String)]) -> Value {
    // A repeated name keeps every value, joined with a comma, as HTTP allows.
    let mut map = serde_json::Map::new();
    for (name, value) in pairs {
        match map.get_mut(name) {
            Some(Value::String(existing)) => {
                existing.push(',');
                existing.push_str(value);
            }
            _ => {
                map.insert(name.clone(), json!(value));
            }
        }
    }
    Value::Object(map)
}

/// The `--format json` document.
pub(crate) fn trace_json(trace: &Trace) -> Value {
    json!({
        "status": trace.status,
        "headers": object(&trace.headers),
        "body": trace.body,
        "integrationRequest": trace.integration_request.as_ref().map(|r| json!({
            "method": r.method,
            "uri": r.uri,
            "headers": object(&r.headers),
            "body": r.body,
        })),
        "log": trace.log.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
    })
}

/// Text made of lines, each shown safely and indented.
fn block(text: &str, indent: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        out.push_str(indent);
        out.push_str(&show(line));
        out.push('\n');
    }
    out
}

/// The `--format text` report.
pub(crate) fn trace_text(trace: &Trace) -> String {
    let mut out = format!("status: {}\n", trace.status);
    if let Some((path, verb)) = &trace.matched {
        out.push_str(&format!("method: {} {}\n", show(verb), show(path)));
    }
    out.push_str("headers:\n");
    for (name, value) in &trace.headers {
        out.push_str(&format!("  {}: {}\n", show(name), show(value)));
    }
    out.push_str("body:\n");
    out.push_str(&block(&trace.body, "  "));
    match &trace.integration_request {
        Some(sent) => {
            out.push_str(&format!(
                "integration request: {} {}\n",
                show(&sent.method),
                show(&sent.uri)
            ));
            out.push_str("  headers:\n");
            for (name, value) in &sent.headers {
                out.push_str(&format!("    {}: {}\n", show(name), show(value)));
            }
            out.push_str("  body:\n");
            out.push_str(&block(&sent.body, "    "));
        }
        None => out.push_str("integration request: none\n"),
    }
    out.push_str("log:\n");
    for line in &trace.log {
        out.push_str("  ");
        out.push_str(&show(&line.text));
        out.push('\n');
    }
    out
}

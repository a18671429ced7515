//! `apigw template`: renders a mapping template against a request, as API Gateway does for an
//! integration request or response, and prints the output (or the first error, with its line
//! and column).

use crate::output::{Stop, eprint, print, show};
use crate::{Args, display_name, read};
use apigw_core::vtl::{self, Env, Limits, Rendered, VtlError};
use serde_json::{Map, Value, json};
use std::io::IsTerminal;

pub(crate) const HELP: &str = "\
usage: apigw template TEMPLATE [--body TEXT|@FILE] [--path-param NAME=VALUE]...
                      [--query NAME=VALUE]... [--header NAME:VALUE]...
                      [--stage-variable NAME=VALUE]... [--context KEY=VALUE]...
                      [--format text|json]
       apigw template --cases FILE.json

Renders the mapping template in TEMPLATE (a file, or - for standard input) as API Gateway
renders a request or response template (Velocity, with $input, $util, $context and
$stageVariables), and prints the output.
  --body TEXT           the payload ($input.body, $input.json, $input.path); @FILE reads it
                        from FILE (@- from standard input); empty by default
  --path-param N=V      a path parameter ($input.params().path), repeatable
  --query N=V           a query string parameter; a repeated name keeps its last value
  --header N:V          a header, name as sent (N=V is read too)
  --stage-variable N=V  a stage variable ($stageVariables.N)
  --context KEY=VALUE   a $context value, as text; KEY may be dotted:
                        identity.sourceIp=192.0.2.1, authorizer.principalId=user-1
  --format text         (default) the output as rendered; on a terminal, control
                        characters are shown escaped
  --format json         {\"output\": \"...\", \"overrides\": {\"requestOverride\": {\"header\",
                        \"querystring\", \"path\"}, \"responseOverride\": {\"status\", \"header\"}}},
                        or {\"error\": {\"line\", \"column\", \"message\"}}
  --cases FILE.json     renders many at once: FILE is a JSON array of {\"template\", \"body\",
                        \"path\", \"querystring\", \"header\", \"stageVariables\", \"context\"}
                        (all but template optional; other keys are ignored); prints a JSON array
                        of the results above, in order
$context starts as a test invocation's: accountId 123456789012, apiId a1b2c3d4e5,
deploymentId d1e2f3, domainName a1b2c3d4e5.execute-api.us-east-1.amazonaws.com, domainPrefix
a1b2c3d4e5, extendedRequestId AbCdEfGhIjKlMnO=, httpMethod POST, identity {sourceIp
198.51.100.7, userAgent apigw-template}, path /test/, protocol HTTP/1.1, requestId
00000000-0000-4000-8000-000000000000, requestTime 01/Jan/2026:00:00:00 +0000, requestTimeEpoch
1767225600000, resourceId r1s2t3, resourcePath /, stage test; --context and a case's
\"context\" (an object, merged key by key) replace or add to these.
Exit status: 0 rendered, 1 a template error (every case, with --cases, is still printed),
2 unreadable input or bad usage.
";

pub(crate) const OPTIONS: &[&str] = &[
    "--body",
    "--path-param",
    "--query",
    "--header",
    "--stage-variable",
    "--context",
    "--format",
    "--cases",
];

/// The `$context` a render starts from: a test invocation's, with documented values.
fn default_context() -> Value {
    apigw_core::vtl::test_context()
}

pub(crate) fn run(args: &Args) -> Result<u8, Stop> {
    let format = args.option("--format").unwrap_or("text");
    if !matches!(format, "text" | "json") {
        return Err(format!("--format must be text or json, not `{format}`").into());
    }
    if let Some(cases) = args.option("--cases") {
        if let Some((name, _)) =
            args.options.iter().find(|(n, _)| n != "--cases" && n != "--format")
        {
            return Err(format!(
                "{name} does not go with --cases: each case gives its own request"
            )
            .into());
        }
        if !args.files.is_empty() {
            return Err(
                "TEMPLATE does not go with --cases: each case gives its own template".into()
            );
        }
        if format == "text" && args.option("--format").is_some() {
            return Err("--cases prints JSON; --format text does not apply".into());
        }
        return run_cases(cases);
    }
    let file = args.files.first().ok_or(
        "missing TEMPLATE: the mapping template's file (use - for standard input), or --cases FILE.json",
    )?;
    if file == "-" && args.option("--body").is_some_and(|b| b == "@-") {
        return Err("TEMPLATE and --body cannot both be standard input (-)".into());
    }
    let source = read(file)?;
    let env = env_from_options(args)?;
    match vtl::render_text(&source, &env, Limits::default()) {
        Ok(rendered) => {
            if format == "json" {
                print(&pretty(&result_json(&rendered)))?;
            } else if std::io::stdout().is_terminal() {
                let lines: Vec<String> =
                    rendered.output.split('\n').map(|l| show(l).into_owned()).collect();
                print(&lines.join("\n"))?;
            } else {
                print(&rendered.output)?;
            }
            Ok(0)
        }
        Err(error) => {
            if format == "json" {
                print(&pretty(&error_json(&error)))?;
            } else {
                eprint(&format!(
                    "{}:{}:{}: {}",
                    show(display_name(file)),
                    error.line,
                    error.column,
                    show(&error.message)
                ));
            }
            Ok(1)
        }
    }
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// The request the options describe.
fn env_from_options(args: &Args) -> Result<Env, String> {
    let mut env = Env { context: default_context(), ..Env::default() };
    if let Some(body) = args.option("--body") {
        env.body = match body.strip_prefix('@') {
            Some(file) => read(file).map_err(|e| format!("--body: {e}"))?,
            None => body.to_string(),
        };
    }
    for (name, value) in &args.options {
        let list = match name.as_str() {
            "--path-param" => &mut env.path,
            "--query" => &mut env.querystring,
            "--stage-variable" => &mut env.stage_variables,
            "--header" => {
                let (key, text) = value
                    .split_once(':')
                    .or_else(|| value.split_once('='))
                    .ok_or_else(|| format!("--header takes NAME:VALUE, not `{value}`"))?;
                let key = key.trim();
                if key.is_empty() {
                    return Err(format!("--header `{value}` has no name before the colon"));
                }
                env.header.push((key.to_string(), text.trim_start().to_string()));
                continue;
            }
            "--context" => {
                let (key, text) = pair(name, value)?;
                set_dotted(&mut env.context, key, Value::String(text.to_string()))
                    .map_err(|e| format!("--context {key}: {e}"))?;
                continue;
            }
            _ => continue,
        };
        let (key, text) = pair(name, value)?;
        list.push((key.to_string(), text.to_string()));
    }
    // A repeated query string name keeps its last value, as API Gateway's single-value map.
    env.querystring = last_wins(std::mem::take(&mut env.querystring));
    Ok(env)
}

fn pair<'a>(option: &str, value: &'a str) -> Result<(&'a str, &'a str), String> {
    match value.split_once('=') {
        Some(("", _)) => Err(format!("{option} `{value}` has no name before the `=`")),
        Some(pair) => Ok(pair),
        None => Err(format!("{option} takes NAME=VALUE, not `{value}`")),
    }
}

fn last_wins(pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(pairs.len());
    for (key, value) in pairs {
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => out.push((key, value)),
        }
    }
    out
}

/// Sets `a.b.c` in an object, making the objects on the way.
fn set_dotted(target: &mut Value, key: &str, value: Value) -> Result<(), String> {
    let mut at = target;
    let parts: Vec<&str> = key.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err("a dotted key cannot have an empty part".into());
    }
    let (last, path) = parts.split_last().ok_or("the key is empty")?;
    for part in path {
        let Value::Object(map) = at else {
            return Err(format!("`{part}` is inside a value that is not an object"));
        };
        let next = map.entry(part.to_string()).or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        at = next;
    }
    match at {
        Value::Object(map) => {
            map.insert(last.to_string(), value);
            Ok(())
        }
        _ => Err(format!("`{last}` is inside a value that is not an object")),
    }
}

/// Merges `patch` into `target` key by key (objects recursively, anything else replaced).
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

fn run_cases(file: &str) -> Result<u8, Stop> {
    let text = read(file)?;
    let name = display_name(file);
    let cases: Value = serde_json::from_str(&text)
        .map_err(|e| format!("{name}:{}:{}: not JSON: {e}", e.line(), e.column()))?;
    let Value::Array(cases) = cases else {
        return Err(format!("{name}: --cases needs a JSON array of cases").into());
    };
    // Every case is read before any is rendered: a malformed one is bad usage, with no output.
    let requests = cases
        .iter()
        .enumerate()
        .map(|(index, case)| case_env(case).map_err(|e| format!("{name}: case {index}: {e}")))
        .collect::<Result<Vec<_>, String>>()?;
    let mut results = Vec::with_capacity(requests.len());
    let mut failed = false;
    for (source, env) in &requests {
        results.push(match vtl::render_text(source, env, Limits::default()) {
            Ok(rendered) => result_json(&rendered),
            Err(error) => {
                failed = true;
                error_json(&error)
            }
        });
    }
    print(&pretty(&Value::Array(results)))?;
    Ok(if failed { 1 } else { 0 })
}

/// A case's template and request.
fn case_env(case: &Value) -> Result<(&str, Env), String> {
    let Value::Object(fields) = case else {
        return Err("a case is an object with at least \"template\"".into());
    };
    let source = match fields.get("template") {
        Some(Value::String(text)) => text.as_str(),
        Some(_) => return Err("\"template\" must be a string".into()),
        None => return Err("\"template\" is missing".into()),
    };
    let body = match fields.get("body") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(_) => return Err("\"body\" must be a string (the payload's text)".into()),
    };
    let pairs = |key: &str| -> Result<Vec<(String, String)>, String> {
        match fields.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Object(map)) => map
                .iter()
                .map(|(k, v)| match v {
                    Value::String(s) => Ok((k.clone(), s.clone())),
                    _ => Err(format!("\"{key}\".\"{k}\" must be a string")),
                })
                .collect(),
            Some(_) => Err(format!("\"{key}\" must be an object of names to strings")),
        }
    };
    let mut context = default_context();
    match fields.get("context") {
        None | Some(Value::Null) => {}
        Some(patch @ Value::Object(_)) => merge(&mut context, patch),
        Some(_) => return Err("\"context\" must be an object".into()),
    }
    let env = Env {
        body,
        path: pairs("path")?,
        querystring: pairs("querystring")?,
        header: pairs("header")?,
        context,
        stage_variables: pairs("stageVariables")?,
    };
    Ok((source, env))
}

fn object(pairs: &[(String, String)]) -> Value {
    Value::Object(pairs.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect())
}

fn result_json(rendered: &Rendered) -> Value {
    let o = &rendered.overrides;
    json!({
        "output": rendered.output,
        "overrides": {
            "requestOverride": {
                "header": object(&o.request_header),
                "querystring": object(&o.request_querystring),
                "path": object(&o.request_path),
            },
            "responseOverride": {
                "status": o.response_status,
                "header": object(&o.response_header),
            },
        },
    })
}

fn error_json(error: &VtlError) -> Value {
    json!({ "error": { "line": error.line, "column": error.column, "message": error.message } })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_context_keys_make_objects_on_the_way() {
        let mut context = default_context();
        set_dotted(&mut context, "identity.sourceIp", json!("192.0.2.1")).unwrap();
        set_dotted(&mut context, "authorizer.claims.sub", json!("u1")).unwrap();
        assert_eq!(context["identity"]["sourceIp"], "192.0.2.1");
        assert_eq!(context["identity"]["userAgent"], "apigw-template");
        assert_eq!(context["authorizer"]["claims"]["sub"], "u1");
        assert!(set_dotted(&mut context, "a..b", json!("x")).is_err());
        // A text value on the way is replaced by an object rather than refused.
        set_dotted(&mut context, "stage.name", json!("x")).unwrap();
        assert_eq!(context["stage"]["name"], "x");
    }

    #[test]
    fn a_case_context_merges_key_by_key() {
        let case = json!({"template": "x", "context": {"identity": {"sourceIp": "1.2.3.4"}, "stage": "prod"}});
        let (_, env) = case_env(&case).unwrap();
        assert_eq!(env.context["identity"]["sourceIp"], "1.2.3.4");
        assert_eq!(env.context["identity"]["userAgent"], "apigw-template");
        assert_eq!(env.context["stage"], "prod");
        assert!(case_env(&json!({"body": "x"})).unwrap_err().contains("\"template\" is missing"));
        assert!(
            case_env(&json!({"template": "x", "path": {"a": 1}}))
                .unwrap_err()
                .contains("\"path\".\"a\"")
        );
    }

    #[test]
    fn a_repeated_query_name_keeps_its_last_value_in_first_place() {
        let pairs =
            vec![("a".into(), "1".into()), ("b".into(), "2".into()), ("a".into(), "3".into())];
        assert_eq!(
            last_wins(pairs),
            vec![("a".to_string(), "3".to_string()), ("b".into(), "2".into())]
        );
    }
}

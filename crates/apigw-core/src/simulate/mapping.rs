//! Parameter mapping expressions, as API Gateway evaluates them
//! (<https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-parameter-mapping-sources.html>):
//! `method.request.path|querystring|multivaluequerystring|header|multivalueheader.NAME`,
//! `method.request.body` and `method.request.body.JSONPATH` on the request side,
//! `integration.response.header|multivalueheader.NAME`, `integration.response.body` and
//! `integration.response.body.JSONPATH` on the response side, and on both `'static'`,
//! `context.NAME` and `stageVariables.NAME`. A value that resolves to nothing (or to an
//! empty text) is not sent, as LocalStack's `parameters_mapping.py` does.

use super::text::{header, header_values, query_values};
use serde_json::Value;

/// What a mapping expression can read.
pub(crate) struct Sources<'a> {
    /// `method.request` or `integration.response`.
    pub prefix: &'static str,
    pub path: &'a [(String, String)],
    pub query: &'a [(String, String)],
    pub headers: &'a [(String, String)],
    pub body: &'a str,
    pub context: &'a Value,
    pub stage_variables: &'a [(String, String)],
}

/// The values an expression gives (several for a multi-value query string), or why it gives
/// none.
pub(crate) fn evaluate(expression: &str, sources: &Sources<'_>) -> Result<Vec<String>, String> {
    let expression = expression.trim();
    if let Some(inner) = expression.strip_prefix('\'').and_then(|e| e.strip_suffix('\'')) {
        return Ok(vec![inner.to_string()]);
    }
    if let Some(name) = expression.strip_prefix("stageVariables.") {
        return one(
            sources.stage_variables.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()),
            "no such stage variable",
        );
    }
    if let Some(name) = expression.strip_prefix("context.") {
        let mut value = sources.context;
        for part in name.split('.') {
            match value.get(part) {
                Some(next) => value = next,
                None => return Err("no such context variable".into()),
            }
        }
        return one(scalar(value), "the context variable is empty");
    }
    let Some(rest) = expression.strip_prefix(sources.prefix).and_then(|r| r.strip_prefix('.'))
    else {
        return Err("not a mapping expression this side can read".into());
    };
    if rest == "body" {
        return one(Some(sources.body.to_string()), "the body is empty");
    }
    if let Some(path) = rest.strip_prefix("body.") {
        let json = body_json(sources.body)?;
        let path = format!("$.{path}");
        return match crate::vtl::jsonpath::select(&json, &path) {
            Ok(crate::vtl::jsonpath::Selected::One(Some(value))) => {
                one(scalar(&value), "the body's value is empty")
            }
            Ok(crate::vtl::jsonpath::Selected::One(None)) => {
                Err("the body has nothing at that path".into())
            }
            Ok(crate::vtl::jsonpath::Selected::Many(values)) => {
                one(Some(Value::Array(values).to_string()), "the body has nothing at that path")
            }
            Err(problem) => Err(format!("bad JSONPath: {problem}")),
        };
    }
    let (location, name) = rest.split_once('.').unwrap_or((rest, ""));
    match location {
        "path" => one(
            sources.path.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()),
            "no such path parameter",
        ),
        "querystring" => one(
            query_values(sources.query, name).last().map(|v| v.to_string()),
            "not in the query string",
        ),
        "multivaluequerystring" => {
            let values: Vec<String> = query_values(sources.query, name)
                .into_iter()
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .collect();
            if values.is_empty() { Err("not in the query string".into()) } else { Ok(values) }
        }
        "header" => one(header(sources.headers, name).map(str::to_string), "no such header"),
        "multivalueheader" => {
            let values = header_values(sources.headers, name);
            one((!values.is_empty()).then(|| values.join(",")), "no such header")
        }
        _ => Err("not a mapping expression this side can read".into()),
    }
}

fn one(value: Option<String>, missing: &str) -> Result<Vec<String>, String> {
    match value {
        Some(v) if !v.is_empty() => Ok(vec![v]),
        _ => Err(missing.to_string()),
    }
}

/// A JSON value as a mapped parameter holds it: a string's text, anything else as JSON.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The body as JSON; API Gateway only reads a body that starts like JSON (`{`, `[`, `"`), else
/// it reads nothing from it.
fn body_json(body: &str) -> Result<Value, String> {
    let trimmed = body.trim();
    if trimmed.starts_with(['{', '[', '"']) {
        serde_json::from_str(trimmed).map_err(|_| "the body is not valid JSON".to_string())
    } else {
        Ok(Value::Object(Default::default()))
    }
}

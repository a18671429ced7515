//! The Lambda proxy integration's event (payload format 1.0) and result, as AWS documents them:
//! <https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format>
//! and `#api-gateway-simple-proxy-for-lambda-output-format`.

use super::text::{fold, fold_headers};
use serde_json::{Map, Value};

/// What the event is built from.
pub(crate) struct EventInput<'a> {
    pub resource: &'a str,
    pub path: &'a str,
    pub method: &'a str,
    pub headers: &'a [(String, String)],
    pub query: &'a [(String, String)],
    pub path_parameters: &'a [(String, String)],
    pub stage_variables: &'a [(String, String)],
    pub context: &'a Value,
    pub body: &'a str,
}

/// The event: `headers` keep a repeated header's last value and `multiValueHeaders` all of
/// them; `queryStringParameters` the last value of a repeated name; maps that would be empty
/// are `null`, as is an empty body.
pub(crate) fn event(input: &EventInput<'_>) -> Value {
    let object = |pairs: Vec<(String, String)>| -> Value {
        if pairs.is_empty() {
            return Value::Null;
        }
        Value::Object(pairs.into_iter().map(|(k, v)| (k, Value::String(v))).collect())
    };
    let multi = |pairs: &[(String, String)], case_insensitive: bool| -> Value {
        let mut map: Vec<(String, Vec<Value>)> = Vec::new();
        for (name, value) in pairs {
            let found = map.iter_mut().find(|(n, _)| {
                if case_insensitive { n.eq_ignore_ascii_case(name) } else { n == name }
            });
            match found {
                Some((_, values)) => values.push(Value::String(value.clone())),
                None => map.push((name.clone(), vec![Value::String(value.clone())])),
            }
        }
        if map.is_empty() {
            return Value::Null;
        }
        Value::Object(map.into_iter().map(|(k, v)| (k, Value::Array(v))).collect())
    };
    // A repeated header keeps its last value in `headers`.
    let mut single_headers: Vec<(String, String)> = Vec::new();
    for (name, value) in fold_headers(input.headers) {
        let last = input
            .headers
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(&name))
            .map(|(_, v)| v.clone())
            .unwrap_or(value);
        single_headers.push((name, last));
    }
    let mut event = Map::new();
    event.insert("resource".into(), Value::String(input.resource.into()));
    event.insert("path".into(), Value::String(input.path.into()));
    event.insert("httpMethod".into(), Value::String(input.method.into()));
    event.insert("headers".into(), object(single_headers));
    event.insert("multiValueHeaders".into(), multi(input.headers, true));
    event.insert("queryStringParameters".into(), object(fold(input.query, true)));
    event.insert("multiValueQueryStringParameters".into(), multi(input.query, false));
    event.insert("pathParameters".into(), object(input.path_parameters.to_vec()));
    event.insert("stageVariables".into(), object(input.stage_variables.to_vec()));
    event.insert("requestContext".into(), input.context.clone());
    event.insert(
        "body".into(),
        if input.body.is_empty() { Value::Null } else { Value::String(input.body.into()) },
    );
    event.insert("isBase64Encoded".into(), Value::Bool(false));
    Value::Object(event)
}

/// A Lambda proxy result, read.
#[derive(Debug, PartialEq)]
pub(crate) struct ProxyResult {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub base64: bool,
}

/// Reads a proxy result: a JSON object of `statusCode` (a number, or a text of one; 200 when
/// absent), `headers` (texts or booleans), `multiValueHeaders` (lists), `body` (a text) and
/// `isBase64Encoded`, and nothing else. `Err` says why it is malformed.
pub(crate) fn result(text: &str) -> Result<ProxyResult, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|_| "the function's result is not JSON".to_string())?;
    let Value::Object(object) = value else {
        return Err("the function's result is not a JSON object".into());
    };
    let mut out =
        ProxyResult { status: 200, headers: Vec::new(), body: String::new(), base64: false };
    for (key, value) in &object {
        match key.as_str() {
            "statusCode" => {
                let code = match value {
                    Value::Number(n) => n.as_u64(),
                    Value::String(s) => s.trim().parse::<u64>().ok(),
                    Value::Null => Some(200),
                    _ => None,
                };
                out.status = code
                    .and_then(|c| u16::try_from(c).ok())
                    .filter(|c| (100..=599).contains(c))
                    .ok_or("statusCode is not an HTTP status code")?;
            }
            "headers" => match value {
                Value::Null => {}
                Value::Object(headers) => {
                    for (name, value) in headers {
                        out.headers.push((
                            name.clone(),
                            header_text(value)
                                .ok_or_else(|| format!("header `{name}` is not a text"))?,
                        ));
                    }
                }
                _ => return Err("headers is not an object".into()),
            },
            "multiValueHeaders" => match value {
                Value::Null => {}
                Value::Object(headers) => {
                    for (name, values) in headers {
                        let Value::Array(values) = values else {
                            return Err(format!("multiValueHeaders `{name}` is not a list"));
                        };
                        // A multi-value header replaces the single-value one of its name.
                        out.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
                        for value in values {
                            out.headers.push((name.clone(), header_text(value).ok_or_else(
                                || format!("multiValueHeaders `{name}` holds a value that is not a text"),
                            )?));
                        }
                    }
                }
                _ => return Err("multiValueHeaders is not an object".into()),
            },
            "body" => match value {
                Value::Null => {}
                Value::String(s) => out.body = s.clone(),
                _ => return Err("body is not a text".into()),
            },
            "isBase64Encoded" => match value {
                Value::Null => {}
                Value::Bool(b) => out.base64 = *b,
                _ => return Err("isBase64Encoded is not true or false".into()),
            },
            other => return Err(format!("`{other}` is not a field of a proxy result")),
        }
    }
    Ok(out)
}

fn header_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

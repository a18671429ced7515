//! API Gateway's own test of a method (TestInvokeMethod), beside the simulator's: the request
//! that asks for it, its answer read, and where the two disagree.
//!
//! The call: `POST /restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}` with
//! `pathWithQueryString`, `body`, `headers`, `multiValueHeaders` and `stageVariables`; the
//! answer holds `status`, `body`, `headers`, `multiValueHeaders`, `log` and `latency`
//! (<https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html>). Pure: the
//! app sends the request and hands back what came.

use crate::exchange::HttpRequest;
use crate::plan::encode_label;
use crate::simulate::{Request, Trace};
use serde_json::{Map, Value};

/// The TestInvokeMethod request for `request`, to the method `verb` of the live resource
/// `resource_id` of the live API `rest_api_id`.
pub fn request(rest_api_id: &str, resource_id: &str, verb: &str, request: &Request) -> HttpRequest {
    let mut path = request.path.clone();
    for (i, (name, value)) in request.query.iter().enumerate() {
        path.push(if i == 0 { '?' } else { '&' });
        path.push_str(&encode_label(name));
        path.push('=');
        path.push_str(&encode_label(value));
    }
    let mut body = Map::new();
    body.insert("pathWithQueryString".into(), Value::String(path));
    if !request.body.is_empty() {
        body.insert("body".into(), Value::String(request.body.clone()));
    }
    // `headers` keeps a name's last value; `multiValueHeaders` keeps them all, in order.
    let mut headers = Map::new();
    let mut multi: Map<String, Value> = Map::new();
    for (name, value) in &request.headers {
        headers.insert(name.clone(), Value::String(value.clone()));
        match multi.get_mut(name) {
            Some(Value::Array(values)) => values.push(Value::String(value.clone())),
            _ => {
                multi.insert(name.clone(), Value::Array(vec![Value::String(value.clone())]));
            }
        }
    }
    if !headers.is_empty() {
        body.insert("headers".into(), Value::Object(headers));
        body.insert("multiValueHeaders".into(), Value::Object(multi));
    }
    if !request.stage_variables.is_empty() {
        let variables = request
            .stage_variables
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        body.insert("stageVariables".into(), Value::Object(variables));
    }
    HttpRequest {
        method: "POST".into(),
        path: format!(
            "/restapis/{}/resources/{}/methods/{}",
            encode_label(rest_api_id),
            encode_label(resource_id),
            encode_label(verb)
        ),
        body: Some(Value::Object(body).to_string()),
    }
}

/// What API Gateway's test answered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Invoked {
    pub status: u16,
    /// Every value of every header, in the answer's order.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The execution log, a line each.
    pub log: Vec<String>,
    /// How long it took, in milliseconds, when said.
    pub latency: Option<i64>,
}

/// Reads TestInvokeMethod's answer. An answer that is not its JSON is an error that says what
/// came instead.
pub fn parse(body: &str) -> Result<Invoked, String> {
    let value: Value = serde_json::from_str(body).map_err(|_| {
        format!("API Gateway's test answered with something other than JSON: {}", clip(body))
    })?;
    let Some(object) = value.as_object() else {
        return Err(format!(
            "API Gateway's test answered with something other than an object: {}",
            clip(body)
        ));
    };
    let status = object
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .ok_or_else(|| {
        format!("API Gateway's test answered without a status: {}", clip(body))
    })?;
    let text = |key: &str| object.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    let mut headers = Vec::new();
    match object.get("multiValueHeaders").and_then(Value::as_object) {
        Some(multi) if !multi.is_empty() => {
            for (name, values) in multi {
                for value in values.as_array().into_iter().flatten() {
                    headers.push((name.clone(), value.as_str().unwrap_or_default().to_string()));
                }
            }
        }
        _ => {
            for (name, value) in
                object.get("headers").and_then(Value::as_object).into_iter().flatten()
            {
                headers.push((name.clone(), value.as_str().unwrap_or_default().to_string()));
            }
        }
    }
    Ok(Invoked {
        status,
        headers,
        body: text("body"),
        log: text("log").lines().map(str::to_string).collect(),
        latency: object.get("latency").and_then(Value::as_i64),
    })
}

fn clip(text: &str) -> String {
    let mut out: String = text.chars().take(200).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// Where API Gateway's answer and the simulator's differ, a sentence each: the status, the
/// body (as JSON when both are), and each header the simulator gives or API Gateway adds,
/// but for API Gateway's own tracing headers (`X-Amzn-…`), which no design sets.
pub fn differences(local: &Trace, aws: &Invoked) -> Vec<String> {
    let mut out = Vec::new();
    if local.status != aws.status {
        out.push(format!("status: {} here, {} on API Gateway", local.status, aws.status));
    }
    let same_body = match (
        serde_json::from_str::<Value>(&local.body),
        serde_json::from_str::<Value>(&aws.body),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => local.body == aws.body,
    };
    if !same_body {
        out.push("body: the bodies differ".into());
    }
    let values = |headers: &[(String, String)], name: &str| -> Vec<String> {
        headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .collect()
    };
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in local.headers.iter().chain(&aws.headers) {
        let traced = name.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("x-amzn-"));
        if !traced && !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name);
        }
    }
    for name in names {
        let (here, there) = (values(&local.headers, name), values(&aws.headers, name));
        if here != there {
            let shown =
                |v: &[String]| if v.is_empty() { "absent".to_string() } else { v.join(", ") };
            out.push(format!(
                "header {name}: {} here, {} on API Gateway",
                shown(&here),
                shown(&there)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Request {
        Request {
            method: "GET".into(),
            path: "/pets/7".into(),
            query: vec![("type".into(), "cat & dog".into()), ("type".into(), "é".into())],
            headers: vec![
                ("Accept".into(), "application/json".into()),
                ("X-Many".into(), "a".into()),
                ("X-Many".into(), "b".into()),
            ],
            body: "{\"q\": \"</script>\"}".into(),
            stage_variables: vec![("backend".into(), "api.example.com".into())],
            ..Default::default()
        }
    }

    #[test]
    fn the_request_asks_for_the_method_with_every_part_of_the_test_request() {
        let sent = request("a1b2c3", "r/7", "GET", &sample());
        assert_eq!(sent.method, "POST");
        assert_eq!(sent.path, "/restapis/a1b2c3/resources/r%2F7/methods/GET");
        let body: Value = serde_json::from_str(sent.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["pathWithQueryString"], "/pets/7?type=cat%20%26%20dog&type=%C3%A9");
        assert_eq!(body["body"], "{\"q\": \"</script>\"}");
        assert_eq!(body["headers"]["X-Many"], "b");
        assert_eq!(body["multiValueHeaders"]["X-Many"], serde_json::json!(["a", "b"]));
        assert_eq!(body["stageVariables"]["backend"], "api.example.com");
        // An empty request says only its path.
        let bare = Request { path: "/".into(), ..Default::default() };
        let body: Value =
            serde_json::from_str(request("a", "r", "ANY", &bare).body.as_deref().unwrap()).unwrap();
        assert_eq!(body, serde_json::json!({"pathWithQueryString": "/"}));
    }

    /// An answer in the shape the API reference gives.
    const ANSWER: &str = r#"{"status": 200, "body": "{\"id\": 7}", "headers": {"Content-Type": "application/json", "X-Amzn-Trace-Id": "Root=1-5e6f"}, "multiValueHeaders": {"Content-Type": ["application/json"], "X-Amzn-Trace-Id": ["Root=1-5e6f"]}, "log": "Execution log for request 1a2b\nMon Dec 01 04:00:00 UTC 2026 : Starting execution for request: 1a2b\nMon Dec 01 04:00:00 UTC 2026 : Method completed with status: 200", "latency": 12}"#;

    #[test]
    fn the_answer_is_read_whole() {
        let invoked = parse(ANSWER).unwrap();
        assert_eq!(invoked.status, 200);
        assert_eq!(invoked.body, "{\"id\": 7}");
        assert_eq!(invoked.headers[0], ("Content-Type".into(), "application/json".into()));
        assert_eq!(invoked.log.len(), 3);
        assert_eq!(invoked.latency, Some(12));
        // Headers alone when there are no multi-value ones.
        let single = parse(r#"{"status": 502, "headers": {"A": "1"}}"#).unwrap();
        assert_eq!(single.headers, [("A".to_string(), "1".to_string())]);
        assert_eq!((single.body.as_str(), single.log.len()), ("", 0));
    }

    #[test]
    fn an_answer_that_is_not_the_tests_says_what_came() {
        for (text, words) in [
            ("<html>Bad Gateway</html>", "other than JSON: <html>"),
            ("[1]", "other than an object"),
            ("{\"status\": \"200\"}", "without a status"),
            ("{\"status\": 70000}", "without a status"),
        ] {
            let error = parse(text).unwrap_err();
            assert!(error.contains(words), "{error}");
        }
        let long = "x".repeat(5000);
        assert!(parse(&long).unwrap_err().len() < 400);
    }

    #[test]
    fn differences_name_status_body_and_headers_but_not_api_gateways_tracing() {
        let aws = parse(ANSWER).unwrap();
        let same = Trace {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: "{ \"id\" : 7 }".into(),
            ..Default::default()
        };
        assert_eq!(differences(&same, &aws), Vec::<String>::new());
        let other = Trace {
            status: 404,
            headers: vec![("X-Local".into(), "1".into()), ("Ünï".into(), "ü".into())],
            body: "nope".into(),
            ..Default::default()
        };
        assert_eq!(
            differences(&other, &aws),
            [
                "status: 404 here, 200 on API Gateway",
                "body: the bodies differ",
                "header X-Local: 1 here, absent on API Gateway",
                "header Ünï: ü here, absent on API Gateway",
                "header Content-Type: absent here, application/json on API Gateway",
            ]
        );
    }
}

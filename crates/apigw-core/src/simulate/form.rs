//! What the Test tab and `apigw invoke` need beside [`super::simulate`]: a request from a
//! method's saved test form, a plausible first test request, and one template's output.

use super::run::{Routed, by_content_type};
use super::text::{parse_headers, parse_query, url_encode};
use super::{Backend, Request};
use crate::model::{Design, TestBackend, TestRequest};
use crate::vtl::{Limits, VtlError};
use serde_json::{Map, Value, json};

/// The request a method's test form describes: the concrete path from the resource path and
/// the form's path parameters (a parameter it lacks stays `{name}`), the query string and
/// header lines parsed, the stage variables, body and back-end answer. The verb is `verb`;
/// for an `ANY` method, `GET`.
pub fn request_from_test(_design: &Design, path: &str, verb: &str, test: &TestRequest) -> Request {
    let mut concrete = String::new();
    for segment in crate::path::segments(path) {
        concrete.push('/');
        match crate::path::placeholder_name(segment) {
            Some(name) if crate::path::is_variable(segment) => match test.path_parameters.get(name)
            {
                Some(value) => {
                    concrete.push_str(&url_encode(value, crate::path::is_greedy(segment)))
                }
                None => concrete.push_str(segment),
            },
            _ => concrete.push_str(segment),
        }
    }
    if concrete.is_empty() {
        concrete.push('/');
    }
    Request {
        method: if verb == "ANY" { "GET".to_string() } else { verb.to_string() },
        path: concrete,
        query: parse_query(&test.query_string),
        headers: parse_headers(&test.headers),
        body: test.body.clone(),
        stage_variables: test.stage_variables.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        backend: test.backend.as_ref().map(backend_from_test),
        ..Request::default()
    }
}

fn backend_from_test(test: &TestBackend) -> Backend {
    Backend {
        status: test.status,
        headers: parse_headers(&test.headers),
        body: test.body.clone(),
        error: test.error.clone(),
    }
}

/// Whether a parameter's name reads as an identifier (`id`, `petId`, `user_id`).
fn id_like(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "id"
        || lower.ends_with("id")
            && (name.ends_with("Id")
                || name.ends_with("ID")
                || lower.ends_with("_id")
                || lower.ends_with("-id"))
}

fn example_value(name: &str) -> &'static str {
    if id_like(name) { "7" } else { "example" }
}

/// A plausible first request for a method: a value per path parameter (`7` for an id-like
/// name, else `example`), its required query parameters and headers, a JSON body from the
/// request model's schema when it has one, and, for integrations other than MOCK, a plausible
/// back-end answer (HTTP: 200 with a body from the 200 response's model, Lambda proxy:
/// `{"statusCode": 200, "body": "{}"}`, Lambda: `{}`).
pub fn example_test_request(design: &Design, path: &str, verb: &str) -> TestRequest {
    let mut test = TestRequest::default();
    for name in crate::path::placeholders(path) {
        test.path_parameters.insert(name.to_string(), example_value(name).to_string());
    }
    let Some(method) = design.method(path, verb) else { return test };
    let mut query = Vec::new();
    let mut headers = Vec::new();
    for (key, required) in &method.request_parameters {
        if !*required {
            continue;
        }
        let Some(rest) = key.strip_prefix("method.request.") else { continue };
        let Some((location, name)) = rest.split_once('.') else { continue };
        match location {
            "querystring" | "multivaluequerystring" => {
                query.push(format!("{}={}", url_encode(name, false), example_value(name)))
            }
            "header" | "multivalueheader" => {
                headers.push(format!("{name}: {}", example_value(name)))
            }
            _ => {}
        }
    }
    if let Some((content_type, model)) = by_content_type(&method.request_models, "application/json")
    {
        if let Some(schema) = schema_of(design, model) {
            let value = example_json(design, &schema, 0, &mut 300);
            test.body = serde_json::to_string_pretty(&value).unwrap_or_default();
            headers.push(format!("Content-Type: {content_type}"));
        }
    }
    test.query_string = query.join("&");
    test.headers = headers.join("\n");
    let integration = method.integration.as_ref();
    let kind = integration.map(|i| i.integration_type.to_ascii_uppercase()).unwrap_or_default();
    let lambda =
        integration.and_then(|i| i.uri.as_deref()).is_some_and(|u| u.contains(":lambda:path/"));
    test.backend = match kind.as_str() {
        "MOCK" | "" => None,
        "AWS_PROXY" => Some(TestBackend {
            body: r#"{"statusCode": 200, "body": "{}"}"#.to_string(),
            ..TestBackend::default()
        }),
        "AWS" if lambda => Some(TestBackend { body: "{}".to_string(), ..TestBackend::default() }),
        _ => {
            let body = method
                .method_responses
                .get("200")
                .and_then(|r| by_content_type(&r.response_models, "application/json"))
                .and_then(|(_, model)| schema_of(design, model))
                .map(|schema| example_json(design, &schema, 0, &mut 300))
                .map_or_else(
                    || "{}".to_string(),
                    |v| serde_json::to_string_pretty(&v).unwrap_or_default(),
                );
            Some(TestBackend {
                status: 200,
                headers: "Content-Type: application/json".to_string(),
                body,
                error: None,
            })
        }
    };
    test
}

fn schema_of(design: &Design, model: &str) -> Option<Value> {
    serde_json::from_str(&design.models.get(model)?.schema).ok()
}

/// A JSON value a schema accepts, plausibly: its example or default, the first of its enum,
/// each property of an object, one item of an array; `$ref` to another model followed.
fn example_json(design: &Design, schema: &Value, depth: u32, budget: &mut u32) -> Value {
    // Bounded in depth and in size, so that models referring to each other cannot make it
    // run long.
    if depth > 8 || *budget == 0 {
        return Value::Null;
    }
    *budget -= 1;
    for key in ["example", "default"] {
        if let Some(value) = schema.get(key) {
            return value.clone();
        }
    }
    if let Some(first) = schema.get("enum").and_then(Value::as_array).and_then(|e| e.first()) {
        return first.clone();
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        return match schema_of(design, name) {
            Some(target) => example_json(design, &target, depth + 1, budget),
            None => Value::Null,
        };
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(first) = schema.get(key).and_then(Value::as_array).and_then(|e| e.first()) {
            return example_json(design, first, depth + 1, budget);
        }
    }
    let kind = match schema.get("type") {
        Some(Value::String(t)) => t.as_str(),
        Some(Value::Array(types)) => {
            types.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or("null")
        }
        _ if schema.get("properties").is_some() => "object",
        _ => "string",
    };
    match kind {
        "object" => {
            let mut object = Map::new();
            if let Some(Value::Object(properties)) = schema.get("properties") {
                for (name, property) in properties {
                    let value = match property.get("type").and_then(Value::as_str) {
                        Some("string")
                            if property.get("enum").is_none()
                                && property.get("example").is_none()
                                && id_like(name) =>
                        {
                            json!("7")
                        }
                        _ => example_json(design, property, depth + 1, budget),
                    };
                    object.insert(name.clone(), value);
                }
            }
            // A required property the schema does not describe is a text.
            for name in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
                if let Some(name) = name.as_str() {
                    object.entry(name.to_string()).or_insert_with(|| json!(example_value(name)));
                }
            }
            Value::Object(object)
        }
        "array" => match schema.get("items") {
            Some(items) => Value::Array(vec![example_json(design, items, depth + 1, budget)]),
            None => json!([]),
        },
        "integer" => schema.get("minimum").cloned().unwrap_or(json!(1)),
        "number" => schema.get("minimum").cloned().unwrap_or(json!(1.5)),
        "boolean" => json!(true),
        "null" => Value::Null,
        _ => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2026-01-01T00:00:00Z"),
            Some("date") => json!("2026-01-01"),
            Some("email") => json!("user@example.com"),
            Some("uri") => json!("https://example.com/"),
            _ => json!("example"),
        },
    }
}

/// One template of a method: a request template by content type, or an integration
/// response's template by status and content type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateRef {
    Request { content_type: String },
    Response { status: String, content_type: String },
}

/// That template rendered as the simulator would render it for `request` (its path, query,
/// headers, stage variables and context; for a response template, the back end's answer, or
/// the made-up `{}`, as `$input`). `None` when the method or template does not exist.
pub fn template_output(
    design: &Design,
    path: &str,
    verb: &str,
    which: &TemplateRef,
    request: &Request,
) -> Option<Result<String, VtlError>> {
    let method = design.method(path, verb)?;
    let integration = method.integration.as_ref()?;
    let params =
        match super::route::route(design, &request.method.to_ascii_uppercase(), &request.path) {
            Some((p, v, params)) if p == path && v == verb => params,
            _ => crate::path::placeholders(path)
                .into_iter()
                .map(|name| (name.to_string(), String::new()))
                .collect(),
        };
    let routed = Routed::new(design, request, path, verb, method, params);
    let render = |template: &str, body: &str| {
        crate::vtl::render_text(template, &routed.env(request, body), Limits::default())
            .map(|r| r.output)
    };
    match which {
        TemplateRef::Request { content_type } => {
            let template = integration.request_templates.get(content_type)?;
            Some(render(template, &request.body))
        }
        TemplateRef::Response { status, content_type } => {
            let template = integration
                .integration_responses
                .get(status)?
                .response_templates
                .get(content_type)?;
            let body = match &request.backend {
                Some(backend) if backend.body.trim().is_empty() && backend.error.is_some() => {
                    json!({ "errorMessage": backend.error }).to_string()
                }
                Some(backend) => backend.body.clone(),
                None => "{}".to_string(),
            };
            Some(render(template, &body))
        }
    }
}

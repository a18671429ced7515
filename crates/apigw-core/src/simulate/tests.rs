//! The simulator's tests: each asserts what API Gateway answers and logs.

use super::*;
use crate::diagnostic::{Field, Owner};
use crate::vtl::VtlError;
use serde_json::{Value, json};

fn design(json: Value) -> Design {
    let mut value = json;
    value["format"] = json!("apigw-design/1");
    crate::document::design_from_str(&value.to_string()).expect("a valid design")
}

fn get(path: &str) -> Request {
    Request { method: "GET".into(), path: path.into(), ..Request::default() }
}

fn texts(trace: &Trace) -> Vec<&str> {
    trace.log.iter().map(|l| l.text.as_str()).collect()
}

/// The log's lines without their date.
fn lines(trace: &Trace) -> Vec<String> {
    trace
        .log
        .iter()
        .map(|l| l.text.split_once(" : ").map_or(l.text.clone(), |(_, t)| t.to_string()))
        .collect()
}

fn has_line(trace: &Trace, text: &str) -> bool {
    lines(trace).iter().any(|l| l == text)
}

fn target_of<'t>(trace: &'t Trace, starts: &str) -> Option<&'t Target> {
    trace
        .log
        .iter()
        .find(|l| l.text.split_once(" : ").is_some_and(|(_, t)| t.starts_with(starts)))
        .and_then(|l| l.target.as_ref())
}

fn http_design() -> Design {
    design(json!({
        "resources": {
            "/pets/{petId}": { "methods": { "GET": {
                "requestParameters": { "method.request.path.petId": true, "method.request.header.x-trace": false },
                "methodResponses": { "200": {} },
                "integration": {
                    "type": "HTTP", "integrationHttpMethod": "GET",
                    "uri": "https://${stageVariables.host}/pets/{id}",
                    "requestParameters": {
                        "integration.request.path.id": "method.request.path.petId",
                        "integration.request.querystring.q": "method.request.querystring.q",
                        "integration.request.header.x-static": "'fixed'",
                        "integration.request.header.x-missing": "method.request.header.x-trace"
                    },
                    "integrationResponses": { "200": {
                        "responseParameters": {
                            "method.response.header.x-up": "integration.response.header.x-up",
                            "method.response.header.x-name": "integration.response.body.name"
                        }
                    } }
                }
            } } }
        }
    }))
}

// Routing.

#[test]
fn fixed_parts_win_over_variables_which_win_over_greedy() {
    let design = design(json!({
        "resources": {
            "/pets/mine": { "methods": { "GET": {} } },
            "/pets/{petId}": { "methods": { "GET": {} } },
            "/pets/{petId}/toys": { "methods": { "POST": {} } },
            "/{proxy+}": { "methods": { "ANY": {} } }
        }
    }));
    assert_eq!(
        route(&design, "GET", "/pets/mine"),
        Some(("/pets/mine".into(), "GET".into(), vec![]))
    );
    assert_eq!(
        route(&design, "GET", "/pets/a%20b"),
        Some(("/pets/{petId}".into(), "GET".into(), vec![("petId".into(), "a b".into())]))
    );
    assert_eq!(
        route(&design, "GET", "/pets/7/toys"),
        Some(("/{proxy+}".into(), "ANY".into(), vec![("proxy".into(), "pets/7/toys".into())])),
        "no GET on /pets/{{petId}}/toys: the ANY of the greedy resource takes it"
    );
    assert_eq!(
        route(&design, "POST", "/pets/7/toys"),
        Some(("/pets/{petId}/toys".into(), "POST".into(), vec![("petId".into(), "7".into())]))
    );
    assert_eq!(
        route(&design, "DELETE", "/a/b/c"),
        Some(("/{proxy+}".into(), "ANY".into(), vec![("proxy".into(), "a/b/c".into())]))
    );
    // A greedy variable takes one part at least: the root is not under /{proxy+}.
    assert_eq!(route(&design, "GET", "/"), None);
}

#[test]
fn no_route_and_wrong_verb_are_403_missing_authentication_token() {
    let design = crate::example::petstore();
    for (verb, path) in [("GET", "/nowhere"), ("DELETE", "/pets")] {
        let trace = simulate(
            &design,
            &Request { method: verb.into(), path: path.into(), ..Request::default() },
        );
        assert_eq!(trace.status, 403, "{verb} {path}");
        assert_eq!(trace.body, r#"{"message":"Missing Authentication Token"}"#);
        assert_eq!(trace.matched, None);
        assert!(
            trace.headers.contains(&(
                "x-amzn-ErrorType".into(),
                "MissingAuthenticationTokenException".into()
            ))
        );
        assert_eq!(
            lines(&trace).last().map(String::as_str),
            Some("Method completed with status: 403")
        );
    }
}

#[test]
fn a_gateway_response_of_the_design_changes_the_answer() {
    let mut design = crate::example::petstore();
    design.gateway_responses.insert(
        "MISSING_AUTHENTICATION_TOKEN".into(),
        crate::model::GatewayResponse {
            status_code: Some("404".into()),
            response_parameters: [(
                "gatewayresponse.header.x-why".to_string(),
                "'no route'".to_string(),
            )]
            .into_iter()
            .collect(),
            response_templates: [(
                "application/json".to_string(),
                r#"{"error": $context.error.messageString}"#.to_string(),
            )]
            .into_iter()
            .collect(),
        },
    );
    let trace = simulate(&design, &get("/nowhere"));
    assert_eq!(trace.status, 404);
    assert_eq!(trace.body, r#"{"error": "Missing Authentication Token"}"#);
    assert!(trace.headers.contains(&("x-why".into(), "no route".into())));
    assert_eq!(
        target_of(&trace, "Gateway response"),
        Some(&Target::of(Owner::gateway_response("MISSING_AUTHENTICATION_TOKEN")))
    );
}

// The log.

#[test]
fn the_log_reads_as_the_console_writes_it() {
    let design = http_design();
    let mut request = get("/pets/7");
    request.query = vec![("q".into(), "x".into())];
    request.headers = vec![("Accept".into(), "application/json".into())];
    request.stage_variables = vec![("host".into(), "example.com".into())];
    request.backend = Some(Backend {
        status: 200,
        headers: vec![("x-up".into(), "yes".into())],
        body: r#"{"name":"Rex"}"#.into(),
        error: None,
    });
    let trace = simulate(&design, &request);
    assert_eq!(texts(&trace)[0], "Execution log for request test-request");
    assert_eq!(
        texts(&trace)[1],
        "Thu Jan 01 00:00:00 UTC 2026 : Starting execution for request: test-request"
    );
    let lines = lines(&trace);
    let expected = [
        "HTTP Method: GET, Resource Path: /pets/7",
        "Method request path: {petId=7}",
        "Method request query string: {q=x}",
        "Method request headers: {Accept=application/json}",
        "Method request body before transformations: ",
        "Endpoint request URI: https://example.com/pets/7?q=x",
        "Endpoint request headers: {x-static=fixed, x-amzn-apigateway-api-id=a1b2c3d4e5, User-Agent=AmazonAPIGateway_a1b2c3d4e5}",
        "Endpoint request body after transformations: ",
        "Sending request to https://example.com/pets/7?q=x",
        "Received response. Status: 200, Integration latency: 0 ms",
        "Endpoint response headers: {x-up=yes}",
        r#"Endpoint response body before transformations: {"name":"Rex"}"#,
        r#"Method response body after transformations: {"name":"Rex"}"#,
        "Method response headers: {Content-Type=application/json, x-name=Rex, x-up=yes}",
        "Successfully completed execution",
        "Method completed with status: 200",
    ];
    // The console's lines come in the console's order, with the simulator's own between them.
    let mut at = 0;
    for line in expected {
        let found = lines[at..].iter().position(|l| l == line);
        assert!(found.is_some(), "missing or out of order: {line}\n{lines:#?}");
        at += found.unwrap_or(0) + 1;
    }
    assert_eq!(trace.status, 200);
    assert_eq!(trace.matched, Some(("/pets/{petId}".into(), "GET".into())));
    let sent = trace.integration_request.as_ref().expect("sent to the back end");
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.uri, "https://example.com/pets/7?q=x");
    // Lines name the fields that made them.
    let owner = Owner::integration("/pets/{petId}", "GET");
    assert_eq!(
        target_of(&trace, "Endpoint request URI"),
        Some(&Target::field(owner.clone(), Field::Uri))
    );
    assert_eq!(
        target_of(&trace, "Parameter mapping integration.request.header.x-missing"),
        Some(&Target::key(owner, Field::RequestParameters, "integration.request.header.x-missing"))
    );
    assert!(has_line(
        &trace,
        "Parameter mapping integration.request.header.x-missing = method.request.header.x-trace: not sent (no such header)"
    ));
    assert_eq!(
        target_of(&trace, "Parameter mapping method.response.header.x-name"),
        Some(&Target::key(
            Owner::integration_response("/pets/{petId}", "GET", "200"),
            Field::ResponseParameters,
            "method.response.header.x-name"
        ))
    );
}

#[test]
fn the_request_time_dates_the_log_and_the_context() {
    let design = http_design();
    let mut request = get("/pets/7");
    request.context = vec![
        ("requestTime".into(), "29/Nov/2021:13:31:04 +0000".into()),
        ("requestId".into(), "r-1".into()),
    ];
    let trace = simulate(&design, &request);
    assert_eq!(texts(&trace)[0], "Execution log for request r-1");
    assert_eq!(
        texts(&trace)[1],
        "Mon Nov 29 13:31:04 UTC 2021 : Starting execution for request: r-1"
    );
}

#[test]
fn no_back_end_answer_is_made_up_and_said() {
    let trace = simulate(&http_design(), &get("/pets/7"));
    assert_eq!(trace.status, 200);
    assert_eq!(trace.body, "{}");
    assert!(has_line(
        &trace,
        "No back-end answer was given: this one is made up (status 200, body {})"
    ));
}

// The method request.

fn validated() -> Design {
    design(json!({
        "requestValidators": { "all": { "validateRequestBody": true, "validateRequestParameters": true } },
        "models": { "Pet": { "schema": "{\"type\":\"object\",\"required\":[\"name\"]}" } },
        "resources": {
            "/pets/{petId}": { "methods": { "POST": {
                "requestValidator": "all",
                "requestParameters": {
                    "method.request.header.x-key": true,
                    "method.request.path.petId": true,
                    "method.request.querystring.qs1": true,
                    "method.request.querystring.optional": false
                },
                "requestModels": { "application/json": "Pet" },
                "integration": { "type": "MOCK", "requestTemplates": {} , "integrationResponses": { "200": {} } }
            } } }
        }
    }))
}

#[test]
fn missing_required_parameters_are_400_in_the_order_aws_names_them() {
    let trace = simulate(
        &validated(),
        &Request { method: "POST".into(), path: "/pets/7".into(), ..Request::default() },
    );
    assert_eq!(trace.status, 400);
    assert_eq!(trace.body, r#"{"message":"Missing required request parameters: [x-key, qs1]"}"#);
    assert!(trace.headers.contains(&("x-amzn-ErrorType".into(), "BadRequestException".into())));
    assert_eq!(trace.integration_request, None);
    assert_eq!(
        target_of(&trace, "Request validation failed"),
        Some(&Target::field(
            Owner::RequestValidator { name: "all".into() },
            Field::ValidateRequestParameters
        ))
    );
    // A blank value is missing too.
    let mut request =
        Request { method: "POST".into(), path: "/pets/7".into(), ..Request::default() };
    request.headers = vec![("X-Key".into(), "k".into())];
    request.query = vec![("qs1".into(), " ".into())];
    let trace = simulate(&validated(), &request);
    assert_eq!(trace.body, r#"{"message":"Missing required request parameters: [qs1]"}"#);
}

#[test]
fn a_body_that_is_not_json_is_400_invalid_request_body() {
    let mut request =
        Request { method: "POST".into(), path: "/pets/7".into(), ..Request::default() };
    request.headers = vec![("x-key".into(), "k".into())];
    request.query = vec![("qs1".into(), "1".into())];
    request.body = "{not json".into();
    let trace = simulate(&validated(), &request);
    assert_eq!(trace.status, 400);
    assert_eq!(trace.body, r#"{"message":"Invalid request body"}"#);
    assert!(has_line(
        &trace,
        "Request body does not match model schema for content type application/json: [Unknown error parsing request body]"
    ));
    assert_eq!(
        target_of(&trace, "Request body does not match"),
        Some(&Target::field(Owner::Model { name: "Pet".into() }, Field::Schema))
    );
}

#[test]
fn authorization_is_said_not_to_be_simulated() {
    let mut design = http_design();
    if let Some(method) = design.method_mut("/pets/{petId}", "GET") {
        method.authorization_type = "AWS_IAM".into();
    }
    let trace = simulate(&design, &get("/pets/7"));
    assert!(has_line(
        &trace,
        "Authorization (AWS_IAM) is not simulated: the request's identity and authorizer context are used as given"
    ));
}

// The integration request.

fn passthrough(behavior: Option<&str>, templates: Value) -> Design {
    let mut integration = json!({
        "type": "HTTP", "integrationHttpMethod": "POST", "uri": "https://example.com/",
        "requestTemplates": templates,
        "integrationResponses": { "200": {} }
    });
    if let Some(b) = behavior {
        integration["passthroughBehavior"] = json!(b);
    }
    design(
        json!({ "resources": { "/": { "methods": { "POST": { "integration": integration } } } } }),
    )
}

fn post_xml() -> Request {
    Request {
        method: "POST".into(),
        path: "/".into(),
        headers: vec![("Content-Type".into(), "application/xml".into())],
        body: "<a/>".into(),
        ..Request::default()
    }
}

#[test]
fn passthrough_behaviours_pass_the_body_or_answer_415() {
    // WHEN_NO_MATCH: no template for the type, the body passes through.
    let trace = simulate(
        &passthrough(Some("WHEN_NO_MATCH"), json!({ "application/json": "{}" })),
        &post_xml(),
    );
    assert_eq!(trace.status, 200);
    assert_eq!(trace.integration_request.as_ref().map(|r| r.body.as_str()), Some("<a/>"));
    // WHEN_NO_TEMPLATES: templates exist but none for the type.
    let trace = simulate(
        &passthrough(Some("WHEN_NO_TEMPLATES"), json!({ "application/json": "{}" })),
        &post_xml(),
    );
    assert_eq!(trace.status, 415);
    assert_eq!(trace.body, r#"{"message":"Unsupported Media Type"}"#);
    assert_eq!(
        target_of(&trace, "Execution failed: no request template"),
        Some(&Target::field(Owner::integration("/", "POST"), Field::PassthroughBehavior))
    );
    // WHEN_NO_TEMPLATES and no templates at all: passes.
    let trace = simulate(&passthrough(Some("WHEN_NO_TEMPLATES"), json!({})), &post_xml());
    assert_eq!(trace.status, 200);
    // NEVER: 415 without a template for the type.
    let trace = simulate(&passthrough(Some("NEVER"), json!({})), &post_xml());
    assert_eq!(trace.status, 415);
    // Unset is WHEN_NO_MATCH.
    let trace = simulate(&passthrough(None, json!({ "application/json": "{}" })), &post_xml());
    assert_eq!(trace.status, 200);
}

#[test]
fn http_proxy_forwards_the_request_as_is() {
    let design = design(json!({ "resources": { "/{proxy+}": { "methods": { "ANY": {
        "requestParameters": { "method.request.path.proxy": true },
        "integration": {
            "type": "HTTP_PROXY", "integrationHttpMethod": "ANY",
            "uri": "https://example.com/{proxy}",
            "requestParameters": { "integration.request.path.proxy": "method.request.path.proxy" }
        }
    } } } } }));
    let request = Request {
        method: "PUT".into(),
        path: "/a/b%20c".into(),
        query: vec![("x".into(), "1".into()), ("x".into(), "2".into())],
        headers: vec![("Host".into(), "client".into()), ("X-A".into(), "b".into())],
        body: "raw".into(),
        backend: Some(Backend {
            status: 418,
            headers: vec![("X-B".into(), "c".into())],
            body: "teapot".into(),
            error: None,
        }),
        ..Request::default()
    };
    let trace = simulate(&design, &request);
    let sent = trace.integration_request.as_ref().expect("sent");
    assert_eq!(sent.method, "PUT");
    assert_eq!(sent.uri, "https://example.com/a/b%20c?x=1&x=2");
    assert_eq!(sent.body, "raw");
    assert!(sent.headers.contains(&("X-A".into(), "b".into())));
    assert!(!sent.headers.iter().any(|(n, _)| n == "Host"));
    assert_eq!((trace.status, trace.body.as_str()), (418, "teapot"));
    assert_eq!(trace.headers, vec![("X-B".to_string(), "c".to_string())]);
}

fn lambda_proxy() -> Design {
    crate::document::design_from_str(include_str!("../../../../fixtures/designs/lambda-proxy.json"))
        .expect("fixture")
}

#[test]
fn the_lambda_proxy_event_is_field_by_field_aws_documented_example() {
    let fixture: Value = serde_json::from_str(include_str!(
        "../../../../fixtures/simulate/lambda-proxy-event-aws.json"
    ))
    .expect("fixture");
    let expected = &fixture["event"];
    let headers: Vec<(String, String)> = expected["headers"]
        .as_object()
        .map(|o| {
            o.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect()
        })
        .unwrap_or_default();
    let pairs = |v: &Value| -> Vec<(String, String)> {
        v.as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let request = Request {
        method: "POST".into(),
        path: "/hello/world".into(),
        query: text::parse_query(fixture["request"]["query"].as_str().unwrap_or_default()),
        headers,
        body: expected["body"].as_str().unwrap_or_default().into(),
        stage_variables: pairs(&expected["stageVariables"]),
        identity: pairs(&fixture["request"]["identity"]),
        context: pairs(&fixture["request"]["context"]),
        ..Request::default()
    };
    let trace = simulate(&lambda_proxy(), &request);
    let sent = trace.integration_request.as_ref().expect("sent");
    let event: Value = serde_json::from_str(&sent.body).expect("the event is JSON");
    let (Some(expected_fields), Some(event_fields)) = (expected.as_object(), event.as_object())
    else {
        panic!("objects")
    };
    for (field, value) in expected_fields {
        if field == "requestContext" {
            for (key, value) in value.as_object().into_iter().flatten() {
                if key == "identity" {
                    for (k, v) in value.as_object().into_iter().flatten() {
                        assert_eq!(
                            &event["requestContext"]["identity"][k], v,
                            "requestContext.identity.{k}"
                        );
                    }
                } else {
                    assert_eq!(&event["requestContext"][key], value, "requestContext.{key}");
                }
            }
        } else {
            assert_eq!(event_fields.get(field), Some(value), "{field}");
        }
    }
    for field in event_fields.keys() {
        assert!(expected_fields.contains_key(field), "{field} is not in AWS's event");
    }
    // What the guide's older example leaves out, the current one shows: the path with the stage.
    assert_eq!(event["requestContext"]["path"], json!("/testStage/hello/world"));
    assert_eq!(sent.method, "POST");
    assert_eq!(
        sent.uri,
        "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:app/invocations"
    );
}

#[test]
fn an_empty_lambda_proxy_request_has_null_maps() {
    let trace = simulate(&lambda_proxy(), &get("/"));
    let event: Value =
        serde_json::from_str(&trace.integration_request.as_ref().expect("sent").body)
            .expect("json");
    for field in [
        "headers",
        "multiValueHeaders",
        "queryStringParameters",
        "multiValueQueryStringParameters",
        "pathParameters",
        "stageVariables",
        "body",
    ] {
        assert_eq!(event[field], Value::Null, "{field}");
    }
    assert_eq!(event["isBase64Encoded"], json!(false));
    assert_eq!(event["requestContext"]["resourcePath"], json!("/"));
    assert_eq!(event["requestContext"]["httpMethod"], json!("GET"));
    assert_eq!(event["requestContext"]["path"], json!("/test-invoke-stage/"));
    // The made-up answer is a valid proxy result.
    assert_eq!((trace.status, trace.body.as_str()), (200, "{}"));
}

#[test]
fn a_lambda_proxy_result_is_the_answer() {
    let mut request = get("/x");
    request.backend = Some(Backend {
        status: 200,
        body: r#"{"statusCode":"201","headers":{"a":"1","b":true},"multiValueHeaders":{"c":["2","3"]},"body":"made"}"#.into(),
        ..Backend::default()
    });
    let trace = simulate(&lambda_proxy(), &request);
    assert_eq!(trace.status, 201);
    assert_eq!(trace.body, "made");
    assert_eq!(
        trace.headers,
        vec![
            ("Content-Type".to_string(), "application/json".to_string()),
            ("a".into(), "1".into()),
            ("b".into(), "true".into()),
            ("c".into(), "2".into()),
            ("c".into(), "3".into())
        ]
    );
}

#[test]
fn a_malformed_lambda_proxy_result_is_502() {
    for body in [r#"{"message":"hi"}"#, "not json", r#"{"statusCode":200,"body":{"a":1}}"#, "[1]"] {
        let mut request = get("/x");
        request.backend = Some(Backend { status: 200, body: body.into(), ..Backend::default() });
        let trace = simulate(&lambda_proxy(), &request);
        assert_eq!(trace.status, 502, "{body}");
        assert_eq!(trace.body, r#"{"message":"Internal server error"}"#);
        assert!(
            lines(&trace).iter().any(|l| l.starts_with(
                "Execution failed due to configuration error: Malformed Lambda proxy response"
            )),
            "{body}"
        );
    }
    // A function error is a 502 too.
    let mut request = get("/x");
    request.backend =
        Some(Backend { status: 200, error: Some("boom".into()), ..Backend::default() });
    let trace = simulate(&lambda_proxy(), &request);
    assert_eq!(trace.status, 502);
    assert!(lines(&trace).iter().any(|l| l.starts_with(
        "Lambda execution failed with status 200 due to customer function error: boom."
    )));
}

#[test]
fn aws_service_uris_are_their_endpoints() {
    let design = design(json!({ "resources": { "/q": { "methods": { "POST": { "integration": {
        "type": "AWS", "integrationHttpMethod": "POST",
        "uri": "arn:aws:apigateway:eu-west-1:sqs:action/SendMessage",
        "integrationResponses": { "200": {} }
    } } } } } }));
    let trace = simulate(
        &design,
        &Request { method: "POST".into(), path: "/q".into(), ..Request::default() },
    );
    assert_eq!(
        trace.integration_request.as_ref().map(|r| r.uri.as_str()),
        Some("https://sqs.eu-west-1.amazonaws.com/?Action=SendMessage")
    );
    assert_eq!(trace.status, 200);
}

#[test]
fn a_method_without_integration_is_500() {
    let design = design(json!({ "resources": { "/": { "methods": { "GET": {} } } } }));
    let trace = simulate(&design, &get("/"));
    assert_eq!(trace.status, 500);
    assert_eq!(trace.body, r#"{"message":"Internal server error"}"#);
    assert!(has_line(
        &trace,
        "Execution failed due to configuration error: No integration defined for method"
    ));
}

#[test]
fn no_matching_and_no_default_integration_response_is_500() {
    let design = design(json!({ "resources": { "/": { "methods": { "GET": { "integration": {
        "type": "HTTP", "uri": "https://example.com/", "integrationHttpMethod": "GET"
    } } } } } }));
    let trace = simulate(&design, &get("/"));
    assert_eq!(trace.status, 500);
    assert!(has_line(
        &trace,
        "Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: 200"
    ));
}

#[test]
fn mock_without_template_is_200_and_never_reaches_a_back_end() {
    let design = design(json!({ "resources": { "/": { "methods": { "GET": {
        "methodResponses": { "200": {} },
        "integration": { "type": "MOCK", "integrationResponses": { "200": {} } }
    } } } } }));
    let trace = simulate(&design, &get("/"));
    assert_eq!(trace.status, 200);
    assert_eq!(trace.integration_request, None);
    assert!(!lines(&trace).iter().any(|l| l.starts_with("Sending request")));
}

#[test]
fn mock_status_reads_json_and_cdk_s_object_text() {
    assert_eq!(run::mock_status(r#"{"statusCode": 404}"#), Some(404));
    assert_eq!(run::mock_status("{ statusCode: 200 }"), Some(200));
    assert_eq!(run::mock_status("{'statusCode': 204, 'x': 1}"), Some(204));
    assert_eq!(run::mock_status("hello"), None);
    assert_eq!(run::mock_status(r#"{"statusCode": "200"}"#), None);
}

// The helpers.

#[test]
fn a_test_form_becomes_a_request() {
    let test = crate::model::TestRequest {
        path_parameters: [("petId".to_string(), "a b".to_string())].into_iter().collect(),
        query_string: "a=1&b=x%2By&a=3".into(),
        headers: "Accept: text/html\nX-A: b".into(),
        stage_variables: [("host".to_string(), "h".to_string())].into_iter().collect(),
        body: "{}".into(),
        backend: Some(crate::model::TestBackend {
            status: 404,
            headers: "X-B: c".into(),
            body: "nf".into(),
            error: None,
        }),
    };
    let request = request_from_test(&http_design(), "/pets/{petId}", "GET", &test);
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/pets/a%20b");
    assert_eq!(
        request.query,
        vec![
            ("a".to_string(), "1".to_string()),
            ("b".into(), "x+y".into()),
            ("a".into(), "3".into())
        ]
    );
    assert_eq!(
        request.headers,
        vec![("Accept".to_string(), "text/html".to_string()), ("X-A".into(), "b".into())]
    );
    assert_eq!(request.stage_variables, vec![("host".to_string(), "h".to_string())]);
    assert_eq!(
        request.backend,
        Some(Backend {
            status: 404,
            headers: vec![("X-B".into(), "c".into())],
            body: "nf".into(),
            error: None
        })
    );
    // And routes back to its method, its parameter decoded.
    assert_eq!(
        route(&http_design(), "GET", &request.path),
        Some(("/pets/{petId}".into(), "GET".into(), vec![("petId".into(), "a b".into())]))
    );
    // A greedy parameter keeps its slashes; ANY is tested with GET.
    let test = crate::model::TestRequest {
        path_parameters: [("proxy".to_string(), "a/b".to_string())].into_iter().collect(),
        ..Default::default()
    };
    let request = request_from_test(&lambda_proxy(), "/{proxy+}", "ANY", &test);
    assert_eq!((request.method.as_str(), request.path.as_str()), ("GET", "/a/b"));
}

#[test]
fn example_requests_are_plausible() {
    let petstore = crate::example::petstore();
    let test = example_test_request(&petstore, "/pets/{petId}", "GET");
    assert_eq!(test.path_parameters.get("petId").map(String::as_str), Some("7"));
    let backend = test.backend.as_ref().expect("an HTTP back end answers");
    assert_eq!((backend.status, backend.headers.as_str()), (200, "Content-Type: application/json"));
    let test = example_test_request(&petstore, "/pets", "POST");
    let body: Value = serde_json::from_str(&test.body).expect("a JSON body");
    assert_eq!(body, json!({ "id": 1, "price": 1.5, "type": "example" }));
    assert_eq!(test.headers, "Content-Type: application/json");
    assert_eq!(example_test_request(&petstore, "/", "GET").backend, None, "MOCK has no back end");
    let test = example_test_request(&lambda_proxy(), "/{proxy+}", "ANY");
    assert_eq!(test.path_parameters.get("proxy").map(String::as_str), Some("example"));
    assert_eq!(
        test.backend.map(|b| b.body),
        Some(r#"{"statusCode": 200, "body": "{}"}"#.to_string())
    );
    let test = example_test_request(&validated(), "/pets/{petId}", "POST");
    assert_eq!(test.query_string, "qs1=example");
    assert_eq!(test.headers, "x-key: example\nContent-Type: application/json");
    assert_eq!(serde_json::from_str::<Value>(&test.body).ok(), Some(json!({ "name": "example" })));
    // The example passes the method's own validation.
    let request = request_from_test(&validated(), "/pets/{petId}", "POST", &test);
    let trace = simulate(&validated(), &request);
    assert_eq!(trace.status, 200, "{:#?}", lines(&trace));
}

#[test]
fn nothing_panics_on_odd_input() {
    let designs =
        [crate::example::petstore(), lambda_proxy(), http_design(), validated(), Design::default()];
    let paths = ["", "/", "//", "/%", "/%zz/%E2", "/pets/\u{0}/x", "/pets/7?x=1", "/a/b/c/d/e/f"];
    for design in &designs {
        for path in paths {
            for verb in ["GET", "post", "ANY", "", "\n"] {
                let request = Request {
                    method: verb.into(),
                    path: path.into(),
                    headers: vec![("Content-Type".into(), "\u{0};".into())],
                    body: "\u{0}$( )<script>".into(),
                    backend: Some(Backend {
                        status: 0,
                        body: "\u{0}".into(),
                        error: Some(String::new()),
                        ..Backend::default()
                    }),
                    context: vec![("requestTime".into(), "99/Zzz/0:".into())],
                    ..Request::default()
                };
                let _ = simulate(design, &request);
            }
        }
    }
}

// The integration response.

fn with_backend(mut request: Request, status: u16, body: &str, error: Option<&str>) -> Request {
    request.backend = Some(Backend {
        status,
        body: body.into(),
        error: error.map(str::to_string),
        ..Backend::default()
    });
    request
}

#[test]
fn http_status_is_matched_whole_against_selection_patterns() {
    let design = design(json!({ "resources": { "/": { "methods": { "GET": {
        "methodResponses": { "200": {}, "404": {}, "500": {} },
        "integration": {
            "type": "HTTP", "uri": "https://example.com/", "integrationHttpMethod": "GET",
            "integrationResponses": {
                "200": {},
                "400": { "selectionPattern": "40" },
                "404": { "selectionPattern": "4\\d{2}" },
                "500": { "selectionPattern": "5.*" }
            }
        }
    } } } } }));
    let status =
        |backend: u16| simulate(&design, &with_backend(get("/"), backend, "x", None)).status;
    assert_eq!(status(200), 200);
    assert_eq!(status(404), 404, "`40` does not match 404 whole; `4\\d{{2}}` does");
    assert_eq!(status(503), 500);
    assert_eq!(status(302), 200, "no pattern matches: the default response");
    let trace = simulate(&design, &with_backend(get("/"), 404, "x", None));
    assert!(has_line(&trace, "Integration response 404: selection pattern 4\\d{2} matches 404"));
    assert_eq!(
        target_of(&trace, "Integration response 404"),
        Some(&Target::field(
            Owner::integration_response("/", "GET", "404"),
            Field::SelectionPattern
        ))
    );
    assert_eq!(trace.body, "x");
}

fn lambda() -> Design {
    design(json!({ "resources": { "/": { "methods": { "POST": {
        "methodResponses": { "200": {}, "400": {} },
        "integration": {
            "type": "AWS", "integrationHttpMethod": "POST",
            "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations",
            "integrationResponses": {
                "200": {},
                "400": { "selectionPattern": ".*Invalid.*" }
            }
        }
    } } } } }))
}

#[test]
fn a_lambda_error_message_selects_the_integration_response() {
    let post = Request { method: "POST".into(), path: "/".into(), ..Request::default() };
    let trace =
        simulate(&lambda(), &with_backend(post.clone(), 200, "", Some("Invalid input: name")));
    assert_eq!(trace.status, 400);
    assert_eq!(trace.body, r#"{"errorMessage":"Invalid input: name"}"#);
    // An error no pattern matches takes the default response, the error as its body.
    let trace = simulate(&lambda(), &with_backend(post.clone(), 200, "", Some("Boom")));
    assert_eq!(trace.status, 200);
    assert_eq!(trace.body, r#"{"errorMessage":"Boom"}"#);
    assert!(has_line(
        &trace,
        "Integration response 200: the default response, as no selection pattern matches Boom"
    ));
    // A function that succeeds takes the default response, whatever its result says.
    let trace = simulate(&lambda(), &with_backend(post, 200, r#"{"result":"Invalid"}"#, None));
    assert_eq!((trace.status, trace.body.as_str()), (200, r#"{"result":"Invalid"}"#));
    assert_eq!(
        trace.integration_request.as_ref().map(|r| r.uri.as_str()),
        Some(
            "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations"
        )
    );
}

#[test]
fn a_selection_pattern_java_cannot_compile_is_said_and_skipped() {
    let mut design = lambda();
    if let Some(i) = design.method_mut("/", "POST").and_then(|m| m.integration.as_mut()) {
        if let Some(r) = i.integration_responses.get_mut("400") {
            r.selection_pattern = Some("(unclosed".into());
        }
    }
    let post = Request { method: "POST".into(), path: "/".into(), ..Request::default() };
    let trace = simulate(&design, &with_backend(post, 200, "", Some("Invalid")));
    assert_eq!(trace.status, 200);
    assert_eq!(
        target_of(&trace, "Selection pattern of integration response 400 cannot be evaluated"),
        Some(&Target::field(
            Owner::integration_response("/", "POST", "400"),
            Field::SelectionPattern
        ))
    );
}

// Templates (the engine renders them).

fn templated() -> Design {
    design(json!({ "resources": { "/t/{id}": { "methods": { "POST": {
        "methodResponses": { "200": {}, "201": {} },
        "integration": {
            "type": "HTTP", "integrationHttpMethod": "POST", "uri": "https://example.com/{id}",
            "requestParameters": { "integration.request.path.id": "method.request.path.id" },
            "requestTemplates": {
                "application/json": "#set($context.requestOverride.header.X-Over = \"o-$input.params('id')\")\n{\"id\": \"$input.params('id')\", \"name\": $input.json('$.name'), \"stage\": \"$context.stage\"}",
                "text/plain": "line one\n#if(",
            },
            "integrationResponses": { "200": {
                "responseTemplates": {
                    "application/json": "#set($context.responseOverride.status = 201)\n{\"got\": $input.json('$')}",
                    "application/xml": "<got>$input.path('$.a')</got>"
                }
            } }
        }
    } } } } }))
}

fn post_t(content_type: &str, body: &str) -> Request {
    Request {
        method: "POST".into(),
        path: "/t/9".into(),
        headers: vec![("Content-Type".into(), content_type.into())],
        body: body.into(),
        backend: Some(Backend { status: 200, body: r#"{"a":1}"#.into(), ..Backend::default() }),
        ..Request::default()
    }
}

#[test]
fn the_request_template_renders_and_its_request_override_applies() {
    let trace = simulate(&templated(), &post_t("application/json", r#"{"name":"Rex"}"#));
    let sent = trace.integration_request.as_ref().expect("sent");
    assert_eq!(sent.body, r#"{"id": "9", "name": "Rex", "stage": "test-invoke-stage"}"#);
    assert_eq!(sent.uri, "https://example.com/9");
    assert!(sent.headers.contains(&("X-Over".into(), "o-9".into())), "{:?}", sent.headers);
    assert_eq!(
        target_of(&trace, "Request template application/json applied"),
        Some(&Target::key(
            Owner::integration("/t/{id}", "POST"),
            Field::RequestTemplates,
            "application/json"
        ))
    );
}

#[test]
fn the_response_template_follows_accept_and_its_response_override_applies() {
    let trace = simulate(&templated(), &post_t("application/json", "{}"));
    assert_eq!(trace.status, 201, "responseOverride.status");
    assert_eq!(trace.body, r#"{"got": {"a":1}}"#);
    let mut request = post_t("application/json", "{}");
    request.headers.push(("Accept".into(), "application/xml".into()));
    let trace = simulate(&templated(), &request);
    assert_eq!((trace.status, trace.body.as_str()), (200, "<got>1</got>"));
    assert!(trace.headers.contains(&("Content-Type".into(), "application/xml".into())));
}

#[test]
fn a_template_error_is_500_with_its_line_and_column() {
    let trace = simulate(&templated(), &post_t("text/plain", "hi"));
    assert_eq!(trace.status, 500);
    assert_eq!(trace.body, r#"{"message":"Internal server error"}"#);
    let line = lines(&trace)
        .into_iter()
        .find(|l| l.starts_with("Execution failed due to configuration error: Unable to transform request: the text/plain template, line 2, column"))
        .unwrap_or_else(|| panic!("{:#?}", lines(&trace)));
    assert!(!line.is_empty());
    assert_eq!(
        target_of(
            &trace,
            "Execution failed due to configuration error: Unable to transform request"
        ),
        Some(&Target::key(
            Owner::integration("/t/{id}", "POST"),
            Field::RequestTemplates,
            "text/plain"
        ))
    );
}

#[test]
fn mock_status_comes_from_the_rendered_template() {
    let design = design(json!({ "resources": { "/": { "methods": { "GET": {
        "methodResponses": { "200": {}, "404": {} },
        "integration": {
            "type": "MOCK",
            "requestTemplates": { "application/json": "{\"statusCode\": $input.params('code')}" },
            "integrationResponses": { "200": {}, "404": { "selectionPattern": "404" } }
        }
    } } } } }));
    let with = |code: &str| {
        let mut request = get("/");
        request.query = vec![("code".into(), code.into())];
        simulate(&design, &request)
    };
    assert_eq!(with("404").status, 404);
    assert_eq!(with("200").status, 200);
    let trace = with("x");
    assert_eq!(trace.status, 500);
    assert!(has_line(
        &trace,
        "Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template."
    ));
    // PetStore's root: a MOCK with an HTML page.
    let trace = simulate(&crate::example::petstore(), &get("/"));
    assert_eq!(trace.status, 200);
    assert!(trace.headers.contains(&("Content-Type".into(), "text/html".into())));
    assert!(trace.body.contains("<html"), "{}", trace.body);
}

#[test]
fn template_output_is_what_the_simulator_renders() {
    let design = templated();
    let request = post_t("application/json", r#"{"name":"Rex"}"#);
    let request_template = TemplateRef::Request { content_type: "application/json".into() };
    assert_eq!(
        template_output(&design, "/t/{id}", "POST", &request_template, &request),
        Some(Ok(r#"{"id": "9", "name": "Rex", "stage": "test-invoke-stage"}"#.to_string()))
    );
    let response =
        TemplateRef::Response { status: "200".into(), content_type: "application/xml".into() };
    assert_eq!(
        template_output(&design, "/t/{id}", "POST", &response, &request),
        Some(Ok("<got>1</got>".to_string()))
    );
    let broken = TemplateRef::Request { content_type: "text/plain".into() };
    let error = template_output(&design, "/t/{id}", "POST", &broken, &request);
    assert!(matches!(error, Some(Err(VtlError { line: 2, .. }))), "{error:?}");
    let missing = TemplateRef::Request { content_type: "application/xml".into() };
    assert_eq!(template_output(&design, "/t/{id}", "POST", &missing, &request), None);
    assert_eq!(template_output(&design, "/nope", "POST", &request_template, &request), None);
}

#[test]
fn a_lower_case_verb_is_its_upper_case() {
    let trace = simulate(
        &http_design(),
        &Request { method: "get".into(), path: "/pets/7".into(), ..Request::default() },
    );
    assert_eq!(trace.matched, Some(("/pets/{petId}".into(), "GET".into())));
    assert!(has_line(&trace, "HTTP Method: GET, Resource Path: /pets/7"));
}

#[test]
fn a_body_against_its_model_is_checked_by_the_schema() {
    let base = || {
        let mut request =
            Request { method: "POST".into(), path: "/pets/7".into(), ..Request::default() };
        request.headers = vec![("x-key".into(), "k".into())];
        request.query = vec![("qs1".into(), "1".into())];
        request
    };
    let mut request = base();
    request.body = r#"{"age": 3}"#.into();
    let trace = simulate(&validated(), &request);
    assert_eq!(trace.status, 400);
    assert_eq!(trace.body, r#"{"message":"Invalid request body"}"#);
    // AWS's words, as the console's log shows them.
    assert!(
        has_line(
            &trace,
            r#"Request body does not match model schema for content type application/json: [object has missing required properties (["name"])]"#
        ),
        "{:#?}",
        lines(&trace)
    );
    let mut request = base();
    request.body = r#"{"name": "Rex"}"#.into();
    assert_eq!(simulate(&validated(), &request).status, 200);
    // A content type without a model is not checked.
    let mut request = base();
    request.headers.push(("Content-Type".into(), "text/plain".into()));
    request.body = "anything".into();
    assert_eq!(simulate(&validated(), &request).status, 200);
}

#[test]
fn the_method_reached_and_its_method_response_are_targets() {
    let trace = simulate(&http_design(), &get("/pets/7"));
    assert_eq!(
        target_of(&trace, "HTTP Method"),
        Some(&Target::of(Owner::method("/pets/{petId}", "GET")))
    );
    assert_eq!(
        target_of(&trace, "Method completed with status: 200"),
        Some(&Target::of(Owner::method_response("/pets/{petId}", "GET", "200")))
    );
    let trace = simulate(&http_design(), &get("/nowhere"));
    assert_eq!(target_of(&trace, "HTTP Method"), None);
}

#[test]
fn example_bodies_of_models_that_refer_to_each_other_stay_small() {
    let properties: serde_json::Map<String, Value> =
        (0..10).map(|i| (format!("p{i}"), json!({ "$ref": "#/definitions/A" }))).collect();
    let schema = json!({ "type": "object", "properties": properties }).to_string();
    let design = design(json!({
        "models": { "A": { "schema": schema } },
        "resources": { "/": { "methods": { "POST": { "requestModels": { "application/json": "A" } } } } }
    }));
    let test = example_test_request(&design, "/", "POST");
    assert!(test.body.len() < 200_000, "{} bytes", test.body.len());
    assert!(test.body.starts_with("{\n  \"p0\": {"));
}

#[test]
fn request_parameter_mappings_read_every_source() {
    let design = design(json!({ "resources": { "/m/{id}": { "methods": { "POST": {
        "integration": {
            "type": "HTTP", "integrationHttpMethod": "POST", "uri": "https://example.com/{p}",
            "requestParameters": {
                "integration.request.path.p": "method.request.path.id",
                "integration.request.querystring.all": "method.request.multivaluequerystring.q",
                "integration.request.querystring.last": "method.request.querystring.q",
                "integration.request.header.x-multi": "method.request.multivalueheader.x-h",
                "integration.request.header.x-one": "method.request.header.X-H",
                "integration.request.header.x-static": "'s'",
                "integration.request.header.x-stage": "stageVariables.v",
                "integration.request.header.x-ctx": "context.identity.sourceIp",
                "integration.request.header.x-body": "method.request.body.pet.name",
                "integration.request.header.x-whole": "method.request.body"
            },
            "integrationResponses": { "200": {} }
        }
    } } } } }));
    let request = Request {
        method: "POST".into(),
        path: "/m/a%2Fb".into(),
        query: vec![("q".into(), "1".into()), ("q".into(), "2".into())],
        headers: vec![("x-h".into(), "a".into()), ("X-H".into(), "b".into())],
        body: r#"{"pet":{"name":"Rex"}}"#.into(),
        stage_variables: vec![("v".into(), "sv".into())],
        ..Request::default()
    };
    let trace = simulate(&design, &request);
    let sent = trace.integration_request.expect("sent");
    assert_eq!(sent.uri, "https://example.com/a/b?all=1&all=2&last=2");
    let header = |name: &str| sent.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    assert_eq!(header("x-multi"), Some("a,b"));
    assert_eq!(header("x-one"), Some("b"));
    assert_eq!(header("x-static"), Some("s"));
    assert_eq!(header("x-stage"), Some("sv"));
    assert_eq!(header("x-ctx"), Some("test-invoke-source-ip"));
    assert_eq!(header("x-body"), Some("Rex"));
    assert_eq!(header("x-whole"), Some(r#"{"pet":{"name":"Rex"}}"#));
}

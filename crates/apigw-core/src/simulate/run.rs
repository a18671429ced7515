//! One request through a design, step by step, writing the console's Test log as it goes.
//!
//! The log's lines and their order are those of the console's Test log (TestInvokeMethod's
//! `log`), as LocalStack reproduces it from AWS's (`test_invoke.py`); the step-by-step
//! behaviour follows the Developer Guide's pages cited at each step and LocalStack's handlers
//! (`next_gen/execute_api/handlers/`), with AWS's recorded answers where LocalStack's
//! snapshots hold them.

use super::mapping::{self, Sources};
use super::proxy;
use super::text::{fold, fold_headers, header, java_map, log_date, media_type};
use super::{Backend, DEFAULT_REQUEST_TIME, IntegrationRequest, LogLine, Request, Trace};
use crate::diagnostic::{Field, Owner, Target};
use crate::model::{Design, Integration, IntegrationResponse, Method};
use crate::vtl::regex::JavaRegex;
use crate::vtl::{Env, Limits, Overrides, VtlError};
use serde_json::{Map, Value, json};

/// The request id of every simulated request (there is no randomness).
pub(crate) const REQUEST_ID: &str = "test-request";
/// The stage the console's Test runs in.
const STAGE: &str = "test-invoke-stage";
/// `$context.requestTimeEpoch` of [`DEFAULT_REQUEST_TIME`], in milliseconds.
const DEFAULT_EPOCH_MS: i64 = 1_767_225_600_000;
const ACCOUNT_ID: &str = "123456789012";
const API_ID: &str = "a1b2c3d4e5";

/// Where the request is in a design once routed: everything a template or mapping reads.
pub(crate) struct Routed<'a> {
    pub path: &'a str,
    pub verb: &'a str,
    pub method: &'a Method,
    pub params: Vec<(String, String)>,
    pub context: Value,
    pub stage_variables: Vec<(String, String)>,
}

impl<'a> Routed<'a> {
    /// The request at `path` and `verb` (a method key of the design), with `params` bound.
    pub(crate) fn new(
        design: &'a Design,
        request: &Request,
        path: &'a str,
        verb: &'a str,
        method: &'a Method,
        params: Vec<(String, String)>,
    ) -> Routed<'a> {
        let context = context(design, request, path);
        Routed {
            path,
            verb,
            method,
            params,
            context,
            stage_variables: request.stage_variables.clone(),
        }
    }

    /// What a template reads, with `body` as `$input.body`.
    pub(crate) fn env(&self, request: &Request, body: &str) -> Env {
        Env {
            body: body.to_string(),
            path: self.params.clone(),
            querystring: fold(&request.query, true),
            header: request.headers.clone(),
            context: self.context.clone(),
            stage_variables: self.stage_variables.clone(),
        }
    }
}

/// `$context`: the request's values over fixed ones
/// (<https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference>).
pub(crate) fn context(design: &Design, request: &Request, resource_path: &str) -> Value {
    let given =
        |key: &str| request.context.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let stage = given("stage").unwrap_or_else(|| STAGE.to_string());
    let request_id = given("requestId").unwrap_or_else(|| REQUEST_ID.to_string());
    let api_id = given("apiId")
        .or_else(|| design.api.rest_api_id.clone())
        .unwrap_or_else(|| API_ID.to_string());
    let resource_id = given("resourceId")
        .or_else(|| design.resources.get(resource_path).and_then(|r| r.id.clone()))
        .unwrap_or_else(|| "abc123".to_string());
    let epoch =
        given("requestTimeEpoch").and_then(|e| e.parse::<i64>().ok()).unwrap_or(DEFAULT_EPOCH_MS);
    let mut identity = Map::new();
    for key in [
        "cognitoIdentityPoolId",
        "accountId",
        "cognitoIdentityId",
        "caller",
        "apiKey",
        "apiKeyId",
        "principalOrgId",
        "accessKey",
        "cognitoAuthenticationType",
        "cognitoAuthenticationProvider",
        "userArn",
        "user",
    ] {
        identity.insert(key.into(), Value::Null);
    }
    identity.insert("sourceIp".into(), json!("test-invoke-source-ip"));
    identity.insert(
        "userAgent".into(),
        header(&request.headers, "User-Agent").map_or(Value::Null, |v| json!(v)),
    );
    for (key, value) in &request.identity {
        identity.insert(key.clone(), json!(value));
    }
    let mut object = Map::new();
    object.insert("resourceId".into(), json!(resource_id));
    object.insert("resourcePath".into(), json!(resource_path));
    object.insert("httpMethod".into(), json!(request.method));
    object.insert("extendedRequestId".into(), json!(request_id));
    object.insert(
        "requestTime".into(),
        json!(given("requestTime").unwrap_or_else(|| DEFAULT_REQUEST_TIME.to_string())),
    );
    object.insert("path".into(), json!(format!("/{stage}{}", request.path)));
    object.insert(
        "accountId".into(),
        json!(given("accountId").unwrap_or_else(|| ACCOUNT_ID.to_string())),
    );
    object.insert("protocol".into(), json!("HTTP/1.1"));
    object.insert("stage".into(), json!(stage));
    object.insert("domainPrefix".into(), json!(api_id));
    object.insert("requestTimeEpoch".into(), json!(epoch));
    object.insert("requestId".into(), json!(request_id));
    object.insert("identity".into(), Value::Object(identity));
    object.insert(
        "domainName".into(),
        json!(format!("{api_id}.execute-api.us-east-1.amazonaws.com")),
    );
    object.insert("apiId".into(), json!(api_id));
    if !request.authorizer.is_empty() {
        let mut authorizer = Map::new();
        for (key, value) in &request.authorizer {
            // `claims.sub` is `$context.authorizer.claims.sub`.
            match key.split_once('.') {
                Some((outer, inner)) => {
                    let entry = authorizer.entry(outer.to_string()).or_insert_with(|| json!({}));
                    if let Value::Object(inner_map) = entry {
                        inner_map.insert(inner.to_string(), json!(value));
                    }
                }
                None => {
                    authorizer.insert(key.clone(), json!(value));
                }
            }
        }
        object.insert("authorizer".into(), Value::Object(authorizer));
    }
    for (key, value) in &request.context {
        if !object.contains_key(key) {
            object.insert(key.clone(), json!(value));
        }
    }
    Value::Object(object)
}

/// The log being written, and where the request has got to.
struct Run<'a> {
    design: &'a Design,
    request: &'a Request,
    date: String,
    request_id: String,
    /// The resource path and verb of the method reached.
    reached: Option<(String, String)>,
    log: Vec<LogLine>,
}

/// How a run ends early: API Gateway's answer for that failure.
struct Failure {
    status: u16,
    /// The gateway response type (`MISSING_AUTHENTICATION_TOKEN`…).
    response_type: &'static str,
    /// AWS's `x-amzn-ErrorType`.
    error_type: &'static str,
    message: &'static str,
}

const MISSING_TOKEN: Failure = Failure {
    status: 403,
    response_type: "MISSING_AUTHENTICATION_TOKEN",
    error_type: "MissingAuthenticationTokenException",
    message: "Missing Authentication Token",
};
const BAD_PARAMETERS: Failure = Failure {
    status: 400,
    response_type: "BAD_REQUEST_PARAMETERS",
    error_type: "BadRequestException",
    message: "",
};
const BAD_BODY: Failure = Failure {
    status: 400,
    response_type: "BAD_REQUEST_BODY",
    error_type: "BadRequestException",
    message: "Invalid request body",
};
const UNSUPPORTED: Failure = Failure {
    status: 415,
    response_type: "UNSUPPORTED_MEDIA_TYPE",
    error_type: "UnsupportedMediaTypeException",
    message: "Unsupported Media Type",
};
const CONFIGURATION: Failure = Failure {
    status: 500,
    response_type: "API_CONFIGURATION_ERROR",
    error_type: "InternalServerErrorException",
    message: "Internal server error",
};
const BAD_PROXY: Failure = Failure {
    status: 502,
    response_type: "DEFAULT_5XX",
    error_type: "InternalServerErrorException",
    message: "Internal server error",
};

impl Run<'_> {
    /// The method response of `status` of the method reached, when it has one.
    fn method_response(&self, status: u16) -> Option<Target> {
        let (path, verb) = self.reached.as_ref()?;
        let status = status.to_string();
        self.design
            .method(path, verb)?
            .method_responses
            .get(&status)
            .map(|_| Target::of(Owner::method_response(path, verb, &status)))
    }

    fn line(&mut self, text: impl Into<String>, target: Option<Target>) {
        self.log.push(LogLine { text: format!("{} : {}", self.date, text.into()), target });
    }

    /// The answer to a failure: the design's gateway response of its type (or DEFAULT_4XX /
    /// DEFAULT_5XX) over API Gateway's default, `{"message":"…"}`
    /// (<https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html>).
    fn fail(&mut self, trace: &mut Trace, failure: &Failure, message: &str) {
        let message = if message.is_empty() { failure.message } else { message };
        let mut status = failure.status;
        let mut headers = vec![
            ("Content-Type".to_string(), "application/json".to_string()),
            ("x-amzn-ErrorType".to_string(), failure.error_type.to_string()),
        ];
        let mut body = json!({ "message": message }).to_string();
        let fallback = if status >= 500 { "DEFAULT_5XX" } else { "DEFAULT_4XX" };
        let chosen = [failure.response_type, fallback]
            .into_iter()
            .find_map(|t| self.design.gateway_responses.get(t).map(|g| (t, g)));
        if let Some((response_type, gateway)) = chosen {
            let owner = Owner::gateway_response(response_type);
            if let Some(code) = gateway.status_code.as_deref().and_then(|c| c.parse::<u16>().ok()) {
                status = code;
            }
            for (key, value) in &gateway.response_parameters {
                let name = key.strip_prefix("gatewayresponse.header.").unwrap_or(key);
                if let Some(text) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
                    headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
                    headers.push((name.to_string(), text.to_string()));
                }
            }
            if let Some(template) = gateway
                .response_templates
                .get("application/json")
                .or_else(|| gateway.response_templates.values().next())
            {
                // Gateway response templates are not VTL: API Gateway substitutes variables.
                body = template
                    .replace("$context.error.messageString", &json!(message).to_string())
                    .replace("$context.error.message", message)
                    .replace("$context.error.responseType", response_type)
                    .replace("$context.requestId", &self.request_id);
            }
            self.line(
                format!("Gateway response {response_type} of the API answers with status {status}"),
                Some(Target::of(owner)),
            );
        }
        trace.status = status;
        trace.headers = headers;
        trace.body = body;
        let target = self.method_response(status);
        self.line(format!("Method completed with status: {status}"), target);
    }
}

/// Runs the request (see [`super::simulate`]).
pub(crate) fn simulate(design: &Design, request: &Request) -> Trace {
    // Verbs are upper case on the wire; `post` is POST.
    let upper;
    let request = if request.method.bytes().any(|b| b.is_ascii_lowercase()) {
        upper = Request { method: request.method.to_ascii_uppercase(), ..request.clone() };
        &upper
    } else {
        request
    };
    let request_time = request
        .context
        .iter()
        .rev()
        .find(|(k, _)| k == "requestTime")
        .map_or(DEFAULT_REQUEST_TIME, |(_, v)| v.as_str());
    let date = log_date(request_time).unwrap_or_else(|| request_time.to_string());
    let request_id = request
        .context
        .iter()
        .rev()
        .find(|(k, _)| k == "requestId")
        .map_or(REQUEST_ID, |(_, v)| v.as_str())
        .to_string();
    let mut run = Run {
        design,
        request,
        date,
        request_id: request_id.clone(),
        reached: None,
        log: Vec::new(),
    };
    let mut trace = Trace::default();
    run.log.push(LogLine { text: format!("Execution log for request {request_id}"), target: None });
    run.line(format!("Starting execution for request: {request_id}"), None);
    let verb = request.method.to_ascii_uppercase();
    let route = super::route::route(design, &verb, &request.path);
    let method = route.as_ref().and_then(|(path, method_verb, _)| {
        design.method(path, method_verb).map(|m| (path.clone(), method_verb.clone(), m))
    });
    run.line(
        format!("HTTP Method: {}, Resource Path: {}", request.method, request.path),
        method.as_ref().map(|(path, verb, _)| Target::of(Owner::method(path, verb))),
    );
    let (Some((path, method_verb, method)), Some((_, _, params))) = (method, route) else {
        run.line(
            format!(
                "No resource and method of the API match {verb} {}: API Gateway answers 403 Missing Authentication Token, for an unknown path as for a verb the resource has no method for",
                request.path
            ),
            None,
        );
        run.fail(&mut trace, &MISSING_TOKEN, "");
        trace.log = run.log;
        return trace;
    };
    trace.matched = Some((path.clone(), method_verb.clone()));
    run.reached = trace.matched.clone();
    let routed = Routed::new(design, request, &path, &method_verb, method, params);
    steps(&mut run, &mut trace, &routed);
    trace.log = run.log;
    trace
}

/// The method request, the integration and the responses.
fn steps(run: &mut Run<'_>, trace: &mut Trace, routed: &Routed<'_>) {
    let request = run.request;
    let method_owner = Owner::method(routed.path, routed.verb);
    run.line(
        format!(
            "Method request path: {}",
            java_map(routed.params.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        ),
        Some(Target::of(Owner::Resource { path: routed.path.to_string() })),
    );
    let query = fold(&request.query, true);
    run.line(
        format!(
            "Method request query string: {}",
            java_map(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        ),
        None,
    );
    let headers = fold_headers(&request.headers);
    run.line(
        format!(
            "Method request headers: {}",
            java_map(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        ),
        None,
    );
    run.line(format!("Method request body before transformations: {}", request.body), None);
    if routed.method.authorization_type != "NONE" || routed.method.api_key_required {
        run.line(
            format!(
                "Authorization ({}{}) is not simulated: the request's identity and authorizer context are used as given",
                routed.method.authorization_type,
                if routed.method.api_key_required { ", API key required" } else { "" }
            ),
            Some(Target::field(method_owner.clone(), Field::AuthorizationType)),
        );
    }
    if !validate(run, trace, routed) {
        return;
    }
    let Some(integration) = routed.method.integration.as_ref() else {
        run.line(
            "Execution failed due to configuration error: No integration defined for method",
            Some(Target::field(method_owner, Field::Integration)),
        );
        run.fail(trace, &CONFIGURATION, "");
        return;
    };
    integrate(run, trace, routed, integration);
}

/// The content type of the request: its Content-Type header, `application/json` when absent
/// (<https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html>).
pub(crate) fn content_type(request: &Request) -> String {
    header(&request.headers, "Content-Type")
        .map_or_else(|| "application/json".to_string(), str::to_string)
}

/// The entry of a map keyed by content type for `content_type`: the exact key, else the key of
/// the same media type (case and parameters aside).
pub(crate) fn by_content_type<'m, V>(
    map: &'m crate::map::Map<String, V>,
    content_type: &str,
) -> Option<(&'m String, &'m V)> {
    if let Some(entry) = map.iter().find(|(k, _)| k.as_str() == content_type) {
        return Some(entry);
    }
    let wanted = media_type(content_type);
    map.iter().find(|(k, _)| media_type(k) == wanted)
}

/// The request validator: required parameters, then the body against its model
/// (<https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html>).
/// AWS's answers: `Missing required request parameters: [a, b]` (in the order of the method's
/// parameter keys) and `Invalid request body`, both 400, as recorded in LocalStack's snapshot
/// `test_apigateway_common.snapshot.json` (request validation tests).
fn validate(run: &mut Run<'_>, trace: &mut Trace, routed: &Routed<'_>) -> bool {
    let request = run.request;
    let method = routed.method;
    let Some(name) = method.request_validator.as_deref() else { return true };
    let Some(validator) = run.design.request_validators.get(name) else { return true };
    let owner = Owner::RequestValidator { name: name.to_string() };
    if validator.validate_request_parameters {
        let mut missing = Vec::new();
        let mut first_key = None;
        for (key, required) in &method.request_parameters {
            if !*required {
                continue;
            }
            let Some(rest) = key.strip_prefix("method.request.") else { continue };
            let (location, name) = rest.split_once('.').unwrap_or((rest, ""));
            // Present and not blank.
            let present = match location {
                "path" => routed.params.iter().any(|(n, v)| n == name && !v.trim().is_empty()),
                "querystring" | "multivaluequerystring" => {
                    request.query.iter().any(|(n, v)| n == name && !v.trim().is_empty())
                }
                "header" | "multivalueheader" => request
                    .headers
                    .iter()
                    .any(|(n, v)| n.eq_ignore_ascii_case(name) && !v.trim().is_empty()),
                _ => true,
            };
            if !present {
                missing.push(name.to_string());
                first_key.get_or_insert_with(|| key.clone());
            }
        }
        if !missing.is_empty() {
            let message = format!("Missing required request parameters: [{}]", missing.join(", "));
            run.line(
                format!("Request validation failed: {message}"),
                Some(Target::field(owner, Field::ValidateRequestParameters)),
            );
            if let Some(key) = first_key {
                run.line(
                    format!("Required parameter {key} is missing or blank"),
                    Some(Target::key(
                        Owner::method(routed.path, routed.verb),
                        Field::RequestParameters,
                        key,
                    )),
                );
            }
            run.fail(trace, &BAD_PARAMETERS, &message);
            return false;
        }
    }
    if validator.validate_request_body {
        let content_type = content_type(request);
        if let Some((key, model_name)) = by_content_type(&method.request_models, &content_type) {
            let model_target = Target::key(
                Owner::method(routed.path, routed.verb),
                Field::RequestModels,
                key.clone(),
            );
            let schema = run.design.models.get(model_name).map(|m| m.schema.as_str());
            let problems: Option<Vec<String>> = match schema {
                // The built-in Empty model accepts any body.
                None if model_name == "Empty" => None,
                None => Some(vec![format!("model {model_name} is not defined")]),
                Some(schema) => match serde_json::from_str::<Value>(schema) {
                    Err(_) => Some(vec![format!("model {model_name}'s schema is not JSON")]),
                    Ok(schema) => match serde_json::from_str::<Value>(&request.body) {
                        Err(_) => Some(vec!["Unknown error parsing request body".to_string()]),
                        Ok(body) => {
                            let models = |name: &str| {
                                run.design
                                    .models
                                    .get(name)
                                    .and_then(|m| serde_json::from_str::<Value>(&m.schema).ok())
                            };
                            let errors = super::schema::validate(&schema, &body, &models);
                            (!errors.is_empty()).then(|| {
                                errors
                                    .iter()
                                    .map(|e| {
                                        if e.pointer.is_empty() {
                                            e.message.clone()
                                        } else {
                                            format!("{}: {}", e.pointer, e.message)
                                        }
                                    })
                                    .collect()
                            })
                        }
                    },
                },
            };
            if let Some(problems) = problems {
                let target = if run.design.models.get(model_name).is_some() {
                    Target::field(Owner::Model { name: model_name.clone() }, Field::Schema)
                } else {
                    model_target
                };
                run.line(
                    format!(
                        "Request body does not match model schema for content type {key}: [{}]",
                        problems.join(", ")
                    ),
                    Some(target),
                );
                run.line(
                    "Request validation failed: Invalid request body",
                    Some(Target::field(owner, Field::ValidateRequestBody)),
                );
                run.fail(trace, &BAD_BODY, "");
                return false;
            }
        }
    }
    true
}

/// What an integration's type means here.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Http,
    HttpProxy,
    Mock,
    Lambda,
    LambdaProxy,
    Aws,
}

fn kind(integration: &Integration) -> Kind {
    let lambda = integration.uri.as_deref().is_some_and(|u| u.contains(":lambda:path/"));
    match integration.integration_type.to_ascii_uppercase().as_str() {
        "HTTP_PROXY" => Kind::HttpProxy,
        "MOCK" => Kind::Mock,
        "AWS_PROXY" => Kind::LambdaProxy,
        "AWS" if lambda => Kind::Lambda,
        "AWS" => Kind::Aws,
        _ => Kind::Http,
    }
}

/// The integration request's template for the request's content type, under the passthrough
/// behaviour (<https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html>):
/// `Ok(None)` passes the body through, `Err` is a 415.
pub(crate) fn request_template<'i>(
    integration: &'i Integration,
    content_type: &str,
) -> Result<Option<(&'i String, &'i String)>, ()> {
    if let Some(found) = by_content_type(&integration.request_templates, content_type) {
        return Ok(Some(found));
    }
    match integration.passthrough_behavior.as_deref().map(str::to_ascii_uppercase).as_deref() {
        Some("NEVER") => Err(()),
        Some("WHEN_NO_TEMPLATES") if !integration.request_templates.is_empty() => Err(()),
        _ => Ok(None),
    }
}

/// A template error in the log's words: what failed, at its line and column.
fn template_error(what: &str, content_type: &str, error: &VtlError) -> String {
    format!(
        "Execution failed due to configuration error: Unable to transform {what}: the {content_type} template, line {}, column {}: {}",
        error.line, error.column, error.message
    )
}

/// The integration request, the back end and the integration response.
fn integrate(run: &mut Run<'_>, trace: &mut Trace, routed: &Routed<'_>, integration: &Integration) {
    let request = run.request;
    let kind = kind(integration);
    let owner = Owner::integration(routed.path, routed.verb);
    let content_type = content_type(request);

    // Parameter mappings (integration.request.{location}.{name}).
    let mut mapped_header: Vec<(String, String)> = Vec::new();
    let mut mapped_query: Vec<(String, String)> = Vec::new();
    let mut mapped_path: Vec<(String, String)> = Vec::new();
    if kind != Kind::LambdaProxy {
        let sources = Sources {
            prefix: "method.request",
            path: &routed.params,
            query: &request.query,
            headers: &request.headers,
            body: &request.body,
            context: &routed.context,
            stage_variables: &routed.stage_variables,
        };
        for (key, expression) in &integration.request_parameters {
            let target = Some(Target::key(owner.clone(), Field::RequestParameters, key.clone()));
            let Some(rest) = key.strip_prefix("integration.request.") else { continue };
            let (location, name) = rest.split_once('.').unwrap_or((rest, ""));
            match mapping::evaluate(expression, &sources) {
                Ok(values) => {
                    run.line(
                        format!("Parameter mapping {key} = {expression}: {}", values.join(",")),
                        target,
                    );
                    let into = match location {
                        "header" => &mut mapped_header,
                        "querystring" => &mut mapped_query,
                        "path" => &mut mapped_path,
                        _ => continue,
                    };
                    into.retain(|(n, _)| n != name || location == "querystring");
                    for value in values {
                        into.push((name.to_string(), value));
                    }
                }
                Err(why) => run.line(
                    format!("Parameter mapping {key} = {expression}: not sent ({why})"),
                    target,
                ),
            }
        }
    }

    // The body: the request template (non-proxy), or the request as is.
    let mut overrides = Overrides::default();
    let mut body = request.body.clone();
    if matches!(kind, Kind::Http | Kind::Mock | Kind::Lambda | Kind::Aws) {
        match request_template(integration, &content_type) {
            Err(()) => {
                run.line(
                    format!(
                        "Execution failed: no request template for content type {content_type} and passthrough behavior {}",
                        integration.passthrough_behavior.as_deref().unwrap_or("WHEN_NO_MATCH")
                    ),
                    Some(Target::field(owner, Field::PassthroughBehavior)),
                );
                run.fail(trace, &UNSUPPORTED, "");
                return;
            }
            Ok(None) => {
                if !integration.request_templates.is_empty() || kind != Kind::Mock {
                    run.line(
                        format!("No request template for content type {content_type}: the body passes through"),
                        Some(Target::field(owner.clone(), Field::PassthroughBehavior)),
                    );
                }
            }
            Ok(Some((key, template))) => {
                let target = Some(Target::key(owner.clone(), Field::RequestTemplates, key.clone()));
                match crate::vtl::render_text(
                    template,
                    &routed.env(request, &request.body),
                    Limits::default(),
                ) {
                    Ok(rendered) => {
                        body = rendered.output;
                        overrides = rendered.overrides;
                        run.line(format!("Request template {key} applied"), target);
                    }
                    Err(error) => {
                        run.line(template_error("request", key, &error), target);
                        run.fail(trace, &CONFIGURATION, "");
                        return;
                    }
                }
            }
        }
    }
    // What the template set in $context.requestOverride wins over the mappings
    // (<https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html>).
    for (list, set) in [
        (&mut mapped_header, &overrides.request_header),
        (&mut mapped_query, &overrides.request_querystring),
        (&mut mapped_path, &overrides.request_path),
    ] {
        for (name, value) in set {
            list.retain(|(n, _)| n != name);
            list.push((name.clone(), value.clone()));
        }
    }
    for (name, value) in overrides
        .request_header
        .iter()
        .chain(&overrides.request_querystring)
        .chain(&overrides.request_path)
    {
        run.line(format!("Request override {name}: {value}"), None);
    }

    if kind == Kind::Mock {
        mock(run, trace, routed, integration, &body, overrides);
        return;
    }

    // The endpoint request.
    let uri_target = Some(Target::field(owner, Field::Uri));
    let api_id = routed.context.get("apiId").and_then(Value::as_str).unwrap_or(API_ID).to_string();
    let raw_uri = integration.uri.clone().unwrap_or_default();
    let (uri, http_method, headers, body) = match kind {
        Kind::LambdaProxy => {
            let event = proxy::event(&proxy::EventInput {
                resource: routed.path,
                path: &request.path,
                method: &request.method,
                headers: &request.headers,
                query: &request.query,
                path_parameters: &routed.params,
                stage_variables: &routed.stage_variables,
                context: &routed.context,
                body: &request.body,
            });
            let headers = vec![
                ("X-Amz-Date".to_string(), "20260101T000000Z".to_string()),
                ("x-amzn-apigateway-api-id".to_string(), api_id.clone()),
                ("Accept".to_string(), "application/json".to_string()),
                ("User-Agent".to_string(), format!("AmazonAPIGateway_{api_id}")),
                ("X-Amz-Source-Arn".to_string(), source_arn(&routed.context, routed)),
            ];
            (
                aws_uri(&substitute(&raw_uri, &[], &routed.stage_variables)),
                "POST".to_string(),
                headers,
                event.to_string(),
            )
        }
        Kind::HttpProxy => {
            let mut headers: Vec<(String, String)> = request
                .headers
                .iter()
                .filter(|(n, _)| {
                    !n.eq_ignore_ascii_case("Host") && !n.eq_ignore_ascii_case("Content-Encoding")
                })
                .cloned()
                .collect();
            for (name, value) in &mapped_header {
                headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
                headers.push((name.clone(), value.clone()));
            }
            headers.push(("x-amzn-apigateway-api-id".to_string(), api_id));
            let mut query = request.query.clone();
            query.extend(mapped_query.iter().cloned());
            let uri =
                with_query(&substitute(&raw_uri, &mapped_path, &routed.stage_variables), &query);
            (uri, integration_verb(integration, request), headers, request.body.clone())
        }
        Kind::Http | Kind::Lambda | Kind::Aws => {
            let mut headers = mapped_header.clone();
            headers.push(("x-amzn-apigateway-api-id".to_string(), api_id.clone()));
            headers.push(("User-Agent".to_string(), format!("AmazonAPIGateway_{api_id}")));
            if !matches!(request.method.as_str(), "GET" | "HEAD" | "OPTIONS")
                && !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("Content-Type"))
            {
                if let Some(value) = header(&request.headers, "Content-Type") {
                    headers.push(("Content-Type".to_string(), value.to_string()));
                }
            }
            let substituted = substitute(&raw_uri, &mapped_path, &routed.stage_variables);
            let (uri, verb) = if kind == Kind::Http {
                (with_query(&substituted, &mapped_query), integration_verb(integration, request))
            } else {
                (aws_uri(&substituted), integration_verb(integration, request))
            };
            (uri, verb, headers, body)
        }
        Kind::Mock => return,
    };
    run.line(format!("Endpoint request URI: {uri}"), uri_target.clone());
    run.line(
        format!(
            "Endpoint request headers: {}",
            java_map(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        ),
        None,
    );
    run.line(format!("Endpoint request body after transformations: {body}"), None);
    run.line(format!("Sending request to {uri}"), uri_target.clone());
    trace.integration_request =
        Some(IntegrationRequest { method: http_method, uri, headers, body });

    // The back end's answer, given or made up.
    let backend = match &request.backend {
        Some(backend) => backend.clone(),
        None => {
            let body =
                if kind == Kind::LambdaProxy { r#"{"statusCode":200,"body":"{}"}"# } else { "{}" };
            run.line(
                format!(
                    "No back-end answer was given: this one is made up (status 200, body {body})"
                ),
                uri_target,
            );
            Backend { status: 200, headers: Vec::new(), body: body.to_string(), error: None }
        }
    };
    let mut endpoint_body = backend.body.clone();
    if matches!(kind, Kind::Lambda | Kind::LambdaProxy) {
        if let Some(error) = &backend.error {
            run.line(
                format!("Lambda execution failed with status 200 due to customer function error: {error}. Lambda request id: {}", run.request_id),
                None,
            );
            if endpoint_body.trim().is_empty() {
                endpoint_body = json!({ "errorMessage": error }).to_string();
            }
        }
    }
    let endpoint_status =
        if matches!(kind, Kind::Lambda | Kind::LambdaProxy) { 200 } else { backend.status };
    run.line(
        format!("Received response. Status: {endpoint_status}, Integration latency: 0 ms"),
        None,
    );
    run.line(
        format!(
            "Endpoint response headers: {}",
            java_map(backend.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        ),
        None,
    );
    run.line(format!("Endpoint response body before transformations: {endpoint_body}"), None);

    match kind {
        Kind::LambdaProxy => {
            if backend.error.is_some() {
                run.fail(trace, &BAD_PROXY, "");
                return;
            }
            match proxy::result(&endpoint_body) {
                Ok(result) => {
                    let mut headers = result.headers;
                    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("Content-Type")) {
                        headers.insert(
                            0,
                            ("Content-Type".to_string(), "application/json".to_string()),
                        );
                    }
                    finish(run, trace, result.status, headers, result.body);
                }
                Err(why) => {
                    run.line(
                        format!("Execution failed due to configuration error: Malformed Lambda proxy response ({why})"),
                        None,
                    );
                    run.fail(trace, &BAD_PROXY, "");
                }
            }
        }
        Kind::HttpProxy => {
            finish(run, trace, backend.status, backend.headers.clone(), endpoint_body);
        }
        _ => {
            let selection = if kind == Kind::Lambda {
                backend.error.clone()
            } else {
                Some(backend.status.to_string())
            };
            let endpoint = Endpoint { headers: &backend.headers, body: &endpoint_body };
            respond(
                run,
                trace,
                routed,
                integration,
                selection.as_deref(),
                endpoint_status,
                &endpoint,
            );
        }
    }
}

/// The method's answer, logged.
fn finish(
    run: &mut Run<'_>,
    trace: &mut Trace,
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
) {
    run.line(format!("Method response body after transformations: {body}"), None);
    run.line(
        format!(
            "Method response headers: {}",
            java_map(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        ),
        None,
    );
    run.line("Successfully completed execution", None);
    let target = run.method_response(status);
    run.line(format!("Method completed with status: {status}"), target);
    trace.status = status;
    trace.headers = headers;
    trace.body = body;
}

/// A MOCK integration: its status is the rendered request template's `statusCode`
/// (<https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html>);
/// 200 when there is no template.
fn mock(
    run: &mut Run<'_>,
    trace: &mut Trace,
    routed: &Routed<'_>,
    integration: &Integration,
    body: &str,
    _overrides: Overrides,
) {
    let owner = Owner::integration(routed.path, routed.verb);
    let has_template = request_template(integration, &content_type(run.request)).ok().flatten();
    let status = match has_template {
        None => Some(200),
        Some(_) => mock_status(body),
    };
    let Some(status) = status else {
        run.line(
            "Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template.",
            has_template.map(|(key, _)| Target::key(owner, Field::RequestTemplates, key.clone())),
        );
        run.fail(trace, &CONFIGURATION, "");
        return;
    };
    let endpoint = Endpoint { headers: &[], body: "" };
    respond(run, trace, routed, integration, Some(&status.to_string()), status, &endpoint);
}

/// The `statusCode` of a MOCK request template's output: JSON, or the object-like text that
/// CDK's CORS preflight template (`{ statusCode: 200 }`) is, which AWS accepts.
pub(crate) fn mock_status(body: &str) -> Option<u16> {
    let read = |value: &Value| value.as_u64().and_then(|c| u16::try_from(c).ok());
    if let Ok(value) = serde_json::from_str::<Value>(body) {
        return value.get("statusCode").and_then(read);
    }
    let inner = body.trim().strip_prefix('{')?.strip_suffix('}')?;
    inner.split(',').find_map(|pair| {
        let (key, value) = pair.split_once(':')?;
        let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
        (key == "statusCode").then(|| value.trim().parse::<u16>().ok()).flatten()
    })
}

/// The back end's answer as the integration response reads it.
struct Endpoint<'e> {
    headers: &'e [(String, String)],
    body: &'e str,
}

/// An integration response and its status code.
pub(crate) type Chosen<'i> = (&'i String, &'i IntegrationResponse);

/// The integration response chosen for `selection`: the first whose selection pattern matches
/// it whole, else the default (no pattern). "API Gateway uses Java pattern-style regexes for
/// response mapping"
/// (<https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html>),
/// matched against the back end's status code for HTTP and MOCK, against a Lambda function's
/// error message for a Lambda integration
/// (<https://docs.aws.amazon.com/apigateway/latest/api/API_IntegrationResponse.html>,
/// `selectionPattern`); the whole text must match, as Java's `String.matches` has it (which is
/// why a pattern for a Lambda error that contains a word is `.*word.*`). A Lambda error no pattern matches takes the
/// default response, with the error as its body, as LocalStack's `integration_response.py`
/// does. `selection` is `None` for a Lambda function that succeeded, which takes the default.
pub(crate) fn select_response<'i>(
    integration: &'i Integration,
    selection: Option<&str>,
) -> (Option<Chosen<'i>>, Vec<(String, String)>) {
    let mut problems = Vec::new();
    if let Some(value) = selection {
        for (status, response) in &integration.integration_responses {
            let Some(pattern) = response.selection_pattern.as_deref().filter(|p| !p.is_empty())
            else {
                continue;
            };
            match JavaRegex::new(pattern).and_then(|re| re.matches(value)) {
                Ok(true) => return (Some((status, response)), problems),
                Ok(false) => {}
                Err(error) => problems.push((status.clone(), error.0)),
            }
        }
    }
    let default = integration
        .integration_responses
        .iter()
        .find(|(_, r)| r.selection_pattern.as_deref().is_none_or(str::is_empty));
    (default, problems)
}

/// The integration response, its mappings and template, and the method response.
fn respond(
    run: &mut Run<'_>,
    trace: &mut Trace,
    routed: &Routed<'_>,
    integration: &Integration,
    selection: Option<&str>,
    endpoint_status: u16,
    endpoint: &Endpoint<'_>,
) {
    let request = run.request;
    let (chosen, problems) = select_response(integration, selection);
    for (status, problem) in problems {
        run.line(
            format!(
                "Selection pattern of integration response {status} cannot be evaluated: {problem}"
            ),
            Some(Target::field(
                Owner::integration_response(routed.path, routed.verb, &status),
                Field::SelectionPattern,
            )),
        );
    }
    let Some((status_key, response)) = chosen else {
        run.line(
            format!(
                "Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: {endpoint_status}"
            ),
            Some(Target::field(Owner::integration(routed.path, routed.verb), Field::IntegrationResponses)),
        );
        run.fail(trace, &CONFIGURATION, "");
        return;
    };
    let owner = Owner::integration_response(routed.path, routed.verb, status_key);
    match (&response.selection_pattern, selection) {
        (Some(pattern), Some(value)) if !pattern.is_empty() => run.line(
            format!(
                "Integration response {status_key}: selection pattern {pattern} matches {value}"
            ),
            Some(Target::field(owner.clone(), Field::SelectionPattern)),
        ),
        _ => run.line(
            format!(
                "Integration response {status_key}: the default response{}",
                match selection {
                    Some(value) => format!(", as no selection pattern matches {value}"),
                    None => String::new(),
                }
            ),
            Some(Target::of(owner.clone())),
        ),
    }
    let mut status: u16 = status_key.parse().unwrap_or(500);

    // Header mappings (method.response.header.X).
    let sources = Sources {
        prefix: "integration.response",
        path: &[],
        query: &[],
        headers: endpoint.headers,
        body: endpoint.body,
        context: &routed.context,
        stage_variables: &routed.stage_variables,
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    for (key, expression) in &response.response_parameters {
        let target = Some(Target::key(owner.clone(), Field::ResponseParameters, key.clone()));
        let name = key.strip_prefix("method.response.header.").unwrap_or(key);
        match mapping::evaluate(expression, &sources) {
            Ok(values) => {
                let value = values.join(",");
                run.line(format!("Parameter mapping {key} = {expression}: {value}"), target);
                headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
                headers.push((name.to_string(), value));
            }
            Err(why) => run
                .line(format!("Parameter mapping {key} = {expression}: not sent ({why})"), target),
        }
    }

    // The response template: the one for the request's Accept, else application/json, else
    // the first (<https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings.html>).
    let mut body = endpoint.body.to_string();
    // A non-proxy integration passes none of the back end's headers on unless mapped: the
    // method response's Content-Type is its template's, else application/json.
    let mut content_type: Option<String> = None;
    if let Some(handling) = &response.content_handling {
        run.line(
            format!("Content handling {handling} is not simulated: the body is handled as text"),
            Some(Target::field(owner.clone(), Field::ContentHandling)),
        );
    }
    if let Some((key, template)) = response_template(response, request) {
        let target = Some(Target::key(owner, Field::ResponseTemplates, key.clone()));
        match crate::vtl::render_text(
            template,
            &routed.env(request, endpoint.body),
            Limits::default(),
        ) {
            Ok(rendered) => {
                run.line(format!("Response template {key} applied"), target);
                body = rendered.output;
                content_type = Some(key.clone());
                // $context.responseOverride wins.
                if let Some(code) = rendered.overrides.response_status.as_deref() {
                    match code.trim().parse::<u16>() {
                        Ok(code) if (100..=599).contains(&code) => {
                            run.line(format!("Response override status: {code}"), None);
                            status = code;
                        }
                        _ => run.line(
                            format!(
                                "Response override status {code} is not a status code: ignored"
                            ),
                            None,
                        ),
                    }
                }
                for (name, value) in &rendered.overrides.response_header {
                    run.line(format!("Response override header {name}: {value}"), None);
                    headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
                    headers.push((name.clone(), value.clone()));
                }
            }
            Err(error) => {
                run.line(template_error("response", key, &error), target);
                run.fail(trace, &CONFIGURATION, "");
                return;
            }
        }
    }
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("Content-Type")) {
        headers.insert(
            0,
            (
                "Content-Type".to_string(),
                content_type.unwrap_or_else(|| "application/json".to_string()),
            ),
        );
    }
    if routed.method.method_responses.get(&status.to_string()).is_none() {
        run.line(
            format!("The method has no method response {status}: API Gateway answers with it all the same"),
            Some(Target::field(Owner::method(routed.path, routed.verb), Field::MethodResponses)),
        );
    }
    finish(run, trace, status, headers, body);
}

/// The response template for the request: its `Accept` (the last one), else
/// `application/json`, else the first.
pub(crate) fn response_template<'i>(
    response: &'i IntegrationResponse,
    request: &Request,
) -> Option<(&'i String, &'i String)> {
    let templates = &response.response_templates;
    if let Some(accept) = header(&request.headers, "Accept") {
        if let Some(found) = templates.iter().find(|(k, _)| k.as_str() == accept) {
            return Some(found);
        }
    }
    templates
        .iter()
        .find(|(k, _)| k.as_str() == "application/json")
        .or_else(|| templates.iter().next())
}

/// The verb the integration calls: its own, or the request's when it has none or says ANY.
fn integration_verb(integration: &Integration, request: &Request) -> String {
    match integration.integration_http_method.as_deref() {
        Some(verb) if !verb.is_empty() && verb != "ANY" => verb.to_string(),
        _ => request.method.clone(),
    }
}

/// A URI with `{name}` path parameters and `${stageVariables.name}` substituted.
fn substitute(
    uri: &str,
    path: &[(String, String)],
    stage_variables: &[(String, String)],
) -> String {
    // Path parameters first, then stage variables, as LocalStack's `render_integration_uri`
    // does; a path value is URL-encoded, so it cannot name a stage variable.
    let mut out = uri.to_string();
    for (name, value) in path {
        out = out.replace(&format!("{{{name}}}"), &super::text::url_encode(value, true));
    }
    for (name, value) in stage_variables {
        out = out.replace(&format!("${{stageVariables.{name}}}"), value);
    }
    out
}

/// A URL with a query string added.
fn with_query(uri: &str, query: &[(String, String)]) -> String {
    if query.is_empty() {
        return uri.to_string();
    }
    let pairs: Vec<String> = query
        .iter()
        .map(|(k, v)| {
            format!("{}={}", super::text::url_encode(k, false), super::text::url_encode(v, false))
        })
        .collect();
    let separator = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{separator}{}", pairs.join("&"))
}

/// The URL an AWS service integration calls: `arn:aws:apigateway:{region}:{service}:path/{p}`
/// is `https://{service}.{region}.amazonaws.com/{p}` (a Lambda function's invocation),
/// `…:action/{Action}` is `https://{service}.{region}.amazonaws.com/?Action={Action}`
/// (<https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html>, `uri`).
fn aws_uri(uri: &str) -> String {
    let mut parts = uri.splitn(6, ':');
    let (
        Some("arn"),
        Some(_partition),
        Some("apigateway"),
        Some(region),
        Some(service),
        Some(rest),
    ) = (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return uri.to_string();
    };
    let service = service.split('.').next_back().unwrap_or(service);
    if let Some(path) = rest.strip_prefix("path/") {
        format!("https://{service}.{region}.amazonaws.com/{path}")
    } else if let Some(action) = rest.strip_prefix("action/") {
        format!("https://{service}.{region}.amazonaws.com/?Action={action}")
    } else {
        uri.to_string()
    }
}

/// The `X-Amz-Source-Arn` of a Lambda invocation: the method's execute-api ARN.
fn source_arn(context: &Value, routed: &Routed<'_>) -> String {
    let text = |key: &str| context.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    format!(
        "arn:aws:execute-api:us-east-1:{}:{}/{}/{}{}",
        text("accountId"),
        text("apiId"),
        text("stage"),
        routed.verb,
        routed.path
    )
}

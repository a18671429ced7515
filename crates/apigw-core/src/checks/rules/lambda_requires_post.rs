//! Rule: lambda-requires-post.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG304",
    name: "lambda-requires-post",
    phase: Phase::Invoke,
    aws_message: Some("Internal server error"),
    summary: "Lambda integrations (AWS_PROXY, or AWS with a Lambda URI) must call the function with POST.",
    fix: "Set the integration's HTTP method to POST; the method itself can keep any verb.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "Lambda's Invoke API is a POST; with any other verb every request fails at run time (\"For Lambda function invocations, the value must be POST\").",
    source: "API Reference, Integration > httpMethod (https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html): \"For Lambda integrations, you must set the integration method to POST.\" Also API Gateway Developer Guide, \"Lambda integrations for REST APIs\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integrations.html): \"Set the integration's HTTP method to POST\". AWS's error at run time (AccessDeniedException): \"Unable to determine service/operation name to be authorized\" (https://github.com/aws/serverless-application-model/issues/430) AWS's error text on record: https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json#L1520 (snapshot tests/aws/services/apigateway/test_apigateway_lambda.py::test_lambda_aws_proxy_integration_non_post_method :: invocation-payload-with-get-proxy-method).",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    let lambda = match i.integration_type.as_str() {
        "AWS_PROXY" => i.uri.as_deref().is_none_or(|u| !u.contains(":firehose:")),
        "AWS" => i.uri.as_deref().is_some_and(grammar::is_lambda_uri),
        _ => false,
    };
    match i.integration_http_method.as_deref() {
        Some(verb) if lambda && !verb.is_empty() && verb != "POST" => sink.report(
            on_integration(cx, Field::IntegrationHttpMethod),
            format!("this Lambda integration calls the function with {verb}; Lambda is invoked with POST only"),
        ),
        _ => {}
    }
}

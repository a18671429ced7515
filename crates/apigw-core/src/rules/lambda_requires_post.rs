//! Rule: lambda-requires-post.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG304",
    name: "lambda-requires-post",
    severity: Severity::Error,
    summary: "Lambda integrations (AWS_PROXY, or AWS with a Lambda URI) must call the function with POST.",
    why: "Lambda's Invoke API is a POST; with any other verb every request fails at run time (\"For Lambda function invocations, the value must be POST\").",
    fix: "Set the integration's HTTP method to POST; the method itself can keep any verb.",
    source: "aws-rules.md §3.2 Lambda ⇒ POST (api-gateway-swagger-extensions-integration.md)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    let lambda = match i.integration_type.as_str() {
        "AWS_PROXY" => i.uri.as_deref().is_none_or(|u| !u.contains(":firehose:")),
        "AWS" => i.uri.as_deref().is_some_and(facts::is_lambda_uri),
        _ => false,
    };
    match i.integration_http_method.as_deref() {
        Some(verb) if lambda && !verb.is_empty() && verb != "POST" => sink.report(
            on_integration(cx, "integrationHttpMethod"),
            format!("this Lambda integration calls the function with {verb}; Lambda is invoked with POST only"),
        ),
        _ => {}
    }
}

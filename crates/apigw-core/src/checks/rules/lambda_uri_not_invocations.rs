//! Rule: lambda-uri-not-invocations.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG326",
    name: "lambda-uri-not-invocations",
    phase: Phase::Advice,
    aws_message: None,
    summary: "A Lambda integration URI should end in `/functions/{function-arn}/invocations`.",
    fix: "Use arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function-arn}/invocations.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "That is Lambda's Invoke path; any other path is a different Lambda API and fails at run time.",
    source: "API Reference, CreateAuthorizer > authorizerUri (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html): \"For Lambda functions, this is usually of the form /2015-03-31/functions/[FunctionARN]/invocations.\" For streaming, API Gateway Developer Guide (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html) uses …/2021-11-15/functions/…/response-streaming-invocations.",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(uri) = integration(cx).and_then(|i| i.uri.as_deref()) else { return };
    if grammar::is_lambda_uri(uri)
        && !(uri.contains("/functions/")
            && (uri.ends_with("/invocations") || uri.ends_with("/response-streaming-invocations")))
    {
        sink.report(
            on_integration(cx, Field::Uri),
            "this Lambda URI does not call a function's /invocations path",
        );
    }
}

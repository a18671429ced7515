//! Rule: aws-uri-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG306",
    name: "aws-uri-invalid",
    phase: Phase::Call,
    aws_message: Some("AWS ARN for integration must contain path or action"),
    summary: "AWS and AWS_PROXY integrations need a URI of the form `arn:aws:apigateway:{region}:{service}:path|action/…`.",
    fix: "For Lambda use arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function-arn}/invocations; for other services …:{service}:path/… or …:{service}:action/{Action}.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutIntegration rejects other URIs: \"Invalid ARN specified in the request\" or \"AWS ARN for integration must contain path or action\".",
    source: "API Reference, PutIntegration > uri (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"For AWS or AWS_PROXY integrations, the URI is of the form arn:aws:apigateway:{region}:{subdomain.service|service}:path|action/{service_api}.\" AWS's error: \"AWS ARN for integration must contain path or action\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json#L430); for a URI that is not an ARN, \"Invalid ARN specified in the request\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json#L419)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if !matches!(i.integration_type.as_str(), "AWS" | "AWS_PROXY") {
        return;
    }
    match i.uri.as_deref().filter(|u| !u.is_empty()) {
        None => sink.report(
            on_integration(cx, Field::Uri),
            format!("{} integration needs the target's ARN", text::a(&i.integration_type)),
        ),
        Some(uri) => {
            if let Err(reason) = grammar::aws_integration_arn(uri) {
                sink.report(on_integration(cx, Field::Uri), reason);
            }
        }
    }
}

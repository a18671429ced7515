//! Rule: aws-uri-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG306",
    name: "aws-uri-invalid",
    severity: Severity::Error,
    summary: "AWS and AWS_PROXY integrations need a URI of the form `arn:aws:apigateway:{region}:{service}:path|action/…`.",
    why: "PutIntegration rejects other URIs: \"Invalid ARN specified in the request\" or \"AWS ARN for integration must contain path or action\".",
    fix: "For Lambda use arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function-arn}/invocations; for other services …:{service}:path/… or …:{service}:action/{Action}.",
    source: "wire.md §2 and §4; moto.md (c) #11–12",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if !matches!(i.integration_type.as_str(), "AWS" | "AWS_PROXY") {
        return;
    }
    match i.uri.as_deref().filter(|u| !u.is_empty()) {
        None => sink.report(
            on_integration(cx, "uri"),
            format!("a {} integration needs the target's ARN", i.integration_type),
        ),
        Some(uri) => {
            if let Err(reason) = grammar::aws_integration_arn(uri) {
                sink.report(on_integration(cx, "uri"), reason);
            }
        }
    }
}

//! Rule: aws-proxy-target-unsupported.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG307",
    name: "aws-proxy-target-unsupported",
    severity: Severity::Error,
    summary: "AWS_PROXY integrations can target only Lambda functions and Firehose streams.",
    why: "PutIntegration rejects others: \"Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.\"",
    fix: "Use an AWS (non-proxy) integration with mapping templates for other services.",
    source: "wire.md §4",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.integration_type != "AWS_PROXY" {
        return;
    }
    if let Some(Ok(arn)) = i.uri.as_deref().map(grammar::aws_integration_arn) {
        if !matches!(arn.service, "lambda" | "firehose") {
            sink.report(
                on_integration(cx, "uri"),
                format!(
                    "AWS_PROXY cannot call the `{}` service; only Lambda and Firehose",
                    arn.service
                ),
            );
        }
    }
}

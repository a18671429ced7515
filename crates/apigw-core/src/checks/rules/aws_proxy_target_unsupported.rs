//! Rule: aws-proxy-target-unsupported.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG307",
    name: "aws-proxy-target-unsupported",
    phase: Phase::Call,
    aws_message: Some(
        "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.",
    ),
    summary: "AWS_PROXY integrations can target only Lambda functions and Firehose streams.",
    fix: "Use an AWS (non-proxy) integration with mapping templates for other services.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutIntegration rejects others: \"Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.\"",
    source: "AWS's error to PutIntegration AWS_PROXY with an S3 path, recorded in LocalStack's AWS-validated snapshot (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json#L386): \"Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.\" AWS's guide describes AWS_PROXY only as the Lambda proxy integration: \"Choose an API Gateway API integration type\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-integration-types.html): \"For the Lambda proxy integration, the value is AWS_PROXY\".",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.integration_type != "AWS_PROXY" {
        return;
    }
    if let Some(Ok(arn)) = i.uri.as_deref().map(grammar::aws_integration_arn) {
        if !matches!(arn.service, "lambda" | "firehose") {
            sink.report(
                on_integration(cx, Field::Uri),
                format!(
                    "AWS_PROXY cannot call the `{}` service; only Lambda and Firehose",
                    arn.service
                ),
            );
        }
    }
}

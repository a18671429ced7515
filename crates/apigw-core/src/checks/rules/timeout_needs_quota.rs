//! Rule: timeout-needs-quota.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG316",
    name: "timeout-needs-quota",
    phase: Phase::Advice,
    aws_message: Some("Timeout should be between 50 ms and 29000 ms"),
    summary: "A timeout above 29 s on a Regional or private API works only after the account's quota was raised.",
    fix: "Request the integration-timeout quota increase, or keep the timeout at 29000 ms or less.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "Since 2024 the 29 s limit can be raised for Regional and private REST APIs by a quota request, which may lower the account's throttle; without it PutIntegration rejects the value.",
    source: "AWS What's New, \"Amazon API Gateway integration timeout limit increase beyond 29 seconds\" (https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/): \"You can raise the integration timeout to greater than 29 seconds for Regional REST APIs and private REST APIs, but this might require a reduction in your account-level throttle quota limit.\" Quotas page (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html). AWS's error: \"Timeout should be between 50 ms and 29000 ms\" (https://github.com/aws/aws-cdk/issues/31063)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    let Some(timeout) = i.timeout_in_millis else { return };
    let stream = i.response_transfer_mode.as_deref() == Some("STREAM");
    if !stream
        && cx.design.api.endpoint_type != "EDGE"
        && timeout > facts::TIMEOUT_DEFAULT_MS
        && timeout <= facts::TIMEOUT_REGIONAL_MAX_MS
    {
        sink.report(
            on_integration(cx, Field::TimeoutInMillis),
            format!("a timeout of {timeout} ms needs the account's integration-timeout quota raised above 29000 ms"),
        );
    }
}

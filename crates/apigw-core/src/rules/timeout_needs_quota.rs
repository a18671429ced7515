//! Rule: timeout-needs-quota.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG316",
    name: "timeout-needs-quota",
    severity: Severity::Warning,
    summary: "A timeout above 29 s on a Regional or private API works only after the account's quota was raised.",
    why: "Since 2024 the 29 s limit can be raised for Regional and private REST APIs by a quota request, which may lower the account's throttle; without it PutIntegration rejects the value.",
    fix: "Request the integration-timeout quota increase, or keep the timeout at 29000 ms or less.",
    source: "aws-rules.md §3.2 Integration timeout (aws.amazon.com/about-aws/whats-new/2024/06/…)",
    check: Check::Method(check),
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
            on_integration(cx, "timeoutInMillis"),
            format!("a timeout of {timeout} ms needs the account's integration-timeout quota raised above 29000 ms"),
        );
    }
}

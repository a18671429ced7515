//! Rule: stream-requires-proxy.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG314",
    name: "stream-requires-proxy",
    severity: Severity::Error,
    summary: "Response streaming (`STREAM`) works only with HTTP_PROXY and AWS_PROXY integrations.",
    why: "API Gateway streams only proxy responses; CDK and Terraform reject STREAM on other types.",
    fix: "Switch the integration to a proxy type, or use BUFFERED.",
    source: "aws-rules.md §3.2 Response streaming (response-transfer-mode.md)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.response_transfer_mode.as_deref() == Some("STREAM")
        && !facts::is_proxy(&i.integration_type)
    {
        sink.report(
            on_integration(cx, "responseTransferMode"),
            format!("a {} integration cannot stream its response", i.integration_type),
        );
    }
}

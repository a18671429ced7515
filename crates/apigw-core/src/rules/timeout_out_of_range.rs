//! Rule: timeout-out-of-range.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG315",
    name: "timeout-out-of-range",
    severity: Severity::Error,
    summary: "`timeoutInMillis` runs from 50 ms to 29 s on edge-optimized APIs, to 300 s on Regional and private APIs, and to 900 s with response streaming.",
    why: "PutIntegration rejects other values: \"Timeout should be between 50 ms and 29000 ms\" (or 900000 ms when streaming).",
    fix: "Pick a timeout inside the range, or clear it to use the 29 s default.",
    source: "aws-rules.md §3.2 Integration timeout (AWS what's-new 2017 and 2024; Terraform PRs #38010, #45482)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    let Some(timeout) = i.timeout_in_millis else { return };
    let stream = i.response_transfer_mode.as_deref() == Some("STREAM");
    let endpoint = cx.design.api.endpoint_type.as_str();
    let (max, why) = if stream {
        (facts::TIMEOUT_STREAM_MAX_MS, "with response streaming")
    } else if endpoint == "EDGE" {
        (facts::TIMEOUT_DEFAULT_MS, "on an edge-optimized API")
    } else {
        (facts::TIMEOUT_REGIONAL_MAX_MS, "even with a quota increase")
    };
    if timeout < facts::TIMEOUT_MIN_MS || timeout > max {
        sink.report(
            on_integration(cx, "timeoutInMillis"),
            format!(
                "a timeout of {timeout} ms is outside {} to {max} ms {why}",
                facts::TIMEOUT_MIN_MS
            ),
        );
    }
}

//! Rule: timeout-out-of-range.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG315",
    name: "timeout-out-of-range",
    phase: Phase::Call,
    aws_message: Some("Timeout should be between 50 ms and 29000 ms"),
    summary: "`timeoutInMillis` runs from 50 ms to 29 s on edge-optimized APIs, to 300 s on Regional and private APIs, and to 900 s with response streaming.",
    fix: "Pick a timeout inside the range, or clear it to use the 29 s default.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutIntegration rejects other values: \"Timeout should be between 50 ms and 29000 ms\". AWS allows longer timeouts only for Regional and private APIs, and up to 15 minutes with response streaming.",
    source: "API Reference, PutIntegration > timeoutInMillis (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"Custom timeout between 50 and 29,000 milliseconds. … You can increase the default value to longer than 29 seconds for Regional or private APIs only.\" API Gateway Developer Guide, \"Set up an HTTP proxy integration with payload response streaming\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-http.html): \"When you use response streaming, you can configure the integration timeout up to 15 minutes.\" The 300 s Regional/private ceiling: AWS re:Post (https://repost.aws/questions/QUlDTc_17EQ_mOJAhR3LHNDw). AWS's error: \"Timeout should be between 50 ms and 29000 ms\" (https://github.com/aws/aws-cdk/issues/31063)",
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
            on_integration(cx, Field::TimeoutInMillis),
            format!(
                "a timeout of {timeout} ms is outside {} to {max} ms {why}",
                facts::TIMEOUT_MIN_MS
            ),
        );
    }
}

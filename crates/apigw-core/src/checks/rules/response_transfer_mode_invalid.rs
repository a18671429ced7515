//! Rule: response-transfer-mode-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG313",
    name: "response-transfer-mode-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "`responseTransferMode` must be BUFFERED or STREAM.",
    fix: "Use BUFFERED (the default) or STREAM.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "It is an enum in the API model.",
    source: "API Reference, PutIntegration > responseTransferMode (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"The response transfer mode of the integration.\" Values BUFFERED and STREAM (ResponseTransferMode enum in the botocore model, https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/botocore/data/apigateway/2015-07-09/service-2.json#L6370).",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(mode) = integration(cx).and_then(|i| i.response_transfer_mode.as_deref()) {
        if !facts::RESPONSE_TRANSFER_MODES.contains(&mode) {
            sink.report(
                on_integration(cx, Field::ResponseTransferMode),
                format!("`{mode}` is not a transfer mode; use BUFFERED or STREAM"),
            );
        }
    }
}

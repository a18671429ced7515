//! Rule: response-transfer-mode-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG313",
    name: "response-transfer-mode-invalid",
    severity: Severity::Error,
    summary: "`responseTransferMode` must be BUFFERED or STREAM.",
    why: "It is an enum in the API model.",
    fix: "Use BUFFERED (the default) or STREAM.",
    source: "wire.md §2 (ResponseTransferMode)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(mode) = integration(cx).and_then(|i| i.response_transfer_mode.as_deref()) {
        if !facts::RESPONSE_TRANSFER_MODES.contains(&mode) {
            sink.report(
                on_integration(cx, "responseTransferMode"),
                format!("`{mode}` is not a transfer mode; use BUFFERED or STREAM"),
            );
        }
    }
}

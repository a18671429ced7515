//! Rule: content-handling-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG318",
    name: "content-handling-invalid",
    severity: Severity::Error,
    summary: "`contentHandling` must be CONVERT_TO_BINARY or CONVERT_TO_TEXT.",
    why: "It is an enum in the API model, on integrations and integration responses.",
    fix: "Pick one of the two, or clear it to pass the payload through.",
    source: "wire.md §2 (ContentHandlingStrategy)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    let bad = |v: &Option<String>| {
        v.as_deref().filter(|v| !facts::CONTENT_HANDLING.contains(v)).map(str::to_string)
    };
    if let Some(value) = bad(&i.content_handling) {
        sink.report(
            on_integration(cx, "contentHandling"),
            format!("`{value}` is not a content handling strategy"),
        );
    }
    for (status, response) in &i.integration_responses {
        if let Some(value) = bad(&response.content_handling) {
            sink.report(
                Target::field(
                    Owner::integration_response(cx.path, cx.verb, status),
                    "contentHandling",
                ),
                format!("`{value}` is not a content handling strategy"),
            );
        }
    }
}

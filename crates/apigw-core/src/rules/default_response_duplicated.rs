//! Rule: default-response-duplicated.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG408",
    name: "default-response-duplicated",
    severity: Severity::Warning,
    summary: "Only one integration response should be the default (no selection pattern).",
    why: "API Gateway uses a single default response; with several, which one applies is not what the design says.",
    fix: "Give all but one of them a selection pattern.",
    source: "wire.md §2 (selectionPattern: empty = default response)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    let mut defaults = i
        .integration_responses
        .iter()
        .filter(|(_, r)| r.selection_pattern.as_deref().unwrap_or("").is_empty())
        .map(|(s, _)| s);
    let Some(first) = defaults.next() else { return };
    for status in defaults {
        sink.report(
            Target::field(
                Owner::integration_response(cx.path, cx.verb, status),
                "selectionPattern",
            ),
            format!("integration responses {first} and {status} are both the default response"),
        );
    }
}

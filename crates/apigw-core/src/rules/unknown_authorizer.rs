//! Rule: unknown-authorizer.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG204",
    name: "unknown-authorizer",
    severity: Severity::Error,
    summary: "A method's authorizer must be one of the API's authorizers.",
    why: "PutMethod rejects an authorizer id that does not exist in the API: \"Invalid authorizer ID specified\".",
    fix: "Pick an existing authorizer, or add an authorizer with this name to the API.",
    source: "wire.md §4",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(name) = cx.method.authorizer.as_deref().filter(|n| !n.is_empty()) {
        if !cx.design.authorizers.contains_key(name) {
            sink.report(
                on_method(cx, "authorizer"),
                format!("the authorizer `{name}` does not exist in this API"),
            );
        }
    }
}

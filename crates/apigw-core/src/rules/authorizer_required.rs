//! Rule: authorizer-required.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG203",
    name: "authorizer-required",
    severity: Severity::Error,
    summary: "CUSTOM and COGNITO_USER_POOLS methods must name an authorizer.",
    why: "PutMethod rejects them otherwise: \"Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.\"",
    fix: "Pick one of the API's authorizers for this method, or create one first.",
    source: "wire.md §4",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let kind = cx.method.authorization_type.as_str();
    if matches!(kind, "CUSTOM" | "COGNITO_USER_POOLS")
        && cx.method.authorizer.as_deref().unwrap_or("").is_empty()
    {
        sink.report(
            on_method(cx, "authorizer"),
            format!("authorization type {kind} needs an authorizer, and none is set"),
        );
    }
}

//! Rule: connection-type-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG308",
    name: "connection-type-invalid",
    severity: Severity::Error,
    summary: "`connectionType` must be INTERNET or VPC_LINK.",
    why: "It is an enum in the API model; other values are rejected.",
    fix: "Use INTERNET (the default) or VPC_LINK for a private integration.",
    source: "wire.md §2 (ConnectionType)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(value) = integration(cx).and_then(|i| i.connection_type.as_deref()) {
        if !facts::CONNECTION_TYPES.contains(&value) {
            sink.report(
                on_integration(cx, "connectionType"),
                format!("`{value}` is not a connection type; use INTERNET or VPC_LINK"),
            );
        }
    }
}

//! Rule: request-validator-unknown.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG212",
    name: "request-validator-unknown",
    severity: Severity::Error,
    summary: "A method's request validator must be one of the API's request validators.",
    why: "PutMethod rejects it: \"Invalid Request Validator identifier specified\".",
    fix: "Pick an existing request validator, or add one with this name.",
    source: "wire.md §4",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(name) = cx.method.request_validator.as_deref() {
        if !cx.design.request_validators.contains_key(name) {
            sink.report(
                on_method(cx, "requestValidator"),
                format!("the request validator `{name}` does not exist in this API"),
            );
        }
    }
}

//! Rule: integration-response-without-method-response.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG402",
    name: "integration-response-without-method-response",
    severity: Severity::Error,
    summary: "Each integration response's status code must have a method response.",
    why: "\"The status code must map to an existing MethodResponse\"; PutIntegrationResponse fails otherwise.",
    fix: "Add a method response with this status code, or change the integration response's status.",
    source: "wire.md §2 (IntegrationResponse)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for status in i.integration_responses.keys() {
        if grammar::status_code(status) && !cx.method.method_responses.contains_key(status) {
            sink.report_fix(
                Target::of(Owner::integration_response(cx.path, cx.verb, status)),
                format!(
                    "the integration response {status} has no method response {status} to map to"
                ),
                format!("Add method response {status}, or pick one of the method's status codes."),
            );
        }
    }
}

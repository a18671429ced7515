//! Rule: status-code-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG401",
    name: "status-code-invalid",
    severity: Severity::Error,
    summary: "Method and integration response status codes match `[1-5]\\d\\d`.",
    why: "API Gateway rejects others: \"Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d\".",
    fix: "Use a three-digit HTTP status code from 100 to 599.",
    source: "wire.md §2 (StatusCode) and §4",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    for status in cx.method.method_responses.keys() {
        if !grammar::status_code(status) {
            sink.report(
                Target::of(Owner::method_response(cx.path, cx.verb, status)),
                format!("`{status}` is not a status code of the form [1-5]\\d\\d"),
            );
        }
    }
    for status in integration(cx).into_iter().flat_map(|i| i.integration_responses.keys()) {
        if !grammar::status_code(status) {
            sink.report(
                Target::of(Owner::integration_response(cx.path, cx.verb, status)),
                format!("`{status}` is not a status code of the form [1-5]\\d\\d"),
            );
        }
    }
}

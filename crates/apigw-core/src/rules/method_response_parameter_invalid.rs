//! Rule: method-response-parameter-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG404",
    name: "method-response-parameter-invalid",
    severity: Severity::Error,
    summary: "Method response parameters are headers: `method.response.header.{name}`.",
    why: "PutMethodResponse accepts only this key form.",
    fix: "Write the key as method.response.header.NAME.",
    source: "wire.md §2 (PutMethodResponse.responseParameters)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    for (status, response) in &cx.method.method_responses {
        for key in response.response_parameters.keys() {
            if let Err(reason) = grammar::method_response_header(key) {
                sink.report(
                    Target::key(
                        Owner::method_response(cx.path, cx.verb, status),
                        "responseParameters",
                        key,
                    ),
                    format!("`{key}` is not a method response header: {reason}"),
                );
            }
        }
    }
}

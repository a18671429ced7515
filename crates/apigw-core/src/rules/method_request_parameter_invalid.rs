//! Rule: method-request-parameter-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG208",
    name: "method-request-parameter-invalid",
    severity: Severity::Error,
    summary: "Method request parameter keys read `method.request.{querystring|path|header}.{name}`.",
    why: "PutMethod stores request parameters by this key; any other shape is rejected as an invalid mapping expression.",
    fix: "Write the key as method.request.querystring.NAME, method.request.path.NAME or method.request.header.NAME.",
    source: "wire.md §2 (PutMethod.requestParameters)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    for key in cx.method.request_parameters.keys() {
        if let Err(reason) = grammar::method_request_parameter(key) {
            sink.report(
                Target::key(Owner::method(cx.path, cx.verb), "requestParameters", key),
                format!("`{key}` is not a method request parameter: {reason}"),
            );
        }
    }
}

//! Rule: http-method-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG201",
    name: "http-method-invalid",
    severity: Severity::Error,
    summary: "A method's verb must be one of GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS or ANY, in upper case.",
    why: "PutMethod rejects other verbs: \"Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY\".",
    fix: "Use one of the listed verbs; ANY covers all of them.",
    source: "wire.md §4",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if !facts::HTTP_METHODS.contains(&cx.verb) {
        sink.report(
            Target::of(Owner::method(cx.path, cx.verb)),
            format!(
                "`{}` is not a verb API Gateway accepts; use one of {}",
                cx.verb,
                one_of(facts::HTTP_METHODS)
            ),
        );
    }
}

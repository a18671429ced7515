//! Rule: authorizer-on-options.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG215",
    name: "authorizer-on-options",
    severity: Severity::Warning,
    summary: "An OPTIONS method with authorization breaks CORS preflight.",
    why: "Browsers send preflight requests without credentials, so an authorized OPTIONS method answers 401/403 and the real request is never made.",
    fix: "Set the OPTIONS method's authorization type to NONE and turn off its API key requirement.",
    source: "aws-rules.md §3.3 (evilmint/aws-openapi-lint: authorizer on OPTIONS)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if cx.verb == "OPTIONS"
        && (cx.method.authorization_type != "NONE" || cx.method.api_key_required)
    {
        sink.report(
            on_method(cx, "authorizationType"),
            "the OPTIONS method requires authorization or an API key, so CORS preflight requests will be refused",
        );
    }
}

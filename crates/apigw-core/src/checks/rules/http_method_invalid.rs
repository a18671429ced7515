//! Rule: http-method-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG201",
    name: "http-method-invalid",
    phase: Phase::Call,
    aws_message: Some(
        "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY",
    ),
    summary: "A method's verb must be one of GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS or ANY, in upper case.",
    fix: "Use one of the listed verbs; ANY covers all of them.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutMethod rejects other verbs: \"Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY\".",
    source: "AWS's error to PutMethod with httpMethod \"WRONG\", recorded in LocalStack's AWS-validated snapshot (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L1367): \"Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY\". The API Reference, PutMethod (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html), gives no list.",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if !facts::HTTP_METHODS.contains(&cx.verb) {
        sink.report(
            Target::of(cx.method_owner()),
            format!(
                "`{}` is not a verb API Gateway accepts; use one of {}",
                cx.verb,
                one_of(facts::HTTP_METHODS)
            ),
        );
    }
}

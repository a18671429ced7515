//! Rule: request-validator-unknown.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG212",
    name: "request-validator-unknown",
    phase: Phase::Call,
    aws_message: Some("Invalid Request Validator identifier specified"),
    summary: "A method's request validator must be one of the API's request validators.",
    fix: "Pick an existing request validator, or add one with this name.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutMethod rejects it: \"Invalid Request Validator identifier specified\".",
    source: "API Reference, PutMethod > requestValidatorId (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"The identifier of a RequestValidator for validating the method request.\" AWS's error: \"Invalid Request Validator identifier specified\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L1389)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(name) = cx.method.request_validator.as_deref() {
        if !cx.design.request_validators.contains_key(name) {
            sink.report(
                on_method(cx, Field::RequestValidator),
                format!("the request validator `{name}` does not exist in this API"),
            );
        }
    }
}

//! Rule: method-response-parameter-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG404",
    name: "method-response-parameter-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "Method response parameters are headers: `method.response.header.{name}`.",
    fix: "Write the key as method.response.header.NAME.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutMethodResponse accepts only this key form.",
    source: "API Reference, PutMethodResponse > responseParameters (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethodResponse.html): \"The method response header names must match the pattern of method.response.header.{name}, where name is a valid and unique header name.\" AWS's error: \"Invalid parameter name specified\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L4414)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    for (status, response) in &cx.method.method_responses {
        for key in response.response_parameters.keys() {
            if let Err(reason) = grammar::method_response_header(key) {
                sink.report(
                    Target::key(cx.method_response_owner(status), Field::ResponseParameters, key),
                    format!("`{key}` is not a method response header: {reason}"),
                );
            }
        }
    }
}

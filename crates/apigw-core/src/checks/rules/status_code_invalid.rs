//! Rule: status-code-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG401",
    name: "status-code-invalid",
    phase: Phase::Call,
    aws_message: Some(
        "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d",
    ),
    summary: "Method and integration response status codes match `[1-5]\\d\\d`.",
    fix: "Use a three-digit HTTP status code from 100 to 599.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway rejects others: \"Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d\".",
    source: "API Reference, PutMethodResponse > statusCode (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethodResponse.html): Pattern `[1-5]\\d\\d` (StatusCode shape in the botocore model, https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/botocore/data/apigateway/2015-07-09/service-2.json#L6688). AWS's error: \"1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L4068)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    for status in cx.method.method_responses.keys() {
        if !grammar::status_code(status) {
            sink.report(
                Target::of(cx.method_response_owner(status)),
                format!("`{status}` is not a status code of the form [1-5]\\d\\d"),
            );
        }
    }
    for status in integration(cx).into_iter().flat_map(|i| i.integration_responses.keys()) {
        if !grammar::status_code(status) {
            sink.report(
                Target::of(cx.integration_response_owner(status)),
                format!("`{status}` is not a status code of the form [1-5]\\d\\d"),
            );
        }
    }
}

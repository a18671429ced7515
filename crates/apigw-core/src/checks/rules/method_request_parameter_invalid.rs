//! Rule: method-request-parameter-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG208",
    name: "method-request-parameter-invalid",
    phase: Phase::Call,
    aws_message: Some("Invalid mapping expression specified"),
    summary: "Method request parameter keys read `method.request.{querystring|path|header}.{name}`.",
    fix: "Write the key as method.request.querystring.NAME, method.request.path.NAME or method.request.header.NAME.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutMethod stores request parameters by this key; any other shape is rejected as an invalid mapping expression.",
    source: "API Reference, PutMethod > requestParameters (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"A key defines a method request parameter name matching the pattern of method.request.{location}.{name}, where location is querystring, path, or header and name is a valid and unique parameter name.\" AWS's error: \"Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: true]\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L3840)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    for key in cx.method.request_parameters.keys() {
        if let Err(reason) = grammar::method_request_parameter(key) {
            sink.report(
                Target::key(cx.method_owner(), Field::RequestParameters, key),
                format!("`{key}` is not a method request parameter: {reason}"),
            );
        }
    }
}

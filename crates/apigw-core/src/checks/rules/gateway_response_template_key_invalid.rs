//! Rule: gateway-response-template-key-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG516",
    name: "gateway-response-template-key-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "A gateway response's templates are keyed by a content type such as `application/json`.",
    fix: "Use a media type, type/subtype, as the key.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway picks a gateway response's template by the content type the client accepts, and rejects a key that is not one: \"Invalid content type specified\".",
    source: "API Gateway Developer Guide, \"x-amazon-apigateway-gateway-responses.responseTemplates object\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseTemplates.html): \"For each key-value pair, the key is the content type; for example, \"application/json\", and the value is a stringified mapping template for simple variable substitutions.\" AWS's error for a template key that is no content type (recorded for an integration's templates): \"Validation Result: warnings : [], errors : [Invalid content type specified: 123]\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L4103)",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (target, content_type, _) in gateway_templates(design) {
        if let Err(reason) = grammar::content_type(content_type) {
            sink.report(target, reason);
        }
    }
}

//! Rule: integration-type-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG301",
    name: "integration-type-invalid",
    phase: Phase::Call,
    aws_message: Some(
        "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
    ),
    summary: "The integration type must be HTTP, HTTP_PROXY, AWS, AWS_PROXY or MOCK, in upper case.",
    fix: "Pick one of the five types.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutIntegration rejects other values: \"Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]\". (OpenAPI's extension spells them in lower case; the API does not.)",
    source: "API Reference, PutIntegration > type (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"Specifies a put integration input's type.\" Valid values HTTP, AWS, MOCK, HTTP_PROXY, AWS_PROXY (IntegrationType in the botocore model, https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/botocore/data/apigateway/2015-07-09/service-2.json#L5464). AWS's error: \"1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L3090)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(i) = integration(cx) {
        if !facts::INTEGRATION_TYPES.contains(&i.integration_type.as_str()) {
            sink.report(
                on_integration(cx, Field::Type),
                format!(
                    "`{}` is not an integration type; use one of {}",
                    i.integration_type,
                    one_of(facts::INTEGRATION_TYPES)
                ),
            );
        }
    }
}

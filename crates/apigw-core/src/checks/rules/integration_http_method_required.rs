//! Rule: integration-http-method-required.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG302",
    name: "integration-http-method-required",
    phase: Phase::Call,
    aws_message: Some("Enumeration value for HttpMethod must be non-empty"),
    summary: "Every integration type but MOCK needs `integrationHttpMethod`.",
    fix: "Set the HTTP method the back end expects (POST for Lambda).",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutIntegration rejects it: \"Enumeration value for HttpMethod must be non-empty\".",
    source: "API Reference, Integration > httpMethod (https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html): \"For the Type property, if you specify MOCK, this property is optional. For Lambda integrations, you must set the integration method to POST. For all other types, you must specify this property.\" AWS's error: \"Enumeration value for HttpMethod must be non-empty\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json#L274)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(i) = integration(cx) {
        let kind = i.integration_type.as_str();
        let empty = i.integration_http_method.as_deref().unwrap_or("").is_empty();
        if facts::INTEGRATION_TYPES.contains(&kind)
            && facts::needs_integration_http_method(kind)
            && empty
        {
            sink.report(
                on_integration(cx, Field::IntegrationHttpMethod),
                format!(
                    "{} integration needs the HTTP method it calls the back end with",
                    text::a(kind)
                ),
            );
        }
    }
}

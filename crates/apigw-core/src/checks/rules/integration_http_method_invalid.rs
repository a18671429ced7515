//! Rule: integration-http-method-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG303",
    name: "integration-http-method-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "`integrationHttpMethod` must be an HTTP verb in upper case.",
    fix: "Use GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS or ANY.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway calls the back end with this verb; it rejects anything else.",
    source: "API Reference, PutIntegration > integrationHttpMethod (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"The HTTP method for the integration.\" AWS documents no value list for it; the rule uses PutMethod's list (see http-method-invalid).",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(verb) = integration(cx).and_then(|i| i.integration_http_method.as_deref()) {
        if !verb.is_empty() && !facts::INTEGRATION_HTTP_METHODS.contains(&verb) {
            sink.report(
                on_integration(cx, Field::IntegrationHttpMethod),
                format!(
                    "`{verb}` is not an HTTP method; use one of {}",
                    one_of(facts::INTEGRATION_HTTP_METHODS)
                ),
            );
        }
    }
}

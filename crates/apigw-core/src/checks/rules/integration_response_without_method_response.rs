//! Rule: integration-response-without-method-response.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG402",
    name: "integration-response-without-method-response",
    phase: Phase::Invoke,
    aws_message: None,
    summary: "Each integration response's status code must have a method response.",
    fix: "Add a method response with this status code, or change the integration response's status.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "\"The status code must map to an existing MethodResponse\". API Gateway accepts PutIntegrationResponse without one (unless it maps headers, when it answers \"No method response exists for method.\"), and the API deploys; callers whose response selects this status get 500 \"Internal server error\".",
    source: "API Gateway Developer Guide, \"Set up an integration response in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html): \"If no method response is defined for the returned status code, API Gateway returns a 500 error.\" API Reference, IntegrationResponse (https://docs.aws.amazon.com/apigateway/latest/api/API_IntegrationResponse.html): \"The status code must map to an existing MethodResponse\". AWS's error: \"Invalid mapping expression specified: Validation Result: warnings : [], errors : [No method response exists for method.]\" (https://github.com/amazon-archives/aws-apigateway-importer/issues/121)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for status in i.integration_responses.keys() {
        if grammar::status_code(status) && !cx.method.method_responses.contains_key(status) {
            sink.report_fix(
                Target::of(cx.integration_response_owner(status)),
                format!(
                    "the integration response {status} has no method response {status} to map to"
                ),
                format!("Add method response {status}, or pick one of the method's status codes."),
            );
        }
    }
}

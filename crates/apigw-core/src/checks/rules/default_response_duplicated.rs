//! Rule: default-response-duplicated.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG408",
    name: "default-response-duplicated",
    phase: Phase::Call,
    aws_message: Some("Integration response with selection pattern default already exists"),
    summary: "Only one integration response may be the default (no selection pattern): API Gateway refuses a second one.",
    fix: "Give all but one of them a selection pattern.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway keeps a single default response: PutIntegrationResponse for a second response with no selection pattern fails with 409 ConflictException. In a plan the later call is the one refused, so the later status code is reported.",
    source: "API Gateway Developer Guide, \"Set up an integration response in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html): \"If you leave this empty, the response is the default response that is used to catch any response not yet configured.\" AWS's error: \"Integration response with selection pattern default already exists\" (https://github.com/carrot/terraform-api-gateway-method-module/issues/2)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    let mut defaults = i
        .integration_responses
        .iter()
        .filter(|(_, r)| r.selection_pattern.as_deref().unwrap_or("").is_empty())
        .map(|(s, _)| s);
    let Some(first) = defaults.next() else { return };
    for status in defaults {
        sink.report(
            Target::field(cx.integration_response_owner(status), Field::SelectionPattern),
            format!("API Gateway refuses integration response {status} as a second default: {first} is the default already"),
        );
    }
}

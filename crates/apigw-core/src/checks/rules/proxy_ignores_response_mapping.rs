//! Rule: proxy-ignores-response-mapping.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG407",
    name: "proxy-ignores-response-mapping",
    phase: Phase::Advice,
    aws_message: None,
    summary: "Integration responses with mappings or templates have no effect on proxy integrations.",
    fix: "Remove the integration responses' mappings, or switch to a non-proxy integration type.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "\"For a proxy integration, API Gateway automatically passes the backend output to the client as an HTTP response\": a proxy integration returns the back end's response as it is, and \"to use parameter mapping for an integration response, you need a non-proxy integration\".",
    source: "API Gateway Developer Guide, \"Set up an integration response in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html): \"For a proxy integration, API Gateway automatically passes the backend output to the client as an HTTP response. You do not set either an integration response or a method response.\" Also \"Parameter mapping for REST APIs in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-parameter-mapping.html): \"to use parameter mapping for an integration response, you need a non-proxy integration.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if !facts::is_proxy(&i.integration_type) {
        return;
    }
    for (status, response) in &i.integration_responses {
        if !response.response_parameters.is_empty() || !response.response_templates.is_empty() {
            sink.report(
                Target::of(cx.integration_response_owner(status)),
                format!(
                    "integration response {status} maps the response, which {} integration ignores",
                    text::a(&i.integration_type)
                ),
            );
        }
    }
}

//! Rule: stream-with-response-templates.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG409",
    name: "stream-with-response-templates",
    phase: Phase::Advice,
    aws_message: None,
    summary: "Streamed responses are not transformed: response templates and content handling do not apply.",
    fix: "Remove the response templates, or use BUFFERED.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "With `responseTransferMode: STREAM` there are no VTL response transforms, no endpoint caching and no content encoding.",
    source: "API Gateway Developer Guide, \"Stream the integration response for your proxy integrations in API Gateway\" > \"Considerations for response payload streaming\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html): with STREAM, API Gateway does not support features that need the whole integration response buffered: endpoint caching, content encoding, and response transformation with VTL (paraphrased).",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.response_transfer_mode.as_deref() != Some("STREAM") {
        return;
    }
    for (status, response) in &i.integration_responses {
        if !response.response_templates.is_empty() {
            sink.report(
                Target::field(cx.integration_response_owner(status), Field::ResponseTemplates),
                format!(
                    "integration response {status} has templates, which streaming does not apply"
                ),
            );
        }
    }
}

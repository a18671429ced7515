//! Rule: stream-with-response-templates.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG409",
    name: "stream-with-response-templates",
    severity: Severity::Warning,
    summary: "Streamed responses are not transformed: response templates and content handling do not apply.",
    why: "With `responseTransferMode: STREAM` there are no VTL response transforms, no endpoint caching and no content encoding.",
    fix: "Remove the response templates, or use BUFFERED.",
    source: "aws-rules.md §3.2 Response streaming",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.response_transfer_mode.as_deref() != Some("STREAM") {
        return;
    }
    for (status, response) in &i.integration_responses {
        if !response.response_templates.is_empty() {
            sink.report(
                Target::field(
                    Owner::integration_response(cx.path, cx.verb, status),
                    "responseTemplates",
                ),
                format!(
                    "integration response {status} has templates, which streaming does not apply"
                ),
            );
        }
    }
}

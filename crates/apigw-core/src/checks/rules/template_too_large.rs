//! Rule: template-too-large.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG324",
    name: "template-too-large",
    phase: Phase::Call,
    aws_message: None,
    summary: "A mapping template may be at most 300 KB.",
    fix: "Shrink the template, or move the transformation into the back end.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway's quota on mapping template size is 300 KB; larger templates are rejected.",
    source: "API Gateway Developer Guide, \"Amazon API Gateway important notes\" > \"REST and WebSocket APIs\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html): \"The maximum size of a mapping template is 300 KB.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    let limit = facts::TEMPLATE_MAX_BYTES;
    for (content_type, template) in &i.request_templates {
        if template.len() > limit {
            sink.report(
                Target::key(cx.integration_owner(), Field::RequestTemplates, content_type),
                format!(
                    "the {content_type} template is {} bytes; the limit is {limit}",
                    template.len()
                ),
            );
        }
    }
    for (status, response) in &i.integration_responses {
        for (content_type, template) in &response.response_templates {
            if template.len() > limit {
                sink.report(
                    Target::key(
                        cx.integration_response_owner(status),
                        Field::ResponseTemplates,
                        content_type,
                    ),
                    format!(
                        "the {content_type} template is {} bytes; the limit is {limit}",
                        template.len()
                    ),
                );
            }
        }
    }
}

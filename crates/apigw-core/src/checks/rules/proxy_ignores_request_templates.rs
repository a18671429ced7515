//! Rule: proxy-ignores-request-templates.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG323",
    name: "proxy-ignores-request-templates",
    phase: Phase::Advice,
    aws_message: None,
    summary: "Proxy integrations pass the request through: request mapping templates are not applied.",
    fix: "Remove the templates, or switch to the non-proxy type (HTTP or AWS).",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "HTTP_PROXY and AWS_PROXY forward the whole request; a template on them suggests a non-proxy integration was meant.",
    source: "API Gateway Developer Guide, \"Set up an integration request in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-request.html): \"For non-proxy integrations, set necessary body mappings to map the incoming method request body of a given content type according to the specified mapping template.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if facts::is_proxy(&i.integration_type) {
        for content_type in i.request_templates.keys() {
            sink.report(
                Target::key(cx.integration_owner(), Field::RequestTemplates, content_type),
                format!(
                    "the {content_type} template is not applied by {} integration",
                    text::a(&i.integration_type)
                ),
            );
        }
    }
}

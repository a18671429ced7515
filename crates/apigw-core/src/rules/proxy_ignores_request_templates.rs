//! Rule: proxy-ignores-request-templates.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG323",
    name: "proxy-ignores-request-templates",
    severity: Severity::Warning,
    summary: "Proxy integrations pass the request through: request mapping templates are not applied.",
    why: "HTTP_PROXY and AWS_PROXY forward the whole request; a template on them suggests a non-proxy integration was meant.",
    fix: "Remove the templates, or switch to the non-proxy type (HTTP or AWS).",
    source: "aws-rules.md §3.2 Response-parameter mapping sources (proxy integrations)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if facts::is_proxy(&i.integration_type) {
        for content_type in i.request_templates.keys() {
            sink.report(
                Target::key(Owner::integration(cx.path, cx.verb), "requestTemplates", content_type),
                format!(
                    "the {content_type} template is not applied by a {} integration",
                    i.integration_type
                ),
            );
        }
    }
}

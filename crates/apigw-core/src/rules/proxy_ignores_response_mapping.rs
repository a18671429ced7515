//! Rule: proxy-ignores-response-mapping.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG407",
    name: "proxy-ignores-response-mapping",
    severity: Severity::Warning,
    summary: "Integration responses with mappings or templates have no effect on proxy integrations.",
    why: "\"Integration-response mapping requires a non-proxy integration\": a proxy integration returns the back end's response as it is.",
    fix: "Remove the integration responses' mappings, or switch to a non-proxy integration type.",
    source: "aws-rules.md §3.2 Response-parameter mapping sources",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if !facts::is_proxy(&i.integration_type) {
        return;
    }
    for (status, response) in &i.integration_responses {
        if !response.response_parameters.is_empty() || !response.response_templates.is_empty() {
            sink.report(
                Target::of(Owner::integration_response(cx.path, cx.verb, status)),
                format!("integration response {status} maps the response, which a {} integration ignores", i.integration_type),
            );
        }
    }
}

//! Rule: integration-response-parameter-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG405",
    name: "integration-response-parameter-invalid",
    severity: Severity::Error,
    summary: "Integration response mappings go from `'static'`, `integration.response.header.{name}`, `integration.response.body[.JSONPath]`, `context.*` or `stageVariables.*` to `method.response.header.{name}`.",
    why: "PutIntegrationResponse rejects other expressions: \"Invalid mapping expression specified\".",
    fix: "Quote static values ('*'), and key the mapping by method.response.header.NAME.",
    source: "wire.md §2 and §4; aws-rules.md §3.2 Response-parameter mapping sources",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for (status, response) in &i.integration_responses {
        for (key, value) in &response.response_parameters {
            let target = Target::key(
                Owner::integration_response(cx.path, cx.verb, status),
                "responseParameters",
                key,
            );
            if let Err(reason) = grammar::method_response_header(key) {
                sink.report(target, format!("`{key}` is not a method response header: {reason}"));
            } else if let Err(reason) = grammar::response_mapping_source(value) {
                sink.report(target, reason);
            }
        }
    }
}

//! Rule: integration-response-parameter-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG405",
    name: "integration-response-parameter-invalid",
    phase: Phase::Call,
    aws_message: Some("Invalid mapping expression specified"),
    summary: "Integration response mappings go from `'static'`, `integration.response.header.{name}`, `integration.response.body[.JSONPath]`, `context.*` or `stageVariables.*` to `method.response.header.{name}`.",
    fix: "Quote static values ('*'), and key the mapping by method.response.header.NAME.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutIntegrationResponse rejects other expressions: \"Invalid mapping expression specified\".",
    source: "API Reference, PutIntegrationResponse > responseParameters (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegrationResponse.html): \"The mapping key must match the pattern of method.response.header.{name} … The mapped non-static value must match the pattern of integration.response.header.{name} or integration.response.body.{JSON-expression}\". AWS\'s error: \"Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: \"*\"]\" (https://github.com/awsdocs/amazon-api-gateway-developer-guide/issues/7)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for (status, response) in &i.integration_responses {
        for (key, value) in &response.response_parameters {
            let target =
                Target::key(cx.integration_response_owner(status), Field::ResponseParameters, key);
            if let Err(reason) = grammar::method_response_header(key) {
                sink.report(target, format!("`{key}` is not a method response header: {reason}"));
            } else if let Err(reason) = grammar::response_mapping_source(value) {
                sink.report(target, reason);
            }
        }
    }
}

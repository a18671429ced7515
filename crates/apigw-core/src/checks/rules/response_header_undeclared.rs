//! Rule: response-header-undeclared.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG406",
    name: "response-header-undeclared",
    phase: Phase::Call,
    aws_message: Some(
        "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression parameter specified",
    ),
    summary: "An integration response may set only headers that the method response of the same status declares.",
    fix: "Declare the header on the method response with this status code.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutIntegrationResponse rejects it: \"Invalid mapping expression specified: … Invalid mapping expression parameter specified: method.response.header.Location\".",
    source: "API Reference, PutMethodResponse > responseParameters (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethodResponse.html): \"The response parameter names defined here are available in the integration response to be mapped from an integration response header …\". AWS\'s error: \"Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression parameter specified: method.response.header.Location]\" (https://github.com/amazon-archives/aws-apigateway-importer/issues/209)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for (status, response) in &i.integration_responses {
        let Some(method_response) = cx.method.method_responses.get(status) else { continue };
        for key in response.response_parameters.keys() {
            if grammar::method_response_header(key).is_ok()
                && !method_response.response_parameters.contains_key(key)
            {
                sink.report_fix(
                    Target::key(
                        cx.integration_response_owner(status),
                        Field::ResponseParameters,
                        key,
                    ),
                    format!("`{key}` is mapped, but method response {status} does not declare it"),
                    format!("Declare `{key}` on method response {status}."),
                );
            }
        }
    }
}

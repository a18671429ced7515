//! Rule: gateway-response-status-code-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG514",
    name: "gateway-response-status-code-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "A gateway response's status code, when set, matches `[1-5]\\d\\d`.",
    fix: "Use a three-digit HTTP status code from 100 to 599, or leave it unset to keep the response type's default.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutGatewayResponse validates statusCode against the pattern `[1-5]\\d\\d` and rejects anything else.",
    source: "API Reference, GatewayResponse > statusCode (https://docs.aws.amazon.com/apigateway/latest/api/API_GatewayResponse.html): \"The HTTP status code for this GatewayResponse. Type: String Pattern: [1-5]\\d\\d\"; PutGatewayResponse > statusCode (https://docs.aws.amazon.com/apigateway/latest/api/API_PutGatewayResponse.html): \"The HTTP status code of the GatewayResponse.\", of the same StatusCode shape.",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (response_type, response) in &design.gateway_responses {
        let Some(status) = &response.status_code else { continue };
        if !grammar::status_code(status) {
            sink.report(
                Target::field(Owner::gateway_response(response_type), Field::StatusCode),
                format!("`{status}` is not a status code of the form [1-5]\\d\\d"),
            );
        }
    }
}

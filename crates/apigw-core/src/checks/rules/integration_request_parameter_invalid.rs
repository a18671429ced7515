//! Rule: integration-request-parameter-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG319",
    name: "integration-request-parameter-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "Integration request parameter keys read `integration.request.{querystring|path|header}.{name}`.",
    fix: "Write the key as integration.request.path.NAME, integration.request.querystring.NAME or integration.request.header.NAME.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutIntegration rejects other keys: \"Invalid mapping expression specified\".",
    source: "API Gateway Developer Guide, \"x-amazon-apigateway-integration.requestParameters object\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration-requestParameters.html): property `integration.request.<param-type>.<param-name>`; API Reference, PutIntegration > requestParameters (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"The key is an integration request parameter name\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for key in i.request_parameters.keys() {
        if let Err(reason) = grammar::integration_request_parameter(key) {
            sink.report(
                Target::key(cx.integration_owner(), Field::RequestParameters, key),
                format!("`{key}` is not an integration request parameter: {reason}"),
            );
        }
    }
}

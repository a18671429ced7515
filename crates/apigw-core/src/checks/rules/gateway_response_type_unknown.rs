//! Rule: gateway-response-type-unknown.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG513",
    name: "gateway-response-type-unknown",
    phase: Phase::Call,
    aws_message: Some(
        "1 validation error detected: Value 'FAKE_RESPONSE_TYPE' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR, MISSING_AUTHENTICATION_TOKEN, BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY, BAD_REQUEST_PARAMETERS, AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT, ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED, API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN]",
    ),
    summary: "Gateway responses are keyed by a response type API Gateway defines, such as DEFAULT_4XX.",
    fix: "Use one of API Gateway's response types, such as DEFAULT_4XX, DEFAULT_5XX, ACCESS_DENIED or MISSING_AUTHENTICATION_TOKEN.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "A gateway response customises one of the responses API Gateway itself generates, named by its response type; PutGatewayResponse takes no other type, so a response of another name cannot be created.",
    source: "API Gateway Developer Guide, \"Gateway response types for API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html): \"API Gateway exposes the following gateway responses for customization by API developers.\" API Reference, GatewayResponse > responseType (https://docs.aws.amazon.com/apigateway/latest/api/API_GatewayResponse.html): \"Valid Values: DEFAULT_4XX | DEFAULT_5XX | RESOURCE_NOT_FOUND | UNAUTHORIZED | INVALID_API_KEY | ACCESS_DENIED | AUTHORIZER_FAILURE | AUTHORIZER_CONFIGURATION_ERROR | INVALID_SIGNATURE | EXPIRED_TOKEN | MISSING_AUTHENTICATION_TOKEN | INTEGRATION_FAILURE | INTEGRATION_TIMEOUT | API_CONFIGURATION_ERROR | UNSUPPORTED_MEDIA_TYPE | BAD_REQUEST_PARAMETERS | BAD_REQUEST_BODY | REQUEST_TOO_LARGE | THROTTLED | QUOTA_EXCEEDED | WAF_FILTERED\" (PutGatewayResponse takes responseType in its URI: https://docs.aws.amazon.com/apigateway/latest/api/API_PutGatewayResponse.html). AWS's error text on record: https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L2626 (snapshot tests/aws/services/apigateway/test_apigateway_api.py::TestApiGatewayGatewayResponse::test_gateway_response_validation :: put-gateway-response-wrong-response-type).",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for response_type in design.gateway_responses.keys() {
        if facts::GATEWAY_RESPONSE_TYPES.contains(&response_type.as_str()) {
            continue;
        }
        let near = crate::schema::suggest(response_type, facts::GATEWAY_RESPONSE_TYPES)
            .map(|near| format!("; did you mean {near}?"))
            .unwrap_or_default();
        sink.report(
            Target::of(Owner::gateway_response(response_type)),
            format!("`{response_type}` is not a gateway response type{near}"),
        );
    }
}

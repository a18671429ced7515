//! Rule: gateway-response-parameter-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG515",
    name: "gateway-response-parameter-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "A gateway response maps `gatewayresponse.header.{name}` from a static value, a method request parameter, `context.*` or `stageVariables.*`.",
    fix: "Key each mapping gatewayresponse.header.NAME; map it from 'a static value' (in single quotes), method.request.header.NAME (or querystring, path, multivalueheader, multivaluequerystring), context.VARIABLE or stageVariables.NAME.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "A gateway response is API Gateway's own answer to a request it did not pass to an integration: it sets headers, from the incoming request's parameters, its context, stage variables or static values. There is no integration response or request body to read, and API Gateway rejects a mapping it cannot evaluate.",
    source: "API Gateway Developer Guide, \"x-amazon-apigateway-gateway-responses.gatewayResponse object\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.gatewayResponse.html): responseParameters \"Specifies the GatewayResponse parameters, namely the header parameters. The parameter values can take any incoming request parameter value or a static custom value.\" \"Setting up gateway responses to customize error responses\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html): \"A gateway response mapping template can access $context variable values and $stageVariables property values, as well as method request parameters, in the form of method.request.param-position.param-name.\" \"Parameter mapping source reference for REST APIs in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-parameter-mapping-sources.html) gives the sources: method.request.path.name, method.request.querystring.name, method.request.multivaluequerystring.name, method.request.header.name, method.request.multivalueheader.name, stageVariables.name, context.name, and 'static_value', which \"must be enclosed within a pair of single quotes\".",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (response_type, response) in &design.gateway_responses {
        for (key, value) in &response.response_parameters {
            let target = || {
                Target::key(Owner::gateway_response(response_type), Field::ResponseParameters, key)
            };
            if let Err(reason) = grammar::gateway_response_header(key) {
                sink.report(
                    target(),
                    format!("`{key}` is not a gateway response header; {reason}"),
                );
            } else if let Err(reason) = grammar::gateway_response_source(value) {
                sink.report(target(), format!("the mapping of `{key}`: {reason}"));
            }
        }
    }
}

//! Rule: authorizer-on-options.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG215",
    name: "authorizer-on-options",
    phase: Phase::Invoke,
    aws_message: None,
    summary: "An OPTIONS method with authorization breaks CORS preflight.",
    fix: "Set the OPTIONS method's authorization type to NONE and turn off its API key requirement.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "Browsers send preflight requests without credentials, so an authorized OPTIONS method answers 401/403 and the real request is never made.",
    source: "API Gateway Developer Guide, \"CORS for REST APIs in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html): the CORS protocol \"requires the browser to send a preflight request to the server and wait for approval (or a request for credentials) from the server before sending the actual request\". Public record of the failure: aws/aws-cdk#8615 (https://github.com/aws/aws-cdk/issues/8615); an AWS re:Post answer advises removing authorization from OPTIONS (https://repost.aws/es/questions/QUJlezWkvHThKqngnejA1iYA/api-gatewy-cors-error).",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if cx.verb == "OPTIONS"
        && (cx.method.authorization_type != "NONE" || cx.method.api_key_required)
    {
        sink.report(
            on_method(cx, Field::AuthorizationType),
            "the OPTIONS method requires authorization or an API key, so CORS preflight requests will be refused",
        );
    }
}

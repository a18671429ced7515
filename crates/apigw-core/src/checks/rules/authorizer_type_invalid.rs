//! Rule: authorizer-type-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG504",
    name: "authorizer-type-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "An authorizer's type is TOKEN, REQUEST or COGNITO_USER_POOLS.",
    fix: "Pick TOKEN or REQUEST for a Lambda authorizer, COGNITO_USER_POOLS for Cognito.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateAuthorizer rejects other types with a ValidationException.",
    source: "API Reference, CreateAuthorizer > type (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html): \"Valid values are TOKEN for a Lambda function using a single authorization token submitted in a custom header, REQUEST for a Lambda function using incoming request parameters, and COGNITO_USER_POOLS for using an Amazon Cognito user pool.\" (AuthorizerType enum in the botocore model, https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/botocore/data/apigateway/2015-07-09/service-2.json#L2358)",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, authorizer) in &design.authorizers {
        let kind = authorizer.authorizer_type.as_str();
        if !facts::AUTHORIZER_TYPES.contains(&kind) {
            sink.report(
                Target::field(Owner::Authorizer { name: name.clone() }, Field::Type),
                format!(
                    "`{kind}` is not an authorizer type; use one of {}",
                    one_of(facts::AUTHORIZER_TYPES)
                ),
            );
        }
    }
}

//! Rule: authorizer-type-mismatch.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG205",
    name: "authorizer-type-mismatch",
    phase: Phase::Call,
    aws_message: None,
    summary: "CUSTOM methods need a TOKEN or REQUEST authorizer; COGNITO_USER_POOLS methods need a COGNITO_USER_POOLS authorizer.",
    fix: "Change the authorization type to match the authorizer, or pick an authorizer of the right type.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway requires the method's authorization type to match its authorizer's type; cfn-lint E3708 encodes the same rule.",
    source: "API Reference, PutMethod > authorizationType (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"CUSTOM for using a custom authorizer, or COGNITO_USER_POOLS for using a Cognito user pool\"; CreateAuthorizer > type (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html): \"TOKEN for a Lambda function using a single authorization token submitted in a custom header, REQUEST for a Lambda function using incoming request parameters, and COGNITO_USER_POOLS for using an Amazon Cognito user pool\". Also cfn-lint E3708 MethodAuthorizerType (https://github.com/aws-cloudformation/cfn-lint/blob/3b869bb6ff7c35dc7169d32221b693d4afdfd2fc/src/cfnlint/rules/resources/apigateway/MethodAuthorizerType.py).",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(name) = cx.method.authorizer.as_deref() else { return };
    let Some(authorizer) = cx.design.authorizers.get(name) else { return };
    let kind = authorizer.authorizer_type.as_str();
    let expected: &[&str] = match cx.method.authorization_type.as_str() {
        "CUSTOM" => &["TOKEN", "REQUEST"],
        "COGNITO_USER_POOLS" => &["COGNITO_USER_POOLS"],
        _ => return,
    };
    if !expected.contains(&kind) {
        sink.report(
            on_method(cx, Field::Authorizer),
            format!(
                "authorization type {} cannot use `{name}`, {} authorizer; it needs {} authorizer",
                cx.method.authorization_type,
                text::a(kind),
                text::a(&expected.join(" or "))
            ),
        );
    }
}

//! Rule: authorization-type-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG202",
    name: "authorization-type-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "`authorizationType` must be NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS.",
    fix: "Pick NONE for an open method, AWS_IAM for SigV4 callers, CUSTOM for a Lambda authorizer, or COGNITO_USER_POOLS.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "The field is a free string in the API model, but API Gateway accepts only these four values, and a missing one is rejected: \"Value null at 'putMethodInput.authorizationType' failed to satisfy constraint: Member must not be null\".",
    source: "API Reference, PutMethod > authorizationType (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"Valid values are NONE for open access, AWS_IAM for using AWS IAM permissions, CUSTOM for using a custom authorizer, or COGNITO_USER_POOLS for using a Cognito user pool.\" (Required: Yes). AWS's error: \"1 validation error detected: Value null at 'putMethodInput.authorizationType' failed to satisfy constraint: Member must not be null\" (https://github.com/awsdocs/aws-cloudformation-user-guide/pull/483)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let value = cx.method.authorization_type.as_str();
    if !facts::AUTHORIZATION_TYPES.contains(&value) {
        sink.report(
            on_method(cx, Field::AuthorizationType),
            format!(
                "`{value}` is not an authorization type; use one of {}",
                one_of(facts::AUTHORIZATION_TYPES)
            ),
        );
    }
}

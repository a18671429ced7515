//! Rule: authorization-type-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG202",
    name: "authorization-type-invalid",
    severity: Severity::Error,
    summary: "`authorizationType` must be NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS.",
    why: "The field is a free string in the API model, but API Gateway accepts only these four values, and a missing one is rejected: \"Value null at 'putMethodInput.authorizationType' failed to satisfy constraint: Member must not be null\".",
    fix: "Pick NONE for an open method, AWS_IAM for SigV4 callers, CUSTOM for a Lambda authorizer, or COGNITO_USER_POOLS.",
    source: "wire.md §2 (PutMethod.authorizationType) and §4",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let value = cx.method.authorization_type.as_str();
    if !facts::AUTHORIZATION_TYPES.contains(&value) {
        sink.report(
            on_method(cx, "authorizationType"),
            format!(
                "`{value}` is not an authorization type; use one of {}",
                one_of(facts::AUTHORIZATION_TYPES)
            ),
        );
    }
}

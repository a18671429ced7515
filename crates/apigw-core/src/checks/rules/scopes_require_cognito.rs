//! Rule: scopes-require-cognito.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG207",
    name: "scopes-require-cognito",
    severity: Severity::Error,
    summary: "Authorization scopes are valid only with COGNITO_USER_POOLS authorization.",
    why: "PutMethod rejects them otherwise: \"Invalid Method authorization type specified. Authorization Scopes are only valid for COGNITO_USER_POOLS authorization type\".",
    fix: "Set the authorization type to COGNITO_USER_POOLS, or remove the scopes.",
    source: "API Reference, PutMethod > authorizationScopes (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"The scopes are used with a COGNITO_USER_POOLS authorizer to authorize the method invocation.\" AWS's error: \"Invalid Method authorization type specified. Authorization Scopes are only valid for COGNITO_USER_POOLS authorization type\" (https://github.com/aws/aws-cdk/pull/30035)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if !cx.method.authorization_scopes.is_empty()
        && cx.method.authorization_type != "COGNITO_USER_POOLS"
    {
        sink.report(
            on_method(cx, Field::AuthorizationScopes),
            format!(
                "the method has {} authorization scope(s) but its authorization type is {}",
                cx.method.authorization_scopes.len(),
                cx.method.authorization_type
            ),
        );
    }
}

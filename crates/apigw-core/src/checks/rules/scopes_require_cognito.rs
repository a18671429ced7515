//! Rule: scopes-require-cognito.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG207",
    name: "scopes-require-cognito",
    phase: Phase::Call,
    aws_message: Some(
        "Invalid Method authorization type specified. Authorization Scopes are only valid for COGNITO_USER_POOLS authorization type",
    ),
    summary: "Authorization scopes are valid only with COGNITO_USER_POOLS authorization.",
    fix: "Set the authorization type to COGNITO_USER_POOLS, or remove the scopes.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutMethod rejects them otherwise: \"Invalid Method authorization type specified. Authorization Scopes are only valid for COGNITO_USER_POOLS authorization type\".",
    source: "API Reference, PutMethod > authorizationScopes (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"The scopes are used with a COGNITO_USER_POOLS authorizer to authorize the method invocation.\" AWS's error: \"Invalid Method authorization type specified. Authorization Scopes are only valid for COGNITO_USER_POOLS authorization type\" (https://github.com/aws/aws-cdk/pull/30035)",
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

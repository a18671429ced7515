//! Rule: authorizer-required.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG203",
    name: "authorizer-required",
    phase: Phase::Call,
    aws_message: Some(
        "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.",
    ),
    summary: "CUSTOM and COGNITO_USER_POOLS methods must name an authorizer.",
    fix: "Pick one of the API's authorizers for this method, or create one first.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutMethod rejects them otherwise: \"Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.\"",
    source: "API Reference, PutMethod > authorizerId (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"Specifies the identifier of an Authorizer to use on this Method, if the type is CUSTOM or COGNITO_USER_POOLS.\" AWS's error: \"Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L1378)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let kind = cx.method.authorization_type.as_str();
    if matches!(kind, "CUSTOM" | "COGNITO_USER_POOLS")
        && cx.method.authorizer.as_deref().unwrap_or("").is_empty()
    {
        sink.report(
            on_method(cx, Field::Authorizer),
            format!("authorization type {kind} needs an authorizer, and none is set"),
        );
    }
}

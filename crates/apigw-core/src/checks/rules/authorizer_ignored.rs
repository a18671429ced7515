//! Rule: authorizer-ignored.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG206",
    name: "authorizer-ignored",
    phase: Phase::Advice,
    aws_message: None,
    summary: "An authorizer on a NONE or AWS_IAM method is ignored.",
    fix: "Set the authorization type to CUSTOM or COGNITO_USER_POOLS, or clear the authorizer.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "`authorizerId` applies only when the authorization type is CUSTOM or COGNITO_USER_POOLS; otherwise the method is not protected by it.",
    source: "API Reference, PutMethod > authorizerId (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"Specifies the identifier of an Authorizer to use on this Method, if the type is CUSTOM or COGNITO_USER_POOLS.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let kind = cx.method.authorization_type.as_str();
    if let Some(name) = cx.method.authorizer.as_deref().filter(|n| !n.is_empty()) {
        if matches!(kind, "NONE" | "AWS_IAM") {
            sink.report(
                on_method(cx, Field::Authorizer),
                format!(
                    "the authorizer `{name}` is ignored because the authorization type is {kind}"
                ),
            );
        }
    }
}

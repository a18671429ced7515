//! Rule: authorizer-uri-required.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG505",
    name: "authorizer-uri-required",
    severity: Severity::Error,
    summary: "TOKEN and REQUEST authorizers need `authorizerUri`, the Lambda function's invocation ARN.",
    why: "A Lambda authorizer without a function cannot authorize anything; CreateAuthorizer rejects it.",
    fix: "Set authorizerUri to arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function-arn}/invocations.",
    source: "aws-rules.md §3.1 (CreateAuthorizer via cfn schema); wire.md §2",
    check: Check::Api(check),
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, authorizer) in &design.authorizers {
        if matches!(authorizer.authorizer_type.as_str(), "TOKEN" | "REQUEST")
            && authorizer.authorizer_uri.as_deref().unwrap_or("").is_empty()
        {
            sink.report(
                Target::field(Owner::Authorizer { name: name.clone() }, "authorizerUri"),
                format!(
                    "the {} authorizer `{name}` has no Lambda function URI",
                    authorizer.authorizer_type
                ),
            );
        }
    }
}

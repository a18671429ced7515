//! Rule: authorizer-uri-required.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG505",
    name: "authorizer-uri-required",
    phase: Phase::Call,
    aws_message: None,
    summary: "TOKEN and REQUEST authorizers need `authorizerUri`, the Lambda function's invocation ARN.",
    fix: "Set authorizerUri to arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function-arn}/invocations.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "A Lambda authorizer without a function cannot authorize anything; CreateAuthorizer rejects it.",
    source: "API Reference, CreateAuthorizer > authorizerUri (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html): \"For TOKEN or REQUEST authorizers, this must be a well-formed Lambda function URI\". AWS\'s error: \"Invalid Authorizer URI: arn:aws:apigateway:region:lambda:path/… Authorizer URI should be a valid API Gateway ARN that represents a Lambda function invocation.\" (https://github.com/hashicorp/terraform-provider-aws/pull/1757)",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, authorizer) in &design.authorizers {
        if matches!(authorizer.authorizer_type.as_str(), "TOKEN" | "REQUEST")
            && authorizer.authorizer_uri.as_deref().unwrap_or("").is_empty()
        {
            sink.report(
                Target::field(Owner::Authorizer { name: name.clone() }, Field::AuthorizerUri),
                format!(
                    "the {} authorizer `{name}` has no Lambda function URI",
                    authorizer.authorizer_type
                ),
            );
        }
    }
}

//! Rule: provider-arns-required.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG506",
    name: "provider-arns-required",
    phase: Phase::Call,
    aws_message: None,
    summary: "COGNITO_USER_POOLS authorizers need at least one user pool ARN in `providerARNs`.",
    fix: "Add arn:aws:cognito-idp:{region}:{account}:userpool/{pool-id}.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "The authorizer validates tokens against these pools; CreateAuthorizer rejects it without one.",
    source: "API Reference, CreateAuthorizer > providerARNs (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html): \"A list of the Amazon Cognito user pool ARNs for the COGNITO_USER_POOLS authorizer. Each element is of this format: arn:aws:cognito-idp:{region}:{account_id}:userpool/{user_pool_id}.\"",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, authorizer) in &design.authorizers {
        if authorizer.authorizer_type == "COGNITO_USER_POOLS" && authorizer.provider_arns.is_empty()
        {
            sink.report(
                Target::field(Owner::Authorizer { name: name.clone() }, Field::ProviderArns),
                format!("the Cognito authorizer `{name}` names no user pool"),
            );
        }
    }
}

//! Rule: too-many-authorizers.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG509",
    name: "too-many-authorizers",
    phase: Phase::Advice,
    aws_message: None,
    summary: "An API holds at most 10 authorizers unless the quota was raised.",
    fix: "Share authorizers between methods, or request a quota increase.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateAuthorizer fails past the quota.",
    source: "API Gateway Developer Guide, \"Quotas for configuring and running a REST API in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html): \"Authorizers per API (AWS Lambda and Amazon Cognito)\": 10, can be increased (\"Yes\").",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    let count = design.authorizers.len();
    // The plan creates authorizers in name order: the first past the quota is the call that
    // fails, and the one named.
    if let Some(first_over) = design.authorizers.keys().nth(facts::AUTHORIZERS_PER_API) {
        sink.report(
            Target::of(Owner::Authorizer { name: first_over.clone() }),
            format!(
                "the design has {count} authorizers; the default quota is {}, so creating `{first_over}` (and any after it) fails unless the quota was raised",
                facts::AUTHORIZERS_PER_API
            ),
        );
    }
}

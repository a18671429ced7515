//! Rule: too-many-resources.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG107",
    name: "too-many-resources",
    phase: Phase::Advice,
    aws_message: Some(
        "Maximum number of Resources for this API has been reached.  Please contact AWS if you need additional Resources.",
    ),
    summary: "An API holds at most 300 resources unless the account's quota was raised.",
    fix: "Request a quota increase, or merge routes under a `{proxy+}` resource.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateResource fails past the quota with a LimitExceededException.",
    source: "API Gateway Developer Guide, \"Quotas for configuring and running a REST API in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html): \"Resources per API\": 300, can be increased (\"Yes\"). AWS's error text on record: https://github.com/boto/boto3/issues/1296.",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    let count = design.resources.len();
    // The plan creates resources in path order (the root comes with the API): the first past
    // the quota is the call that fails, and the one named.
    if let Some(first_over) = design.resources.keys().nth(facts::RESOURCES_PER_API) {
        sink.report(
            Target::of(Owner::Resource { path: first_over.clone() }),
            format!(
                "the design has {count} resources; the default quota is {} per API, so creating `{first_over}` (and any after it) fails unless the quota was raised",
                facts::RESOURCES_PER_API
            ),
        );
    }
}

//! Rule: call-reference-missing.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG601",
    name: "call-reference-missing",
    phase: Phase::Call,
    aws_message: None,
    summary: "A plan call may refer only to what an earlier call created: the parent resource, the method, the integration, the authorizer or validator.",
    fix: "Move the call after the one that creates what it refers to, or add that call.",
    check: Check::Sequence,
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway refuses a call that comes before what it needs; for example PutIntegration on a missing method answers 404 \"Invalid Method identifier specified\", on a missing resource \"Invalid Resource identifier specified\".",
    source: "AWS's errors recorded in LocalStack's AWS-validated snapshot (test_put_integration_response_validation): PutIntegration on a missing method answers 404 \"Invalid Method identifier specified\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L3776); on a missing resource, \"Invalid Resource identifier specified\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L3787).",
};

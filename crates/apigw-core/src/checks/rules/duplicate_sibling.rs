//! Rule: duplicate-sibling.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG106",
    name: "duplicate-sibling",
    phase: Phase::Call,
    aws_message: Some("Another resource with the same parent already has this name"),
    summary: "Two resources under the same parent cannot have the same path part.",
    fix: "Remove the second CreateResource, or give it another path part.",
    check: Check::Sequence,
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway answers 409 ConflictException: \"Another resource with the same parent already has this name\". In a design the tree makes this impossible; in an imported plan the second CreateResource fails.",
    source: "AWS's error (409 ConflictException) to UpdateResource onto an existing sibling's name, recorded in LocalStack's AWS-validated snapshot (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L731): \"Another resource with the same parent already has this name: pets\". AWS's documentation does not state this rule.",
};

//! Rule: method-already-exists.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG602",
    name: "method-already-exists",
    phase: Phase::Call,
    aws_message: Some("Method already exists for this resource"),
    summary: "PutMethod for a verb the resource already has fails.",
    fix: "Remove the second PutMethod, or change its verb.",
    check: Check::Sequence,
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway answers 409 ConflictException: \"Method already exists for this resource\".",
    source: "API Reference, PutMethod (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"Add a method to an existing Resource resource.\" AWS's error: \"Method already exists for this resource\" (https://github.com/aws/aws-cli/issues/3992)",
};

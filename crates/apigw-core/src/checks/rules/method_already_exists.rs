//! Rule: method-already-exists.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG602",
    name: "method-already-exists",
    severity: Severity::Error,
    summary: "PutMethod for a verb the resource already has fails.",
    why: "API Gateway answers 409 ConflictException: \"Method already exists for this resource\".",
    fix: "Remove the second PutMethod, or change its verb.",
    source: "API Reference, PutMethod (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"Add a method to an existing Resource resource.\" AWS's error: \"Method already exists for this resource\" (https://github.com/aws/aws-cli/issues/3992)",
    check: Check::Sequence,
};

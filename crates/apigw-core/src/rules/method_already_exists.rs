//! Rule: method-already-exists.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG602",
    name: "method-already-exists",
    severity: Severity::Error,
    summary: "PutMethod for a verb the resource already has fails.",
    why: "API Gateway answers 409 ConflictException: \"Method already exists for this resource\".",
    fix: "Remove the second PutMethod, or change its verb.",
    source: "wire.md §4",
    check: Check::Sequence,
};

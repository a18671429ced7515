//! Rule: call-reference-missing.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG601",
    name: "call-reference-missing",
    severity: Severity::Error,
    summary: "A plan call may refer only to what an earlier call created: the parent resource, the method, the integration, the authorizer or validator.",
    why: "API Gateway answers 404 (\"Invalid Resource identifier specified\", \"Invalid Method identifier specified\", \"No integration defined for method\") when a call comes before what it needs.",
    fix: "Move the call after the one that creates what it refers to, or add that call.",
    source: "wire.md §4 (missing resource / method / integration)",
    check: Check::Sequence,
};

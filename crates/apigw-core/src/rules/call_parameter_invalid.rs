//! Rule: call-parameter-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG603",
    name: "call-parameter-invalid",
    severity: Severity::Error,
    summary: "Plan call parameters must be known to the operation, present when required, and of the right JSON type.",
    why: "botocore refuses such calls before sending them (\"Unknown parameter in input\", \"Missing required parameter in input\", \"Invalid type for parameter\").",
    fix: "Fix the parameter named in the message.",
    source: "wire.md §3 (botocore ParamValidator)",
    check: Check::Sequence,
};

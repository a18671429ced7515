//! Rule: import-field-ignored.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG701",
    name: "import-field-ignored",
    severity: Severity::Warning,
    summary: "An imported file held something the design does not carry, or ids where the design needs names.",
    why: "Nothing is dropped silently: what an import leaves out, or keeps only as an id, is named so it can be checked or re-linked.",
    fix: "Check whether the named field matters for this API; link kept ids by adding authorizers or validators with those names.",
    source: "wire.md §1 (GetResources with embed=methods)",
    check: Check::Sequence,
};

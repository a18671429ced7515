//! Rule: duplicate-sibling.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG106",
    name: "duplicate-sibling",
    severity: Severity::Error,
    summary: "Two resources under the same parent cannot have the same path part.",
    why: "CreateResource answers 409: \"Another resource with the same parent already has this name\". In a design the tree makes this impossible; in an imported plan the second CreateResource fails.",
    fix: "Remove the second CreateResource, or give it another path part.",
    source: "wire.md §4",
    check: Check::Sequence,
};

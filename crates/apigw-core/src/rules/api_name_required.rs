//! Rule: api-name-required.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG501",
    name: "api-name-required",
    severity: Severity::Error,
    summary: "A REST API needs a name.",
    why: "CreateRestApi requires `name`.",
    fix: "Give the API a name.",
    source: "wire.md §1 (CreateRestApi: body name required); cfn-lint E3660",
    check: Check::Api(check),
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    if design.api.name.trim().is_empty() {
        sink.report(Target::field(Owner::Api, "name"), "the API has no name");
    }
}

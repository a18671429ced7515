//! Rule: too-many-authorizers.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG509",
    name: "too-many-authorizers",
    severity: Severity::Warning,
    summary: "An API holds at most 10 authorizers unless the quota was raised.",
    why: "CreateAuthorizer fails past the quota.",
    fix: "Share authorizers between methods, or request a quota increase.",
    source: "aws-rules.md §3.2 Quotas",
    check: Check::Api(check),
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    let count = design.authorizers.len();
    if count > facts::AUTHORIZERS_PER_API {
        sink.report(
            Target::field(Owner::Api, "authorizers"),
            format!(
                "the design has {count} authorizers; the default quota is {}",
                facts::AUTHORIZERS_PER_API
            ),
        );
    }
}

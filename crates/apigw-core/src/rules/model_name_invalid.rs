//! Rule: model-name-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG510",
    name: "model-name-invalid",
    severity: Severity::Error,
    summary: "Model names are alphanumeric.",
    why: "CreateModel rejects other names, and OpenAPI import requires alphanumeric model names.",
    fix: "Rename the model with letters and digits only, e.g. PetList.",
    source: "aws-rules.md §3.3 (aws-model-names); api-gateway-known-issues.md",
    check: Check::Api(check),
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for name in design.models.keys() {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            sink.report(
                Target::of(Owner::Model { name: name.clone() }),
                format!("`{name}` is not an alphanumeric model name"),
            );
        }
    }
}

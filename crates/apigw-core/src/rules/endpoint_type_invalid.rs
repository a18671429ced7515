//! Rule: endpoint-type-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG502",
    name: "endpoint-type-invalid",
    severity: Severity::Error,
    summary: "The endpoint type is EDGE, REGIONAL or PRIVATE.",
    why: "CreateRestApi validates endpointConfiguration.types against these three.",
    fix: "Pick EDGE, REGIONAL or PRIVATE.",
    source: "moto.md (c) #17",
    check: Check::Api(check),
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    let value = design.api.endpoint_type.as_str();
    if !facts::ENDPOINT_TYPES.contains(&value) {
        sink.report(
            Target::field(Owner::Api, "endpointType"),
            format!("`{value}` is not an endpoint type"),
        );
    }
}

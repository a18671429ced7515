//! Rule: endpoint-type-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG502",
    name: "endpoint-type-invalid",
    phase: Phase::Call,
    aws_message: Some(
        "1 validation error detected: Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]",
    ),
    summary: "The endpoint type is EDGE, REGIONAL or PRIVATE.",
    fix: "Pick EDGE, REGIONAL or PRIVATE.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateRestApi validates endpointConfiguration.types against these three.",
    source: "API Reference, EndpointConfiguration > types (https://docs.aws.amazon.com/apigateway/latest/api/API_EndpointConfiguration.html): \"The valid values are EDGE for edge-optimized API setup …; REGIONAL for regional API endpoint setup …; and PRIVATE for private APIs.\" AWS's error: \"1 validation error detected: Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L4484)",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    let value = design.api.endpoint_type.as_str();
    if !facts::ENDPOINT_TYPES.contains(&value) {
        sink.report(
            Target::field(Owner::Api, Field::EndpointType),
            format!("`{value}` is not an endpoint type"),
        );
    }
}

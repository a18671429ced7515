//! Rule: model-name-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG510",
    name: "model-name-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "Model names are alphanumeric.",
    fix: "Rename the model with letters and digits only, e.g. PetList.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateModel rejects other names, and OpenAPI import requires alphanumeric model names.",
    source: "API Reference, CreateModel > name (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateModel.html): \"The name of the model. Must be alphanumeric.\" Also API Gateway Developer Guide, \"Amazon API Gateway important notes for REST APIs\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html#api-gateway-known-issues-rest-apis): \"Model names can only contain alphanumeric characters.\" AWS's error: \"Model name must be non-empty\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L1841)",
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

//! Rule: model-schema-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG511",
    name: "model-schema-invalid",
    phase: Phase::Call,
    aws_message: Some(
        "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]",
    ),
    summary: "A JSON model's schema must be a JSON object (JSON Schema draft 4).",
    fix: "Fix the JSON syntax at the reported position.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateModel parses the schema; text that is not a JSON object is rejected.",
    source: "API Reference, CreateModel > schema (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateModel.html): \"For application/json models, this should be JSON schema draft 4 model. The maximum size of the model is 400 KB.\" AWS's error: \"Model schema must have at least 1 property or array items defined\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L1852) AWS's error text on record: https://github.com/amazon-archives/aws-apigateway-importer/issues/126.",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, model) in &design.models {
        if !model.content_type.contains("json") {
            continue;
        }
        let target = Target::field(Owner::Model { name: name.clone() }, Field::Schema);
        match serde_json::from_str::<serde_json::Value>(&model.schema) {
            Ok(serde_json::Value::Object(_)) => {}
            Ok(_) => {
                sink.report(target, format!("the schema of `{name}` is JSON but not an object"))
            }
            Err(error) => {
                sink.report(target, format!("the schema of `{name}` is not valid JSON: {error}"))
            }
        }
    }
}

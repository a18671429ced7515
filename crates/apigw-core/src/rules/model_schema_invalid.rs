//! Rule: model-schema-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG511",
    name: "model-schema-invalid",
    severity: Severity::Error,
    summary: "A JSON model's schema must be a JSON object (JSON Schema draft 4).",
    why: "CreateModel parses the schema; text that is not a JSON object is rejected.",
    fix: "Fix the JSON syntax at the reported position.",
    source: "aws-rules.md §3.2 Models / OpenAPI subset",
    check: Check::Api(check),
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, model) in &design.models {
        if !model.content_type.contains("json") {
            continue;
        }
        let target = Target::field(Owner::Model { name: name.clone() }, "schema");
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

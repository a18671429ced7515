//! Rule: model-schema-unsupported-keyword.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG512",
    name: "model-schema-unsupported-keyword",
    phase: Phase::Advice,
    aws_message: Some(
        "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]",
    ),
    summary: "API Gateway models do not support `discriminator`, `example`, `readOnly` or `default`.",
    fix: "Remove the keyword from the model.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway's JSON Schema draft 4 subset ignores or rejects these keywords, so validation differs from what the schema says.",
    source: "API Gateway Developer Guide, \"Amazon API Gateway important notes for REST APIs\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html#api-gateway-known-issues-rest-apis): \"The discriminator parameter is not supported in any schema object.\" / \"The example tag is not supported.\" / \"The readOnly field is not supported.\" / \"The default keyword is not supported.\" AWS's error text on record: https://github.com/amazon-archives/aws-apigateway-importer/issues/213.",
};

const UNSUPPORTED: &[&str] = &["discriminator", "example", "readOnly", "default"];

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, model) in &design.models {
        let Ok(schema) = serde_json::from_str::<serde_json::Value>(&model.schema) else { continue };
        let mut found = Vec::new();
        walk(&schema, &mut found, 0);
        found.sort_unstable();
        found.dedup();
        for keyword in found {
            sink.report(
                Target::field(Owner::Model { name: name.clone() }, Field::Schema),
                format!("the schema of `{name}` uses `{keyword}`, which API Gateway models do not support"),
            );
        }
    }
}

fn walk(value: &serde_json::Value, found: &mut Vec<&'static str>, depth: usize) {
    if depth > 64 {
        return;
    }
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                if let Some(keyword) = UNSUPPORTED.iter().find(|k| **k == key) {
                    found.push(keyword);
                }
                // Property names are not keywords: look inside `properties` one level down.
                if key == "properties" {
                    if let serde_json::Value::Object(props) = child {
                        for schema in props.values() {
                            walk(schema, found, depth + 1);
                        }
                    }
                } else {
                    walk(child, found, depth + 1);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, found, depth + 1)),
        _ => {}
    }
}

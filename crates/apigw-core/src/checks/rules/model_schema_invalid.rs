//! Rule: model-schema-invalid.

use super::prelude::*;
use serde_json::{Map, Value};

pub(crate) static RULE: Rule = Rule {
    code: "AG511",
    name: "model-schema-invalid",
    phase: Phase::Call,
    aws_message: Some(
        "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]",
    ),
    summary: "A JSON model's schema must be a valid JSON Schema draft 4: a JSON object whose keywords have the types draft 4 gives them.",
    fix: "Fix the JSON syntax, or the keyword at the reported place in the schema, as JSON Schema draft 4 defines it.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateModel parses the schema and checks it against JSON Schema draft 4: text that is not a JSON object, or a keyword of the wrong kind (a `type` that is not one of the seven draft-4 types, `properties` that is not an object of schemas, an empty or repeating `required` list, an empty `enum`, a `minimum` that is not a number, a `pattern` that is not a regular expression, a `$ref` that is not text…), is rejected as an invalid model schema. Keywords draft 4 does not define are ignored, as draft 4 says.",
    source: "API Reference, CreateModel > schema (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateModel.html): \"For application/json models, this should be JSON schema draft 4 model. The maximum size of the model is 400 KB.\" JSON Schema draft 4, validation keywords (https://datatracker.ietf.org/doc/html/draft-fge-json-schema-validation-00#section-5): e.g. \"The value of this keyword MUST be an array. This array MUST have at least one element. Elements of this array MUST be strings, and MUST be unique.\" (required). AWS's error: \"Model schema must have at least 1 property or array items defined\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L1852) AWS's error text on record: https://github.com/amazon-archives/aws-apigateway-importer/issues/126.",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, model) in &design.models {
        if !model.content_type.contains("json") {
            continue;
        }
        let target = || Target::field(Owner::Model { name: name.clone() }, Field::Schema);
        match serde_json::from_str::<Value>(&model.schema) {
            Ok(Value::Object(root)) => {
                let mut problems = Vec::new();
                draft4(&root, "", 0, &mut problems);
                for (at, problem) in problems {
                    let place = if at.is_empty() { String::new() } else { format!(" at {at}") };
                    sink.report(target(), format!("the schema of `{name}`{place}: {problem}"));
                }
            }
            Ok(_) => {
                sink.report(target(), format!("the schema of `{name}` is JSON but not an object"))
            }
            Err(error) => {
                sink.report(target(), format!("the schema of `{name}` is not valid JSON: {error}"))
            }
        }
    }
}

/// The seven primitive types of JSON Schema draft 4.
const TYPES: &[&str] = &["array", "boolean", "integer", "null", "number", "object", "string"];

/// How deep schemas nest before the checker stops looking (serde_json's own limit is 128).
const DEPTH: usize = 64;

/// Every subschema of `schema` (itself included) with its JSON Pointer inside the document,
/// the places where draft 4 expects a schema: `properties`, `patternProperties` and
/// `definitions` values, `items` (one or each), `additionalItems`, `additionalProperties`,
/// `allOf`/`anyOf`/`oneOf` members, `not`, and schema-valued `dependencies`.
pub(super) fn subschemas<'a>(
    schema: &'a Map<String, Value>,
    at: &str,
    depth: usize,
    visit: &mut dyn FnMut(&'a Map<String, Value>, &str),
) {
    visit(schema, at);
    if depth >= DEPTH {
        return;
    }
    let mut child = |value: &'a Value, at: String| {
        if let Value::Object(map) = value {
            subschemas(map, &at, depth + 1, visit);
        }
    };
    for (key, value) in schema {
        let here = format!("{at}/{}", pointer_token(key));
        match (key.as_str(), value) {
            (
                "properties" | "patternProperties" | "definitions" | "dependencies",
                Value::Object(map),
            ) => {
                for (name, value) in map {
                    child(value, format!("{here}/{}", pointer_token(name)));
                }
            }
            ("items" | "allOf" | "anyOf" | "oneOf", Value::Array(list)) => {
                for (i, value) in list.iter().enumerate() {
                    child(value, format!("{here}/{i}"));
                }
            }
            ("items" | "additionalItems" | "additionalProperties" | "not", value) => {
                child(value, here)
            }
            _ => {}
        }
    }
}

/// A JSON Pointer reference token (`~` and `/` escaped).
fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Checks one schema's keywords against draft 4's definitions, then its subschemas.
fn draft4(schema: &Map<String, Value>, at: &str, depth: usize, out: &mut Vec<(String, String)>) {
    subschemas(schema, at, depth, &mut |schema, at| keywords(schema, at, out));
}

fn keywords(schema: &Map<String, Value>, at: &str, out: &mut Vec<(String, String)>) {
    let mut bad = |keyword: &str, what: String| {
        out.push((format!("{at}/{}", pointer_token(keyword)), format!("`{keyword}` {what}")));
    };
    let schema_or_bool = |v: &Value| v.is_object() || v.is_boolean();
    for (key, value) in schema {
        let key = key.as_str();
        match key {
            "type" => match value {
                Value::String(t) if TYPES.contains(&t.as_str()) => {}
                Value::String(t) => bad(key, format!("is `{t}`, not one of {}", one_of(TYPES))),
                Value::Array(list) => {
                    if list.is_empty() {
                        bad(key, "must list at least one type".into());
                    }
                    for t in list {
                        match t.as_str() {
                            Some(t) if TYPES.contains(&t) => {}
                            _ => bad(key, format!("lists {t}, not one of {}", one_of(TYPES))),
                        }
                    }
                    if let Some(dup) = duplicate(list) {
                        bad(key, format!("lists {dup} twice"));
                    }
                }
                other => {
                    bad(key, format!("must be a type name or a list of them, not {}", kind(other)))
                }
            },
            "properties" | "patternProperties" | "definitions" => match value {
                Value::Object(map) => {
                    for (name, schema) in map {
                        if !schema.is_object() {
                            bad(
                                key,
                                format!(
                                    "gives `{name}` {}, not a schema (an object)",
                                    kind(schema)
                                ),
                            );
                        }
                        if key == "patternProperties" {
                            if let Err(why) = grammar::java_regex(name) {
                                bad(
                                    key,
                                    format!(
                                        "has `{name}`, which is not a regular expression: {why}"
                                    ),
                                );
                            }
                        }
                    }
                }
                other => bad(key, format!("must be an object of schemas, not {}", kind(other))),
            },
            "required" => match value {
                Value::Array(list) if list.is_empty() => bad(
                    key,
                    "must list at least one property name (draft 4); leave it out instead".into(),
                ),
                Value::Array(list) => {
                    if let Some(other) = list.iter().find(|v| !v.is_string()) {
                        bad(key, format!("lists {}, not a property name", kind(other)));
                    } else if let Some(dup) = duplicate(list) {
                        bad(key, format!("lists {dup} twice"));
                    }
                }
                other => bad(key, format!("must be a list of property names, not {}", kind(other))),
            },
            "enum" => match value {
                Value::Array(list) if list.is_empty() => {
                    bad(key, "must list at least one value".into())
                }
                Value::Array(list) => {
                    if let Some(dup) = duplicate(list) {
                        bad(key, format!("lists {dup} twice"));
                    }
                }
                other => bad(key, format!("must be a list of values, not {}", kind(other))),
            },
            "items" => match value {
                Value::Object(_) => {}
                Value::Array(list) => {
                    if let Some(other) = list.iter().find(|v| !v.is_object()) {
                        bad(key, format!("lists {}, not a schema (an object)", kind(other)));
                    }
                }
                other => {
                    bad(key, format!("must be a schema or a list of schemas, not {}", kind(other)))
                }
            },
            "additionalItems" | "additionalProperties" if !schema_or_bool(value) => {
                bad(key, format!("must be true, false or a schema, not {}", kind(value)))
            }
            "allOf" | "anyOf" | "oneOf" => match value {
                Value::Array(list) if list.is_empty() => {
                    bad(key, "must list at least one schema".into())
                }
                Value::Array(list) => {
                    if let Some(other) = list.iter().find(|v| !v.is_object()) {
                        bad(key, format!("lists {}, not a schema (an object)", kind(other)));
                    }
                }
                other => bad(key, format!("must be a list of schemas, not {}", kind(other))),
            },
            "not" if !value.is_object() => {
                bad(key, format!("must be a schema (an object), not {}", kind(value)))
            }
            "dependencies" => match value {
                Value::Object(map) => {
                    for (name, dependency) in map {
                        let ok = match dependency {
                            Value::Object(_) => true,
                            Value::Array(list) => {
                                !list.is_empty()
                                    && list.iter().all(Value::is_string)
                                    && duplicate(list).is_none()
                            }
                            _ => false,
                        };
                        if !ok {
                            bad(
                                key,
                                format!(
                                    "gives `{name}` {}, not a schema or a non-empty list of distinct property names",
                                    kind(dependency)
                                ),
                            );
                        }
                    }
                }
                other => bad(key, format!("must be an object, not {}", kind(other))),
            },
            "minimum" | "maximum" if !value.is_number() => {
                bad(key, format!("must be a number, not {}", kind(value)))
            }
            "multipleOf" if !value.as_f64().is_some_and(|n| n > 0.0) => {
                bad(key, format!("must be a number above 0, not {}", kind(value)))
            }
            "exclusiveMinimum" | "exclusiveMaximum" => {
                let bound = if key == "exclusiveMinimum" { "minimum" } else { "maximum" };
                if !value.is_boolean() {
                    bad(key, format!("must be true or false in draft 4, not {}", kind(value)));
                } else if !schema.contains_key(bound) {
                    bad(key, format!("needs `{bound}` beside it"));
                }
            }
            "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
            | "maxProperties"
                if value.as_u64().is_none() =>
            {
                bad(key, format!("must be a whole number, 0 or more, not {}", kind(value)))
            }
            "uniqueItems" if !value.is_boolean() => {
                bad(key, format!("must be true or false, not {}", kind(value)))
            }
            "pattern" => match value {
                Value::String(pattern) => {
                    if let Err(why) = grammar::java_regex(pattern) {
                        bad(key, format!("is not a regular expression: {why}"));
                    }
                }
                other => {
                    bad(key, format!("must be a regular expression (text), not {}", kind(other)))
                }
            },
            "$ref" | "$schema" | "id" | "title" | "description" | "format"
                if !value.is_string() =>
            {
                bad(key, format!("must be text, not {}", kind(value)))
            }
            _ => {}
        }
    }
}

/// The first value a list holds twice, as JSON.
fn duplicate(list: &[Value]) -> Option<String> {
    list.iter().enumerate().find_map(|(i, v)| list[..i].contains(v).then(|| v.to_string()))
}

/// What a JSON value is, in words, with the value when it is short.
fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 40 => format!("the text \"{s}\""),
        Value::String(_) => "text".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(schema: &str) -> Vec<(String, String)> {
        let Ok(Value::Object(root)) = serde_json::from_str::<Value>(schema) else {
            panic!("not an object: {schema}")
        };
        let mut out = Vec::new();
        draft4(&root, "", 0, &mut out);
        out
    }

    #[test]
    fn accepts_valid_draft4_schemas() {
        for ok in [
            r#"{"type": "object"}"#,
            r#"{"$schema": "http://json-schema.org/draft-04/schema#", "title": "Pet", "type": "object", "required": ["id"], "properties": {"id": {"type": "integer", "minimum": 1, "exclusiveMinimum": true}, "tags": {"type": "array", "items": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 20}, "uniqueItems": true}, "kind": {"enum": ["cat", "dog"]}}, "additionalProperties": false}"#,
            r#"{"type": ["string", "null"], "anyOf": [{"minLength": 1}], "not": {"enum": [""]}}"#,
            r#"{"definitions": {"a": {"type": "string"}}, "dependencies": {"a": ["b"], "c": {"required": ["d"]}}, "patternProperties": {"^x-": {}}}"#,
            r#"{"x-unknown": 5, "multipleOf": 0.5}"#,
        ] {
            assert_eq!(problems(ok), Vec::<(String, String)>::new(), "{ok}");
        }
    }

    #[test]
    fn names_each_keyword_draft4_refuses_and_where() {
        let cases = [
            (r#"{"type": "map"}"#, "/type"),
            (r#"{"type": []}"#, "/type"),
            (r#"{"type": ["string", "string"]}"#, "/type"),
            (r#"{"type": 3}"#, "/type"),
            (r#"{"properties": []}"#, "/properties"),
            (r#"{"properties": {"a": "string"}}"#, "/properties"),
            (r#"{"required": []}"#, "/required"),
            (r#"{"required": ["a", "a"]}"#, "/required"),
            (r#"{"required": "a"}"#, "/required"),
            (r#"{"required": [1]}"#, "/required"),
            (r#"{"enum": []}"#, "/enum"),
            (r#"{"enum": "a"}"#, "/enum"),
            (r#"{"items": "string"}"#, "/items"),
            (r#"{"items": [{}, 1]}"#, "/items"),
            (r#"{"additionalProperties": "no"}"#, "/additionalProperties"),
            (r#"{"allOf": []}"#, "/allOf"),
            (r#"{"not": true}"#, "/not"),
            (r#"{"minimum": "1"}"#, "/minimum"),
            (r#"{"maximum": null}"#, "/maximum"),
            (r#"{"multipleOf": 0}"#, "/multipleOf"),
            (r#"{"exclusiveMinimum": 3}"#, "/exclusiveMinimum"),
            (r#"{"exclusiveMaximum": true}"#, "/exclusiveMaximum"),
            (r#"{"minLength": -1}"#, "/minLength"),
            (r#"{"maxItems": 2.5}"#, "/maxItems"),
            (r#"{"uniqueItems": "yes"}"#, "/uniqueItems"),
            (r#"{"pattern": "(unclosed"}"#, "/pattern"),
            (r#"{"pattern": 5}"#, "/pattern"),
            (r#"{"$ref": 5}"#, "/$ref"),
            (r#"{"dependencies": {"a": []}}"#, "/dependencies"),
            (r#"{"patternProperties": {"(": {}}}"#, "/patternProperties"),
            (r#"{"properties": {"a/b": {"type": "text"}}}"#, "/properties/a~1b/type"),
            (r#"{"items": [{"type": "text"}]}"#, "/items/0/type"),
            (r#"{"anyOf": [{"required": []}]}"#, "/anyOf/0/required"),
        ];
        for (schema, at) in cases {
            let found = problems(schema);
            assert_eq!(found.len(), 1, "{schema}: {found:?}");
            assert_eq!(found[0].0, at, "{schema}: {found:?}");
        }
    }

    #[test]
    fn deep_schemas_do_not_overflow() {
        let deep = "{\"items\":".repeat(120) + "{}" + &"}".repeat(120);
        assert!(problems(&deep).is_empty());
    }
}

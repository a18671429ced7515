//! A tiny JSON-to-YAML writer: block mappings and sequences, so that the YAML seeds look like the
//! OpenAPI files people write, not like JSON. It is only for making seeds; it is not a general
//! YAML emitter.
//!
//! Strings and keys are double-quoted with JSON's escapes (which YAML's double-quoted style
//! shares), or, with `plain`, written plain when that cannot change their meaning.

use serde_json::Value;

/// The YAML text of a JSON value, with two spaces of indentation per level.
pub fn to_yaml(value: &Value, plain: bool) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_block(&mut out, value, 0, plain),
        Value::Array(items) if !items.is_empty() => write_block(&mut out, value, 0, plain),
        scalar => {
            out.push_str(&scalar_text(scalar, plain));
            out.push('\n');
        }
    }
    out
}

/// Writes a non-empty mapping or sequence, each line indented by `indent` spaces.
fn write_block(out: &mut String, value: &Value, indent: usize, plain: bool) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                out.push_str(&pad);
                out.push_str(&string_text(key, plain));
                out.push(':');
                write_child(out, item, indent, plain);
            }
        }
        Value::Array(items) => {
            for item in items {
                if is_block(item) {
                    // `- key: value` with the rest of the mapping under it: render the item two
                    // columns deeper, then put the dash in the first line's indentation.
                    let mut nested = String::new();
                    write_block(&mut nested, item, indent + 2, plain);
                    out.push_str(&pad);
                    out.push_str("- ");
                    out.push_str(nested.get(indent + 2..).unwrap_or(""));
                } else {
                    out.push_str(&pad);
                    out.push_str("- ");
                    out.push_str(&scalar_text(item, plain));
                    out.push('\n');
                }
            }
        }
        scalar => {
            out.push_str(&pad);
            out.push_str(&scalar_text(scalar, plain));
            out.push('\n');
        }
    }
}

/// Writes what follows `key:`: a scalar on the same line, or a block on the next lines.
fn write_child(out: &mut String, item: &Value, indent: usize, plain: bool) {
    if is_block(item) {
        out.push('\n');
        write_block(out, item, indent + 2, plain);
    } else {
        out.push(' ');
        out.push_str(&scalar_text(item, plain));
        out.push('\n');
    }
}

/// Whether a value is written as a block (a non-empty mapping or sequence).
fn is_block(value: &Value) -> bool {
    match value {
        Value::Object(map) => !map.is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => false,
    }
}

/// A scalar or an empty collection, on one line.
fn scalar_text(value: &Value, plain: bool) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_text(s, plain),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// A string, double-quoted, or plain when `plain` is set and that reads back as the same string.
fn string_text(s: &str, plain: bool) -> String {
    if plain && plain_is_safe(s) {
        return s.to_string();
    }
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Whether a string can be written as a plain scalar in block context and still read as that
/// string: it starts with a letter or `/`, holds no space, `:` or `#`, and is not a word of the
/// core schema (`true`, `null`, …).
fn plain_is_safe(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else { return false };
    if !(first.is_ascii_alphabetic() || first == '/') {
        return false;
    }
    if !s.chars().all(|c| c.is_ascii_alphanumeric() || "_-./{}+$".contains(c)) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "nan" | "inf"
    )
}

#[cfg(test)]
mod tests {
    use super::to_yaml;
    use serde_json::json;

    #[test]
    fn writes_block_style() {
        let value = json!({
            "openapi": "3.0.1",
            "paths": {"/pets": {"get": {"parameters": [{"name": "page", "in": "query"}]}}},
            "tags": [],
            "list": [[1, 2], "x"]
        });
        let text = to_yaml(&value, true);
        let expected = "openapi: \"3.0.1\"\npaths:\n  /pets:\n    get:\n      parameters:\n        - name: page\n          in: query\ntags: []\nlist:\n  - - 1\n    - 2\n  - x\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn the_yaml_reader_reads_it_back() {
        let value = json!({
            "a": "line\nbreak \"quoted\" \\ tab\t",
            "200": {"x": null, "y": true, "z": -1.5, "w": []},
            "s": [{"k": "v", "n": 1}, {}, "true", "null", "/pets/{petId}"]
        });
        for plain in [false, true] {
            let text = to_yaml(&value, plain);
            let back = apigw_core::yaml::parse(&text);
            assert_eq!(back.ok(), Some(value.clone()), "{text}");
        }
    }
}

//! JSON values written as YAML, in block style, for the CloudFormation export.
//!
//! Only what reads back equal is written: a string is plain only when it is ASCII letters,
//! digits and `_ . / -`, starts with a letter and is no word a YAML reader takes for something
//! else (`yes`, `null`, `on`…); a string of several lines that is all printable, with no line
//! ending in a space or a tab and not starting with one, is a literal block (`|`, `|-`, `|+`);
//! every other string is double-quoted with escapes for `"`, `\` and every character that is
//! not printable. Keys follow the same rules, never as a block. `crates/apigw-core/tests/
//! yaml.rs` reads the output back with the crate's reader and with yaml-rust2.

use serde_json::Value;

/// The value as a YAML document (a mapping at the top, as a template is).
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(o) if !o.is_empty() => mapping(&mut out, o, 0),
        Value::Array(a) if !a.is_empty() => sequence(&mut out, a, 0),
        scalar => {
            out.push_str(&inline(scalar, 0));
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// Whether a value is written on its key's line.
fn is_inline(value: &Value) -> bool {
    match value {
        Value::Object(o) => o.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::String(s) => block_style(s).is_none(),
        _ => true,
    }
}

fn mapping(out: &mut String, o: &serde_json::Map<String, Value>, indent: usize) {
    for (key, value) in o {
        pad(out, indent);
        out.push_str(&quoted_or_plain(key));
        out.push(':');
        after_key(out, value, indent);
    }
}

fn sequence(out: &mut String, a: &[Value], indent: usize) {
    for value in a {
        // A nested collection starts on the dash's line: its first line written at
        // `indent + 2` has its first two spaces replaced by `- `.
        match value {
            Value::Object(o) if !o.is_empty() => {
                let mut inner = String::new();
                mapping(&mut inner, o, indent + 2);
                dash(out, &inner, indent);
            }
            Value::Array(items) if !items.is_empty() => {
                let mut inner = String::new();
                sequence(&mut inner, items, indent + 2);
                dash(out, &inner, indent);
            }
            _ => {
                pad(out, indent);
                out.push('-');
                after_key(out, value, indent);
            }
        }
    }
}

fn dash(out: &mut String, inner: &str, indent: usize) {
    pad(out, indent);
    out.push_str("- ");
    out.push_str(&inner[indent + 2..]);
}

/// What follows `key:` or `-`: a scalar on the same line, or a collection or block below.
fn after_key(out: &mut String, value: &Value, indent: usize) {
    if is_inline(value) {
        out.push(' ');
        out.push_str(&inline(value, indent));
        out.push('\n');
        return;
    }
    match value {
        Value::Object(o) => {
            out.push('\n');
            mapping(out, o, indent + 2);
        }
        Value::Array(a) => {
            out.push('\n');
            sequence(out, a, indent + 2);
        }
        Value::String(s) => block(out, s, indent + 2),
        _ => {}
    }
}

fn inline(value: &Value, _indent: usize) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quoted_or_plain(s),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// The chomping indicator of a string written as a literal block, or None when it must be
/// double-quoted.
fn block_style(s: &str) -> Option<&'static str> {
    if !s.contains('\n') || s.starts_with([' ', '\t', '\n']) {
        return None;
    }
    let printable = s.chars().all(|c| c == '\n' || (!c.is_control() && is_printable(c)));
    let clean_lines = s.split('\n').all(|line| !line.ends_with([' ', '\t']));
    if !printable || !clean_lines {
        return None;
    }
    Some(if !s.ends_with('\n') {
        "|-"
    } else if s.ends_with("\n\n") {
        "|+"
    } else {
        "|"
    })
}

fn block(out: &mut String, s: &str, indent: usize) {
    let style = block_style(s).unwrap_or("|");
    out.push(' ');
    out.push_str(style);
    out.push('\n');
    let body = s.strip_suffix('\n').unwrap_or(s);
    for line in body.split('\n') {
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// Characters YAML calls printable, less the ones some readers take for line breaks or marks.
fn is_printable(c: char) -> bool {
    !matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
    ) && !c.is_control()
}

/// Words that some YAML reader (1.1 or 1.2) takes for a boolean or null.
const RESERVED: &[&str] =
    &["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"];

fn is_plain(s: &str) -> bool {
    let mut chars = s.chars();
    let starts = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    starts
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '-'))
        && !RESERVED.iter().any(|w| w.eq_ignore_ascii_case(s))
}

fn quoted_or_plain(s: &str) -> String {
    if is_plain(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_back_equal() {
        let value = json!({
            "plain": "abc",
            "number-like": "200",
            "yes": "no",
            "list": ["a", {"k": "v", "n": 1}, ["x", []], {}],
            "empty": {},
            "block": "line one\n  two\n",
            "strip": "a\nb",
            "keep": "a\n\n",
            "odd": "a \nb",
            "ctl": "\u{0}\u{1b}[31m\u{85}\u{2028}é😀",
            "": "empty key",
            "null": null,
            "t": true,
            "f": 1.5,
        });
        let text = to_string(&value);
        let back = crate::yaml::parse_full(&text).unwrap().value;
        assert_eq!(back, value, "{text}");
    }
}

//! Checks of the code's shape that no compiler makes: the app spells no API Gateway enum value
//! (they live in apigw-core's `facts`, where the forms and the rules both read them).

use std::path::{Path, PathBuf};

/// Enum values that are also plain words in a label ("HTTP method", "AWS service"): they are
/// flagged only as a whole string, never inside one.
const PLAIN_WORDS: &[&str] = &["HTTP", "AWS"];

/// HTTP verbs are the protocol's, not API Gateway's; `ANY` is API Gateway's own.
const VERBS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Every place in the app's non-test code that spells an API Gateway enum value, as
/// `file:line: "literal" spells VALUE`.
pub fn enum_spellings(root: &Path) -> Result<Vec<String>, String> {
    let facts_path = root.join("crates/apigw-core/src/checks/facts.rs");
    let facts = std::fs::read_to_string(&facts_path)
        .map_err(|e| format!("cannot read {}: {e}", facts_path.display()))?;
    let values = enum_values(&facts);
    if values.len() < 20 {
        return Err(format!("found only {} enum values in {}", values.len(), facts_path.display()));
    }
    let mut found = Vec::new();
    for file in rust_files(&root.join("src"))? {
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let name = file.strip_prefix(root).unwrap_or(&file).display().to_string();
        for (line, literal) in literals(&without_tests(&text)) {
            if let Some(value) = spelled(&literal, &values) {
                found.push(format!("{name}:{line}: \"{literal}\" spells {value}"));
            }
        }
    }
    Ok(found)
}

/// The enum values `facts.rs` names: its string literals in upper snake case.
fn enum_values(facts: &str) -> Vec<String> {
    let mut values: Vec<String> = literals(&without_tests(facts))
        .into_iter()
        .map(|(_, l)| l)
        .filter(|l| is_enum_like(l) && !VERBS.contains(&l.as_str()))
        .collect();
    values.sort();
    values.dedup();
    values
}

fn is_enum_like(text: &str) -> bool {
    text.len() >= 2
        && text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// The value `literal` spells: the whole literal, or an upper-case word in it that is not
/// also a plain word.
fn spelled<'a>(literal: &str, values: &'a [String]) -> Option<&'a str> {
    if let Some(v) = values.iter().find(|v| v.as_str() == literal) {
        return Some(v);
    }
    literal
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find_map(|word| values.iter().find(|v| v.as_str() == word && !PLAIN_WORDS.contains(&word)))
        .map(String::as_str)
}

/// The file without its `#[cfg(test)]` items (the app's unit tests may spell anything).
fn without_tests(text: &str) -> String {
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text.to_string(),
    }
}

/// The string literals of Rust source, with their line numbers; comments are skipped.
fn literals(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            // A char literal such as '"' is not the start of a string.
            '\'' => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("\"'") || rest.starts_with("\\\"'") {
                    chars.nth(rest.find('\'').unwrap_or(0));
                }
            }
            '"' => {
                let start = line;
                let mut literal = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(next) = chars.next() {
                                if next == '\n' {
                                    line += 1;
                                }
                                literal.push('\\');
                                literal.push(next);
                            }
                        }
                        '"' => break,
                        '\n' => {
                            line += 1;
                            literal.push(c);
                        }
                        _ => literal.push(c),
                    }
                }
                out.push((start, literal));
            }
            _ => {}
        }
    }
    out
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Vec<String> {
        enum_values(
            "const A: &[&str] = &[\"AWS_PROXY\", \"HEADER\", \"HTTP\", \"GET\", \"ANY\"];\nconst B: &str = \"application/json\";",
        )
    }

    #[test]
    fn reads_the_enum_values_of_facts() {
        assert_eq!(values(), ["ANY", "AWS_PROXY", "HEADER", "HTTP"]);
    }

    #[test]
    fn flags_values_alone_or_inside_a_label_but_not_plain_words_or_verbs() {
        let v = values();
        assert_eq!(spelled("AWS_PROXY", &v), Some("AWS_PROXY"));
        assert_eq!(spelled("(default: HEADER)", &v), Some("HEADER"));
        assert_eq!(spelled("with ANY", &v), Some("ANY"));
        assert_eq!(spelled("HTTP", &v), Some("HTTP"));
        assert_eq!(spelled("HTTP method", &v), None);
        assert_eq!(spelled("GET", &v), None);
        assert_eq!(spelled("Headers", &v), None);
    }

    #[test]
    fn finds_literals_with_lines_and_skips_comments_and_tests() {
        let text = "// \"HEADER\" in a comment\nlet a = '\"';\nlet b = \"x \\\"y\\\"\";\nlet c =\n  \"HEADER\";\n#[cfg(test)]\nmod tests { \"AWS_PROXY\" }";
        let found = literals(&without_tests(text));
        assert_eq!(found, [(3, "x \\\"y\\\"".to_string()), (5, "HEADER".to_string())]);
    }
}

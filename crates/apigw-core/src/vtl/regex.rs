//! Java regular expressions (`java.util.regex`), as API Gateway evaluates selection patterns
//! and as templates' `matches`, `replaceAll` and `split` take them. A backtracking matcher
//! with a step budget, so that no pattern runs unbounded.

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct JavaRegex {
    _todo: (),
}

/// A pattern ran out of its step budget, or could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegexError(pub String);

impl JavaRegex {
    /// Compiles `pattern` in Java's syntax (the one [`crate::grammar::java_regex`] accepts).
    pub fn new(_pattern: &str) -> Result<JavaRegex, RegexError> {
        todo!("JavaRegex::new")
    }

    /// Java's `String.matches` / `Pattern.matches`: the whole text matches.
    pub fn matches(&self, _text: &str) -> Result<bool, RegexError> {
        todo!("JavaRegex::matches")
    }

    /// Java's `String.replaceAll`: `$1`/`${name}` in `replacement` name groups, `\$` is a dollar.
    pub fn replace_all(&self, _text: &str, _replacement: &str) -> Result<String, RegexError> {
        todo!("JavaRegex::replace_all")
    }

    /// Java's `String.split(regex)`: trailing empty strings removed, a zero-width match at the
    /// start gives no leading empty string.
    pub fn split(&self, _text: &str) -> Result<Vec<String>, RegexError> {
        todo!("JavaRegex::split")
    }
}

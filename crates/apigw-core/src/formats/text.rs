//! User text made safe to show where it could change how the rest is read: a terminal line,
//! a one-line `FILE:POINTER:` report, a shell comment.
//!
//! Every character that is not shown as itself is escaped: the C0 and C1 control characters
//! (a line break, a carriage return, NUL, the escape that starts a terminal colour sequence),
//! DEL, the Unicode line and paragraph separators, and the bidirectional controls that can make
//! text read in another order than it is stored. A backslash is doubled, so that an escape can
//! be told from a name that spells one.

use std::borrow::Cow;

/// `word` after its indefinite article, as the word is read aloud: "an HTTP integration",
/// "an AWS_PROXY integration", "a MOCK integration", "an OPTIONS method", "an authorizer".
pub fn a(word: &str) -> String {
    let upper = word.trim_start().to_ascii_uppercase();
    let vowel_sound = upper.starts_with(['A', 'E', 'I', 'O', 'U']) || upper.starts_with("HTTP");
    format!("{} {word}", if vowel_sound { "an" } else { "a" })
}

/// `n` with its noun in the right number: "1 error", "2 errors", "0 errors".
/// A character as a message names it: one that cannot be seen between backticks by its name
/// ("a space", "a tab", "a line break", "the character U+00A0"), any other in backticks.
pub fn character(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\n' | '\r' => "a line break".into(),
        c if c.is_whitespace() || c.is_control() => format!("the character U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whether `c` is escaped by [`printable`].
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\\' | '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}' | '\u{feff}'
        )
}

/// `text` with every character that could change how it is shown escaped: `\n`, `\r`, `\t`,
/// `\0`, `\\`, and `\u{…}` for the rest.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            '\\' => out.push_str("\\\\"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_could_break_a_line_or_a_terminal() {
        assert_eq!(printable("plain /pets/{id} ✓"), "plain /pets/{id} ✓");
        assert_eq!(printable("a\nb\rc\td\0e"), "a\\nb\\rc\\td\\0e");
        assert_eq!(printable("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(
            printable("x\u{2028}y\u{202e}z\u{7f}\u{85}"),
            "x\\u{2028}y\\u{202e}z\\u{7f}\\u{85}"
        );
        assert_eq!(printable("back\\slash"), "back\\\\slash");
    }
}

//! What a JSON value forgets about the text it was read from: keys written twice in one object
//! (a JSON value keeps only the last), and where in the text a JSON Pointer's value stands.
//!
//! Both walk the text once with a small scanner that never allocates for a key without
//! escapes. The text is expected to be JSON that serde_json has read already; on anything else
//! the scanner stops quietly with what it found so far, and never panics.

use std::borrow::Cow;

/// A 1-based line and column (in characters) in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The line and column of byte `offset` in `text`.
    pub fn of(text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let before = &text.as_bytes()[..offset];
        let line_start = before.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
        Position {
            line: before.iter().filter(|&&c| c == b'\n').count() + 1,
            // Characters, not bytes: UTF-8 continuation bytes are not counted.
            column: before[line_start..].iter().filter(|&&c| c & 0xC0 != 0x80).count() + 1,
        }
    }
}

/// A key written more than once in one object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    /// The pointer of the key's value (RFC 6901), which names the key as its last token.
    pub pointer: String,
    pub key: String,
    /// Where the key was first written, and where again (the value that was kept).
    pub first: Position,
    pub again: Position,
}

/// Every key written twice in one object, in text order.
pub fn duplicates(text: &str) -> Vec<Duplicate> {
    let mut found = Vec::new();
    let mut scanner = Scanner::new(text);
    // The keys of each open object (`None` for an array), with where each was written.
    let mut seen: Vec<Option<Keys<'_>>> = Vec::new();
    while let Some(event) = scanner.next_event() {
        match event {
            Event::Open { object } => seen.push(object.then(Keys::default)),
            Event::Close => {
                seen.pop();
            }
            Event::Key { key, at } => {
                let Some(Some(keys)) = seen.last_mut() else { continue };
                if let Some(first) = keys.insert(key.clone(), at) {
                    found.push(Duplicate {
                        pointer: scanner.pointer(),
                        key: key.to_string(),
                        first: Position::of(text, first),
                        again: Position::of(text, at),
                    });
                }
            }
            Event::Value { .. } => {}
        }
    }
    found
}

/// The keys of one object with the offset of each: a short list while the object is small
/// (most are), a hash map once it is not, so an object of 400,000 keys costs no more per key.
#[derive(Default)]
struct Keys<'a> {
    list: Vec<(Cow<'a, str>, usize)>,
    map: Option<std::collections::HashMap<Cow<'a, str>, usize>>,
}

impl<'a> Keys<'a> {
    /// Adds a key; the offset where it was first written when it is there already.
    fn insert(&mut self, key: Cow<'a, str>, at: usize) -> Option<usize> {
        if let Some(map) = &mut self.map {
            return match map.entry(key) {
                std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(at);
                    None
                }
            };
        }
        if let Some(&(_, first)) = self.list.iter().find(|(k, _)| *k == key) {
            return Some(first);
        }
        self.list.push((key, at));
        if self.list.len() > 16 {
            self.map = Some(std::mem::take(&mut self.list).into_iter().collect());
        }
        None
    }
}

/// Where the value at `pointer` (RFC 6901) begins, or for a missing member the object that
/// should hold it: the nearest existing ancestor. The whole text is `""`.
pub fn position(text: &str, pointer: &str) -> Position {
    let offset = offset(text, pointer);
    Position::of(text, offset)
}

/// The byte offset behind [`position`].
fn offset(text: &str, pointer: &str) -> usize {
    let wanted = crate::diagnostic::tokens(pointer);
    let mut scanner = Scanner::new(text);
    // The offset of the deepest ancestor of the wanted value found so far.
    let mut best = text.len() - text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']).len();
    let mut matched = 0;
    while let Some(event) = scanner.next_event() {
        if let Event::Value { at } = event {
            let path = scanner.path();
            if path.len() <= wanted.len()
                && path.len() > matched
                && path.iter().zip(&wanted).all(|(a, b)| a.as_ref() == b)
            {
                matched = path.len();
                best = at;
                if matched == wanted.len() {
                    break;
                }
            }
        }
    }
    best
}

/// Calls `visit` with the pointer tokens, first byte and offset of every value in the text, in
/// text order, until it returns false.
pub fn visit_values(text: &str, mut visit: impl FnMut(&[Cow<'_, str>], u8, usize) -> bool) {
    let mut scanner = Scanner::new(text);
    while let Some(event) = scanner.next_event() {
        if let Event::Value { at } = event {
            let first = text.as_bytes().get(at).copied().unwrap_or(0);
            if !visit(&scanner.path(), first, at) {
                return;
            }
        }
    }
}

enum Event<'a> {
    /// An object or array begins (after its value event).
    Open {
        object: bool,
    },
    Close,
    /// A member's key, at the byte offset of its opening quote.
    Key {
        key: Cow<'a, str>,
        at: usize,
    },
    /// A value begins at the byte offset `at`; [`Scanner::path`] names it.
    Value {
        at: usize,
    },
}

/// One level of nesting: the key or index of the value being read there.
enum Level<'a> {
    Object(Option<Cow<'a, str>>),
    Array(usize),
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    levels: Vec<Level<'a>>,
    /// A value is expected next (at the start, after `:`, `[`, or `,` in an array).
    want_value: bool,
    /// An object (true) or array (false) whose value event was given and whose level is owed.
    opening: Option<bool>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Scanner {
            text,
            b: text.as_bytes(),
            pos: start,
            levels: Vec::new(),
            want_value: true,
            opening: None,
        }
    }

    /// The tokens of the pointer of the value being read.
    fn path(&self) -> Vec<Cow<'a, str>> {
        self.levels
            .iter()
            .map(|level| match level {
                Level::Object(key) => key.clone().unwrap_or_default(),
                Level::Array(index) => Cow::Owned(index.to_string()),
            })
            .collect()
    }

    fn pointer(&self) -> String {
        crate::diagnostic::pointer(&self.path())
    }

    fn skip_space(&mut self) {
        while matches!(self.b.get(self.pos), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.pos += 1;
        }
    }

    fn next_event(&mut self) -> Option<Event<'a>> {
        if let Some(object) = self.opening.take() {
            self.levels.push(if object { Level::Object(None) } else { Level::Array(0) });
            self.skip_space();
            // An array's first value follows, unless it is empty.
            self.want_value = !object && self.b.get(self.pos) != Some(&b']');
            return Some(Event::Open { object });
        }
        loop {
            self.skip_space();
            let c = *self.b.get(self.pos)?;
            if self.want_value {
                self.want_value = false;
                let at = self.pos;
                match c {
                    b'{' | b'[' => {
                        self.pos += 1;
                        self.opening = Some(c == b'{');
                    }
                    b'"' => {
                        self.string()?;
                    }
                    _ => {
                        while let Some(&c) = self.b.get(self.pos) {
                            if matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                                break;
                            }
                            self.pos += 1;
                        }
                        if self.pos == at {
                            return None; // Not JSON: stop.
                        }
                    }
                }
                return Some(Event::Value { at });
            }
            match c {
                b',' => {
                    self.pos += 1;
                    if let Level::Array(index) = self.levels.last_mut()? {
                        *index += 1;
                        self.want_value = true;
                    }
                }
                b'}' | b']' => {
                    self.pos += 1;
                    self.levels.pop()?;
                    return Some(Event::Close);
                }
                b'"' if matches!(self.levels.last(), Some(Level::Object(_))) => {
                    let at = self.pos;
                    let key = self.string()?;
                    self.skip_space();
                    if self.b.get(self.pos) != Some(&b':') {
                        return None;
                    }
                    self.pos += 1;
                    if let Some(Level::Object(slot)) = self.levels.last_mut() {
                        *slot = Some(key.clone());
                    }
                    self.want_value = true;
                    return Some(Event::Key { key, at });
                }
                _ => return None,
            }
        }
    }

    /// A string at the cursor (its opening quote), decoded when it has escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let start = self.pos + 1;
        let mut i = start;
        let mut escaped = false;
        loop {
            match *self.b.get(i)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    i += 2;
                }
                _ => i += 1,
            }
        }
        self.pos = i + 1;
        let raw = self.text.get(start..i)?;
        if !escaped {
            return Some(Cow::Borrowed(raw));
        }
        serde_json::from_str::<String>(self.text.get(start - 1..=i)?).ok().map(Cow::Owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_key_written_twice_with_both_places() {
        let text = "{\n  \"paths\": {\"/a\": {\"get\": 1, \"post\": 2, \"get\": 3}},\n  \"x\": [{\"k\": 1}, {\"k\": 2}]\n}";
        let found = duplicates(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].pointer, "/paths/~1a/get");
        assert_eq!(found[0].key, "get");
        assert_eq!(found[0].first, Position { line: 2, column: 20 });
        assert_eq!(found[0].again, Position { line: 2, column: 41 });
    }

    #[test]
    fn keys_are_compared_decoded() {
        let found = duplicates(r#"{"a": 1, "\u0061": 2}"#);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer, "/a");
    }

    #[test]
    fn finds_where_a_pointer_points() {
        let text = "{\n \"a\": [1, {\"b\": true}],\n \"c\": \"x\"\n}";
        assert_eq!(position(text, "/a/1/b"), Position { line: 2, column: 17 });
        assert_eq!(position(text, "/c"), Position { line: 3, column: 7 });
        assert_eq!(position(text, ""), Position { line: 1, column: 1 });
        // A missing member: its nearest ancestor.
        assert_eq!(position(text, "/a/1/zzz"), Position { line: 2, column: 11 });
    }

    #[test]
    fn broken_text_stops_quietly() {
        for text in ["", "{", "{\"a\"", "[1,", "{\"a\": \"\\", "}}}", "\u{feff}{\"a\":1,\"a\":2}"] {
            let _ = duplicates(text);
            let _ = position(text, "/a/b");
        }
        assert_eq!(duplicates("\u{feff}{\"a\":1,\"a\":2}").len(), 1);
    }
}

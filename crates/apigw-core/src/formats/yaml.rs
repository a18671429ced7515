//! YAML documents (OpenAPI files are often YAML) read into the same JSON values as JSON files.
//!
//! A small reader for YAML 1.2 as OpenAPI and CloudFormation files use it: block mappings and
//! sequences, flow collections, plain, single- and double-quoted scalars with line folding,
//! literal and folded block scalars with chomping and indentation indicators, comments,
//! anchors, aliases, merge keys (`<<`) and the core schema's nulls, booleans and numbers.
//! Only the first document of a stream is read; [`parse_full`] says how many more there are
//! and which keys a mapping holds twice (the value keeps the last), so a caller can say so.
//! Complex keys (`? `) and collections as keys are refused with an error; CloudFormation's
//! short forms (`!Ref X`, `!Sub …`, `!GetAtt A.B`, `!If […]`…) are read as the long forms they
//! stand for (`{"Ref": "X"}`, `{"Fn::GetAtt": ["A", "B"]}`); other tags but `!!str` are read
//! and ignored.
//!
//! Every error carries the line and column where the reader stopped. Nesting is limited to
//! [`MAX_DEPTH`] levels and alias expansion to [`MAX_ALIAS_NODES`] values and
//! [`MAX_ALIAS_BYTES`] of text, so no input can exhaust the stack or memory.

use crate::json_text::{Duplicate, Position};
use crate::load_error::LoadError;
use serde_json::{Map, Value};

/// Collections nested deeper than this are refused.
pub const MAX_DEPTH: usize = 256;
/// Aliases may copy at most this many values in all (against "billion laughs" documents).
pub const MAX_ALIAS_NODES: usize = 1_000_000;
/// Aliases may copy at most this much text in all (keys and strings): a few aliases of a long
/// string, each doubling the last, would otherwise fill memory with few values.
pub const MAX_ALIAS_BYTES: usize = 64 * 1024 * 1024;

/// Parses YAML text into a JSON value: a mapping or a sequence at the top.
pub fn parse(text: &str) -> Result<Value, LoadError> {
    parse_full(text).map(|parsed| parsed.value)
}

/// A YAML text read: its first document's value, and what that value cannot show.
#[derive(Debug)]
pub struct Parsed {
    pub value: Value,
    /// Keys written twice in one mapping; the value keeps the second.
    pub duplicates: Vec<Duplicate>,
    /// How many documents the text holds (only the first is read).
    pub documents: usize,
    /// Where the second document begins, when there is one.
    pub next_document: Option<Position>,
}

/// Parses YAML text, and reports what [`parse`] leaves out.
pub fn parse_full(text: &str) -> Result<Parsed, LoadError> {
    let unmarked = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(at) = unmarked.find('\0') {
        return Err(Reader::new(unmarked).error_at(at, "a NUL character cannot appear in YAML"));
    }
    let text = normalised(text);
    let text = text.as_ref();
    let mut reader = Reader::new(text);
    let value = match reader.document()? {
        Value::Null => return Err(LoadError::new("the file is empty")),
        value @ (Value::Object(_) | Value::Array(_)) => value,
        _ => {
            return Err(LoadError::located(
                "the file holds a single value, not keys and values (JSON or YAML)",
                1,
                1,
            ));
        }
    };
    let (documents, next_document) = reader.more_documents();
    let duplicates = std::mem::take(&mut reader.duplicates)
        .into_iter()
        .map(|(pointer, key, again)| Duplicate {
            first: position(text, &pointer),
            again: Position::of(text, again),
            pointer,
            key,
        })
        .collect();
    Ok(Parsed {
        value,
        duplicates,
        documents,
        next_document: next_document.map(|at| Position::of(text, at)),
    })
}

/// The text as the reader takes it: without a byte-order mark, with CRLF line ends as LF.
fn normalised(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Where the value at `pointer` (RFC 6901) is written: the line of its key or `- ` entry (of
/// the first, where a key is written twice), or of its nearest ancestor that is written.
pub fn position(text: &str, pointer: &str) -> Position {
    let text = normalised(text);
    let text = text.as_ref();
    let wanted = crate::diagnostic::tokens(pointer);
    let mut reader = Reader::new(text);
    reader.wanted = Some((wanted, 0, 0));
    let _ = reader.document();
    let offset = reader.wanted.map_or(0, |(_, at, _)| at);
    Position::of(text, offset)
}

/// Where a block node stands, which decides what may start on the line it starts on.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// The top of the document.
    Top,
    /// After `key:`: a sequence or mapping must start on a later line.
    Value,
    /// After `- `: a compact mapping (`- a: 1`) or sequence (`- - a`) may follow on the line.
    Item,
}

struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    /// Anchors in the order they were defined; a later one shadows an earlier one.
    anchors: Vec<(&'a str, Value)>,
    depth: usize,
    aliased: usize,
    aliased_bytes: usize,
    /// The keys and indexes leading to the value being read.
    path: Vec<String>,
    /// Keys met twice in one mapping: the pointer, the key and the second key's offset.
    duplicates: Vec<(String, String, usize)>,
    /// For [`position`]: the pointer looked for, the offset of the deepest part of it met so
    /// far, and how deep that part is.
    wanted: Option<(Vec<String>, usize, usize)>,
}

fn blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// A blank, a line break or the end of the text (`0`, see [`Reader::peek`]).
fn space_or_end(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0)
}

fn flow_indicator(c: u8) -> bool {
    matches!(c, b',' | b'[' | b']' | b'{' | b'}')
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            b: text.as_bytes(),
            pos: 0,
            anchors: Vec::new(),
            depth: 0,
            aliased: 0,
            aliased_bytes: 0,
            path: Vec::new(),
            duplicates: Vec::new(),
            wanted: None,
        }
    }

    /// The byte at the cursor, or `0` at the end (the text holds no NUL).
    fn peek(&self) -> u8 {
        self.at(self.pos)
    }

    fn at(&self, index: usize) -> u8 {
        self.b.get(index).copied().unwrap_or(0)
    }

    fn line_start(&self, pos: usize) -> usize {
        self.b[..pos.min(self.b.len())].iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1)
    }

    /// The cursor's column, counted from 0. Only spaces and indicators come before content that
    /// sets an indentation, so bytes and characters agree there.
    fn column(&self) -> isize {
        (self.pos - self.line_start(self.pos)) as isize
    }

    fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }

    fn error_at(&self, pos: usize, message: impl Into<String>) -> LoadError {
        let at = Position::of(self.text, pos);
        LoadError::located(message, at.line, at.column)
    }

    fn error(&self, message: impl Into<String>) -> LoadError {
        self.error_at(self.pos, message)
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// Skips blanks and a comment on this line.
    fn skip_blanks(&mut self) {
        while blank(self.peek()) {
            self.pos += 1;
        }
        if self.peek() == b'#' {
            while !matches!(self.peek(), b'\n' | 0) {
                self.pos += 1;
            }
        }
    }

    /// Moves to the next content, past blanks, comments and line breaks.
    fn skip_lines(&mut self) -> Result<(), LoadError> {
        loop {
            self.skip_blanks();
            if self.peek() != b'\n' {
                return Ok(());
            }
            self.pos = self.after_spaces(self.pos + 1);
            if self.peek() == b'\t' {
                let mut i = self.pos;
                while blank(self.at(i)) {
                    i += 1;
                }
                if !matches!(self.at(i), b'\n' | b'#' | 0) {
                    return Err(self.error("a tab indents this line; YAML indents with spaces"));
                }
            }
        }
    }

    /// At `---` or `...` in the first column.
    fn at_marker(&self) -> bool {
        self.column() == 0 && self.marker_at(self.pos)
    }

    /// Whether `---` or `...` (a document marker, when at a line's start) begins at `index`.
    fn marker_at(&self, index: usize) -> bool {
        let rest = &self.b[index.min(self.b.len())..];
        (rest.starts_with(b"---") || rest.starts_with(b"...")) && space_or_end(self.at(index + 3))
    }

    /// The index of the first byte at or after `index` that is not a space.
    fn after_spaces(&self, mut index: usize) -> usize {
        while self.at(index) == b' ' {
            index += 1;
        }
        index
    }

    /// At `- ` (a block sequence entry).
    fn at_entry(&self) -> bool {
        self.peek() == b'-' && space_or_end(self.at(self.pos + 1))
    }

    /// At `:` ending a key.
    fn at_colon(&self, flow: bool) -> bool {
        self.peek() == b':'
            && (space_or_end(self.at(self.pos + 1))
                || flow && flow_indicator(self.at(self.pos + 1)))
    }

    /// Fails unless only blanks and a comment remain on the line.
    fn end_of_line(&mut self, what: &str) -> Result<(), LoadError> {
        self.skip_blanks();
        if matches!(self.peek(), b'\n' | 0) {
            Ok(())
        } else {
            Err(self.error(format!("unexpected text after {what} on the same line")))
        }
    }

    /// Steps into `token` of the path, whose text begins at `at`.
    fn push(&mut self, token: String, at: usize) {
        self.path.push(token);
        if let Some((wanted, offset, depth)) = &mut self.wanted {
            let path = &self.path;
            // The first place wins: a later key of the same name is a duplicate.
            if path.len() <= wanted.len()
                && path.len() > *depth
                && path.iter().zip(wanted.iter()).all(|(a, b)| a == b)
            {
                *depth = path.len();
                *offset = at;
            }
        }
    }

    fn pop(&mut self) {
        self.path.pop();
    }

    /// Inserts an entry of a mapping, noting a key met twice (at `at`).
    fn insert(
        &mut self,
        map: &mut Map<String, Value>,
        key: (String, bool),
        at: usize,
        value: Value,
    ) {
        if !key.1 && map.contains_key(&key.0) {
            self.path.push(key.0.clone());
            let pointer = crate::diagnostic::pointer(&self.path);
            self.path.pop();
            self.duplicates.push((pointer, key.0.clone(), at));
        }
        insert(map, key, value);
    }

    /// After the first document (the cursor is at its end, or at a `---` or `...` marker): how
    /// many documents with content the text holds, and where the second begins.
    fn more_documents(&self) -> (usize, Option<usize>) {
        let mut documents = 1;
        let mut next = None;
        // The start of the document being looked at, and whether it has content yet.
        let mut start = self.pos;
        let mut dashes = false;
        let mut content = false;
        let mut offset = self.pos;
        for line in self.text.get(self.pos..).unwrap_or_default().split_inclusive('\n') {
            let trimmed = line.trim();
            let marker = (line.starts_with("---") || line.starts_with("..."))
                && matches!(line.as_bytes().get(3), None | Some(b' ' | b'\t' | b'\n'));
            if marker {
                if content {
                    documents += 1;
                    next.get_or_insert(start);
                }
                start = offset;
                dashes = line.starts_with("---");
                // `--- value`: a document whose content begins on the marker's line.
                let after = trimmed[3..].trim_start();
                content = line.starts_with("---") && !after.is_empty() && !after.starts_with('#');
            } else if !trimmed.is_empty() && !trimmed.starts_with('#') && !trimmed.starts_with('%')
            {
                // Content after a `...` end marker begins a document of its own.
                if !content && !dashes {
                    start = offset;
                }
                content = true;
            }
            offset += line.len();
        }
        if content {
            documents += 1;
            next.get_or_insert(start);
        }
        (documents, next)
    }

    fn document(&mut self) -> Result<Value, LoadError> {
        self.skip_lines()?;
        while self.peek() == b'%' && self.column() == 0 {
            while !matches!(self.peek(), b'\n' | 0) {
                self.pos += 1;
            }
            self.skip_lines()?;
        }
        if self.at_marker() && self.peek() == b'-' {
            self.pos += 3;
        }
        let value = self.node(-1, Place::Top)?;
        self.skip_lines()?;
        if !self.at_end() && !self.at_marker() {
            return Err(self.error(
                "unexpected text after the document's top value: is this line indented less \
                 than its siblings?",
            ));
        }
        Ok(value)
    }

    fn enter(&mut self) -> Result<(), LoadError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("collections nest more than {MAX_DEPTH} levels deep")));
        }
        Ok(())
    }

    /// A block node, at `place`, whose lines are indented more than `indent`.
    fn node(&mut self, indent: isize, place: Place) -> Result<Value, LoadError> {
        self.enter()?;
        let value = self.node_inner(indent, place);
        self.depth -= 1;
        value
    }

    fn node_inner(&mut self, indent: isize, place: Place) -> Result<Value, LoadError> {
        let mut anchor = None;
        let mut tag = None;
        let mut inline = true;
        loop {
            self.skip_blanks();
            if matches!(self.peek(), b'\n' | 0) {
                inline = false;
                self.skip_lines()?;
                let column = self.column();
                // `key:` followed by `- item` lines at the key's own indentation.
                let sequence_here = place == Place::Value && column == indent && self.at_entry();
                if self.at_end() || (column <= indent && !sequence_here) || self.at_marker() {
                    return Ok(self.define(anchor, Value::Null));
                }
            }
            match self.peek() {
                b'&' => anchor = Some(self.name("an anchor")?),
                b'!' => tag = Some(self.tag()),
                _ => break,
            }
        }
        let column = self.column();
        let value = match self.peek() {
            b'*' => {
                let value = self.alias()?;
                self.end_of_line("an alias")?;
                value
            }
            b'-' if self.at_entry() => {
                if inline && place == Place::Value {
                    return Err(self.error(
                        "a block sequence cannot start on the line of its key: put `- ` on the \
                         next line",
                    ));
                }
                self.sequence(column)?
            }
            b'[' | b'{' => {
                let value = self.flow()?;
                self.skip_blanks();
                if self.at_colon(true) {
                    return Err(self.error("a flow collection cannot be a mapping key"));
                }
                self.end_of_line("a flow collection")?;
                value
            }
            b'|' | b'>' => Value::String(self.block_scalar(indent)?),
            b'?' if space_or_end(self.at(self.pos + 1)) => {
                return Err(self.error("complex mapping keys (`? `) are not supported"));
            }
            c @ (b'@' | b'`' | b',' | b']' | b'}' | b'%') => {
                return Err(self.error(format!(
                    "`{}` cannot start a plain value: put the value in quotes",
                    c as char
                )));
            }
            _ => {
                let start = self.pos;
                let quoted = matches!(self.peek(), b'\'' | b'"');
                let text = if quoted { self.quoted()? } else { self.plain_line(false).into() };
                if quoted {
                    self.skip_blank_only();
                }
                if self.at_colon(false) {
                    if inline && place == Place::Value {
                        return Err(self.error(
                            "a mapping cannot start on the line of its key (`a: b: c`): put it \
                             on the next line, or quote the value",
                        ));
                    }
                    self.pos += 1;
                    tag = None;
                    self.mapping(column, key_text(text, quoted), start)?
                } else if quoted {
                    self.end_of_line("a quoted value")?;
                    Value::String(text)
                } else {
                    if start == self.pos {
                        return Err(self.error("expected a value"));
                    }
                    let text = self.plain_rest(text, indent)?;
                    scalar(text, tag)
                }
            }
        };
        Ok(self.define(anchor, short_form(tag, value)))
    }

    fn skip_blank_only(&mut self) {
        while blank(self.peek()) {
            self.pos += 1;
        }
    }

    fn define(&mut self, anchor: Option<&'a str>, value: Value) -> Value {
        if let Some(name) = anchor {
            self.anchors.push((name, value.clone()));
        }
        value
    }

    /// An anchor's or alias's name, after its `&` or `*`.
    fn name(&mut self, what: &str) -> Result<&'a str, LoadError> {
        let at = self.pos;
        self.pos += 1;
        let start = self.pos;
        while !space_or_end(self.peek()) && !flow_indicator(self.peek()) {
            self.pos += 1;
        }
        if start == self.pos {
            return Err(self.error_at(at, format!("{what} needs a name")));
        }
        Ok(self.slice(start, self.pos))
    }

    fn tag(&mut self) -> &'a str {
        let start = self.pos;
        if self.at(self.pos + 1) == b'<' {
            while !matches!(self.peek(), b'>' | b'\n' | 0) {
                self.pos += 1;
            }
            if self.peek() == b'>' {
                self.pos += 1;
            }
        } else {
            while !space_or_end(self.peek()) && !flow_indicator(self.peek()) {
                self.pos += 1;
            }
        }
        self.slice(start, self.pos)
    }

    fn alias(&mut self) -> Result<Value, LoadError> {
        let at = self.pos;
        let name = self.name("an alias")?;
        let Some((_, value)) = self.anchors.iter().rev().find(|(n, _)| *n == name) else {
            return Err(self.error_at(at, format!("the alias *{name} names no anchor before it")));
        };
        let (nodes, bytes) = size(value);
        self.aliased += nodes;
        self.aliased_bytes += bytes;
        if self.aliased > MAX_ALIAS_NODES {
            return Err(
                self.error_at(at, format!("aliases expand to more than {MAX_ALIAS_NODES} values"))
            );
        }
        if self.aliased_bytes > MAX_ALIAS_BYTES {
            return Err(self.error_at(
                at,
                format!("aliases copy more than {} MB of text", MAX_ALIAS_BYTES / 1024 / 1024),
            ));
        }
        Ok(value.clone())
    }

    /// A block mapping whose keys are at column `indent`; its first key is read.
    fn mapping(
        &mut self,
        indent: isize,
        first: (String, bool),
        first_at: usize,
    ) -> Result<Value, LoadError> {
        let mut map = Map::new();
        let (mut key, mut at) = (first, first_at);
        loop {
            self.push(key.0.clone(), at);
            let value = self.node(indent, Place::Value);
            self.pop();
            self.insert(&mut map, key, at, value?);
            self.skip_lines()?;
            if self.at_end() || self.at_marker() {
                break;
            }
            let column = self.column();
            if column < indent {
                break;
            }
            if column > indent {
                return Err(self.error(format!(
                    "this line is indented more than the mapping's keys (at column {})",
                    indent + 1
                )));
            }
            at = self.pos;
            key = self.key()?;
        }
        Ok(Value::Object(map))
    }

    /// The next key of a block mapping, with its `:`.
    fn key(&mut self) -> Result<(String, bool), LoadError> {
        let start = self.pos;
        let quoted = match self.peek() {
            b'\'' | b'"' => true,
            b'-' if self.at_entry() => {
                return Err(self.error("a sequence entry where a mapping key was expected"));
            }
            b'?' if space_or_end(self.at(self.pos + 1)) => {
                return Err(self.error("complex mapping keys (`? `) are not supported"));
            }
            b'[' | b'{' => return Err(self.error("a flow collection cannot be a mapping key")),
            b'&' | b'*' | b'!' => {
                return Err(
                    self.error("anchors, aliases and tags on mapping keys are not supported")
                );
            }
            _ => false,
        };
        let text = if quoted { self.quoted()? } else { self.plain_line(false).into() };
        self.skip_blank_only();
        if !self.at_colon(false) {
            return Err(self.error_at(
                start,
                "expected `key: value`: a key must be followed by `:` and a space",
            ));
        }
        self.pos += 1;
        Ok(key_text(text, quoted))
    }

    /// A block sequence whose `- ` entries are at column `indent`.
    fn sequence(&mut self, indent: isize) -> Result<Value, LoadError> {
        let mut items = Vec::new();
        loop {
            self.push(items.len().to_string(), self.pos);
            self.pos += 1;
            let item = self.node(indent, Place::Item);
            self.pop();
            items.push(item?);
            self.skip_lines()?;
            if self.at_end() || self.at_marker() {
                break;
            }
            let column = self.column();
            if column < indent || column == indent && !self.at_entry() {
                break;
            }
            if column > indent {
                return Err(self.error(format!(
                    "this line is indented more than the sequence's entries (at column {})",
                    indent + 1
                )));
            }
        }
        Ok(Value::Array(items))
    }

    /// One line of a plain scalar: up to `: `, ` #` or the line's end (in flow, also up to
    /// `,`, `[`, `]`, `{`, `}`). The cursor stops there; trailing blanks are not part of it.
    fn plain_line(&mut self, flow: bool) -> &'a str {
        let start = self.pos;
        let mut end = start;
        loop {
            let c = self.peek();
            let stop = match c {
                0 | b'\n' => true,
                b':' => self.at_colon(flow),
                b'#' => self.pos > start && blank(self.b[self.pos - 1]),
                _ => flow && flow_indicator(c),
            };
            if stop {
                break;
            }
            self.pos += 1;
            if !blank(c) {
                end = self.pos;
            }
        }
        self.slice(start, end)
    }

    /// The rest of a multi-line plain scalar in block context: lines indented more than
    /// `indent` continue it, folded into spaces (blank lines into line breaks).
    fn plain_rest(&mut self, mut text: String, indent: isize) -> Result<String, LoadError> {
        let mut breaks = 0;
        while self.peek() == b'\n' {
            let line = self.pos + 1;
            let first = self.after_spaces(line);
            let mut content = first;
            while blank(self.at(content)) {
                content += 1;
            }
            match self.at(content) {
                b'\n' => {
                    breaks += 1;
                    self.pos = content;
                    continue;
                }
                0 | b'#' => break,
                _ => {}
            }
            let column = (first - line) as isize;
            if column <= indent || self.marker_at(line) {
                break;
            }
            self.pos = content;
            let more = self.plain_line(false);
            if self.at_colon(false) {
                return Err(self.error(
                    "a key inside a multi-line value: is this line indented too much, or does \
                     the value above need quotes?",
                ));
            }
            push_breaks(&mut text, breaks);
            text.push_str(more);
            breaks = 0;
        }
        Ok(text)
    }

    /// A single- or double-quoted scalar, with its line folding and (double) escapes.
    fn quoted(&mut self) -> Result<String, LoadError> {
        let open = self.pos;
        let quote = self.peek();
        self.pos += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                0 => return Err(self.error_at(open, "this quoted value is never closed")),
                b'\'' if quote == b'\'' => {
                    self.pos += 1;
                    if self.peek() != b'\'' {
                        return Ok(out);
                    }
                    out.push('\'');
                    self.pos += 1;
                }
                b'"' if quote == b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' if quote == b'"' => self.escape(&mut out)?,
                b' ' | b'\t' | b'\n' => {
                    let start = self.pos;
                    self.skip_blank_only();
                    if self.peek() == b'\n' {
                        let mut breaks = 0;
                        while self.peek() == b'\n' {
                            breaks += 1;
                            self.pos += 1;
                            self.skip_blank_only();
                        }
                        push_breaks(&mut out, breaks - 1);
                    } else {
                        out.push_str(self.slice(start, self.pos));
                    }
                }
                _ => {
                    let start = self.pos;
                    self.pos += 1;
                    while !matches!(self.peek(), 0 | b'\n' | b' ' | b'\t' | b'\\' | b'\'' | b'"') {
                        self.pos += 1;
                    }
                    out.push_str(self.slice(start, self.pos));
                }
            }
        }
    }

    /// A double-quoted scalar's escape, at its `\`.
    fn escape(&mut self, out: &mut String) -> Result<(), LoadError> {
        let at = self.pos;
        self.pos += 1;
        let c = self.peek();
        self.pos += 1;
        let ch = match c {
            b'0' => '\0',
            b'a' => '\x07',
            b'b' => '\x08',
            b't' | b'\t' => '\t',
            b'n' => '\n',
            b'v' => '\x0b',
            b'f' => '\x0c',
            b'r' => '\r',
            b'e' => '\x1b',
            b' ' => ' ',
            b'"' => '"',
            b'/' => '/',
            b'\\' => '\\',
            b'N' => '\u{85}',
            b'_' => '\u{a0}',
            b'L' => '\u{2028}',
            b'P' => '\u{2029}',
            b'\n' => {
                // An escaped line break joins the lines without a space.
                self.skip_blank_only();
                return Ok(());
            }
            b'x' | b'u' | b'U' => {
                let mut code = self.hex(at, c)?;
                if (0xD800..0xDC00).contains(&code) && self.b[self.pos..].starts_with(b"\\u") {
                    // A UTF-16 surrogate pair, as JSON writes characters outside the BMP.
                    let save = self.pos;
                    self.pos += 2;
                    let low = self.hex(at, b'u')?;
                    if (0xDC00..0xE000).contains(&low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    } else {
                        self.pos = save;
                    }
                }
                char::from_u32(code).ok_or_else(|| {
                    self.error_at(at, format!("`{}` is not a character", self.slice(at, self.pos)))
                })?
            }
            _ => {
                let shown = self.text.get(at..).and_then(|s| s.chars().nth(1)).unwrap_or(' ');
                return Err(self.error_at(at, format!("`\\{shown}` is not an escape YAML knows")));
            }
        };
        out.push(ch);
        Ok(())
    }

    fn hex(&mut self, at: usize, kind: u8) -> Result<u32, LoadError> {
        let digits = match kind {
            b'x' => 2,
            b'u' => 4,
            _ => 8,
        };
        let text = self.slice(self.pos, self.pos + digits);
        if text.len() != digits || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self
                .error_at(at, format!("`\\{}` needs {digits} hexadecimal digits", kind as char)));
        }
        self.pos += digits;
        Ok(u32::from_str_radix(text, 16).unwrap_or(0))
    }

    /// A literal (`|`) or folded (`>`) block scalar, for a node indented more than `indent`.
    fn block_scalar(&mut self, indent: isize) -> Result<String, LoadError> {
        let literal = self.peek() == b'|';
        self.pos += 1;
        let mut chomp = 0i8;
        let mut explicit = None;
        for _ in 0..2 {
            match self.peek() {
                b'-' => chomp = -1,
                b'+' => chomp = 1,
                d @ b'1'..=b'9' => explicit = Some((d - b'0') as isize),
                _ => break,
            }
            self.pos += 1;
        }
        self.end_of_line("a block scalar's indicator")?;
        let mut content_indent = explicit.map(|d| (indent + d).max(0) as usize);
        let mut lines: Vec<&str> = Vec::new();
        while self.peek() == b'\n' {
            let line = self.pos + 1;
            let first = self.after_spaces(line);
            let mut end = first;
            while !matches!(self.at(end), b'\n' | 0) {
                end += 1;
            }
            let spaces = first - line;
            if spaces == 0 && self.marker_at(line) {
                break;
            }
            if first == end {
                // An empty line; spaces beyond the content's indentation are content. (A tab
                // after the indentation is content too.)
                let text = match content_indent {
                    Some(m) if spaces > m => self.slice(line + m, end),
                    _ => "",
                };
                lines.push(text);
                self.pos = end;
                continue;
            }
            let m = match content_indent {
                Some(m) => m,
                None if spaces as isize > indent => *content_indent.insert(spaces),
                None => break,
            };
            if spaces < m {
                break;
            }
            lines.push(self.slice(line + m, end));
            self.pos = end;
        }
        let trailing = lines.iter().rev().take_while(|l| l.is_empty()).count();
        let body = &lines[..lines.len() - trailing];
        let mut out = String::new();
        if literal {
            for (i, line) in body.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(line);
            }
        } else {
            fold(&mut out, body);
        }
        match chomp {
            -1 => {}
            0 => {
                if !body.is_empty() {
                    out.push('\n');
                }
            }
            _ => {
                if !body.is_empty() {
                    out.push('\n');
                }
                newlines(&mut out, trailing);
            }
        }
        Ok(out)
    }

    /// Blanks, line breaks and comments inside a flow collection.
    fn flow_space(&mut self) {
        loop {
            match self.peek() {
                b' ' | b'\t' | b'\n' => self.pos += 1,
                b'#' if self.pos == 0 || space_or_end(self.b[self.pos - 1]) => {
                    while !matches!(self.peek(), b'\n' | 0) {
                        self.pos += 1;
                    }
                }
                _ => return,
            }
        }
    }

    /// A flow sequence (`[a, b]`) or flow mapping (`{a: 1}`), at its bracket.
    fn flow(&mut self) -> Result<Value, LoadError> {
        self.enter()?;
        let open = self.pos;
        let sequence = self.peek() == b'[';
        let close = if sequence { b']' } else { b'}' };
        self.pos += 1;
        let mut items = Vec::new();
        let mut map = Map::new();
        loop {
            self.flow_space();
            if self.peek() == close {
                self.pos += 1;
                break;
            }
            if self.at_end() {
                return Err(self.error_at(
                    open,
                    format!(
                        "this `{}` is never closed with `{}`",
                        self.b[open] as char, close as char
                    ),
                ));
            }
            let at = self.pos;
            self.push(items.len().to_string(), at);
            let node = self.flow_node();
            self.pop();
            let (item, key) = node?;
            self.flow_space();
            let value = if self.at_colon(true)
                || self.peek() == b':' && key.as_ref().is_some_and(|k| k.1)
            {
                self.pos += 1;
                self.flow_space();
                Some(if self.peek() == b',' || self.peek() == close {
                    Value::Null
                } else {
                    self.push(key.as_ref().map_or_else(String::new, |k| k.0.clone()), at);
                    let node = self.flow_node();
                    self.pop();
                    node?.0
                })
            } else {
                None
            };
            if sequence && value.is_none() {
                items.push(item);
            } else {
                let Some(key) = key else {
                    return Err(self.error("a flow collection cannot be a mapping key"));
                };
                let value = value.unwrap_or(Value::Null);
                // A flow key's flag says it was quoted; as a mapping key, whether it merges.
                let key = key_text(key.0, key.1);
                if sequence {
                    let mut pair = Map::new();
                    insert(&mut pair, key, value);
                    items.push(Value::Object(pair));
                } else {
                    self.insert(&mut map, key, at, value);
                }
            }
            self.flow_space();
            match self.peek() {
                b',' => self.pos += 1,
                c if c == close => {
                    self.pos += 1;
                    break;
                }
                0 => {
                    return Err(self.error_at(
                        open,
                        format!(
                            "this `{}` is never closed with `{}`",
                            self.b[open] as char, close as char
                        ),
                    ));
                }
                _ => return Err(self.error(format!("expected `,` or `{}`", close as char))),
            }
        }
        self.depth -= 1;
        Ok(if sequence { Value::Array(items) } else { Value::Object(map) })
    }

    /// A node inside a flow collection, with its text as a key when it is a scalar.
    fn flow_node(&mut self) -> Result<(Value, Option<(String, bool)>), LoadError> {
        let mut anchor = None;
        let mut tag = None;
        loop {
            match self.peek() {
                b'&' => anchor = Some(self.name("an anchor")?),
                b'!' => tag = Some(self.tag()),
                _ => break,
            }
            self.flow_space();
        }
        let (value, key) = match self.peek() {
            b'*' => (self.alias()?, None),
            b'[' | b'{' => (self.flow()?, None),
            b'\'' | b'"' => {
                let text = self.quoted()?;
                (Value::String(text.clone()), Some((text, true)))
            }
            c @ (b',' | b']' | b'}' | b':' | b'@' | b'`' | b'|' | b'>' | b'%' | b'#') => {
                return Err(self.error(format!("expected a value before `{}`", c as char)));
            }
            b'-' if self.at_entry() => {
                return Err(self.error("a block sequence cannot appear inside `[ ]` or `{ }`"));
            }
            _ => {
                let mut text = String::from(self.plain_line(true));
                // A plain scalar may go on over the next lines.
                loop {
                    let save = self.pos;
                    self.flow_space();
                    if self.pos == save
                        || matches!(self.peek(), b',' | b'[' | b']' | b'{' | b'}' | b'#' | 0)
                        || self.at_colon(true)
                        || !self.slice(save, self.pos).contains('\n')
                    {
                        self.pos = save;
                        break;
                    }
                    let more = self.plain_line(true);
                    text.push(' ');
                    text.push_str(more);
                }
                let key = Some((text.clone(), false));
                (scalar(text, tag), key)
            }
        };
        Ok((self.define(anchor, short_form(tag, value)), key))
    }
}

/// CloudFormation's intrinsic functions that have a short form (`!Sub`), less `Ref` and
/// `Condition`, whose long forms have no `Fn::`.
const SHORT_FORMS: &[&str] = &[
    "And",
    "Base64",
    "Cidr",
    "Equals",
    "FindInMap",
    "GetAZs",
    "GetAtt",
    "If",
    "ImportValue",
    "Join",
    "Length",
    "Not",
    "Or",
    "Select",
    "Split",
    "Sub",
    "ToJsonString",
    "Transform",
];

/// A value tagged with a CloudFormation short form as the long form it stands for: `!Ref X` is
/// `{"Ref": "X"}`, `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`, `!Sub t` is `{"Fn::Sub": t}`.
fn short_form(tag: Option<&str>, value: Value) -> Value {
    let Some(name) = tag.and_then(|t| t.strip_prefix('!')) else { return value };
    let key = match name {
        "Ref" | "Condition" => name.to_string(),
        _ if SHORT_FORMS.contains(&name) => format!("Fn::{name}"),
        _ => return value,
    };
    let value = match (name, value) {
        ("GetAtt", Value::String(dotted)) => match dotted.split_once('.') {
            Some((id, attribute)) => Value::Array(vec![id.into(), attribute.into()]),
            None => Value::String(dotted),
        },
        (_, value) => value,
    };
    let mut long = Map::new();
    long.insert(key, value);
    Value::Object(long)
}

/// A plain scalar's value under the core schema (and `!!str`).
fn scalar(text: String, tag: Option<&str>) -> Value {
    if tag == Some("!!str") {
        return Value::String(text);
    }
    resolve(&text).unwrap_or(Value::String(text))
}

/// A plain scalar's null, boolean or number; `None` for a string.
fn resolve(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Some(Value::Null),
        "true" | "True" | "TRUE" => Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => Some(Value::Bool(false)),
        _ => number(text),
    }
}

/// A core-schema integer or float, as JSON reads it (`.inf` and `.nan` have no JSON number).
fn number(text: &str) -> Option<Value> {
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(rest) = text.strip_prefix(prefix) {
            if rest.is_empty() || !rest.bytes().all(|c| (c as char).is_digit(radix)) {
                return None;
            }
            return u64::from_str_radix(rest, radix).ok().map(Value::from);
        }
    }
    let (sign, unsigned) = match text.as_bytes().first()? {
        b'-' => ("-", &text[1..]),
        b'+' => ("", &text[1..]),
        _ => ("", text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    if !digits(whole) || !fraction.is_none_or(digits) {
        return None;
    }
    if whole.is_empty() && fraction.is_none_or(str::is_empty) {
        return None;
    }
    if let Some(e) = exponent {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e.is_empty() || !digits(e) {
            return None;
        }
    }
    // Rewritten in JSON's number syntax and read by serde_json, the way JSON files are read.
    let whole = whole.trim_start_matches('0');
    let mut json = String::with_capacity(text.len() + 3);
    json.push_str(sign);
    json.push_str(if whole.is_empty() { "0" } else { whole });
    match fraction {
        Some("") => json.push_str(".0"),
        Some(f) => {
            json.push('.');
            json.push_str(f);
        }
        None => {}
    }
    if let Some(e) = exponent {
        json.push('e');
        json.push_str(e);
    }
    serde_json::from_str::<Value>(&json).ok()
}

/// A mapping key's text: plain keys that read as null, booleans or integers are written the
/// way JSON would write them (`~` → `null`, `0x1F` → `31`). The flag marks a `<<` merge key.
fn key_text(text: String, quoted: bool) -> (String, bool) {
    if quoted {
        return (text, false);
    }
    if text == "<<" {
        return (text, true);
    }
    let text = match resolve(&text) {
        Some(Value::Null) => "null".into(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) if !n.is_f64() => n.to_string(),
        _ => text,
    };
    (text, false)
}

/// Inserts an entry; a `<<` merge key's mapping (or sequence of mappings) adds the keys the
/// mapping does not have.
fn insert(map: &mut Map<String, Value>, (key, merge): (String, bool), value: Value) {
    let merged = match (&value, merge) {
        (Value::Object(_), true) => std::slice::from_ref(&value),
        (Value::Array(items), true) if items.iter().all(Value::is_object) => items.as_slice(),
        _ => {
            map.insert(key, value);
            return;
        }
    };
    for source in merged {
        if let Value::Object(source) = source {
            for (k, v) in source {
                if !map.contains_key(k) {
                    map.insert(k.clone(), v.clone());
                }
            }
        }
    }
}

/// Folds a folded block scalar's lines: a line break between two lines of text becomes a
/// space; blank lines and lines indented further keep their breaks.
fn fold(out: &mut String, lines: &[&str]) {
    let mut previous_text = false;
    let mut empty = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            empty += 1;
            continue;
        }
        let text = !line.starts_with([' ', '\t']);
        if i == empty {
            newlines(out, empty);
        } else if previous_text && text {
            push_breaks(out, empty);
        } else {
            newlines(out, empty + 1);
        }
        out.push_str(line);
        previous_text = text;
        empty = 0;
    }
}

/// A folded line break: a space, or the line breaks of the blank lines that followed it.
fn push_breaks(out: &mut String, breaks: usize) {
    if breaks == 0 {
        out.push(' ');
    }
    newlines(out, breaks);
}

fn newlines(out: &mut String, count: usize) {
    for _ in 0..count {
        out.push('\n');
    }
}

/// How many values a value holds, itself included, and how many bytes of text (keys and
/// strings).
fn size(value: &Value) -> (usize, usize) {
    match value {
        Value::Array(items) => items.iter().map(size).fold((1, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let (nodes, bytes) = size(v);
                (nodes, bytes + k.len())
            })
            .fold((1, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
        Value::String(s) => (1, s.len()),
        _ => (1, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_openapi_shaped_yaml() {
        let v = parse("openapi: 3.0.1\ninfo:\n  title: Pets\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n").unwrap();
        assert_eq!(v["openapi"], "3.0.1");
        assert_eq!(v["paths"]["/pets"]["get"]["responses"]["200"]["description"], "ok");
    }

    #[test]
    fn errors_have_line_and_column() {
        let e = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        assert!(parse("").is_err());
        assert!(parse("just text").is_err());
    }
}

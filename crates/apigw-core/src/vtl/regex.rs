//! Java regular expressions (`java.util.regex`), as API Gateway evaluates selection patterns
//! and as templates' `matches`, `replaceAll` and `split` take them. A backtracking matcher
//! with a step budget, so that no pattern runs unbounded.
//!
//! The syntax and its meaning follow Java's `Pattern` documentation,
//! <https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html>, and the
//! replacement and split rules `Matcher.appendReplacement` and `Pattern.split`,
//! <https://docs.oracle.com/javase/8/docs/api/java/util/regex/Matcher.html>.
//!
//! The pattern is parsed into a tree and compiled into a small program for a backtracking
//! machine with an explicit stack: the only recursion at match time is into lookaround and
//! atomic groups, as deep as they nest in the pattern, and the parser refuses nesting deeper
//! than [`MAX_NESTING`]. Every instruction counts against a budget of
//! [`STEPS`] plus [`STEPS_PER_CHAR`] per character of the text, per call.
//!
//! Positions are Unicode code points (Java counts UTF-16 units; the two differ only for
//! characters outside the Basic Multilingual Plane, where matching a code point is what a
//! pattern author means). Unicode categories (`\p{L}`, `\p{Lu}`, …) are computed from Rust's
//! `char` properties, close to but not exactly Unicode's general categories.

use std::fmt;

/// Steps every call may take, whatever the text.
pub const STEPS: u64 = 1_000_000;
/// Further steps per character of the text, so that long texts with simple patterns finish.
pub const STEPS_PER_CHAR: u64 = 64;
/// How deep groups and classes may nest in a pattern.
pub const MAX_NESTING: usize = 200;
/// How many instructions a compiled pattern may have (`{n,m}` repeats its operand).
const MAX_PROGRAM: usize = 200_000;

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct JavaRegex {
    prog: Vec<Inst>,
    classes: Vec<Class>,
    /// Capturing groups, not counting group 0.
    groups: usize,
    names: Vec<(String, usize)>,
    registers: usize,
}

/// A pattern ran out of its step budget, or could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegexError(pub String);

impl fmt::Display for RegexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One match: byte offsets into the text; `groups[0]` is the whole match, `groups[n]` the
/// `n`th capturing group (`None` when it took no part).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub groups: Vec<Option<(usize, usize)>>,
}

fn too_long() -> RegexError {
    RegexError("the pattern takes too long on this text".into())
}

impl JavaRegex {
    /// Compiles `pattern` in Java's syntax (the one [`crate::grammar::java_regex`] accepts).
    pub fn new(pattern: &str) -> Result<JavaRegex, RegexError> {
        let chars = remove_qe_quoting(pattern);
        let mut parser = Parser {
            chars,
            pos: 0,
            flags: Flags::default(),
            groups: 0,
            names: Vec::new(),
            depth: 0,
            classes: Vec::new(),
        };
        let node = parser.parse_alternation()?;
        if parser.pos < parser.chars.len() {
            // Only a `)` stops the top-level alternation early.
            return Err(parser.error("Unmatched closing ')'", parser.pos.saturating_sub(0)));
        }
        let mut compiler = Compiler { prog: Vec::new(), registers: 2 * (parser.groups + 1) };
        compiler.emit(Inst::Save(0))?;
        compiler.compile(&node)?;
        compiler.emit(Inst::Save(1))?;
        compiler.emit(Inst::Match)?;
        Ok(JavaRegex {
            prog: compiler.prog,
            classes: parser.classes,
            groups: parser.groups,
            names: parser.names,
            registers: compiler.registers,
        })
    }

    /// How many capturing groups the pattern has (group 0 not counted).
    pub fn group_count(&self) -> usize {
        self.groups
    }

    /// The number of the group named `name`.
    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|&(_, i)| i)
    }

    /// Java's `String.matches` / `Pattern.matches`: the whole text matches.
    pub fn matches(&self, text: &str) -> Result<bool, RegexError> {
        let subject = Subject::new(text);
        let mut ctx = Ctx::new(self, &subject);
        ctx.reset();
        Ok(ctx.run(0, 0, Some(subject.chars.len()), 0)?.is_some())
    }

    /// Java's `Matcher.find(start)`: the first match at or after byte offset `start` (a
    /// position inside a character counts from the next character). `None` when there is
    /// none or `start` is past the end.
    pub fn find_at(&self, text: &str, start: usize) -> Result<Option<Match>, RegexError> {
        let subject = Subject::new(text);
        let mut ctx = Ctx::new(self, &subject);
        let Some(from) = subject.char_index(start) else { return Ok(None) };
        Ok(ctx.search(from, from)?.map(|()| ctx.current_match()))
    }

    /// Java's `Matcher.find()`: the first match in the text.
    pub fn find(&self, text: &str) -> Result<Option<Match>, RegexError> {
        self.find_at(text, 0)
    }

    /// Every match, in order, as Java's successive `Matcher.find()` calls give them (after an
    /// empty match the search resumes one character further).
    pub fn find_all(&self, text: &str) -> Result<Vec<Match>, RegexError> {
        let subject = Subject::new(text);
        let mut ctx = Ctx::new(self, &subject);
        let mut out = Vec::new();
        ctx.each_match(|ctx| {
            out.push(ctx.current_match());
            true
        })?;
        Ok(out)
    }

    /// Java's `String.replaceAll`: `$1`/`${name}` in `replacement` name groups, `\$` is a dollar.
    pub fn replace_all(&self, text: &str, replacement: &str) -> Result<String, RegexError> {
        self.replace(text, replacement, false)
    }

    /// Java's `String.replaceFirst`.
    pub fn replace_first(&self, text: &str, replacement: &str) -> Result<String, RegexError> {
        self.replace(text, replacement, true)
    }

    fn replace(&self, text: &str, replacement: &str, first: bool) -> Result<String, RegexError> {
        let pieces = self.parse_replacement(replacement)?;
        let subject = Subject::new(text);
        let mut ctx = Ctx::new(self, &subject);
        let mut out = String::new();
        let mut last = 0usize;
        ctx.each_match(|ctx| {
            let m = ctx.current_match();
            out.push_str(text.get(last..m.start).unwrap_or(""));
            for piece in &pieces {
                match piece {
                    Piece::Text(t) => out.push_str(t),
                    Piece::Group(g) => {
                        if let Some(Some((s, e))) = m.groups.get(*g) {
                            out.push_str(text.get(*s..*e).unwrap_or(""));
                        }
                    }
                }
            }
            last = m.end;
            !first
        })?;
        out.push_str(text.get(last..).unwrap_or(""));
        Ok(out)
    }

    /// Java's `String.split(regex)`: trailing empty strings removed, a zero-width match at the
    /// start gives no leading empty string.
    pub fn split(&self, text: &str) -> Result<Vec<String>, RegexError> {
        self.split_limit(text, 0)
    }

    /// Java's `String.split(regex, limit)`: with `limit > 0` at most `limit` pieces, the last
    /// holding the rest; with `limit == 0` trailing empty strings are removed; with
    /// `limit < 0` they are kept.
    pub fn split_limit(&self, text: &str, limit: i64) -> Result<Vec<String>, RegexError> {
        let subject = Subject::new(text);
        let mut ctx = Ctx::new(self, &subject);
        let limited = limit > 0;
        let mut list: Vec<String> = Vec::new();
        let mut index = 0usize;
        ctx.each_match(|ctx| {
            let m = ctx.current_match();
            let size = list.len() as i64;
            if !limited || size < limit - 1 {
                if index == 0 && m.start == 0 && m.start == m.end {
                    // Java 8+: no leading empty string for a zero-width match at the start.
                    return true;
                }
                list.push(text.get(index..m.start).unwrap_or("").to_string());
                index = m.end;
            } else if size == limit - 1 {
                list.push(text.get(index..).unwrap_or("").to_string());
                index = m.end;
            }
            true
        })?;
        if index == 0 {
            return Ok(vec![text.to_string()]);
        }
        if !limited || (list.len() as i64) < limit {
            list.push(text.get(index..).unwrap_or("").to_string());
        }
        if limit == 0 {
            while list.last().is_some_and(String::is_empty) {
                list.pop();
            }
        }
        Ok(list)
    }

    /// Reads a replacement as `Matcher.appendReplacement` does.
    fn parse_replacement(&self, replacement: &str) -> Result<Vec<Piece>, RegexError> {
        let chars: Vec<char> = replacement.chars().collect();
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            match c {
                '\\' => match chars.get(i) {
                    Some(&next) => {
                        text.push(next);
                        i += 1;
                    }
                    None => {
                        return Err(RegexError(
                            "the replacement ends with `\\`: the character to be escaped is missing"
                                .into(),
                        ));
                    }
                },
                '$' => {
                    let group = match chars.get(i) {
                        None => {
                            return Err(RegexError(
                                "illegal group reference in the replacement: `$` at its end names no group".into(),
                            ));
                        }
                        Some('{') => {
                            i += 1;
                            let mut name = String::new();
                            loop {
                                match chars.get(i) {
                                    Some('}') => {
                                        i += 1;
                                        break;
                                    }
                                    Some(&c) if c.is_ascii_alphanumeric() => {
                                        name.push(c);
                                        i += 1;
                                    }
                                    _ => {
                                        return Err(RegexError(format!(
                                            "named capturing group `{name}` is missing its closing `}}` in the replacement"
                                        )));
                                    }
                                }
                            }
                            if name.is_empty() {
                                return Err(RegexError(
                                    "named capturing group has a 0 length name in the replacement"
                                        .into(),
                                ));
                            }
                            if name.starts_with(|c: char| c.is_ascii_digit()) {
                                return Err(RegexError(format!(
                                    "capturing group name {{{name}}} in the replacement starts with a digit"
                                )));
                            }
                            match self.group_index(&name) {
                                Some(g) => g,
                                None => {
                                    return Err(RegexError(format!(
                                        "the replacement names group `{name}`, which the pattern does not have"
                                    )));
                                }
                            }
                        }
                        Some(&d) if d.is_ascii_digit() => {
                            i += 1;
                            let mut group = d as usize - '0' as usize;
                            while let Some(&d) = chars.get(i) {
                                let Some(digit) = d.to_digit(10) else { break };
                                let bigger = group * 10 + digit as usize;
                                if bigger > self.groups {
                                    break;
                                }
                                group = bigger;
                                i += 1;
                            }
                            if group > self.groups {
                                return Err(RegexError(format!(
                                    "the replacement refers to group {group}, but the pattern has {} group{}",
                                    self.groups,
                                    if self.groups == 1 { "" } else { "s" }
                                )));
                            }
                            group
                        }
                        Some(_) => {
                            return Err(RegexError(
                                "illegal group reference in the replacement: `$` must be followed by a group number or {name} (write `\\$` for a dollar sign)".into(),
                            ));
                        }
                    };
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Group(group));
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(pieces)
    }
}

enum Piece {
    Text(String),
    Group(usize),
}

/// Java's `RemoveQEQuoting`: `\Q…\E` becomes its characters, each escaped unless a letter or
/// digit, so that quoting works inside classes too.
fn remove_qe_quoting(pattern: &str) -> Vec<char> {
    let src: Vec<char> = pattern.chars().collect();
    let mut out = Vec::with_capacity(src.len());
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        if c == '\\' && src.get(i + 1) == Some(&'Q') {
            i += 2;
            while i < src.len() {
                if src[i] == '\\' && src.get(i + 1) == Some(&'E') {
                    i += 2;
                    break;
                }
                let q = src[i];
                if !q.is_ascii_alphanumeric() {
                    out.push('\\');
                }
                out.push(q);
                i += 1;
            }
            continue;
        }
        if c == '\\' {
            out.push(c);
            if let Some(&n) = src.get(i + 1) {
                out.push(n);
            }
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The pattern's tree.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Flags {
    /// `i`: case-insensitive (ASCII only unless `u`).
    icase: bool,
    /// `u`: case-insensitive matching by Unicode's case rules.
    ucase: bool,
    /// `s`: `.` matches line terminators.
    dotall: bool,
    /// `m`: `^` and `$` at every line.
    multiline: bool,
    /// `x`: whitespace and `#` comments ignored.
    comments: bool,
    /// `d`: only `\n` ends a line.
    unix: bool,
    /// `U`: `\w`, `\d`, `\s`, POSIX classes by Unicode.
    uclass: bool,
}

impl Flags {
    fn fold(self) -> Fold {
        if !self.icase {
            Fold::None
        } else if self.ucase {
            Fold::Unicode
        } else {
            Fold::Ascii
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fold {
    None,
    Ascii,
    Unicode,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Greed {
    Greedy,
    Lazy,
    Possessive,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    /// `^` without `m`, `\A`.
    Begin,
    /// `\z`.
    End,
    /// `$` without `m`, `\Z`.
    EndOrFinalTerminator {
        unix: bool,
    },
    /// `^` with `m`.
    LineStart {
        unix: bool,
    },
    /// `$` with `m`.
    LineEnd {
        unix: bool,
    },
    WordBoundary {
        unicode: bool,
    },
    NotWordBoundary {
        unicode: bool,
    },
    /// `\G`.
    LastMatchEnd,
}

#[derive(Clone, Debug)]
enum Node {
    Empty,
    Char(char, Fold),
    /// `.`.
    Any {
        dotall: bool,
        unix: bool,
    },
    Class(usize),
    Anchor(Anchor),
    Group(Box<Node>, Option<usize>),
    Concat(Vec<Node>),
    Alternation(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greed: Greed,
    },
    Look {
        node: Box<Node>,
        ahead: bool,
        negate: bool,
    },
    Atomic(Box<Node>),
    BackRef(usize, Fold),
    /// `\R`: `\r\n` or one vertical whitespace, atomically.
    LineBreak,
}

/// What a class contains.
#[derive(Clone, Debug)]
struct Class {
    items: Vec<ClassItem>,
    negated: bool,
    fold: Fold,
}

#[derive(Clone, Debug)]
enum ClassItem {
    Range(char, char),
    Set(Box<Class>),
    Prop(Prop, bool),
    And(Box<Class>, Box<Class>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prop {
    Digit,
    Word,
    Space,
    HSpace,
    VSpace,
    UDigit,
    UWord,
    USpace,
    // POSIX (ASCII) classes.
    Lower,
    Upper,
    Ascii,
    Alpha,
    Alnum,
    Punct,
    Graph,
    Print,
    Blank,
    Cntrl,
    XDigit,
    // Unicode.
    Letter,
    UpperLetter,
    LowerLetter,
    TitleLetter,
    CasedLetter,
    OtherLetter,
    Number,
    DecimalNumber,
    Punctuation,
    Separator,
    SpaceSeparator,
    LineSeparator,
    ParagraphSeparator,
    Control,
    Alphabetic,
    Lowercase,
    Uppercase,
    WhiteSpace,
    Any,
    // Blocks and scripts.
    Range(char, char),
}

impl Class {
    fn contains(&self, c: char) -> bool {
        let hit = match self.fold {
            Fold::None => self.has(c),
            Fold::Ascii => {
                self.has(c)
                    || (c.is_ascii()
                        && (self.has(c.to_ascii_lowercase()) || self.has(c.to_ascii_uppercase())))
            }
            Fold::Unicode => self.has(c) || self.has(simple_lower(c)) || self.has(simple_upper(c)),
        };
        hit != self.negated
    }

    fn has(&self, c: char) -> bool {
        self.items.iter().any(|item| match item {
            ClassItem::Range(lo, hi) => *lo <= c && c <= *hi,
            ClassItem::Set(class) => class.contains(c),
            ClassItem::Prop(prop, negated) => prop.contains(c) != *negated,
            ClassItem::And(a, b) => a.contains(c) && b.contains(c),
        })
    }
}

fn simple_lower(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn simple_upper(c: char) -> char {
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

fn chars_equal(a: char, b: char, fold: Fold) -> bool {
    a == b
        || match fold {
            Fold::None => false,
            Fold::Ascii => a.is_ascii() && a.eq_ignore_ascii_case(&b),
            Fold::Unicode => {
                simple_upper(a) == simple_upper(b) || simple_lower(a) == simple_lower(b)
            }
        }
}

fn is_line_terminator(c: char, unix: bool) -> bool {
    if unix { c == '\n' } else { matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `\b`'s idea of a word character: Java's `Character.isLetterOrDigit` or `_`.
fn is_bound_word(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Whether `c` is in Unicode's Nd (decimal digit) category: runs of ten from these starts.
fn is_decimal_digit(c: char) -> bool {
    const STARTS: [u32; 38] = [
        0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
        0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
        0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
        0xFF10, 0x104A0,
    ];
    let n = c as u32;
    STARTS.iter().any(|&s| n >= s && n < s + 10)
        || (0x1D7CE..=0x1D7FF).contains(&n)
        || (0x11066..0x11070).contains(&n)
}

fn is_titlecase(c: char) -> bool {
    matches!(c as u32,
        0x1C5 | 0x1C8 | 0x1CB | 0x1F2 | 0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF
        | 0x1FBC | 0x1FCC | 0x1FFC)
}

fn is_letter(c: char) -> bool {
    // Alphabetic without letter numbers (Nl) and the combining marks that are alphabetic.
    c.is_alphabetic()
        && !c.is_numeric()
        && !matches!(c as u32, 0x300..=0x36F | 0x5B0..=0x5C7 | 0x610..=0x61A
            | 0x64B..=0x657 | 0x659..=0x65F | 0x670 | 0x6D6..=0x6ED | 0x900..=0x903
            | 0x93A..=0x94C | 0x94E..=0x94F | 0x955..=0x957 | 0x962..=0x963)
}

fn is_unicode_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            '!' | '"'
                | '#'
                | '%'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | ','
                | '-'
                | '.'
                | '/'
                | ':'
                | ';'
                | '?'
                | '@'
                | '['
                | '\\'
                | ']'
                | '_'
                | '{'
                | '}'
        );
    }
    matches!(c as u32,
        0xA1 | 0xA7 | 0xAB | 0xB6 | 0xB7 | 0xBB | 0xBF | 0x37E | 0x387 | 0x55A..=0x55F | 0x589
        | 0x58A | 0x5BE | 0x5C0 | 0x5C3 | 0x5C6 | 0x5F3 | 0x5F4 | 0x609 | 0x60A | 0x60C | 0x60D
        | 0x61B | 0x61E | 0x61F | 0x66A..=0x66D | 0x6D4 | 0x964 | 0x965 | 0x970 | 0xE4F
        | 0xE5A | 0xE5B | 0x2010..=0x2027 | 0x2030..=0x2043 | 0x2045..=0x2051 | 0x2053..=0x205E
        | 0x207D | 0x207E | 0x208D | 0x208E | 0x2308..=0x230B | 0x2329 | 0x232A
        | 0x2768..=0x2775 | 0x27C5 | 0x27C6 | 0x27E6..=0x27EF | 0x2983..=0x2998
        | 0x29D8..=0x29DB | 0x29FC | 0x29FD | 0x2E00..=0x2E2E | 0x2E30..=0x2E4F
        | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F | 0x3030 | 0x303D | 0x30A0
        | 0x30FB | 0xFE10..=0xFE19 | 0xFE30..=0xFE52 | 0xFE54..=0xFE61 | 0xFE63 | 0xFE68
        | 0xFE6A | 0xFE6B | 0xFF01..=0xFF03 | 0xFF05..=0xFF0A | 0xFF0C..=0xFF0F | 0xFF1A
        | 0xFF1B | 0xFF1F | 0xFF20 | 0xFF3B..=0xFF3D | 0xFF3F | 0xFF5B | 0xFF5D
        | 0xFF5F..=0xFF65)
}

fn is_space_separator(c: char) -> bool {
    matches!(c as u32, 0x20 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000)
}

impl Prop {
    fn contains(self, c: char) -> bool {
        match self {
            Prop::Digit => c.is_ascii_digit(),
            Prop::Word => is_word(c),
            Prop::Space => matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r'),
            Prop::HSpace => {
                matches!(
                    c as u32,
                    0x20 | 0x09 | 0xA0 | 0x1680 | 0x180E | 0x2000
                        ..=0x200A | 0x202F | 0x205F | 0x3000
                )
            }
            Prop::VSpace => matches!(c as u32, 0x0A..=0x0D | 0x85 | 0x2028 | 0x2029),
            Prop::UDigit => is_decimal_digit(c),
            Prop::UWord => {
                c.is_alphabetic()
                    || is_decimal_digit(c)
                    || c == '_'
                    || matches!(c as u32, 0x200C | 0x200D | 0x300..=0x36F | 0x203F | 0x2040)
            }
            Prop::USpace | Prop::WhiteSpace => c.is_whitespace(),
            Prop::Lower => c.is_ascii_lowercase(),
            Prop::Upper => c.is_ascii_uppercase(),
            Prop::Ascii => c.is_ascii(),
            Prop::Alpha => c.is_ascii_alphabetic(),
            Prop::Alnum => c.is_ascii_alphanumeric(),
            Prop::Punct => c.is_ascii_punctuation(),
            Prop::Graph => c.is_ascii_graphic(),
            Prop::Print => c.is_ascii_graphic() || c == ' ',
            Prop::Blank => c == ' ' || c == '\t',
            Prop::Cntrl => c.is_ascii_control(),
            Prop::XDigit => c.is_ascii_hexdigit(),
            Prop::Letter => is_letter(c),
            Prop::UpperLetter => is_letter(c) && c.is_uppercase(),
            Prop::LowerLetter => is_letter(c) && c.is_lowercase() && !matches!(c, 'ª' | 'º'),
            Prop::TitleLetter => is_titlecase(c),
            Prop::CasedLetter => {
                is_letter(c) && (c.is_uppercase() || c.is_lowercase() || is_titlecase(c))
            }
            Prop::OtherLetter => {
                is_letter(c) && !c.is_uppercase() && !c.is_lowercase() && !is_titlecase(c)
            }
            Prop::Number => c.is_numeric(),
            Prop::DecimalNumber => is_decimal_digit(c),
            Prop::Punctuation => is_unicode_punctuation(c),
            Prop::Separator => is_space_separator(c) || c == '\u{2028}' || c == '\u{2029}',
            Prop::SpaceSeparator => is_space_separator(c),
            Prop::LineSeparator => c == '\u{2028}',
            Prop::ParagraphSeparator => c == '\u{2029}',
            Prop::Control => c.is_control(),
            Prop::Alphabetic => c.is_alphabetic(),
            Prop::Lowercase => c.is_lowercase(),
            Prop::Uppercase => c.is_uppercase(),
            Prop::Any => true,
            Prop::Range(lo, hi) => lo <= c && c <= hi,
        }
    }

    /// Java's names for `\p{…}`: POSIX classes, `java…` methods, Unicode categories, binary
    /// properties (`IsAlphabetic`), a few blocks (`InGreek`) and scripts (`IsLatin`).
    fn by_name(name: &str, uclass: bool) -> Option<Prop> {
        if let Some(block) = name.strip_prefix("In") {
            return block_by_name(block);
        }
        if let Some(rest) = name.strip_prefix("Is") {
            let upper = rest.to_ascii_uppercase().replace([' ', '_', '-'], "");
            let binary = match upper.as_str() {
                "ALPHABETIC" => Some(Prop::Alphabetic),
                "LETTER" => Some(Prop::Letter),
                "LOWERCASE" => Some(Prop::Lowercase),
                "UPPERCASE" => Some(Prop::Uppercase),
                "TITLECASE" => Some(Prop::TitleLetter),
                "WHITESPACE" => Some(Prop::WhiteSpace),
                "CONTROL" => Some(Prop::Control),
                "PUNCTUATION" => Some(Prop::Punctuation),
                "HEXDIGIT" => Some(Prop::XDigit),
                "DIGIT" => Some(Prop::UDigit),
                "ALNUM" => Some(Prop::UWord),
                "WORD" => Some(Prop::UWord),
                _ => None,
            };
            return binary
                .or_else(|| Prop::category(rest))
                .or_else(|| Prop::posix(rest, uclass))
                .or_else(|| script_by_name(&upper));
        }
        if let Some(v) = name.strip_prefix("general_category=").or_else(|| name.strip_prefix("gc="))
        {
            return Prop::category(v);
        }
        if let Some(v) = name.strip_prefix("script=").or_else(|| name.strip_prefix("sc=")) {
            return script_by_name(&v.to_ascii_uppercase());
        }
        if let Some(v) = name.strip_prefix("block=").or_else(|| name.strip_prefix("blk=")) {
            return block_by_name(v);
        }
        Prop::posix(name, uclass).or_else(|| Prop::category(name))
    }

    fn posix(name: &str, uclass: bool) -> Option<Prop> {
        Some(match name {
            "Lower" if uclass => Prop::Lowercase,
            "Upper" if uclass => Prop::Uppercase,
            "Alpha" if uclass => Prop::Alphabetic,
            "Digit" if uclass => Prop::UDigit,
            "Alnum" if uclass => Prop::UWord,
            "Punct" if uclass => Prop::Punctuation,
            "Space" if uclass => Prop::WhiteSpace,
            "Lower" => Prop::Lower,
            "Upper" => Prop::Upper,
            "ASCII" => Prop::Ascii,
            "Alpha" => Prop::Alpha,
            "Digit" => Prop::Digit,
            "Alnum" => Prop::Alnum,
            "Punct" => Prop::Punct,
            "Graph" => Prop::Graph,
            "Print" => Prop::Print,
            "Blank" => Prop::Blank,
            "Cntrl" => Prop::Cntrl,
            "XDigit" => Prop::XDigit,
            "Space" => Prop::Space,
            "javaLowerCase" => Prop::Lowercase,
            "javaUpperCase" => Prop::Uppercase,
            "javaTitleCase" => Prop::TitleLetter,
            "javaAlphabetic" => Prop::Alphabetic,
            "javaLetter" => Prop::Letter,
            "javaDigit" => Prop::UDigit,
            "javaLetterOrDigit" => Prop::UWord,
            "javaWhitespace" => Prop::WhiteSpace,
            "javaSpaceChar" => Prop::Separator,
            "javaISOControl" => Prop::Control,
            "all" => Prop::Any,
            _ => return None,
        })
    }

    fn category(name: &str) -> Option<Prop> {
        Some(match name {
            "L" => Prop::Letter,
            "Lu" => Prop::UpperLetter,
            "Ll" => Prop::LowerLetter,
            "Lt" => Prop::TitleLetter,
            "LC" => Prop::CasedLetter,
            "Lo" => Prop::OtherLetter,
            "N" => Prop::Number,
            "Nd" => Prop::DecimalNumber,
            "P" => Prop::Punctuation,
            "Z" => Prop::Separator,
            "Zs" => Prop::SpaceSeparator,
            "Zl" => Prop::LineSeparator,
            "Zp" => Prop::ParagraphSeparator,
            "Cc" => Prop::Control,
            _ => return None,
        })
    }
}

fn block_by_name(name: &str) -> Option<Prop> {
    let key = name.to_ascii_uppercase().replace([' ', '_', '-'], "");
    let (lo, hi) = match key.as_str() {
        "BASICLATIN" => (0x0, 0x7F),
        "LATIN1SUPPLEMENT" => (0x80, 0xFF),
        "LATINEXTENDEDA" => (0x100, 0x17F),
        "LATINEXTENDEDB" => (0x180, 0x24F),
        "GREEK" | "GREEKANDCOPTIC" => (0x370, 0x3FF),
        "CYRILLIC" => (0x400, 0x4FF),
        "HEBREW" => (0x590, 0x5FF),
        "ARABIC" => (0x600, 0x6FF),
        "DEVANAGARI" => (0x900, 0x97F),
        "THAI" => (0xE00, 0xE7F),
        "HIRAGANA" => (0x3040, 0x309F),
        "KATAKANA" => (0x30A0, 0x30FF),
        "CJKUNIFIEDIDEOGRAPHS" => (0x4E00, 0x9FFF),
        "HANGULSYLLABLES" => (0xAC00, 0xD7AF),
        "GENERALPUNCTUATION" => (0x2000, 0x206F),
        "CURRENCYSYMBOLS" => (0x20A0, 0x20CF),
        _ => return None,
    };
    Some(Prop::Range(char::from_u32(lo)?, char::from_u32(hi)?))
}

fn script_by_name(upper: &str) -> Option<Prop> {
    let (lo, hi) = match upper {
        "GREEK" => (0x370, 0x3FF),
        "CYRILLIC" => (0x400, 0x52F),
        "HEBREW" => (0x591, 0x5F4),
        "ARABIC" => (0x600, 0x6FF),
        "HIRAGANA" => (0x3041, 0x309F),
        "KATAKANA" => (0x30A0, 0x30FF),
        "HAN" => (0x4E00, 0x9FFF),
        "HANGUL" => (0xAC00, 0xD7A3),
        "THAI" => (0xE01, 0xE5B),
        _ => return None,
    };
    Some(Prop::Range(char::from_u32(lo)?, char::from_u32(hi)?))
}

// ---------------------------------------------------------------------------------------------
// The parser.

struct Parser {
    chars: Vec<char>,
    pos: usize,
    flags: Flags,
    groups: usize,
    names: Vec<(String, usize)>,
    depth: usize,
    classes: Vec<Class>,
}

impl Parser {
    fn error(&self, what: &str, index: usize) -> RegexError {
        RegexError(format!("{what} near index {index}"))
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    /// In comments mode, skips whitespace and `#…` to the end of the line.
    fn skip_ignored(&mut self) {
        if !self.flags.comments {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.pos += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if is_line_terminator(c, self.flags.unix) {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn enter(&mut self) -> Result<(), RegexError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.error(
                &format!("the pattern nests groups or classes more than {MAX_NESTING} deep"),
                self.pos,
            ));
        }
        Ok(())
    }

    fn parse_alternation(&mut self) -> Result<Node, RegexError> {
        let mut branches = vec![self.parse_sequence()?];
        while self.peek() == Some('|') {
            self.pos += 1;
            branches.push(self.parse_sequence()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alternation(branches)
        })
    }

    fn parse_sequence(&mut self) -> Result<Node, RegexError> {
        let mut items = Vec::new();
        loop {
            self.skip_ignored();
            let Some(c) = self.peek() else { break };
            let at = self.pos;
            let atom = match c {
                '|' | ')' => break,
                '*' | '+' | '?' => {
                    return Err(self.error(&format!("Dangling meta character '{c}'"), at));
                }
                // Java repeats an empty node: `{2}` alone, or after a quantifier, is valid.
                '{' => Node::Empty,
                '(' => {
                    self.pos += 1;
                    match self.parse_group()? {
                        Some(node) => node,
                        None => continue,
                    }
                }
                '[' => {
                    self.pos += 1;
                    let class = self.parse_class()?;
                    self.classes.push(class);
                    Node::Class(self.classes.len() - 1)
                }
                '\\' => {
                    self.pos += 1;
                    self.parse_escape()?
                }
                '.' => {
                    self.pos += 1;
                    Node::Any { dotall: self.flags.dotall, unix: self.flags.unix }
                }
                '^' => {
                    self.pos += 1;
                    Node::Anchor(if self.flags.multiline {
                        Anchor::LineStart { unix: self.flags.unix }
                    } else {
                        Anchor::Begin
                    })
                }
                '$' => {
                    self.pos += 1;
                    Node::Anchor(if self.flags.multiline {
                        Anchor::LineEnd { unix: self.flags.unix }
                    } else {
                        Anchor::EndOrFinalTerminator { unix: self.flags.unix }
                    })
                }
                c => {
                    self.pos += 1;
                    Node::Char(c, self.flags.fold())
                }
            };
            let atom = self.parse_quantifier(atom)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    fn parse_quantifier(&mut self, atom: Node) -> Result<Node, RegexError> {
        self.skip_ignored();
        let at = self.pos;
        let (min, max) = match self.peek() {
            Some('*') => {
                self.pos += 1;
                (0, None)
            }
            Some('+') => {
                self.pos += 1;
                (1, None)
            }
            Some('?') => {
                self.pos += 1;
                (0, Some(1))
            }
            Some('{') => {
                self.pos += 1;
                if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    return Err(self.error("Illegal repetition", at));
                }
                let min = self.number()?;
                let max = if self.peek() == Some(',') {
                    self.pos += 1;
                    if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        Some(self.number()?)
                    } else {
                        None
                    }
                } else {
                    Some(min)
                };
                if self.peek() != Some('}') {
                    return Err(self.error("Unclosed counted closure", self.pos));
                }
                self.pos += 1;
                if max.is_some_and(|max| max < min) {
                    return Err(self.error("Illegal repetition range", at));
                }
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.skip_ignored();
        let greed = match self.peek() {
            Some('?') => {
                self.pos += 1;
                Greed::Lazy
            }
            Some('+') => {
                self.pos += 1;
                Greed::Possessive
            }
            _ => Greed::Greedy,
        };
        Ok(Node::Repeat { node: Box::new(atom), min, max, greed })
    }

    fn number(&mut self) -> Result<u32, RegexError> {
        let at = self.pos;
        let mut n: u32 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(d))
                .ok_or_else(|| self.error("Illegal repetition range", at))?;
            self.pos += 1;
        }
        Ok(n)
    }

    /// After `(`. `None` for a flags-only group `(?i)`, whose flags last to the end of the
    /// enclosing group.
    fn parse_group(&mut self) -> Result<Option<Node>, RegexError> {
        let open = self.pos.saturating_sub(1);
        self.enter()?;
        let saved = self.flags;
        let node = if self.peek() == Some('?') {
            self.pos += 1;
            let kind = self.peek();
            match kind {
                Some(':') => {
                    self.pos += 1;
                    let inner = self.parse_alternation()?;
                    Node::Group(Box::new(inner), None)
                }
                Some('=' | '!') => {
                    self.pos += 1;
                    let inner = self.parse_alternation()?;
                    Node::Look { node: Box::new(inner), ahead: true, negate: kind == Some('!') }
                }
                Some('>') => {
                    self.pos += 1;
                    Node::Atomic(Box::new(self.parse_alternation()?))
                }
                Some('<') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(c @ ('=' | '!')) => {
                            self.pos += 1;
                            let inner = self.parse_alternation()?;
                            let (_, max) = width(&inner);
                            if max.is_none() {
                                return Err(self.error(
                                    "Look-behind group does not have an obvious maximum length",
                                    self.pos,
                                ));
                            }
                            Node::Look { node: Box::new(inner), ahead: false, negate: c == '!' }
                        }
                        Some(c) if c.is_ascii_alphabetic() => {
                            let name = self.group_name()?;
                            if self.names.iter().any(|(n, _)| *n == name) {
                                return Err(self.error(
                                    &format!("Named capturing group <{name}> is already defined"),
                                    self.pos.saturating_sub(1),
                                ));
                            }
                            self.groups += 1;
                            let index = self.groups;
                            self.names.push((name, index));
                            let inner = self.parse_alternation()?;
                            Node::Group(Box::new(inner), Some(index))
                        }
                        _ => {
                            return Err(self.error(
                                "capturing group name does not start with a Latin letter",
                                self.pos,
                            ));
                        }
                    }
                }
                _ => {
                    // Inline flags: `(?idmsuxU-idmsuxU)` or `(?…:X)`.
                    let mut on = true;
                    loop {
                        let c = self.peek();
                        self.pos += 1;
                        match c {
                            Some('-') => on = false,
                            Some('i') => self.flags.icase = on,
                            Some('d') => self.flags.unix = on,
                            Some('m') => self.flags.multiline = on,
                            Some('s') => self.flags.dotall = on,
                            Some('u') => self.flags.ucase = on,
                            Some('x') => self.flags.comments = on,
                            Some('U') => {
                                self.flags.uclass = on;
                                if on {
                                    self.flags.ucase = true;
                                }
                            }
                            Some(')') => {
                                self.depth -= 1;
                                return Ok(None);
                            }
                            Some(':') => break,
                            None => return Err(self.error("Unknown inline modifier", self.pos - 1)),
                            Some(_) => {
                                return Err(self.error("Unknown inline modifier", self.pos - 1));
                            }
                        }
                    }
                    let inner = self.parse_alternation()?;
                    Node::Group(Box::new(inner), None)
                }
            }
        } else {
            self.groups += 1;
            let index = self.groups;
            let inner = self.parse_alternation()?;
            Node::Group(Box::new(inner), Some(index))
        };
        if self.peek() != Some(')') {
            return Err(self.error("Unclosed group", self.chars.len().max(open)));
        }
        self.pos += 1;
        self.flags = saved;
        self.depth -= 1;
        Ok(Some(node))
    }

    /// A group name after `<`, through its `>`: a Latin letter, then Latin letters and digits.
    fn group_name(&mut self) -> Result<String, RegexError> {
        let mut name = String::new();
        loop {
            match self.peek() {
                Some('>') => {
                    self.pos += 1;
                    break;
                }
                Some(c) if c.is_ascii_alphanumeric() => {
                    name.push(c);
                    self.pos += 1;
                }
                _ => {
                    return Err(
                        self.error("named capturing group is missing trailing '>'", self.pos)
                    );
                }
            }
        }
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Err(
                self.error("capturing group name does not start with a Latin letter", self.pos)
            );
        }
        Ok(name)
    }

    /// After `\` outside a class.
    fn parse_escape(&mut self) -> Result<Node, RegexError> {
        let at = self.pos.saturating_sub(1);
        let Some(c) = self.peek() else {
            return Err(self.error("Unexpected internal error", self.chars.len()));
        };
        let fold = self.flags.fold();
        let unicode = self.flags.uclass;
        let anchor = match c {
            'A' => Some(Anchor::Begin),
            'z' => Some(Anchor::End),
            'Z' => Some(Anchor::EndOrFinalTerminator { unix: self.flags.unix }),
            'b' => Some(Anchor::WordBoundary { unicode }),
            'B' => Some(Anchor::NotWordBoundary { unicode }),
            'G' => Some(Anchor::LastMatchEnd),
            _ => None,
        };
        if let Some(anchor) = anchor {
            self.pos += 1;
            return Ok(Node::Anchor(anchor));
        }
        match c {
            'R' => {
                self.pos += 1;
                Ok(Node::LineBreak)
            }
            '1'..='9' => {
                self.pos += 1;
                let mut group = c as usize - '0' as usize;
                while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
                    let bigger = group * 10 + d as usize;
                    if bigger > self.groups {
                        break;
                    }
                    group = bigger;
                    self.pos += 1;
                }
                Ok(Node::BackRef(group, fold))
            }
            'k' => {
                self.pos += 1;
                if self.peek() != Some('<') {
                    return Err(self
                        .error("\\k is not followed by '<' for named capturing group", self.pos));
                }
                self.pos += 1;
                let name = self.group_name()?;
                match self.names.iter().find(|(n, _)| *n == name) {
                    Some(&(_, index)) => Ok(Node::BackRef(index, fold)),
                    None => Err(self.error(
                        &format!("named capturing group <{name}> does not exist"),
                        self.pos.saturating_sub(1),
                    )),
                }
            }
            _ => match self.class_escape(at, false)? {
                Escaped::Char(c) => Ok(Node::Char(c, fold)),
                Escaped::Prop(prop, negated) => {
                    let class = Class {
                        items: vec![ClassItem::Prop(prop, negated)],
                        negated: false,
                        fold: Fold::None,
                    };
                    self.classes.push(class);
                    Ok(Node::Class(self.classes.len() - 1))
                }
            },
        }
    }

    /// An escape that stands for a character or a set, after `\` (`self.pos` at the letter).
    fn class_escape(&mut self, at: usize, in_class: bool) -> Result<Escaped, RegexError> {
        let Some(c) = self.peek() else {
            return Err(self.error("Unexpected internal error", self.chars.len()));
        };
        self.pos += 1;
        let uclass = self.flags.uclass;
        let prop = |p: Prop, u: Prop| Escaped::Prop(if uclass { u } else { p }, false);
        let neg = |p: Prop, u: Prop| Escaped::Prop(if uclass { u } else { p }, true);
        Ok(match c {
            'd' => prop(Prop::Digit, Prop::UDigit),
            'D' => neg(Prop::Digit, Prop::UDigit),
            'w' => prop(Prop::Word, Prop::UWord),
            'W' => neg(Prop::Word, Prop::UWord),
            's' => prop(Prop::Space, Prop::USpace),
            'S' => neg(Prop::Space, Prop::USpace),
            'h' => Escaped::Prop(Prop::HSpace, false),
            'H' => Escaped::Prop(Prop::HSpace, true),
            'v' => Escaped::Prop(Prop::VSpace, false),
            'V' => Escaped::Prop(Prop::VSpace, true),
            'p' | 'P' => {
                let negated = c == 'P';
                let name: String = if self.peek() == Some('{') {
                    self.pos += 1;
                    let mut name = String::new();
                    loop {
                        match self.peek() {
                            Some('}') => {
                                self.pos += 1;
                                break;
                            }
                            Some(c) => {
                                name.push(c);
                                self.pos += 1;
                            }
                            None => {
                                return Err(self.error("Unclosed character family", self.pos));
                            }
                        }
                    }
                    name
                } else {
                    match self.peek() {
                        Some(c) => {
                            self.pos += 1;
                            c.to_string()
                        }
                        None => return Err(self.error("Illegal character family", self.pos)),
                    }
                };
                if name.is_empty() {
                    return Err(self.error("Empty character family", self.pos));
                }
                match Prop::by_name(&name, uclass) {
                    Some(p) => Escaped::Prop(p, negated),
                    None => {
                        return Err(self.error(
                            &format!("Unknown character property name {{{name}}} (or one this simulator does not support)"),
                            self.pos.saturating_sub(1),
                        ));
                    }
                }
            }
            't' => Escaped::Char('\t'),
            'n' => Escaped::Char('\n'),
            'r' => Escaped::Char('\r'),
            'f' => Escaped::Char('\u{c}'),
            'a' => Escaped::Char('\u{7}'),
            'e' => Escaped::Char('\u{1b}'),
            '0' => {
                let digit = |p: &Parser, i: usize| p.peek_at(i).and_then(|c| c.to_digit(8));
                let Some(first) = digit(self, 0) else {
                    return Err(self.error("Illegal octal escape sequence", self.pos));
                };
                let mut value = first;
                self.pos += 1;
                if let Some(second) = digit(self, 0) {
                    value = value * 8 + second;
                    self.pos += 1;
                    if first <= 3 {
                        if let Some(third) = digit(self, 0) {
                            value = value * 8 + third;
                            self.pos += 1;
                        }
                    }
                }
                Escaped::Char(char::from_u32(value).unwrap_or('\0'))
            }
            'x' => {
                if self.peek() == Some('{') {
                    self.pos += 1;
                    let start = self.pos;
                    while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                        self.pos += 1;
                    }
                    let hex: String = self.chars[start..self.pos].iter().collect();
                    if hex.is_empty() || self.peek() != Some('}') {
                        return Err(self.error("Unclosed hexadecimal escape sequence", self.pos));
                    }
                    self.pos += 1;
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(c) => Escaped::Char(c),
                        None => {
                            return Err(self.error(
                                "Hexadecimal codepoint is too big",
                                self.pos.saturating_sub(1),
                            ));
                        }
                    }
                } else {
                    let (Some(h), Some(l)) = (
                        self.peek().and_then(|c| c.to_digit(16)),
                        self.peek_at(1).and_then(|c| c.to_digit(16)),
                    ) else {
                        return Err(self.error("Illegal hexadecimal escape sequence", self.pos));
                    };
                    self.pos += 2;
                    Escaped::Char(char::from_u32(h * 16 + l).unwrap_or('\0'))
                }
            }
            'u' => {
                let mut value = 0u32;
                for i in 0..4 {
                    let Some(d) = self.peek_at(i).and_then(|c| c.to_digit(16)) else {
                        return Err(self.error("Illegal Unicode escape sequence", self.pos + i));
                    };
                    value = value * 16 + d;
                }
                self.pos += 4;
                // A surrogate pair written as two escapes makes one character.
                if (0xD800..0xDC00).contains(&value)
                    && self.peek() == Some('\\')
                    && self.peek_at(1) == Some('u')
                {
                    let mut low = 0u32;
                    let mut ok = true;
                    for i in 0..4 {
                        match self.peek_at(2 + i).and_then(|c| c.to_digit(16)) {
                            Some(d) => low = low * 16 + d,
                            None => ok = false,
                        }
                    }
                    if ok && (0xDC00..0xE000).contains(&low) {
                        self.pos += 6;
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
                    }
                }
                Escaped::Char(char::from_u32(value).unwrap_or('\u{fffd}'))
            }
            'c' => match self.peek() {
                Some(x) if (x as u32) < 128 => {
                    self.pos += 1;
                    Escaped::Char(char::from_u32(x as u32 ^ 64).unwrap_or('\0'))
                }
                _ => return Err(self.error("Illegal control escape sequence", self.pos)),
            },
            'b' | 'B' | 'A' | 'z' | 'Z' | 'G' | 'R' | 'k' | '1'..='9' if in_class => {
                return Err(self.error("Illegal/unsupported escape sequence", at + 1));
            }
            c if c.is_ascii_alphabetic() => {
                return Err(self.error("Illegal/unsupported escape sequence", at + 1));
            }
            c => Escaped::Char(c),
        })
    }

    /// After `[`, through its `]`.
    fn parse_class(&mut self) -> Result<Class, RegexError> {
        let open = self.pos.saturating_sub(1);
        self.enter()?;
        let fold = self.flags.fold();
        let mut negated = false;
        if self.peek() == Some('^') {
            self.pos += 1;
            negated = true;
        }
        // The items since the last `&&`, and what came before it.
        let mut items: Vec<ClassItem> = Vec::new();
        let mut left: Option<Class> = None;
        loop {
            self.skip_ignored();
            let Some(c) = self.peek() else {
                return Err(self.error("Unclosed character class", self.chars.len().max(open)));
            };
            match c {
                ']' if !items.is_empty() || left.is_some() => {
                    self.pos += 1;
                    break;
                }
                '[' => {
                    self.pos += 1;
                    let inner = self.parse_class()?;
                    items.push(ClassItem::Set(Box::new(inner)));
                }
                '&' if self.peek_at(1) == Some('&') => {
                    self.pos += 2;
                    let current = Class { items: std::mem::take(&mut items), negated: false, fold };
                    left = match left.take() {
                        // `[&&a]`: nothing on the left restricts nothing.
                        None if current.items.is_empty() => None,
                        None => Some(current),
                        Some(before) if current.items.is_empty() => Some(before),
                        Some(before) => Some(Class {
                            items: vec![ClassItem::And(Box::new(before), Box::new(current))],
                            negated: false,
                            fold,
                        }),
                    };
                }
                _ => {
                    let at = self.pos;
                    let low = self.class_atom()?;
                    match low {
                        Escaped::Prop(p, n) => items.push(ClassItem::Prop(p, n)),
                        Escaped::Char(low) => {
                            self.skip_ignored();
                            let dash = self.peek() == Some('-');
                            let after = self.peek_at(1);
                            if dash && after.is_some_and(|a| a != ']' && a != '[') {
                                self.pos += 1;
                                self.skip_ignored();
                                match self.class_atom()? {
                                    Escaped::Char(high) if high >= low => {
                                        items.push(ClassItem::Range(low, high));
                                    }
                                    _ => {
                                        return Err(self.error(
                                            "Illegal character range",
                                            self.pos.saturating_sub(1).max(at),
                                        ));
                                    }
                                }
                            } else {
                                items.push(ClassItem::Range(low, low));
                            }
                        }
                    }
                }
            }
        }
        let current = Class { items, negated: false, fold };
        let mut class = match left {
            None => current,
            Some(before) if current.items.is_empty() => before,
            Some(before) => Class {
                items: vec![ClassItem::And(Box::new(before), Box::new(current))],
                negated: false,
                fold,
            },
        };
        class.negated = negated;
        self.depth -= 1;
        Ok(class)
    }

    /// One character or escape inside a class.
    fn class_atom(&mut self) -> Result<Escaped, RegexError> {
        let Some(c) = self.peek() else {
            return Err(self.error("Unclosed character class", self.chars.len()));
        };
        self.pos += 1;
        if c == '\\' {
            let at = self.pos - 1;
            self.class_escape(at, true)
        } else {
            Ok(Escaped::Char(c))
        }
    }
}

enum Escaped {
    Char(char),
    Prop(Prop, bool),
}

/// The fewest and most characters `node` can match (`None`: no bound).
fn width(node: &Node) -> (u64, Option<u64>) {
    match node {
        Node::Empty | Node::Anchor(_) | Node::Look { .. } => (0, Some(0)),
        Node::Char(..) | Node::Any { .. } | Node::Class(_) => (1, Some(1)),
        Node::LineBreak => (1, Some(2)),
        Node::BackRef(..) => (0, None),
        Node::Group(inner, _) | Node::Atomic(inner) => width(inner),
        Node::Concat(items) => items.iter().fold((0, Some(0)), |(lo, hi), item| {
            let (l, h) = width(item);
            (lo.saturating_add(l), hi.zip(h).map(|(a, b)| a.saturating_add(b)))
        }),
        Node::Alternation(branches) => {
            let mut lo = u64::MAX;
            let mut hi = Some(0u64);
            for b in branches {
                let (l, h) = width(b);
                lo = lo.min(l);
                hi = hi.zip(h).map(|(a, b)| a.max(b));
            }
            (if branches.is_empty() { 0 } else { lo }, hi)
        }
        Node::Repeat { node, min, max, .. } => {
            let (l, h) = width(node);
            let lo = l.saturating_mul(u64::from(*min));
            let hi = match (h, max) {
                (Some(0), _) => Some(0),
                (Some(h), Some(m)) => Some(h.saturating_mul(u64::from(*m))),
                _ => None,
            };
            (lo, hi)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The program.

#[derive(Clone, Debug)]
enum Inst {
    Char(char, Fold),
    Any {
        dotall: bool,
        unix: bool,
    },
    Class(usize),
    Anchor(Anchor),
    Save(usize),
    /// Try `first`, then `second`.
    Split(usize, usize),
    Jump(usize),
    /// A loop's head: `count` and `start` are registers; the body follows at `pc + 2`, after
    /// an `Enter`; `exit` is past the loop.
    Loop {
        count: usize,
        min: u32,
        max: Option<u32>,
        greedy: bool,
        exit: usize,
    },
    /// Counts one more turn of the loop and remembers where it started.
    Enter {
        count: usize,
        start: usize,
    },
    /// The end of a loop's body: back to `head`, unless the turn matched nothing.
    Again {
        start: usize,
        head: usize,
        exit: usize,
    },
    ResetCount(usize),
    /// A sub-program runs from `pc + 1` to its `Match`; `next` follows it.
    Look {
        ahead: bool,
        negate: bool,
        min: u64,
        max: u64,
        next: usize,
    },
    Atomic {
        next: usize,
    },
    BackRef(usize, Fold),
    LineBreak,
    Match,
}

struct Compiler {
    prog: Vec<Inst>,
    registers: usize,
}

impl Compiler {
    fn emit(&mut self, inst: Inst) -> Result<usize, RegexError> {
        if self.prog.len() >= MAX_PROGRAM {
            return Err(RegexError(
                "the pattern is too large: its repetitions make more than 200000 steps of program"
                    .into(),
            ));
        }
        self.prog.push(inst);
        Ok(self.prog.len() - 1)
    }

    fn patch(&mut self, at: usize, inst: Inst) {
        if let Some(slot) = self.prog.get_mut(at) {
            *slot = inst;
        }
    }

    fn register(&mut self) -> usize {
        self.registers += 1;
        self.registers - 1
    }

    fn compile(&mut self, node: &Node) -> Result<(), RegexError> {
        match node {
            Node::Empty => {}
            Node::Char(c, fold) => {
                self.emit(Inst::Char(*c, *fold))?;
            }
            Node::Any { dotall, unix } => {
                self.emit(Inst::Any { dotall: *dotall, unix: *unix })?;
            }
            Node::Class(i) => {
                self.emit(Inst::Class(*i))?;
            }
            Node::Anchor(a) => {
                self.emit(Inst::Anchor(*a))?;
            }
            Node::LineBreak => {
                self.emit(Inst::LineBreak)?;
            }
            Node::BackRef(g, fold) => {
                self.emit(Inst::BackRef(*g, *fold))?;
            }
            Node::Group(inner, index) => {
                if let Some(i) = index {
                    self.emit(Inst::Save(2 * i))?;
                }
                self.compile(inner)?;
                if let Some(i) = index {
                    self.emit(Inst::Save(2 * i + 1))?;
                }
            }
            Node::Concat(items) => {
                for item in items {
                    self.compile(item)?;
                }
            }
            Node::Alternation(branches) => {
                let mut jumps = Vec::new();
                for (i, branch) in branches.iter().enumerate() {
                    if i + 1 < branches.len() {
                        let split = self.emit(Inst::Split(0, 0))?;
                        self.compile(branch)?;
                        jumps.push(self.emit(Inst::Jump(0))?);
                        let next = self.prog.len();
                        self.patch(split, Inst::Split(split + 1, next));
                    } else {
                        self.compile(branch)?;
                    }
                }
                let end = self.prog.len();
                for j in jumps {
                    self.patch(j, Inst::Jump(end));
                }
            }
            Node::Look { node, ahead, negate } => {
                let (min, max) = width(node);
                let at = self.emit(Inst::Match)?;
                self.compile(node)?;
                self.emit(Inst::Match)?;
                let next = self.prog.len();
                self.patch(
                    at,
                    Inst::Look { ahead: *ahead, negate: *negate, min, max: max.unwrap_or(0), next },
                );
            }
            Node::Atomic(inner) => self.atomic(inner)?,
            Node::Repeat { node, min, max, greed } => {
                if *greed == Greed::Possessive {
                    let plain = Node::Repeat {
                        node: node.clone(),
                        min: *min,
                        max: *max,
                        greed: Greed::Greedy,
                    };
                    return self.atomic(&plain);
                }
                let greedy = *greed == Greed::Greedy;
                if matches!(max, Some(0)) {
                    return Ok(());
                }
                if *min == 1 && *max == Some(1) {
                    return self.compile(node);
                }
                let count = self.register();
                let start = self.register();
                self.emit(Inst::ResetCount(count))?;
                let head = self.emit(Inst::Match)?;
                self.emit(Inst::Enter { count, start })?;
                self.compile(node)?;
                let again = self.emit(Inst::Match)?;
                let exit = self.prog.len();
                self.patch(head, Inst::Loop { count, min: *min, max: *max, greedy, exit });
                self.patch(again, Inst::Again { start, head, exit });
            }
        }
        Ok(())
    }

    fn atomic(&mut self, inner: &Node) -> Result<(), RegexError> {
        let at = self.emit(Inst::Match)?;
        self.compile(inner)?;
        self.emit(Inst::Match)?;
        let next = self.prog.len();
        self.patch(at, Inst::Atomic { next });
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// The machine.

struct Subject {
    chars: Vec<char>,
    /// Byte offset of each character, and of the end.
    offsets: Vec<usize>,
}

impl Subject {
    fn new(text: &str) -> Subject {
        let mut chars = Vec::with_capacity(text.len());
        let mut offsets = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            chars.push(c);
            offsets.push(i);
        }
        offsets.push(text.len());
        Subject { chars, offsets }
    }

    /// The character index at or after byte offset `byte`; `None` past the end.
    fn char_index(&self, byte: usize) -> Option<usize> {
        let i = self.offsets.partition_point(|&o| o < byte);
        (i < self.offsets.len()).then_some(i)
    }

    fn byte(&self, index: usize) -> usize {
        self.offsets.get(index).copied().unwrap_or(0)
    }
}

const UNSET: usize = usize::MAX;

enum Frame {
    Retry { pc: usize, pos: usize },
    Restore { register: usize, value: usize },
    RestoreAll(Vec<usize>),
}

struct Ctx<'a> {
    re: &'a JavaRegex,
    subject: &'a Subject,
    registers: Vec<usize>,
    steps: u64,
    /// Where `\G` matches: the end of the previous match.
    last_end: usize,
}

impl<'a> Ctx<'a> {
    fn new(re: &'a JavaRegex, subject: &'a Subject) -> Ctx<'a> {
        let budget =
            STEPS.saturating_add(STEPS_PER_CHAR.saturating_mul(subject.chars.len() as u64));
        Ctx { re, subject, registers: vec![UNSET; re.registers], steps: budget, last_end: 0 }
    }

    fn reset(&mut self) {
        for r in &mut self.registers {
            *r = UNSET;
        }
    }

    /// The first match starting at `from` or later; the match is in the registers.
    fn search(&mut self, from: usize, last_end: usize) -> Result<Option<()>, RegexError> {
        self.last_end = last_end;
        let len = self.subject.chars.len();
        let mut start = from;
        while start <= len {
            self.reset();
            if self.run(0, start, None, 0)?.is_some() {
                return Ok(Some(()));
            }
            start += 1;
        }
        Ok(None)
    }

    /// Calls `each` with every match in turn, while it returns true.
    fn each_match(&mut self, mut each: impl FnMut(&Ctx<'_>) -> bool) -> Result<(), RegexError> {
        let len = self.subject.chars.len();
        let mut from = 0usize;
        let mut last_end = 0usize;
        while from <= len {
            if self.search(from, last_end)?.is_none() {
                break;
            }
            let (start, end) = (self.registers[0], self.registers[1]);
            if !each(self) {
                break;
            }
            last_end = end;
            from = if end == start { end + 1 } else { end };
        }
        Ok(())
    }

    fn current_match(&self) -> Match {
        let group = |g: usize| {
            let (s, e) = (self.registers[2 * g], self.registers[2 * g + 1]);
            (s != UNSET && e != UNSET && s <= e)
                .then(|| (self.subject.byte(s), self.subject.byte(e)))
        };
        let whole = group(0).unwrap_or((0, 0));
        Match { start: whole.0, end: whole.1, groups: (0..=self.re.groups).map(group).collect() }
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.subject.chars.get(pos).copied()
    }

    fn anchor(&self, anchor: Anchor, pos: usize) -> bool {
        let len = self.subject.chars.len();
        let at = |i: usize| self.char_at(i);
        match anchor {
            Anchor::Begin => pos == 0,
            Anchor::End => pos == len,
            Anchor::LastMatchEnd => pos == self.last_end,
            Anchor::EndOrFinalTerminator { unix: true } => {
                pos == len || (pos + 1 == len && at(pos) == Some('\n'))
            }
            Anchor::EndOrFinalTerminator { unix: false } => {
                if pos + 2 < len {
                    return false;
                }
                if pos + 2 == len && !(at(pos) == Some('\r') && at(pos + 1) == Some('\n')) {
                    return false;
                }
                match at(pos) {
                    None => true,
                    Some('\n') => !(pos > 0 && at(pos - 1) == Some('\r')),
                    Some(c) => is_line_terminator(c, false),
                }
            }
            Anchor::LineEnd { unix } => match at(pos) {
                None => true,
                Some('\n') if !unix => !(pos > 0 && at(pos - 1) == Some('\r')),
                Some(c) => is_line_terminator(c, unix),
            },
            Anchor::LineStart { unix } => {
                if pos == len {
                    return false;
                }
                if pos == 0 {
                    return true;
                }
                match at(pos - 1) {
                    Some(p) if is_line_terminator(p, unix) => {
                        !(p == '\r' && at(pos) == Some('\n') && !unix)
                    }
                    _ => false,
                }
            }
            Anchor::WordBoundary { unicode } | Anchor::NotWordBoundary { unicode } => {
                let word = |c: Option<char>| {
                    c.is_some_and(
                        |c| if unicode { Prop::UWord.contains(c) } else { is_bound_word(c) },
                    )
                };
                let left = pos > 0 && word(at(pos - 1));
                let right = word(at(pos));
                (left != right) == matches!(anchor, Anchor::WordBoundary { .. })
            }
        }
    }

    /// Runs the program from `pc` at `pos` to a `Match` (at `must_end` when given). Returns the
    /// end position; the registers hold the captures.
    fn run(
        &mut self,
        pc: usize,
        pos: usize,
        must_end: Option<usize>,
        depth: usize,
    ) -> Result<Option<usize>, RegexError> {
        if depth > MAX_NESTING + 2 {
            return Err(too_long());
        }
        let re = self.re;
        let subject = self.subject;
        let prog = &re.prog;
        let chars = &subject.chars;
        let len = chars.len();
        let mut stack: Vec<Frame> = Vec::new();
        let (mut pc, mut pos) = (pc, pos);
        loop {
            if self.steps == 0 {
                return Err(too_long());
            }
            self.steps -= 1;
            let ok = match prog.get(pc) {
                None => false,
                Some(inst) => match inst {
                    Inst::Char(c, fold) => match chars.get(pos) {
                        Some(&t) if chars_equal(t, *c, *fold) => {
                            pos += 1;
                            pc += 1;
                            true
                        }
                        _ => false,
                    },
                    Inst::Any { dotall, unix } => match chars.get(pos) {
                        Some(&t) if *dotall || !is_line_terminator(t, *unix) => {
                            pos += 1;
                            pc += 1;
                            true
                        }
                        _ => false,
                    },
                    Inst::Class(i) => match (chars.get(pos), re.classes.get(*i)) {
                        (Some(&t), Some(class)) if class.contains(t) => {
                            pos += 1;
                            pc += 1;
                            true
                        }
                        _ => false,
                    },
                    Inst::Anchor(a) => {
                        pc += 1;
                        self.anchor(*a, pos)
                    }
                    Inst::LineBreak => {
                        let here = chars.get(pos).copied();
                        if here == Some('\r') && chars.get(pos + 1) == Some(&'\n') {
                            pos += 2;
                            pc += 1;
                            true
                        } else if here.is_some_and(|c| Prop::VSpace.contains(c)) {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Save(r) => {
                        let r = *r;
                        stack.push(Frame::Restore { register: r, value: self.registers[r] });
                        self.registers[r] = pos;
                        pc += 1;
                        true
                    }
                    Inst::Split(a, b) => {
                        stack.push(Frame::Retry { pc: *b, pos });
                        pc = *a;
                        true
                    }
                    Inst::Jump(to) => {
                        pc = *to;
                        true
                    }
                    Inst::ResetCount(r) => {
                        let r = *r;
                        stack.push(Frame::Restore { register: r, value: self.registers[r] });
                        self.registers[r] = 0;
                        pc += 1;
                        true
                    }
                    Inst::Loop { count, min, max, greedy, exit } => {
                        let n = self.registers[*count];
                        let n = if n == UNSET { 0 } else { n };
                        if n < *min as usize {
                            pc += 1;
                        } else if max.is_some_and(|m| n >= m as usize) {
                            pc = *exit;
                        } else if *greedy {
                            stack.push(Frame::Retry { pc: *exit, pos });
                            pc += 1;
                        } else {
                            stack.push(Frame::Retry { pc: pc + 1, pos });
                            pc = *exit;
                        }
                        true
                    }
                    Inst::Enter { count, start } => {
                        let (count, start) = (*count, *start);
                        stack
                            .push(Frame::Restore { register: count, value: self.registers[count] });
                        stack
                            .push(Frame::Restore { register: start, value: self.registers[start] });
                        let n = self.registers[count];
                        self.registers[count] = if n == UNSET { 1 } else { n + 1 };
                        self.registers[start] = pos;
                        pc += 1;
                        true
                    }
                    Inst::Again { start, head, exit } => {
                        pc = if self.registers[*start] == pos { *exit } else { *head };
                        true
                    }
                    Inst::BackRef(g, fold) => {
                        let (s, e) = (
                            self.registers.get(2 * g).copied().unwrap_or(UNSET),
                            self.registers.get(2 * g + 1).copied().unwrap_or(UNSET),
                        );
                        if s == UNSET || e == UNSET || s > e {
                            false
                        } else {
                            let n = e - s;
                            if pos + n <= len
                                && (0..n).all(|k| chars_equal(chars[pos + k], chars[s + k], *fold))
                            {
                                pos += n;
                                pc += 1;
                                true
                            } else {
                                false
                            }
                        }
                    }
                    Inst::Atomic { next } => {
                        let next = *next;
                        let saved = self.registers.clone();
                        match self.run(pc + 1, pos, None, depth + 1)? {
                            Some(end) => {
                                stack.push(Frame::RestoreAll(saved));
                                pos = end;
                                pc = next;
                                true
                            }
                            None => false,
                        }
                    }
                    Inst::Look { ahead, negate, min, max, next } => {
                        let (ahead, negate, min, max, next) = (*ahead, *negate, *min, *max, *next);
                        let saved = self.registers.clone();
                        let found = if ahead {
                            self.run(pc + 1, pos, None, depth + 1)?.is_some()
                        } else {
                            let mut found = false;
                            let nearest = pos.checked_sub(min as usize);
                            if let Some(nearest) = nearest {
                                let farthest = pos.saturating_sub(max as usize);
                                let mut from = nearest;
                                loop {
                                    if self.run(pc + 1, from, Some(pos), depth + 1)?.is_some() {
                                        found = true;
                                        break;
                                    }
                                    if from == farthest || from == 0 {
                                        break;
                                    }
                                    from -= 1;
                                }
                            }
                            found
                        };
                        if found != negate {
                            if found {
                                stack.push(Frame::RestoreAll(saved));
                            } else {
                                self.registers = saved;
                            }
                            pc = next;
                            true
                        } else {
                            if found {
                                self.registers = saved;
                            }
                            false
                        }
                    }
                    Inst::Match => {
                        if must_end.is_none_or(|e| e == pos) {
                            return Ok(Some(pos));
                        }
                        false
                    }
                },
            };
            if ok {
                continue;
            }
            // Backtrack.
            loop {
                match stack.pop() {
                    None => return Ok(None),
                    Some(Frame::Retry { pc: p, pos: q }) => {
                        pc = p;
                        pos = q;
                        break;
                    }
                    Some(Frame::Restore { register, value }) => self.registers[register] = value,
                    Some(Frame::RestoreAll(saved)) => self.registers = saved,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;

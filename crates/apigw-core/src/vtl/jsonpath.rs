//! The JSONPath API Gateway's `$input.path(x)` and `$input.json(x)` take: `$`, `.a`, `['a']`,
//! `[n]`, `[*]`, `..a`, and the filters AWS supports.
//!
//! API Gateway evaluates these with Jayway JsonPath
//! (<https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html>
//! links its syntax to <https://github.com/json-path/JsonPath>), so this follows Jayway's
//! README: dot and bracket notation, `['a','b']`, indexes (negative from the end) and lists of
//! them, slices `[from:to]`, wildcards, deep scan `..`, filters `[?(…)]` with `==`, `!=`, `<`,
//! `<=`, `>`, `>=`, `=~ /regex/i` (Java's regular expressions, whole-string match), `in`,
//! `nin`, `&&`, `||`, `!` and parentheses, and the functions `length()`, `size()`, `min()`,
//! `max()`, `avg()`, `sum()` at the end of a path.

use serde_json::{Map, Number, Value};

use super::regex::JavaRegex;

/// What a path selects: one value when the path is definite (no wildcard, deep scan or
/// filter), else the list of matches, as Jayway's JsonPath (which API Gateway uses) returns.
#[derive(Clone, Debug, PartialEq)]
pub enum Selected {
    /// A definite path; `None` when it leads nowhere.
    One(Option<Value>),
    Many(Vec<Value>),
}

/// How deep filters may nest inside one another, and a deep scan may descend.
const MAX_DEPTH: usize = 64;
/// How many nodes one evaluation may visit before it stops with an error.
const MAX_VISITS: usize = 2_000_000;

/// Evaluates `path` against `root`. The error names what is wrong in the path.
pub fn select(root: &Value, path: &str) -> Result<Selected, String> {
    let compiled = compile(path)?;
    let mut budget = MAX_VISITS;
    compiled.evaluate(root, root, &mut budget)
}

/// A parsed path.
#[derive(Clone, Debug)]
struct Path {
    segments: Vec<Segment>,
    function: Option<Function>,
}

#[derive(Clone, Debug)]
enum Segment {
    /// `.a`, `['a']`, `['a','b']`.
    Names(Vec<String>),
    /// `[n]`, `[n,m]`.
    Indexes(Vec<i64>),
    /// `[from:to]`.
    Slice(Option<i64>, Option<i64>),
    /// `.*`, `[*]`.
    Wildcard,
    /// `..` followed by a segment.
    Deep(Box<Segment>),
    /// `[?(…)]`.
    Filter(Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Function {
    Length,
    Min,
    Max,
    Avg,
    Sum,
}

impl Segment {
    fn definite(&self) -> bool {
        match self {
            Segment::Names(names) => names.len() == 1,
            Segment::Indexes(indexes) => indexes.len() == 1,
            _ => false,
        }
    }
}

#[derive(Clone, Debug)]
enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// An operand alone: true when its path exists (or the literal is `true`).
    Exists(Operand),
    Compare(Operand, Op, Operand),
    Matches(Operand, Box<JavaRegex>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Nin,
}

#[derive(Clone, Debug)]
enum Operand {
    /// `@…` (relative) or `$…` (from the root).
    Path {
        relative: bool,
        path: Path,
    },
    Literal(Value),
}

fn evaluation_too_long() -> String {
    "the path visits too many values of this document".into()
}

impl Path {
    fn definite(&self) -> bool {
        self.segments.iter().all(Segment::definite)
    }

    fn evaluate(&self, node: &Value, root: &Value, budget: &mut usize) -> Result<Selected, String> {
        let mut current: Vec<&Value> = vec![node];
        let last = self.segments.len().saturating_sub(1);
        let mut built: Vec<Value> = Vec::new();
        for (i, segment) in self.segments.iter().enumerate() {
            let leaf = i == last;
            // Jayway: several names as the last segment make one object of those members.
            if let (true, Segment::Names(names)) = (leaf, segment) {
                if names.len() > 1 {
                    for value in &current {
                        if let Value::Object(map) = value {
                            let mut object = Map::new();
                            for name in names {
                                if let Some(v) = map.get(name) {
                                    object.insert(name.clone(), v.clone());
                                }
                            }
                            built.push(Value::Object(object));
                        }
                    }
                    current.clear();
                    break;
                }
            }
            let mut next = Vec::new();
            for value in current {
                apply(segment, value, root, budget, 0, &mut next)?;
            }
            current = next;
        }
        let mut values: Vec<Value> =
            if built.is_empty() { current.into_iter().cloned().collect() } else { built };
        let definite = self.definite();
        if let Some(function) = self.function {
            // Jayway applies a function to the value a definite path selects; after a deep scan
            // that found one array (`$..book.length()`), to that array; else to the list.
            let unwrap = definite || (values.len() == 1 && values[0].is_array());
            let input = if unwrap { values.pop() } else { Some(Value::Array(values)) };
            return Ok(Selected::One(input.and_then(|v| call(function, &v))));
        }
        Ok(if definite { Selected::One(values.pop()) } else { Selected::Many(values) })
    }
}

fn call(function: Function, value: &Value) -> Option<Value> {
    match function {
        Function::Length => match value {
            Value::Array(items) => Some(Value::from(items.len())),
            Value::Object(map) => Some(Value::from(map.len())),
            Value::String(s) => Some(Value::from(s.chars().count())),
            _ => None,
        },
        _ => {
            let numbers: Vec<f64> = match value {
                Value::Array(items) => items.iter().filter_map(Value::as_f64).collect(),
                _ => return None,
            };
            if numbers.is_empty() {
                return None;
            }
            let result = match function {
                Function::Min => numbers.iter().copied().fold(f64::INFINITY, f64::min),
                Function::Max => numbers.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                Function::Sum => numbers.iter().sum(),
                _ => numbers.iter().sum::<f64>() / numbers.len() as f64,
            };
            Number::from_f64(result).map(Value::Number)
        }
    }
}

/// Applies one segment to one value, adding what it selects to `out`.
fn apply<'v>(
    segment: &Segment,
    value: &'v Value,
    root: &'v Value,
    budget: &mut usize,
    depth: usize,
    out: &mut Vec<&'v Value>,
) -> Result<(), String> {
    *budget = budget.checked_sub(1).ok_or_else(evaluation_too_long)?;
    match segment {
        Segment::Names(names) => {
            if let Value::Object(map) = value {
                for name in names {
                    if let Some(v) = map.get(name) {
                        out.push(v);
                    }
                }
            }
        }
        Segment::Indexes(indexes) => {
            if let Value::Array(items) = value {
                for &i in indexes {
                    if let Some(v) = index(items, i) {
                        out.push(v);
                    }
                }
            }
        }
        Segment::Slice(from, to) => {
            if let Value::Array(items) = value {
                let len = items.len() as i64;
                let clamp = |i: i64| if i < 0 { (len + i).max(0) } else { i.min(len) };
                let start = from.map_or(0, clamp);
                let end = to.map_or(len, clamp);
                let mut i = start;
                while i < end {
                    if let Some(v) = items.get(i as usize) {
                        out.push(v);
                    }
                    i += 1;
                }
            }
        }
        Segment::Wildcard => match value {
            Value::Array(items) => out.extend(items.iter()),
            Value::Object(map) => out.extend(map.values()),
            _ => {}
        },
        Segment::Filter(expr) => match value {
            Value::Array(items) => {
                for item in items {
                    if test(expr, item, root, budget, depth)? {
                        out.push(item);
                    }
                }
            }
            Value::Object(_) => {
                if test(expr, value, root, budget, depth)? {
                    out.push(value);
                }
            }
            _ => {}
        },
        Segment::Deep(inner) => {
            // Pre-order: the segment applied to this value, then to each descendant in turn.
            let mut stack: Vec<(&Value, usize)> = vec![(value, 0)];
            while let Some((node, level)) = stack.pop() {
                *budget = budget.checked_sub(1).ok_or_else(evaluation_too_long)?;
                apply(inner, node, root, budget, depth, out)?;
                if level >= 4 * MAX_DEPTH {
                    continue;
                }
                match node {
                    Value::Array(items) => {
                        stack.extend(items.iter().rev().map(|v| (v, level + 1)));
                    }
                    Value::Object(map) => {
                        let children: Vec<&Value> = map.values().collect();
                        stack.extend(children.into_iter().rev().map(|v| (v, level + 1)));
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

fn index(items: &[Value], i: i64) -> Option<&Value> {
    let len = items.len() as i64;
    let at = if i < 0 { len + i } else { i };
    if at < 0 { None } else { items.get(at as usize) }
}

/// What an operand stands for at one node: absent when its path leads nowhere.
fn operand_value(
    operand: &Operand,
    node: &Value,
    root: &Value,
    budget: &mut usize,
) -> Result<Option<Value>, String> {
    Ok(match operand {
        Operand::Literal(v) => Some(v.clone()),
        Operand::Path { relative, path } => {
            let from = if *relative { node } else { root };
            match path.evaluate(from, root, budget)? {
                Selected::One(v) => v,
                Selected::Many(values) if values.is_empty() => None,
                Selected::Many(values) => Some(Value::Array(values)),
            }
        }
    })
}

fn test(
    expr: &Expr,
    node: &Value,
    root: &Value,
    budget: &mut usize,
    depth: usize,
) -> Result<bool, String> {
    if depth > MAX_DEPTH {
        return Err(evaluation_too_long());
    }
    *budget = budget.checked_sub(1).ok_or_else(evaluation_too_long)?;
    Ok(match expr {
        Expr::Or(a, b) => {
            test(a, node, root, budget, depth + 1)? || test(b, node, root, budget, depth + 1)?
        }
        Expr::And(a, b) => {
            test(a, node, root, budget, depth + 1)? && test(b, node, root, budget, depth + 1)?
        }
        Expr::Not(a) => !test(a, node, root, budget, depth + 1)?,
        Expr::Exists(operand) => match operand {
            Operand::Literal(v) => v.as_bool().unwrap_or(true),
            Operand::Path { .. } => operand_value(operand, node, root, budget)?.is_some(),
        },
        Expr::Compare(left, op, right) => {
            let l = operand_value(left, node, root, budget)?;
            let r = operand_value(right, node, root, budget)?;
            compare(l.as_ref(), *op, r.as_ref())
        }
        Expr::Matches(left, regex) => match operand_value(left, node, root, budget)? {
            Some(Value::String(s)) => regex.matches(&s).map_err(|e| e.0)?,
            Some(Value::Number(n)) => regex.matches(&n.to_string()).map_err(|e| e.0)?,
            Some(Value::Bool(b)) => {
                regex.matches(if b { "true" } else { "false" }).map_err(|e| e.0)?
            }
            _ => false,
        },
    })
}

fn numbers_equal(a: &Number, b: &Number) -> bool {
    match (a.as_i64(), b.as_i64()) {
        (Some(x), Some(y)) => x == y,
        _ => match (a.as_u64(), b.as_u64()) {
            (Some(x), Some(y)) => x == y,
            _ => a.as_f64() == b.as_f64(),
        },
    }
}

fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => numbers_equal(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| values_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| values_equal(v, w)))
        }
        _ => a == b,
    }
}

fn compare(left: Option<&Value>, op: Op, right: Option<&Value>) -> bool {
    match op {
        Op::Eq => matches!((left, right), (Some(a), Some(b)) if values_equal(a, b)),
        Op::Ne => !compare(left, Op::Eq, right),
        Op::In | Op::Nin => {
            let found = match (left, right) {
                (Some(a), Some(Value::Array(items))) => items.iter().any(|b| values_equal(a, b)),
                _ => false,
            };
            found == (op == Op::In)
        }
        Op::Lt | Op::Le | Op::Gt | Op::Ge => {
            let ordering = match (left, right) {
                (Some(Value::Number(a)), Some(Value::Number(b))) => {
                    a.as_f64().zip(b.as_f64()).and_then(|(a, b)| a.partial_cmp(&b))
                }
                (Some(Value::String(a)), Some(Value::String(b))) => Some(a.cmp(b)),
                _ => None,
            };
            ordering.is_some_and(|o| match op {
                Op::Lt => o.is_lt(),
                Op::Le => o.is_le(),
                Op::Gt => o.is_gt(),
                _ => o.is_ge(),
            })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The parser.

fn compile(path: &str) -> Result<Path, String> {
    let trimmed = path.trim_start();
    let mut chars: Vec<char> = Vec::with_capacity(path.len() + 2);
    if trimmed.is_empty() {
        return Err("the path is empty: it should start with `$`".into());
    }
    if !trimmed.starts_with('$') {
        // Jayway reads `a.b` as `$.a.b`.
        chars.extend("$.".chars());
    }
    chars.extend(trimmed.chars());
    let mut p = Parser { chars, pos: 1, depth: 0 };
    let parsed = p.path(false)?;
    p.skip_spaces();
    if let Some(c) = p.peek() {
        return Err(p.unexpected(c));
    }
    Ok(parsed)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn describe(c: char) -> String {
        if c.is_whitespace() || c.is_control() {
            format!("character U+{:04X}", c as u32)
        } else {
            format!("`{c}`")
        }
    }

    fn unexpected(&self, c: char) -> String {
        format!("unexpected {} at character {} of the path", Self::describe(c), self.pos + 1)
    }

    fn expected(&self, what: &str) -> String {
        match self.peek() {
            Some(c) => format!(
                "expected {what} at character {} of the path, found {}",
                self.pos + 1,
                Self::describe(c)
            ),
            None => format!("the path ends where {what} should be"),
        }
    }

    /// The segments after `$` or `@`. Inside a filter (`nested`), stops at what cannot
    /// continue a path (a space, an operator, `)`).
    fn path(&mut self, nested: bool) -> Result<Path, String> {
        let mut segments = Vec::new();
        let mut function = None;
        while let Some(c) = self.peek() {
            if function.is_some() {
                if nested {
                    break;
                }
                return Err(format!(
                    "a function must end the path: unexpected {} at character {} of the path",
                    Self::describe(c),
                    self.pos + 1
                ));
            }
            match c {
                '.' => {
                    self.pos += 1;
                    if self.peek() == Some('.') {
                        self.pos += 1;
                        let inner = match self.peek() {
                            Some('[') => self.bracket()?,
                            Some('*') => {
                                self.pos += 1;
                                Segment::Wildcard
                            }
                            Some(c) if is_name_char(c) => {
                                let name = self.name();
                                if self.peek() == Some('(') {
                                    return Err(format!(
                                        "a function cannot follow a deep scan directly, at character {} of the path",
                                        self.pos + 1
                                    ));
                                }
                                Segment::Names(vec![name])
                            }
                            _ => return Err(self.path_end_error("..")),
                        };
                        segments.push(Segment::Deep(Box::new(inner)));
                    } else {
                        match self.peek() {
                            Some('*') => {
                                self.pos += 1;
                                segments.push(Segment::Wildcard);
                            }
                            Some('[') => segments.push(self.bracket()?),
                            Some(c) if is_name_char(c) => {
                                let name = self.name();
                                if self.peek() == Some('(') {
                                    function = Some(self.function(&name)?);
                                } else {
                                    segments.push(Segment::Names(vec![name]));
                                }
                            }
                            _ => return Err(self.path_end_error(".")),
                        }
                    }
                }
                '[' => segments.push(self.bracket()?),
                _ if nested => break,
                c => return Err(self.unexpected(c)),
            }
        }
        Ok(Path { segments, function })
    }

    fn path_end_error(&self, what: &str) -> String {
        match self.peek() {
            None => format!("the path must not end with `{what}`"),
            Some(c) => self.unexpected(c),
        }
    }

    /// A property name in dot notation: up to `.`, `[`, `(`, a space or an operator.
    fn name(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(is_name_char) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn function(&mut self, name: &str) -> Result<Function, String> {
        let at = self.pos;
        self.pos += 1;
        self.skip_spaces();
        if self.peek() != Some(')') {
            return Err(self.expected("`)` (functions take no arguments here)"));
        }
        self.pos += 1;
        Ok(match name {
            "length" | "size" => Function::Length,
            "min" => Function::Min,
            "max" => Function::Max,
            "avg" => Function::Avg,
            "sum" => Function::Sum,
            _ => {
                return Err(format!(
                    "unknown function `{name}()` at character {} of the path (known: length(), size(), min(), max(), avg(), sum())",
                    at + 1 - name.chars().count()
                ));
            }
        })
    }

    /// `[…]`.
    fn bracket(&mut self) -> Result<Segment, String> {
        self.pos += 1;
        self.skip_spaces();
        let segment = match self.peek() {
            Some('*') => {
                self.pos += 1;
                Segment::Wildcard
            }
            Some('?') => {
                self.pos += 1;
                self.skip_spaces();
                if self.peek() != Some('(') {
                    return Err(self.expected("`(` after `[?`"));
                }
                self.pos += 1;
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(format!(
                        "filters nest more than {MAX_DEPTH} deep at character {} of the path",
                        self.pos
                    ));
                }
                let expr = self.or()?;
                self.depth -= 1;
                self.skip_spaces();
                if self.peek() != Some(')') {
                    return Err(self.expected("`)` closing the filter"));
                }
                self.pos += 1;
                Segment::Filter(Box::new(expr))
            }
            Some('\'' | '"') => {
                let mut names = vec![self.quoted()?];
                loop {
                    self.skip_spaces();
                    if self.peek() != Some(',') {
                        break;
                    }
                    self.pos += 1;
                    self.skip_spaces();
                    if !matches!(self.peek(), Some('\'' | '"')) {
                        return Err(self.expected("a quoted property name"));
                    }
                    names.push(self.quoted()?);
                }
                Segment::Names(names)
            }
            Some(c) if c == '-' || c == ':' || c.is_ascii_digit() => {
                let first = if c == ':' { None } else { Some(self.integer()?) };
                self.skip_spaces();
                if self.peek() == Some(':') {
                    self.pos += 1;
                    self.skip_spaces();
                    let to = if self.peek().is_some_and(|c| c == '-' || c.is_ascii_digit()) {
                        Some(self.integer()?)
                    } else {
                        None
                    };
                    self.skip_spaces();
                    if self.peek() == Some(':') {
                        return Err(format!(
                            "slices take no step: unexpected `:` at character {} of the path",
                            self.pos + 1
                        ));
                    }
                    Segment::Slice(first, to)
                } else {
                    let mut indexes = vec![first.unwrap_or(0)];
                    loop {
                        self.skip_spaces();
                        if self.peek() != Some(',') {
                            break;
                        }
                        self.pos += 1;
                        self.skip_spaces();
                        indexes.push(self.integer()?);
                    }
                    Segment::Indexes(indexes)
                }
            }
            Some(c) => return Err(self.unexpected(c)),
            None => return Err("the path ends inside `[`".into()),
        };
        self.skip_spaces();
        match self.peek() {
            Some(']') => {
                self.pos += 1;
                Ok(segment)
            }
            Some(c) => Err(format!(
                "expected `]` at character {} of the path, found {}",
                self.pos + 1,
                Self::describe(c)
            )),
            None => Err("the path ends before `]`".into()),
        }
    }

    fn integer(&mut self) -> Result<i64, String> {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        text.parse().map_err(|_| {
            self.pos = start;
            self.expected("an index")
        })
    }

    /// `'…'` or `"…"`, with `\` escaping the next character.
    fn quoted(&mut self) -> Result<String, String> {
        let quote = self.peek().unwrap_or('\'');
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(format!(
                        "the quoted name at character {} of the path is not closed",
                        start + 1
                    ));
                }
                Some('\\') => {
                    self.pos += 1;
                    if let Some(c) = self.peek() {
                        out.push(c);
                        self.pos += 1;
                    }
                }
                Some(c) if c == quote => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(c) => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        loop {
            self.skip_spaces();
            if self.peek() == Some('|') && self.peek_at(1) == Some('|') {
                self.pos += 2;
                let right = self.and()?;
                left = Expr::Or(Box::new(left), Box::new(right));
            } else {
                return Ok(left);
            }
        }
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.not()?;
        loop {
            self.skip_spaces();
            if self.peek() == Some('&') && self.peek_at(1) == Some('&') {
                self.pos += 2;
                let right = self.not()?;
                left = Expr::And(Box::new(left), Box::new(right));
            } else {
                return Ok(left);
            }
        }
    }

    fn not(&mut self) -> Result<Expr, String> {
        self.skip_spaces();
        if self.peek() == Some('!') && self.peek_at(1) != Some('=') {
            self.pos += 1;
            self.enter()?;
            let inner = self.not()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        if self.peek() == Some('(') {
            self.pos += 1;
            self.enter()?;
            let inner = self.or()?;
            self.depth -= 1;
            self.skip_spaces();
            if self.peek() != Some(')') {
                return Err(self.expected("`)`"));
            }
            self.pos += 1;
            return Ok(inner);
        }
        self.comparison()
    }

    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!(
                "the filter nests more than {MAX_DEPTH} deep at character {} of the path",
                self.pos
            ));
        }
        Ok(())
    }

    fn comparison(&mut self) -> Result<Expr, String> {
        let left = self.operand()?;
        self.skip_spaces();
        let rest: String = self.chars[self.pos..].iter().take(3).collect();
        let (op, width) = if rest.starts_with("==") {
            (Some(Op::Eq), 2)
        } else if rest.starts_with("!=") {
            (Some(Op::Ne), 2)
        } else if rest.starts_with("<=") {
            (Some(Op::Le), 2)
        } else if rest.starts_with(">=") {
            (Some(Op::Ge), 2)
        } else if rest.starts_with("=~") {
            self.pos += 2;
            self.skip_spaces();
            let regex = self.regex_literal()?;
            return Ok(Expr::Matches(left, Box::new(regex)));
        } else if rest.starts_with('<') {
            (Some(Op::Lt), 1)
        } else if rest.starts_with('>') {
            (Some(Op::Gt), 1)
        } else if rest.starts_with("nin") && !self.peek_at(3).is_some_and(is_name_char) {
            (Some(Op::Nin), 3)
        } else if rest.starts_with("in") && !self.peek_at(2).is_some_and(is_name_char) {
            (Some(Op::In), 2)
        } else if rest.starts_with('=') {
            return Err(format!(
                "unexpected `=` at character {} of the path (compare with `==`)",
                self.pos + 1
            ));
        } else {
            (None, 0)
        };
        let Some(op) = op else { return Ok(Expr::Exists(left)) };
        self.pos += width;
        let right = self.operand()?;
        Ok(Expr::Compare(left, op, right))
    }

    fn regex_literal(&mut self) -> Result<JavaRegex, String> {
        if self.peek() != Some('/') {
            return Err(self.expected("a regular expression between slashes, `/…/`"));
        }
        let start = self.pos;
        self.pos += 1;
        let mut pattern = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(format!(
                        "the regular expression at character {} of the path is not closed with `/`",
                        start + 1
                    ));
                }
                Some('\\') if self.peek_at(1) == Some('/') => {
                    pattern.push('/');
                    self.pos += 2;
                }
                Some('\\') => {
                    pattern.push('\\');
                    self.pos += 1;
                    if let Some(c) = self.peek() {
                        pattern.push(c);
                        self.pos += 1;
                    }
                }
                Some('/') => {
                    self.pos += 1;
                    break;
                }
                Some(c) => {
                    pattern.push(c);
                    self.pos += 1;
                }
            }
        }
        let mut flags = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_ascii_alphabetic()) {
            if !"idmsux".contains(c) {
                return Err(format!(
                    "unknown regular expression flag `{c}` at character {} of the path",
                    self.pos + 1
                ));
            }
            flags.push(c);
            self.pos += 1;
        }
        let full = if flags.is_empty() { pattern } else { format!("(?{flags}){pattern}") };
        JavaRegex::new(&full).map_err(|e| {
            format!(
                "the regular expression at character {} of the path is invalid: {}",
                start + 1,
                e.0
            )
        })
    }

    fn operand(&mut self) -> Result<Operand, String> {
        self.skip_spaces();
        match self.peek() {
            Some(c @ ('@' | '$')) => {
                self.pos += 1;
                self.enter()?;
                let path = self.path(true)?;
                self.depth -= 1;
                Ok(Operand::Path { relative: c == '@', path })
            }
            Some('\'' | '"') => Ok(Operand::Literal(Value::String(self.quoted()?))),
            Some('[' | '{') => self.json_literal(),
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let start = self.pos;
                self.pos += 1;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
                {
                    self.pos += 1;
                }
                let text: String = self.chars[start..self.pos].iter().collect();
                match serde_json::from_str::<Value>(&text) {
                    Ok(v @ Value::Number(_)) => Ok(Operand::Literal(v)),
                    _ => Err(format!(
                        "`{text}` at character {} of the path is not a number",
                        start + 1
                    )),
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let start = self.pos;
                let word = self.name();
                match word.as_str() {
                    "true" => Ok(Operand::Literal(Value::Bool(true))),
                    "false" => Ok(Operand::Literal(Value::Bool(false))),
                    "null" => Ok(Operand::Literal(Value::Null)),
                    _ => Err(format!(
                        "unexpected `{word}` at character {} of the path (quote a string: '{word}')",
                        start + 1
                    )),
                }
            }
            Some(c) => Err(self.unexpected(c)),
            None => Err("the path ends inside a filter".into()),
        }
    }

    /// A JSON array or object written in a filter (`in ['a','b']`); single quotes allowed.
    fn json_literal(&mut self) -> Result<Operand, String> {
        let start = self.pos;
        let mut depth = 0usize;
        let mut text = String::new();
        let mut quote: Option<char> = None;
        loop {
            let Some(c) = self.peek() else {
                return Err(format!(
                    "the list at character {} of the path is not closed",
                    start + 1
                ));
            };
            self.pos += 1;
            match quote {
                Some(q) => {
                    if c == '\\' {
                        text.push(c);
                        if let Some(n) = self.peek() {
                            text.push(n);
                            self.pos += 1;
                        }
                        continue;
                    }
                    if c == q {
                        quote = None;
                        text.push('"');
                    } else if c == '"' {
                        text.push_str("\\\"");
                    } else {
                        text.push(c);
                    }
                }
                None => match c {
                    '\'' | '"' => {
                        quote = Some(c);
                        text.push('"');
                    }
                    '[' | '{' => {
                        depth += 1;
                        text.push(c);
                    }
                    ']' | '}' => {
                        depth = depth.saturating_sub(1);
                        text.push(c);
                        if depth == 0 {
                            break;
                        }
                    }
                    c => text.push(c),
                },
            }
        }
        serde_json::from_str(&text).map(Operand::Literal).map_err(|_| {
            format!("the list at character {} of the path is not valid JSON", start + 1)
        })
    }
}

fn is_name_char(c: char) -> bool {
    !matches!(
        c,
        '.' | '['
            | ']'
            | '('
            | ')'
            | ' '
            | '\t'
            | '\n'
            | '\r'
            | '='
            | '!'
            | '<'
            | '>'
            | '&'
            | '|'
            | ','
            | '\''
            | '"'
    )
}

#[cfg(test)]
mod tests;

//! The template parser: Velocity 1.7's grammar (https://velocity.apache.org/engine/1.7/vtl-reference.html)
//! read by hand into a compact tree. Positions are byte offsets into the template's text;
//! [`super::line_col`] turns them into lines and columns for messages.

use std::rc::Rc;

use super::VtlError;

/// Nesting the parser accepts (directives, parentheses, lists, strings inside strings), so that
/// no template can exhaust the stack.
const MAX_NEST: u32 = 100;

pub(crate) enum Node {
    Text(Box<str>),
    /// A reference printed where it stands.
    Ref(Box<RefExpr>),
    /// `\$a`, `\\$a`: the number of backslashes, the reference and its text.
    Escaped(u32, Box<RefExpr>, Box<str>),
    Set(Box<RefExpr>, Expr),
    If(Vec<(Expr, Vec<Node>)>, Option<Vec<Node>>),
    Foreach(Box<Foreach>),
    Break,
    Stop,
    Define(Rc<str>, Rc<Vec<Node>>),
    /// A macro call: name, arguments, its text (printed when no such macro exists), position.
    Call(Box<str>, Vec<Expr>, Box<str>, u32),
}

pub(crate) struct Foreach {
    pub var: Rc<str>,
    pub iter: Expr,
    pub body: Vec<Node>,
    pub pos: u32,
}

pub(crate) struct Macro {
    pub params: Vec<Rc<str>>,
    pub body: Vec<Node>,
}

pub(crate) struct RefExpr {
    pub root: Rc<str>,
    pub parts: Vec<Part>,
    pub pos: u32,
    /// Where its text ends.
    pub end: u32,
}

pub(crate) enum Part {
    Prop(Rc<str>),
    Method(Rc<str>, Vec<Expr>),
    Index(Expr),
}

#[derive(Clone)]
pub(crate) enum Lit {
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(Rc<str>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

pub(crate) enum Expr {
    Lit(Lit),
    /// A double-quoted string with references or directives in it.
    Str(Vec<Node>),
    Ref(Box<RefExpr>),
    List(Vec<Expr>),
    Range(Box<(Expr, Expr)>, u32),
    Map(Vec<(Expr, Expr)>),
    Bin(Op, Box<(Expr, Expr)>, u32),
    Not(Box<Expr>),
    Neg(Box<Expr>),
}

/// How a block of nodes ended.
enum Close {
    Eof,
    End,
    Else,
    ElseIf(Expr),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Top,
    Block,
    If,
}

pub(crate) struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    end: usize,
    /// Inside a double-quoted string: `""` is a quote.
    dq: bool,
    nest: u32,
    pub macros: Vec<(Box<str>, Rc<Macro>)>,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

impl<'a> Parser<'a> {
    pub(crate) fn new(s: &'a str) -> Parser<'a> {
        Parser { s, b: s.as_bytes(), i: 0, end: s.len(), dq: false, nest: 0, macros: Vec::new() }
    }

    fn err<T>(&self, at: usize, message: &str) -> Result<T, VtlError> {
        let (line, column) = super::line_col(self.s, at as u32);
        Err(VtlError { line, column, message: message.to_string() })
    }

    fn peek(&self) -> u8 {
        if self.i < self.end { self.b[self.i] } else { 0 }
    }

    fn at(&self, k: usize) -> u8 {
        if self.i + k < self.end { self.b[self.i + k] } else { 0 }
    }

    fn starts(&self, p: &str) -> bool {
        self.b[self.i..self.end].starts_with(p.as_bytes())
    }

    fn enter(&mut self) -> Result<(), VtlError> {
        self.nest += 1;
        if self.nest > MAX_NEST {
            return self.err(self.i, "the template nests more than 100 levels deep");
        }
        Ok(())
    }

    pub(crate) fn template(&mut self) -> Result<Vec<Node>, VtlError> {
        let (nodes, _) = self.nodes(Ctx::Top)?;
        Ok(nodes)
    }

    fn ident(&mut self) -> &'a str {
        let start = self.i;
        while self.i < self.end && is_ident(self.b[self.i]) {
            self.i += 1;
        }
        &self.s[start..self.i]
    }

    /// A directive's name after `#` (or inside `#{…}`): letters only, as Velocity reads them.
    fn word(&mut self) -> &'a str {
        let start = self.i;
        while self.i < self.end && self.b[self.i].is_ascii_alphanumeric() {
            self.i += 1;
        }
        &self.s[start..self.i]
    }

    fn ws(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    /// After a directive's `)` or after `#else`/`#end`: spaces and one newline are eaten, as
    /// Velocity 1.7's lexer does, but only when the newline is there.
    fn gobble_newline(&mut self) {
        let mut j = self.i;
        while j < self.end && matches!(self.b[j], b' ' | b'\t') {
            j += 1;
        }
        if j < self.end && self.b[j] == b'\n' {
            self.i = j + 1;
        } else if j < self.end && self.b[j] == b'\r' {
            self.i = if j + 1 < self.end && self.b[j + 1] == b'\n' { j + 2 } else { j + 1 };
        }
    }

    fn nodes(&mut self, ctx: Ctx) -> Result<(Vec<Node>, Close), VtlError> {
        self.enter()?;
        let mut nodes = Vec::new();
        let mut text = String::new();
        let end = loop {
            if self.i >= self.end {
                break Close::Eof;
            }
            let c = self.b[self.i];
            match c {
                b'$' => {
                    let save = self.i;
                    if let Some(r) = self.reference()? {
                        flush(&mut text, &mut nodes);
                        nodes.push(Node::Ref(Box::new(r)));
                    } else {
                        self.i = save + 1;
                        text.push('$');
                    }
                }
                b'\\' => {
                    let start = self.i;
                    while self.peek() == b'\\' {
                        self.i += 1;
                    }
                    let n = (self.i - start) as u32;
                    if self.peek() == b'$' {
                        let at = self.i;
                        if let Some(r) = self.reference()? {
                            flush(&mut text, &mut nodes);
                            let src: Box<str> = self.s[at..self.i].into();
                            nodes.push(Node::Escaped(n, Box::new(r), src));
                            continue;
                        }
                        self.i = at;
                    } else if self.dq && n == 1 && self.peek() == b'u' && self.hex4().is_some() {
                        // `\uXXXX` in a double-quoted string is that character.
                        if let Some(c) = self.hex4() {
                            text.push(c);
                        }
                        self.i += 5;
                        continue;
                    } else if self.peek() == b'#' && self.directive_ahead() {
                        for _ in 0..n / 2 {
                            text.push('\\');
                        }
                        if n % 2 == 1 {
                            // An escaped directive prints as text: its `#` and name.
                            text.push('#');
                            self.i += 1;
                            if self.peek() == b'{' {
                                text.push('{');
                                self.i += 1;
                            }
                            let w = self.word();
                            text.push_str(w);
                            if self.peek() == b'}' {
                                text.push('}');
                                self.i += 1;
                            }
                        }
                        continue;
                    }
                    for _ in 0..n {
                        text.push('\\');
                    }
                }
                b'"' if self.dq && self.at(1) == b'"' => {
                    text.push('"');
                    self.i += 2;
                }
                b'#' => {
                    if let Some(e) = self.hash(ctx, &mut text, &mut nodes)? {
                        break e;
                    }
                }
                _ => {
                    let start = self.i;
                    while self.i < self.end && !matches!(self.b[self.i], b'$' | b'#' | b'\\' | b'"')
                    {
                        self.i += 1;
                    }
                    if self.i == start {
                        self.i += 1;
                    }
                    text.push_str(&self.s[start..self.i]);
                }
            }
        };
        flush(&mut text, &mut nodes);
        self.nest -= 1;
        Ok((nodes, end))
    }

    /// The character of `uXXXX` at the cursor.
    fn hex4(&self) -> Option<char> {
        let h = self.s.get(self.i + 1..self.i + 5).filter(|_| self.i + 5 <= self.end)?;
        char::from_u32(u32::from_str_radix(h, 16).ok()?)
    }

    /// Whether a directive (a known name, `{`, a comment) follows the `#` at the cursor.
    fn directive_ahead(&self) -> bool {
        let mut j = self.i + 1;
        if j < self.end && self.b[j] == b'{' {
            j += 1;
        }
        let start = j;
        while j < self.end && self.b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        matches!(
            &self.s[start..j],
            "set"
                | "if"
                | "elseif"
                | "else"
                | "end"
                | "foreach"
                | "break"
                | "stop"
                | "define"
                | "macro"
        )
    }

    /// At a `#`: a comment, a directive, a macro call, or a plain `#`. Returns how the block
    /// ended when the `#` closes it.
    fn hash(
        &mut self,
        ctx: Ctx,
        text: &mut String,
        nodes: &mut Vec<Node>,
    ) -> Result<Option<Close>, VtlError> {
        let start = self.i;
        if self.at(1) == b'#' {
            while self.i < self.end && self.b[self.i] != b'\n' {
                self.i += 1;
            }
            if self.i < self.end {
                self.i += 1;
            }
            return Ok(None);
        }
        if self.at(1) == b'*' {
            match self.s[self.i + 2..self.end].find("*#") {
                Some(k) => self.i += 2 + k + 2,
                None => return self.err(start, "this #* comment is never closed with *#"),
            }
            return Ok(None);
        }
        if self.at(1) == b'[' && self.at(2) == b'[' {
            match self.s[self.i + 3..self.end].find("]]#") {
                Some(k) => {
                    text.push_str(&self.s[self.i + 3..self.i + 3 + k]);
                    self.i += 3 + k + 3;
                }
                None => return self.err(start, "this #[[ block is never closed with ]]#"),
            }
            return Ok(None);
        }
        self.i += 1;
        let braced = self.peek() == b'{';
        if braced {
            self.i += 1;
        }
        let name = self.word();
        if name.is_empty()
            || !name.as_bytes()[0].is_ascii_alphabetic()
            || (braced && self.peek() != b'}')
        {
            self.i = start + 1;
            text.push('#');
            return Ok(None);
        }
        if braced {
            self.i += 1;
        }
        match name {
            "set" => {
                // Velocity 1.7's #set token takes the spaces before it when they start a token
                // (after a directive, a reference or the template's start), not after other text.
                if text.bytes().all(|b| b == b' ' || b == b'\t') {
                    text.clear();
                }
                flush(text, nodes);
                self.open_paren(start, "#set")?;
                self.ws();
                if self.peek() != b'$' {
                    return self.err(self.i, "#set( needs a reference such as $name before the =");
                }
                let at = self.i;
                let Some(target) = self.reference()? else {
                    return self.err(at, "#set( needs a reference such as $name before the =");
                };
                self.ws();
                if self.peek() != b'=' {
                    return self.err(self.i, "expected = in #set( $name = value )");
                }
                self.i += 1;
                let value = self.expr()?;
                self.close_paren(start, "#set")?;
                self.gobble_newline();
                nodes.push(Node::Set(Box::new(target), value));
            }
            "if" => {
                flush(text, nodes);
                self.open_paren(start, "#if")?;
                let mut cond = self.expr()?;
                self.close_paren(start, "#if")?;
                self.gobble_newline();
                let mut branches = Vec::new();
                let mut otherwise = None;
                loop {
                    let (body, end) = self.nodes(Ctx::If)?;
                    match end {
                        Close::ElseIf(c) => {
                            branches.push((cond, body));
                            cond = c;
                        }
                        Close::Else => {
                            branches.push((cond, body));
                            let (body, end) = self.nodes(Ctx::Block)?;
                            if !matches!(end, Close::End) {
                                return self.err(start, "this #if has no #end");
                            }
                            otherwise = Some(body);
                            break;
                        }
                        Close::End => {
                            branches.push((cond, body));
                            break;
                        }
                        Close::Eof => return self.err(start, "this #if has no #end"),
                    }
                }
                nodes.push(Node::If(branches, otherwise));
            }
            "elseif" => {
                if ctx != Ctx::If {
                    return self.err(start, "#elseif without an #if");
                }
                self.open_paren(start, "#elseif")?;
                let cond = self.expr()?;
                self.close_paren(start, "#elseif")?;
                self.gobble_newline();
                return Ok(Some(Close::ElseIf(cond)));
            }
            "else" => {
                if ctx != Ctx::If {
                    return self.err(start, "#else without an #if");
                }
                self.gobble_newline();
                return Ok(Some(Close::Else));
            }
            "end" => {
                if ctx == Ctx::Top {
                    return self
                        .err(start, "#end without an opening #if, #foreach, #define or #macro");
                }
                self.gobble_newline();
                return Ok(Some(Close::End));
            }
            "foreach" => {
                flush(text, nodes);
                self.open_paren(start, "#foreach")?;
                self.ws();
                let at = self.i;
                let var = match self.reference()? {
                    Some(r) if r.parts.is_empty() => r.root,
                    _ => return self.err(at, "#foreach( needs a variable such as $item before in"),
                };
                self.ws();
                if !self.starts("in") || is_ident(self.at(2)) {
                    return self.err(self.i, "expected in, as in #foreach( $item in $list )");
                }
                self.i += 2;
                let iter = self.expr()?;
                self.close_paren(start, "#foreach")?;
                self.gobble_newline();
                let (body, end) = self.nodes(Ctx::Block)?;
                if !matches!(end, Close::End) {
                    return self.err(start, "this #foreach has no #end");
                }
                nodes.push(Node::Foreach(Box::new(Foreach { var, iter, body, pos: start as u32 })));
            }
            "break" | "stop" => {
                flush(text, nodes);
                // `#break($foreach)` names the loop; there is only ever the innermost one here.
                let save = self.i;
                self.ws_inline();
                if self.peek() == b'(' {
                    self.i += 1;
                    self.ws();
                    let _ = self.reference()?;
                    self.ws();
                    if self.peek() != b')' {
                        self.i = save;
                    } else {
                        self.i += 1;
                    }
                } else {
                    self.i = save;
                }
                nodes.push(if name == "break" { Node::Break } else { Node::Stop });
            }
            "define" => {
                flush(text, nodes);
                self.open_paren(start, "#define")?;
                self.ws();
                let at = self.i;
                let var = match self.reference()? {
                    Some(r) if r.parts.is_empty() => r.root,
                    _ => return self.err(at, "#define( needs a variable such as $block"),
                };
                self.close_paren(start, "#define")?;
                self.gobble_newline();
                let (body, end) = self.nodes(Ctx::Block)?;
                if !matches!(end, Close::End) {
                    return self.err(start, "this #define has no #end");
                }
                nodes.push(Node::Define(var, Rc::new(body)));
            }
            "macro" => {
                flush(text, nodes);
                self.open_paren(start, "#macro")?;
                self.ws();
                let mname = self.ident();
                if mname.is_empty() {
                    return self
                        .err(self.i, "#macro( needs a name first, as in #macro( greet $name )");
                }
                let mut params = Vec::new();
                loop {
                    self.ws();
                    if self.peek() == b',' {
                        self.i += 1;
                        self.ws();
                    }
                    if self.peek() == b')' {
                        self.i += 1;
                        break;
                    }
                    let at = self.i;
                    match self.reference()? {
                        Some(r) if r.parts.is_empty() => params.push(r.root),
                        _ => {
                            return self
                                .err(at, "a #macro's parameters are variables such as $name");
                        }
                    }
                }
                self.gobble_newline();
                let (body, end) = self.nodes(Ctx::Block)?;
                if !matches!(end, Close::End) {
                    return self.err(start, "this #macro has no #end");
                }
                self.macros.push((mname.into(), Rc::new(Macro { params, body })));
            }
            _ => {
                // A macro call, `#name( args )`; anything else is text.
                let after = self.i;
                let nest = self.nest;
                self.ws_inline();
                if self.peek() == b'(' {
                    self.i += 1;
                    let args = self.call_args();
                    self.nest = nest;
                    if let Ok(args) = args {
                        flush(text, nodes);
                        let src: Box<str> = self.s[start..self.i].into();
                        self.gobble_newline();
                        nodes.push(Node::Call(name.into(), args, src, start as u32));
                        return Ok(None);
                    }
                }
                self.i = after;
                text.push_str(&self.s[start..after]);
            }
        }
        Ok(None)
    }

    fn ws_inline(&mut self) {
        while matches!(self.peek(), b' ' | b'\t') {
            self.i += 1;
        }
    }

    fn call_args(&mut self) -> Result<Vec<Expr>, VtlError> {
        let mut args = Vec::new();
        loop {
            self.ws();
            if self.peek() == b',' && !args.is_empty() {
                self.i += 1;
                self.ws();
            }
            if self.peek() == b')' {
                self.i += 1;
                return Ok(args);
            }
            if self.i >= self.end {
                return self.err(self.i, "a macro call is never closed with )");
            }
            args.push(self.unary()?);
        }
    }

    fn open_paren(&mut self, start: usize, what: &str) -> Result<(), VtlError> {
        self.ws();
        if self.peek() != b'(' {
            return self.err(start, &format!("{what} needs its arguments in parentheses"));
        }
        self.i += 1;
        Ok(())
    }

    fn close_paren(&mut self, start: usize, what: &str) -> Result<(), VtlError> {
        self.ws();
        if self.peek() != b')' {
            if self.i >= self.end {
                return self.err(start, &format!("this {what}( is never closed with )"));
            }
            return self.err(self.i, &format!("expected ) to close {what}("));
        }
        self.i += 1;
        Ok(())
    }

    /// A reference at `$`: `$a`, `$!a`, `${a}`, `$!{a}`, with `.b`, `.c(…)` and `[…]` after it.
    /// `None` (and the cursor anywhere) when the `$` starts no reference.
    fn reference(&mut self) -> Result<Option<RefExpr>, VtlError> {
        let pos = self.i as u32;
        self.i += 1;
        if self.peek() == b'!' {
            self.i += 1;
        }
        let braced = self.peek() == b'{';
        if braced {
            self.i += 1;
        }
        if !is_ident_start(self.peek()) {
            return Ok(None);
        }
        let root: Rc<str> = self.ident().into();
        let mut parts = Vec::new();
        loop {
            if self.peek() == b'.' && self.at(1).is_ascii_alphabetic() {
                let save = self.i;
                self.i += 1;
                let name: Rc<str> = self.ident().into();
                if self.peek() == b'(' {
                    self.enter()?;
                    self.i += 1;
                    let mut args = Vec::new();
                    loop {
                        self.ws();
                        if self.peek() == b')' {
                            self.i += 1;
                            break;
                        }
                        if !args.is_empty() {
                            if self.peek() != b',' {
                                if self.i >= self.end {
                                    return self
                                        .err(save, "this method call is never closed with )");
                                }
                                return self
                                    .err(self.i, "expected , or ) in the method call's arguments");
                            }
                            self.i += 1;
                        }
                        args.push(self.expr()?);
                    }
                    self.nest -= 1;
                    parts.push(Part::Method(name, args));
                } else {
                    parts.push(Part::Prop(name));
                }
            } else if self.peek() == b'[' {
                let save = self.i;
                let nest = self.nest;
                self.i += 1;
                let e = self.expr();
                self.nest = nest;
                let ok = match e {
                    Ok(e) => {
                        self.ws();
                        if self.peek() == b']' {
                            self.i += 1;
                            parts.push(Part::Index(e));
                            true
                        } else {
                            false
                        }
                    }
                    Err(_) => false,
                };
                if !ok {
                    self.i = save;
                    break;
                }
            } else {
                break;
            }
        }
        if braced {
            if self.peek() != b'}' {
                return Ok(None);
            }
            self.i += 1;
        }
        Ok(Some(RefExpr { root, parts, pos, end: self.i as u32 }))
    }

    pub(crate) fn expr(&mut self) -> Result<Expr, VtlError> {
        self.enter()?;
        let e = self.binary(0);
        self.nest -= 1;
        e
    }

    /// The operator at the cursor with its precedence level, and its length.
    fn op(&self) -> Option<(Op, u8, usize)> {
        let two = (self.peek(), self.at(1));
        let sym = match two {
            (b'|', b'|') => Some((Op::Or, 0, 2)),
            (b'&', b'&') => Some((Op::And, 1, 2)),
            (b'=', b'=') => Some((Op::Eq, 2, 2)),
            (b'!', b'=') => Some((Op::Ne, 2, 2)),
            (b'<', b'=') => Some((Op::Le, 3, 2)),
            (b'>', b'=') => Some((Op::Ge, 3, 2)),
            (b'<', _) => Some((Op::Lt, 3, 1)),
            (b'>', _) => Some((Op::Gt, 3, 1)),
            (b'+', _) => Some((Op::Add, 4, 1)),
            (b'-', _) => Some((Op::Sub, 4, 1)),
            (b'*', _) => Some((Op::Mul, 5, 1)),
            (b'/', _) => Some((Op::Div, 5, 1)),
            (b'%', _) => Some((Op::Mod, 5, 1)),
            _ => None,
        };
        if sym.is_some() {
            return sym;
        }
        if !self.peek().is_ascii_alphabetic() {
            return None;
        }
        let mut j = self.i;
        while j < self.end && is_ident(self.b[j]) {
            j += 1;
        }
        let w = match &self.s[self.i..j] {
            "or" => (Op::Or, 0),
            "and" => (Op::And, 1),
            "eq" => (Op::Eq, 2),
            "ne" => (Op::Ne, 2),
            "lt" => (Op::Lt, 3),
            "le" => (Op::Le, 3),
            "gt" => (Op::Gt, 3),
            "ge" => (Op::Ge, 3),
            _ => return None,
        };
        Some((w.0, w.1, j - self.i))
    }

    fn binary(&mut self, level: u8) -> Result<Expr, VtlError> {
        if level > 5 {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        loop {
            self.ws();
            match self.op() {
                Some((op, l, len)) if l == level => {
                    let pos = self.i as u32;
                    self.i += len;
                    let right = self.binary(level + 1)?;
                    left = Expr::Bin(op, Box::new((left, right)), pos);
                }
                _ => return Ok(left),
            }
        }
    }

    fn unary(&mut self) -> Result<Expr, VtlError> {
        self.ws();
        self.enter()?;
        let r = if self.peek() == b'!' {
            self.i += 1;
            Ok(Expr::Not(Box::new(self.unary()?)))
        } else if self.starts("not") && !is_ident(self.at(3)) {
            self.i += 3;
            Ok(Expr::Not(Box::new(self.unary()?)))
        } else if self.peek() == b'-' && !self.at(1).is_ascii_digit() {
            self.i += 1;
            Ok(Expr::Neg(Box::new(self.unary()?)))
        } else {
            self.primary()
        };
        self.nest -= 1;
        r
    }

    fn primary(&mut self) -> Result<Expr, VtlError> {
        self.ws();
        let start = self.i;
        let c = self.peek();
        match c {
            b'$' => match self.reference()? {
                Some(r) => Ok(Expr::Ref(Box::new(r))),
                None => self.err(start, "expected a reference such as $name after $"),
            },
            b'"' => self.dq_string(),
            b'\'' => {
                self.i += 1;
                let mut s = String::new();
                loop {
                    if self.i >= self.end {
                        return self.err(start, "this string is never closed with '");
                    }
                    if self.peek() == b'\'' {
                        if self.at(1) == b'\'' {
                            s.push('\'');
                            self.i += 2;
                            continue;
                        }
                        self.i += 1;
                        break;
                    }
                    let k = self.s[self.i..self.end].find('\'').map_or(self.end, |k| self.i + k);
                    s.push_str(&self.s[self.i..k]);
                    self.i = k;
                }
                Ok(Expr::Lit(Lit::Str(s.into())))
            }
            b'0'..=b'9' | b'-' => self.number(),
            b'[' => {
                self.i += 1;
                self.ws();
                if self.peek() == b']' {
                    self.i += 1;
                    return Ok(Expr::List(Vec::new()));
                }
                let first = self.expr()?;
                self.ws();
                if self.starts("..") {
                    self.i += 2;
                    let last = self.expr()?;
                    self.ws();
                    if self.peek() != b']' {
                        return self.err(self.i, "expected ] to close the range [a..b]");
                    }
                    self.i += 1;
                    return Ok(Expr::Range(Box::new((first, last)), start as u32));
                }
                let mut items = vec![first];
                loop {
                    self.ws();
                    match self.peek() {
                        b']' => {
                            self.i += 1;
                            return Ok(Expr::List(items));
                        }
                        b',' => {
                            self.i += 1;
                            items.push(self.expr()?);
                        }
                        _ if self.i >= self.end => {
                            return self.err(start, "this list is never closed with ]");
                        }
                        _ => return self.err(self.i, "expected , or ] in the list"),
                    }
                }
            }
            b'{' => {
                self.i += 1;
                let mut entries = Vec::new();
                loop {
                    self.ws();
                    if self.peek() == b'}' {
                        self.i += 1;
                        return Ok(Expr::Map(entries));
                    }
                    if !entries.is_empty() {
                        if self.peek() != b',' {
                            if self.i >= self.end {
                                return self.err(start, "this map is never closed with }");
                            }
                            return self.err(self.i, "expected , or } in the map");
                        }
                        self.i += 1;
                    }
                    let k = self.expr()?;
                    self.ws();
                    if self.peek() != b':' {
                        return self.err(self.i, "expected : between a map's key and its value");
                    }
                    self.i += 1;
                    let v = self.expr()?;
                    entries.push((k, v));
                }
            }
            b'(' => {
                self.i += 1;
                let e = self.expr()?;
                self.ws();
                if self.peek() != b')' {
                    return self.err(self.i, "expected )");
                }
                self.i += 1;
                Ok(e)
            }
            _ => {
                if self.starts("true") && !is_ident(self.at(4)) {
                    self.i += 4;
                    return Ok(Expr::Lit(Lit::Bool(true)));
                }
                if self.starts("false") && !is_ident(self.at(5)) {
                    self.i += 5;
                    return Ok(Expr::Lit(Lit::Bool(false)));
                }
                if self.i >= self.end {
                    return self.err(self.i, "the template ends where a value was expected");
                }
                let ch = self.s[self.i..].chars().next().unwrap_or(' ');
                self.err(self.i, &format!("expected a value (a $reference, a string, a number, a list or a map), found {ch}"))
            }
        }
    }

    fn dq_string(&mut self) -> Result<Expr, VtlError> {
        let start = self.i;
        self.i += 1;
        let open = self.i;
        let mut j = open;
        loop {
            if j >= self.end {
                return self.err(start, "this string is never closed with \"");
            }
            match self.b[j] {
                b'"' if j + 1 < self.end && self.b[j + 1] == b'"' => j += 2,
                b'"' => break,
                _ => j += 1,
            }
        }
        let close = j.min(self.end);
        let raw = &self.s[open..close];
        if !raw.contains(['$', '#']) {
            self.i = close + 1;
            return Ok(Expr::Lit(Lit::Str(unescape(&raw.replace("\"\"", "\"")).into())));
        }
        let (end, dq) = (self.end, self.dq);
        self.end = close;
        self.dq = true;
        self.i = open;
        let r = self.nodes(Ctx::Top);
        self.end = end;
        self.dq = dq;
        self.i = close + 1;
        let (nodes, _) = r?;
        Ok(Expr::Str(nodes))
    }

    fn number(&mut self) -> Result<Expr, VtlError> {
        let start = self.i;
        if self.peek() == b'-' {
            self.i += 1;
        }
        while self.peek().is_ascii_digit() {
            self.i += 1;
        }
        let mut float = false;
        if self.peek() == b'.' && self.at(1).is_ascii_digit() {
            float = true;
            self.i += 1;
            while self.peek().is_ascii_digit() {
                self.i += 1;
            }
        }
        if matches!(self.peek(), b'e' | b'E')
            && (self.at(1).is_ascii_digit()
                || (matches!(self.at(1), b'+' | b'-') && self.at(2).is_ascii_digit()))
        {
            float = true;
            self.i += 2;
            while self.peek().is_ascii_digit() {
                self.i += 1;
            }
        }
        let text = &self.s[start..self.i];
        if text == "-" || text.is_empty() {
            return self.err(start, "expected a number");
        }
        if !float {
            if let Ok(n) = text.parse::<i64>() {
                return Ok(Expr::Lit(Lit::Int(n)));
            }
        }
        match text.parse::<f64>() {
            Ok(f) => Ok(Expr::Lit(Lit::Float(f))),
            Err(_) => self.err(start, "this number cannot be read"),
        }
    }
}

/// Velocity's `\uXXXX` in a double-quoted string.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find("\\u") {
        out.push_str(&rest[..k]);
        match rest
            .get(k + 2..k + 6)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
        {
            Some(c) => {
                out.push(c);
                rest = &rest[k + 6..];
            }
            None => {
                out.push_str("\\u");
                rest = &rest[k + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn flush(text: &mut String, nodes: &mut Vec<Node>) {
    if !text.is_empty() {
        nodes.push(Node::Text(std::mem::take(text).into_boxed_str()));
    }
}

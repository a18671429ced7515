//! API Gateway's mapping-template language: the Velocity (VTL) that request and response
//! templates are written in, with AWS's semantics and AWS's variables (`$input`, `$util`,
//! `$context`, `$stageVariables`).
//!
//! [`parse`] turns a template into a [`Template`] (or a [`VtlError`] with its line and column);
//! [`render`] runs it against an [`Env`] under [`Limits`] and gives the output text with what the
//! template set in `$context.requestOverride` and `$context.responseOverride`. Nothing here
//! panics and nothing runs unbounded: steps, output size and nesting are all counted.
//! `docs/vtl.md` lists every point where AWS's rendering differs from plain Velocity's.

mod eval;
mod java;
pub mod jsonpath;
mod parse;
pub mod regex;
#[cfg(test)]
mod tests;

use std::fmt;
use std::rc::Rc;

use serde_json::Value;

/// A problem in a template, at a 1-based line and column of the template's text (columns count
/// characters, not bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VtlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// A parsed template.
#[derive(Clone)]
pub struct Template {
    src: Rc<str>,
    nodes: Rc<Vec<parse::Node>>,
    macros: Rc<Vec<(Box<str>, Rc<parse::Macro>)>>,
}

impl fmt::Debug for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Template({} bytes, {} nodes)", self.src.len(), self.nodes.len())
    }
}

/// Parses a template. The error is the first syntax error.
pub fn parse(source: &str) -> Result<Template, VtlError> {
    let mut p = parse::Parser::new(source);
    let nodes = p.template()?;
    Ok(Template { src: source.into(), nodes: Rc::new(nodes), macros: Rc::new(p.macros) })
}

/// The 1-based line and column (in characters) of a byte offset in `src`.
fn line_col(src: &str, pos: u32) -> (u32, u32) {
    let (mut line, mut col) = (1u32, 1u32);
    for (i, c) in src.char_indices() {
        if i >= pos as usize {
            break;
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

/// The literal names a template reads with `$input.params('x')`, `$input.params("x")` or
/// `$input.params().path.get('x')` (also `.querystring`/`.header`), each with its line and
/// column, in the template's order.
pub fn param_reads(template: &Template) -> Vec<(String, u32, u32)> {
    let mut found = Vec::new();
    param_nodes(&template.nodes, &mut found);
    for (_, m) in template.macros.iter() {
        param_nodes(&m.body, &mut found);
    }
    found.sort_by_key(|(_, pos)| *pos);
    found
        .into_iter()
        .map(|(name, pos)| {
            let (line, column) = line_col(&template.src, pos);
            (name, line, column)
        })
        .collect()
}

fn param_nodes(nodes: &[parse::Node], found: &mut Vec<(String, u32)>) {
    use parse::Node;
    for n in nodes {
        match n {
            Node::Ref(r) | Node::Escaped(_, r, _) => param_ref(r, found),
            Node::Set(r, e) => {
                param_ref(r, found);
                param_expr(e, found);
            }
            Node::If(branches, otherwise) => {
                for (c, body) in branches {
                    param_expr(c, found);
                    param_nodes(body, found);
                }
                if let Some(body) = otherwise {
                    param_nodes(body, found);
                }
            }
            Node::Foreach(f) => {
                param_expr(&f.iter, found);
                param_nodes(&f.body, found);
            }
            Node::Define(_, body) => param_nodes(body, found),
            Node::Call(_, args, _, _) => args.iter().for_each(|a| param_expr(a, found)),
            Node::Text(_) | Node::Break | Node::Stop => {}
        }
    }
}

fn param_ref(r: &parse::RefExpr, found: &mut Vec<(String, u32)>) {
    use parse::{Expr, Lit, Part};
    let lit = |args: &[Expr]| match args {
        [Expr::Lit(Lit::Str(s))] => Some(s.to_string()),
        _ => None,
    };
    if &*r.root == "input" {
        match r.parts.as_slice() {
            [Part::Method(m, args), ..] if &**m == "params" && args.len() == 1 => {
                if let Some(name) = lit(args) {
                    found.push((name, r.pos));
                }
            }
            [Part::Method(m, none), Part::Prop(kind), Part::Method(get, args), ..]
                if &**m == "params"
                    && none.is_empty()
                    && matches!(&**kind, "path" | "querystring" | "header")
                    && &**get == "get" =>
            {
                if let Some(name) = lit(args) {
                    found.push((name, r.pos));
                }
            }
            _ => {}
        }
    }
    for p in &r.parts {
        match p {
            Part::Method(_, args) => args.iter().for_each(|a| param_expr(a, found)),
            Part::Index(e) => param_expr(e, found),
            Part::Prop(_) => {}
        }
    }
}

fn param_expr(e: &parse::Expr, found: &mut Vec<(String, u32)>) {
    use parse::Expr;
    match e {
        Expr::Lit(_) => {}
        Expr::Str(nodes) => param_nodes(nodes, found),
        Expr::Ref(r) => param_ref(r, found),
        Expr::List(items) => items.iter().for_each(|i| param_expr(i, found)),
        Expr::Range(ends, _) | Expr::Bin(_, ends, _) => {
            param_expr(&ends.0, found);
            param_expr(&ends.1, found);
        }
        Expr::Map(entries) => entries.iter().for_each(|(k, v)| {
            param_expr(k, found);
            param_expr(v, found);
        }),
        Expr::Not(x) | Expr::Neg(x) => param_expr(x, found),
    }
}

/// What a template reads: the request (or, for a response template, the integration's
/// response) and API Gateway's context.
#[derive(Clone, Debug, Default)]
pub struct Env {
    /// `$input.body`: the payload as text.
    pub body: String,
    /// `$input.params().path`: path parameter name → value, in the resource path's order.
    pub path: Vec<(String, String)>,
    /// `$input.params().querystring`: name → value; a repeated name keeps its last value,
    /// as API Gateway's single-value map does.
    pub querystring: Vec<(String, String)>,
    /// `$input.params().header`: name → value, names as the caller sent them.
    pub header: Vec<(String, String)>,
    /// `$context`: an object (`requestId`, `stage`, `identity` {…}, `authorizer` {…}, …).
    /// `requestOverride` and `responseOverride` start empty and are what [`Rendered`] gives back.
    pub context: Value,
    /// `$stageVariables`: name → value.
    pub stage_variables: Vec<(String, String)>,
}

/// How far a render may go before it stops with an error.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Evaluation steps (every node evaluated, every loop turn).
    pub steps: u64,
    /// Output bytes.
    pub output: usize,
    /// Nesting of directives, macro calls and `#define` expansions.
    pub depth: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { steps: 1_000_000, output: 300 * 1024, depth: 64 }
    }
}

/// What `#set($context.requestOverride…)` / `#set($context.responseOverride…)` left.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `requestOverride.header.X`, `.querystring.X`, `.path.X`.
    pub request_header: Vec<(String, String)>,
    pub request_querystring: Vec<(String, String)>,
    pub request_path: Vec<(String, String)>,
    /// `responseOverride.status`.
    pub response_status: Option<String>,
    /// `responseOverride.header.X`.
    pub response_header: Vec<(String, String)>,
}

/// A finished render.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    pub output: String,
    pub overrides: Overrides,
}

/// Runs a parsed template.
pub fn render(template: &Template, env: &Env, limits: Limits) -> Result<Rendered, VtlError> {
    eval::render(template, env, limits)
}

/// The `$context` of a test invocation with fixed, documented values (`test-context.json`):
/// what `apigw template` starts from, and what the template corpus and its peers share.
pub fn test_context() -> Value {
    serde_json::from_str(include_str!("test-context.json")).unwrap_or(Value::Null)
}

/// Parses and runs a template in one step.
pub fn render_text(source: &str, env: &Env, limits: Limits) -> Result<Rendered, VtlError> {
    render(&parse(source)?, env, limits)
}

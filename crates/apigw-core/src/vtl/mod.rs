//! API Gateway's mapping-template language: the Velocity (VTL) that request and response
//! templates are written in, with AWS's semantics and AWS's variables (`$input`, `$util`,
//! `$context`, `$stageVariables`).
//!
//! [`parse`] turns a template into a [`Template`] (or a [`VtlError`] with its line and column);
//! [`render`] runs it against an [`Env`] under [`Limits`] and gives the output text with what the
//! template set in `$context.requestOverride` and `$context.responseOverride`. Nothing here
//! panics and nothing runs unbounded: steps, output size and nesting are all counted.
//! `docs/vtl.md` lists every point where AWS's rendering differs from plain Velocity's.

pub mod jsonpath;
pub mod regex;

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
#[derive(Clone, Debug)]
pub struct Template {
    _todo: (),
}

/// Parses a template. The error is the first syntax error.
pub fn parse(_source: &str) -> Result<Template, VtlError> {
    todo!("vtl::parse")
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
pub fn render(_template: &Template, _env: &Env, _limits: Limits) -> Result<Rendered, VtlError> {
    todo!("vtl::render")
}

/// Parses and runs a template in one step.
pub fn render_text(source: &str, env: &Env, limits: Limits) -> Result<Rendered, VtlError> {
    render(&parse(source)?, env, limits)
}

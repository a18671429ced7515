//! Reading and writing the project's files: the design document (`apigw-design/1`) and the
//! plan (`apigw-plan/1`). The format is detected from the content.
//!
//! Loading never panics: syntax and type errors come back as a [`LoadError`] with the line and
//! column; problems of the content come back as diagnostics, each with a JSON Pointer into the
//! input, so a tool can say exactly which line of which file is wrong.

use crate::diagnostic::{Diagnostic, Owner};
use crate::get_resources::{self, ItemIndex};
use crate::model::{ApiSettings, Authorizer, Design, Model, RequestValidator, Resource};
use crate::plan_import::{self, CallIndex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The design document's format tag.
pub const DESIGN_FORMAT: &str = "apigw-design/1";

/// What kind of file was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Design,
    Plan,
    /// `aws apigateway get-resources --embed methods` output (boto3 `items` or wire `item`).
    GetResources,
    OpenApi,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Design => "design",
            Kind::Plan => "plan",
            Kind::GetResources => "get-resources output",
            Kind::OpenApi => "OpenAPI document",
        }
    }
}

/// A file that could be read.
#[derive(Debug)]
pub struct Loaded {
    pub kind: Kind,
    pub design: Design,
    /// Problems found while reading (the call sequence of a plan); `validate` adds the rest.
    pub import_diagnostics: Vec<Diagnostic>,
    locator: Locator,
}

/// How diagnostics map back to positions in the input.
#[derive(Debug)]
enum Locator {
    Design,
    Plan(Box<CallIndex>),
    Items(ItemIndex),
    OpenApi(crate::openapi::PathIndex),
}

impl Loaded {
    /// Every problem: import diagnostics first, then the design's own.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = self.import_diagnostics.clone();
        all.extend(crate::validate(&self.design));
        all
    }

    /// The JSON Pointer into the input file where a diagnostic's problem lies. For a plan this
    /// is the call that API Gateway would reject: `/calls/N/params/<field>`.
    pub fn pointer(&self, diagnostic: &Diagnostic) -> String {
        match &self.locator {
            Locator::Plan(calls) => calls.pointer(&diagnostic.target),
            Locator::Items(items) => items.pointer(&diagnostic.target),
            Locator::OpenApi(paths) => paths.pointer(&diagnostic.target),
            Locator::Design => diagnostic.target.design_pointer(),
        }
    }
}

/// A file that could not be read: what is wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub message: String,
    /// 1-based; 0 when the position is unknown.
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "line {} column {}: {}", self.line, self.column, self.message)
        } else {
            write!(f, "{}", self.message)
        }
    }
}

impl LoadError {
    pub fn new(message: impl Into<String>) -> LoadError {
        LoadError { message: message.into(), line: 0, column: 0 }
    }

    pub(crate) fn json(error: &serde_json::Error) -> LoadError {
        let text = error.to_string();
        // serde_json appends " at line L column C"; keep the message and report the position apart.
        let message = match text.rfind(" at line ") {
            Some(index) => text[..index].to_string(),
            None => text,
        };
        LoadError { message, line: error.line(), column: error.column() }
    }
}

/// The top-level `format` of a JSON object, read without building the rest (None for YAML,
/// broken JSON, or no `format`).
fn probe_format(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<String>,
    }
    if !text.trim_start().starts_with('{') {
        return None;
    }
    serde_json::from_str::<Probe>(text).ok()?.format
}

/// Reads a design document or a plan, detected from its `format`.
pub fn load(text: &str) -> Result<Loaded, LoadError> {
    // A design document is read straight into the design: no JSON tree of a large file.
    if probe_format(text).as_deref() == Some(DESIGN_FORMAT) {
        let design = design_from_str(text)?;
        return Ok(Loaded {
            kind: Kind::Design,
            design,
            import_diagnostics: Vec::new(),
            locator: Locator::Design,
        });
    }
    let value = crate::openapi::parse_text(text)?;
    if crate::openapi::detect(&value).is_some() {
        let (design, import_diagnostics, paths) = crate::openapi::import(&value)?;
        return Ok(Loaded {
            kind: Kind::OpenApi,
            design,
            import_diagnostics,
            locator: Locator::OpenApi(paths),
        });
    }
    let format = value.get("format").and_then(serde_json::Value::as_str);
    match format {
        Some(DESIGN_FORMAT) => {
            let design = design_from_str(text)?;
            Ok(Loaded {
                kind: Kind::Design,
                design,
                import_diagnostics: Vec::new(),
                locator: Locator::Design,
            })
        }
        Some(crate::plan::PLAN_FORMAT) => {
            let (design, import_diagnostics, calls) = plan_import::import(&value)?;
            Ok(Loaded {
                kind: Kind::Plan,
                design,
                import_diagnostics,
                locator: Locator::Plan(Box::new(calls)),
            })
        }
        Some(other) => Err(LoadError {
            message: format!(
                "unknown format `{other}`; expected \"{DESIGN_FORMAT}\" (a design) or \"{}\" (a plan)",
                crate::plan::PLAN_FORMAT
            ),
            line: 1,
            column: 1,
        }),
        None if get_resources::detect(&value).is_some() => {
            let (design, import_diagnostics, items) = get_resources::import(&value)?;
            Ok(Loaded {
                kind: Kind::GetResources,
                design,
                import_diagnostics,
                locator: Locator::Items(items),
            })
        }
        None => Err(LoadError {
            message: format!(
                "not a file apigw reads: expected a design (\"format\": \"{DESIGN_FORMAT}\"), a plan (\"{}\"), get-resources output (\"items\") or OpenAPI (\"openapi\" or \"swagger\")",
                crate::plan::PLAN_FORMAT
            ),
            line: 1,
            column: 1,
        }),
    }
}

/// The design document as written to disk.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DesignFile {
    #[allow(dead_code)]
    format: String,
    #[serde(default)]
    api: ApiSettings,
    #[serde(default)]
    authorizers: crate::map::Map<String, Authorizer>,
    #[serde(default)]
    request_validators: crate::map::Map<String, RequestValidator>,
    #[serde(default)]
    models: crate::map::Map<String, Model>,
    #[serde(default)]
    resources: BTreeMap<String, Resource>,
}

#[derive(Serialize)]
struct DesignFileOut<'a> {
    format: &'static str,
    #[serde(flatten)]
    design: &'a Design,
}

/// Parses a design document, with line and column on any error.
pub fn design_from_str(text: &str) -> Result<Design, LoadError> {
    let file: DesignFile = serde_json::from_str(text).map_err(|e| LoadError::json(&e))?;
    for path in file.resources.keys() {
        if !path.starts_with('/') || (path.len() > 1 && path.ends_with('/')) {
            return Err(LoadError::new(format!(
                "resource path `{path}` must start with `/` and not end with one (e.g. /pets/{{petId}})"
            )));
        }
    }
    let mut design = Design {
        api: file.api,
        authorizers: file.authorizers,
        request_validators: file.request_validators,
        models: file.models,
        resources: file.resources,
    };
    design.fill_ancestors();
    Ok(design)
}

/// The design document, pretty-printed, with its format tag first.
pub fn design_to_string(design: &Design) -> String {
    let mut text = serde_json::to_string_pretty(&DesignFileOut { format: DESIGN_FORMAT, design })
        .unwrap_or_default();
    text.push('\n');
    text
}

/// The design document on one line: what the browser keeps in its storage, where every byte
/// counts against a quota of a few megabytes.
pub fn design_to_compact_string(design: &Design) -> String {
    serde_json::to_string(&DesignFileOut { format: DESIGN_FORMAT, design }).unwrap_or_default()
}

/// The path of a diagnostic's owner, for grouping (`/pets GET`).
pub fn owner_label(owner: &Owner) -> String {
    match owner {
        Owner::Api => "API".into(),
        Owner::Authorizer { name } => format!("authorizer {name}"),
        Owner::RequestValidator { name } => format!("validator {name}"),
        Owner::Model { name } => format!("model {name}"),
        Owner::Resource { path } => path.clone(),
        Owner::Method { path, verb } => format!("{verb} {path}"),
        Owner::MethodResponse { path, verb, status } => {
            format!("{verb} {path} · method response {status}")
        }
        Owner::Integration { path, verb } => format!("{verb} {path} · integration"),
        Owner::IntegrationResponse { path, verb, status } => {
            format!("{verb} {path} · integration response {status}")
        }
        Owner::Call { index } => format!("call {index}"),
    }
}

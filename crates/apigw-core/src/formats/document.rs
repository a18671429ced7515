//! Reading and writing the project's files: the design document (`apigw-design/1`) and the
//! plan (`apigw-plan/1`). The format is detected from the content.
//!
//! Loading never panics: syntax and type errors come back as a [`LoadError`] with the line and
//! column; problems of the content come back as diagnostics, each with a JSON Pointer into the
//! input, so a tool can say exactly which line of which file is wrong.

use crate::diagnostic::{Diagnostic, Owner, Target};
use crate::get_resources::{self, ItemIndex};
use crate::model::{
    ApiSettings, Authorizer, Design, GatewayResponse, Model, RequestValidator, Resource, Stage,
};
use crate::plan_import::{self, CallIndex};
use serde::{Deserialize, Serialize};
use serde_json::Value;
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
    /// A CloudFormation (or SAM) template holding an `AWS::ApiGateway::RestApi`.
    CloudFormation,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Design => "design",
            Kind::Plan => "plan",
            Kind::GetResources => "get-resources output",
            Kind::OpenApi => "OpenAPI document",
            Kind::CloudFormation => "CloudFormation template",
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
    CloudFormation(Box<crate::cloudformation::TemplateIndex>),
}

impl Loaded {
    /// Every problem: import diagnostics first, then the design's own.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = self.import_diagnostics.clone();
        all.extend(crate::validate(&self.design));
        all
    }

    /// The JSON Pointer into the input file where a diagnostic's problem lies. For a plan this
    /// is the call that sets it (`/calls/N/params/<field>`): the one API Gateway rejects, for
    /// a problem of the call phase; for one of the deploy phase, the plan as a whole (``).
    pub fn pointer(&self, diagnostic: &Diagnostic) -> String {
        if let Some(pointer) = diagnostic.target.file_pointer() {
            return pointer.to_string();
        }
        match &self.locator {
            // A plan's deploy-phase problem belongs to the plan as a whole: every call of it
            // is accepted, and CreateDeployment is what fails.
            Locator::Plan(_) if diagnostic.phase == crate::diagnostic::Phase::Deploy => {
                String::new()
            }
            Locator::Plan(calls) => calls.pointer(&diagnostic.target),
            Locator::Items(items) => items.pointer(&diagnostic.target),
            Locator::OpenApi(paths) => paths.pointer(&diagnostic.target),
            Locator::CloudFormation(index) => index.pointer(&diagnostic.target),
            Locator::Design => diagnostic.target.design_pointer(),
        }
    }
}

pub use crate::load_error::LoadError;

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

/// Whether a text is JSON rather than YAML (JSON is YAML too, but is read as JSON).
fn is_json(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.starts_with('{') || trimmed.starts_with('[')
}

/// Reads any file apigw reads, detected from its content: a design document, a plan,
/// get-resources output, OpenAPI or a CloudFormation template, in JSON or YAML. A leading byte-order mark is skipped.
///
/// Whatever the file holds that the design cannot carry is in `import_diagnostics`, each with
/// a pointer into the file; what cannot be read at all is a [`LoadError`] with its line and
/// column.
pub fn load(text: &str) -> Result<Loaded, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    load_text(text).map_err(|mut error| {
        if error.line == 0 {
            if let Some(pointer) = &error.pointer {
                let at = position(text, pointer);
                error.line = at.line;
                error.column = at.column;
            }
        }
        error
    })
}

/// The line and column of the value at `pointer` in a JSON or YAML text.
pub fn position(text: &str, pointer: &str) -> crate::json_text::Position {
    if is_json(text) {
        crate::json_text::position(text, pointer)
    } else {
        crate::yaml::position(text, pointer)
    }
}

fn load_text(text: &str) -> Result<Loaded, LoadError> {
    // A design document is read straight into the design: no JSON tree of a large file.
    if probe_format(text).as_deref() == Some(DESIGN_FORMAT) {
        let design = design_from_str(text)?;
        return Ok(Loaded {
            kind: Kind::Design,
            design,
            import_diagnostics: text_notes(&crate::json_text::duplicates(text), 1, None),
            locator: Locator::Design,
        });
    }
    let (value, notes) = parse_value(text)?;
    let with_notes = |mut diagnostics: Vec<Diagnostic>| {
        let mut all = notes.clone();
        all.append(&mut diagnostics);
        all
    };
    if crate::openapi::detect(&value).is_some() {
        let (design, import_diagnostics, paths) = crate::openapi::import(&value)?;
        return Ok(Loaded {
            kind: Kind::OpenApi,
            design,
            import_diagnostics: with_notes(import_diagnostics),
            locator: Locator::OpenApi(paths),
        });
    }
    if crate::cloudformation::detect(&value) {
        let (design, import_diagnostics, index) = crate::cloudformation::import(&value)?;
        return Ok(Loaded {
            kind: Kind::CloudFormation,
            design,
            import_diagnostics: with_notes(import_diagnostics),
            locator: Locator::CloudFormation(Box::new(index)),
        });
    }
    let format = value.get("format");
    match format.map(|f| f.as_str().ok_or(f)) {
        Some(Ok(DESIGN_FORMAT)) => {
            let design = design_from_str(text)?;
            Ok(Loaded {
                kind: Kind::Design,
                design,
                import_diagnostics: notes,
                locator: Locator::Design,
            })
        }
        Some(Ok(crate::plan::PLAN_FORMAT)) => {
            let (design, import_diagnostics, calls) = plan_import::import(&value)?;
            Ok(Loaded {
                kind: Kind::Plan,
                design,
                import_diagnostics: with_notes(import_diagnostics),
                locator: Locator::Plan(Box::new(calls)),
            })
        }
        Some(other) => {
            let shown = match other {
                Ok(text) => format!("`{text}`"),
                Err(value) => crate::schema::describe_value(value),
            };
            Err(LoadError::at(
                "/format",
                format!(
                    "unknown format {shown}; expected \"{DESIGN_FORMAT}\" (a design) or \"{}\" (a plan)",
                    crate::plan::PLAN_FORMAT
                ),
            ))
        }
        None if get_resources::detect(&value).is_some() => {
            let (design, import_diagnostics, items) = get_resources::import(&value)?;
            Ok(Loaded {
                kind: Kind::GetResources,
                design,
                import_diagnostics: with_notes(import_diagnostics),
                locator: Locator::Items(items),
            })
        }
        None => Err(LoadError::located(
            format!(
                "not a file apigw reads: expected a design (\"format\": \"{DESIGN_FORMAT}\"), a plan (\"{}\"), get-resources output (\"items\"), OpenAPI (\"openapi\" or \"swagger\") or a CloudFormation template (\"AWSTemplateFormatVersion\")",
                crate::plan::PLAN_FORMAT
            ),
            1,
            1,
        )),
    }
}

/// Parses JSON, or else YAML, into a JSON value, with diagnostics for what the value cannot
/// show: keys written twice, and the YAML documents after the first.
pub fn parse_value(text: &str) -> Result<(Value, Vec<Diagnostic>), LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_json(text) {
        let value: Value = serde_json::from_str(text).map_err(|e| LoadError::json(&e))?;
        return Ok((value, text_notes(&crate::json_text::duplicates(text), 1, None)));
    }
    let parsed = crate::yaml::parse_full(text)?;
    let notes = text_notes(&parsed.duplicates, parsed.documents, parsed.next_document);
    Ok((parsed.value, notes))
}

/// Diagnostics for keys written twice and for YAML documents beyond the first.
fn text_notes(
    duplicates: &[crate::json_text::Duplicate],
    documents: usize,
    next_document: Option<crate::json_text::Position>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in duplicates {
        crate::rules::sequence(crate::rules::IMPORT_DUPLICATE_KEY, &mut out).report(
            Target::in_file(d.pointer.clone()),
            format!(
                "`{}` is written twice in one object (line {} column {}, and again at line {} column {}); only the second was read",
                d.key,
                d.first.line,
                d.first.column,
                d.again.line,
                d.again.column
            ),
        );
    }
    if let Some(at) = next_document {
        crate::rules::sequence(crate::rules::IMPORT_FIELD_IGNORED, &mut out).report_fix(
            Target::in_file(String::new()),
            format!(
                "this file holds {documents} YAML documents; only the first was read (the second begins at line {})",
                at.line
            ),
            "Put each API in a file of its own, or remove the `---` line if the parts belong to one document.",
        );
    }
    out
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
    gateway_responses: crate::map::Map<String, GatewayResponse>,
    #[serde(default)]
    stages: crate::map::Map<String, Stage>,
    #[serde(default)]
    resources: BTreeMap<String, Resource>,
    #[serde(default)]
    deploy_time_values: crate::map::Map<String, String>,
}

#[derive(Serialize)]
struct DesignFileOut<'a> {
    format: &'static str,
    #[serde(flatten)]
    design: &'a Design,
}

/// Parses a design document, with line and column on any error, in the user's words.
pub fn design_from_str(text: &str) -> Result<Design, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    design_from_text(text).map_err(|mut error| {
        if let (0, Some(pointer)) = (error.line, &error.pointer) {
            let at = crate::json_text::position(text, pointer);
            (error.line, error.column) = (at.line, at.column);
        }
        error
    })
}

fn design_from_text(text: &str) -> Result<Design, LoadError> {
    let file: DesignFile =
        serde_json::from_str(text).map_err(|e| explain_design_error(text, &e))?;
    if let Some((pointer, message)) = crate::schema::list_for_object(text) {
        return Err(LoadError::at(pointer.clone(), format!("{message} (at {pointer})")));
    }
    for path in file.resources.keys() {
        if let Some(problem) = crate::path::key_problem(path) {
            return Err(LoadError::at(crate::diagnostic::pointer(&["resources", path]), problem));
        }
    }
    let mut design = Design {
        api: file.api,
        authorizers: file.authorizers,
        request_validators: file.request_validators,
        models: file.models,
        gateway_responses: file.gateway_responses,
        stages: file.stages,
        resources: file.resources,
        deploy_time_values: file.deploy_time_values,
    };
    design.fill_ancestors();
    Ok(design)
}

/// Says what serde could not read in a design document in the user's words: which field, what
/// kind of value fits it (with an example), and for a misspelt field the nearest known one.
fn explain_design_error(text: &str, error: &serde_json::Error) -> LoadError {
    if error.is_syntax() || error.is_eof() {
        return LoadError::json(error);
    }
    if let Some(d) = crate::json_text::duplicates(text).into_iter().next() {
        if error.to_string().starts_with("duplicate field") {
            let mut e = LoadError::located(
                format!(
                    "`{}` is written twice in one object (first at line {} column {}); write it once",
                    d.key, d.first.line, d.first.column
                ),
                d.again.line,
                d.again.column,
            );
            e.pointer = Some(d.pointer);
            return e;
        }
    }
    let explained = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|value| crate::schema::explain(&value, &crate::schema::DESIGN));
    match explained {
        Some((pointer, message)) => {
            let message =
                if pointer.is_empty() { message } else { format!("{message} (at {pointer})") };
            LoadError::at(pointer, message)
        }
        None => LoadError::json(error),
    }
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
        Owner::GatewayResponse { response_type } => format!("gateway response {response_type}"),
        Owner::Stage { name } => format!("stage {name}"),
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

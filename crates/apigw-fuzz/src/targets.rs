//! The fuzz targets: apigw-core's entry points for file contents, each wrapped as a
//! `fn(&[u8]) -> Result<bool, String>` that must never panic.
//!
//! A target returns `Ok(true)` when apigw-core accepted the input (it loaded), `Ok(false)` when
//! apigw-core refused it cleanly with an error, and `Err(message)` when it found a bug that is
//! not a panic: an export that our own reader refuses or reads back differently. Panics are
//! caught by the runner, not here.
//!
//! Inputs are bytes; they are read as text with `String::from_utf8_lossy`, since the CLI and the
//! browser hand apigw-core text only (the CLI refuses non-UTF-8 files before parsing).

use crate::corpus::SeedKind;
use apigw_core::document::{self, Kind, Loaded};
use apigw_core::{cli_script, cloudformation, get_resources, openapi, plan, plan_import, yaml};
use serde_json::Value;
use std::borrow::Cow;

/// What a target returns: whether the input was accepted, or a bug that is not a panic.
pub type Outcome = Result<bool, String>;

/// One fuzz target: its name, its function, and the kinds of seeds that suit it.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]) -> Outcome,
    /// The seed pools its inputs are drawn from (mutants of other kinds are spliced in too).
    pub seeds: &'static [SeedKind],
}

/// Every target, in the order the fuzzer takes turns.
pub const TARGETS: &[Target] = &[
    Target { name: "design", run: design, seeds: &[SeedKind::Design] },
    Target { name: "plan", run: plan, seeds: &[SeedKind::Plan] },
    Target { name: "get_resources", run: get_resources, seeds: &[SeedKind::GetResources] },
    Target { name: "openapi_json", run: openapi_json, seeds: &[SeedKind::OpenApiJson] },
    Target { name: "openapi_yaml", run: openapi_yaml, seeds: &[SeedKind::OpenApiYaml] },
    Target {
        name: "yaml",
        run: yaml,
        seeds: &[SeedKind::OpenApiYaml, SeedKind::OpenApiYaml, SeedKind::OpenApiJson],
    },
    Target {
        name: "cloudformation",
        run: cloudformation_template,
        seeds: &[SeedKind::CloudFormation],
    },
    Target { name: "stored", run: stored, seeds: &[SeedKind::Design, SeedKind::OpenApiJson] },
    Target {
        name: "round_trip",
        run: round_trip,
        seeds: &[
            SeedKind::Design,
            SeedKind::Plan,
            SeedKind::GetResources,
            SeedKind::OpenApiJson,
            SeedKind::OpenApiYaml,
            SeedKind::Other,
            SeedKind::CloudFormation,
        ],
    },
];

/// The target of that name.
pub fn by_name(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// The names of every target, for messages.
pub fn names() -> String {
    TARGETS.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
}

fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Uses what a loaded file offers: every diagnostic and its pointer into the input.
fn inspect(loaded: &Loaded) {
    for diagnostic in loaded.diagnostics() {
        let _ = loaded.pointer(&diagnostic);
    }
}

/// `document::load`, then everything a loaded file offers; whether it loaded.
fn load_and_inspect(text: &str) -> bool {
    match document::load(text) {
        Ok(loaded) => {
            inspect(&loaded);
            true
        }
        Err(error) => {
            // Formatting the error is part of what a caller does with it.
            let _ = error.to_string();
            false
        }
    }
}

/// Design documents: `document::load`, and the design reader behind it called directly.
pub fn design(data: &[u8]) -> Outcome {
    let text = text(data);
    if let Ok(design) = document::design_from_str(&text) {
        let _ = apigw_core::validate(&design);
    }
    Ok(load_and_inspect(&text))
}

/// Plans: `document::load`, and the plan importer on any JSON value (it documents that only
/// unreadable JSON is an error).
pub fn plan(data: &[u8]) -> Outcome {
    let text = text(data);
    if let Ok(value) = serde_json::from_str::<Value>(&text) {
        let _ = plan_import::import(&value);
    }
    Ok(load_and_inspect(&text))
}

/// `aws apigateway get-resources` output: `document::load`, and the importer on any JSON value
/// (it checks the shape itself).
pub fn get_resources(data: &[u8]) -> Outcome {
    let text = text(data);
    if let Ok(value) = serde_json::from_str::<Value>(&text) {
        let _ = get_resources::import(&value);
    }
    Ok(load_and_inspect(&text))
}

/// OpenAPI in JSON: `document::load`, and the OpenAPI importer on whatever `parse_text` reads
/// (it checks the version itself).
pub fn openapi_json(data: &[u8]) -> Outcome {
    let text = text(data);
    if let Ok(value) = openapi::parse_text(&text) {
        let _ = openapi::import(&value);
    }
    Ok(load_and_inspect(&text))
}

/// OpenAPI in YAML: the same calls as [`openapi_json`], fed YAML seeds.
pub fn openapi_yaml(data: &[u8]) -> Outcome {
    openapi_json(data)
}

/// CloudFormation templates: `document::load`, and the importer on whatever JSON or YAML
/// reads (it checks the shape itself).
pub fn cloudformation_template(data: &[u8]) -> Outcome {
    let text = text(data);
    if let Ok((value, _)) = document::parse_value(&text) {
        let _ = cloudformation::import(&value);
    }
    Ok(load_and_inspect(&text))
}

/// The YAML reader alone.
pub fn yaml(data: &[u8]) -> Outcome {
    let text = text(data);
    Ok(match yaml::parse(&text) {
        Ok(_) => true,
        Err(error) => {
            let _ = error.to_string();
            false
        }
    })
}

/// The browser's stored form (`binary`): bytes that start as a stored design are decoded as
/// they are; anything else that loads is encoded, read back (it must be the same design), and
/// then read again with bytes changed where the input's own bytes say, so the decoder meets
/// many broken forms of real designs.
pub fn stored(data: &[u8]) -> Outcome {
    if data.starts_with(b"APIGWD") {
        return Ok(apigw_core::binary::decode(data).is_ok());
    }
    let Ok(loaded) = document::load(&text(data)) else { return Ok(false) };
    let bytes = apigw_core::binary::encode(&loaded.design);
    match apigw_core::binary::decode(&bytes) {
        Ok(design) if design == loaded.design => {}
        Ok(_) => return Err("the stored form reads back as a different design".into()),
        Err(error) => return Err(format!("the stored form does not read back: {error}")),
    }
    let mut changed = bytes;
    for (i, byte) in data.iter().enumerate().take(16) {
        let at = (usize::from(*byte) * 7919 + i * 104_729) % changed.len().max(1);
        if let Some(b) = changed.get_mut(at) {
            *b ^= byte | 1;
        }
    }
    let _ = apigw_core::binary::decode(&changed);
    let _ = apigw_core::binary::decode(&changed[..changed.len() / 2]);
    Ok(true)
}

/// Loads anything; when it loads, validates it, builds the plan, runs every exporter, and reads
/// the design document, the plan and the OpenAPI export back with `document::load`. An export
/// that our own reader refuses, reads as another kind of file, or (for the design document,
/// which is lossless) reads back as another design, is a finding.
pub fn round_trip(data: &[u8]) -> Outcome {
    let text = text(data);
    let Ok(loaded) = document::load(&text) else { return Ok(false) };
    let _ = apigw_core::validate(&loaded.design);
    inspect(&loaded);
    let calls = plan::build(&loaded.design);
    let plan_text = plan::to_plan_json(&loaded.design.api, &calls);
    let _ = plan::to_wire_json(&calls);
    let design_text = document::design_to_string(&loaded.design);
    let openapi_text = openapi::export(&loaded.design);
    let _ = cli_script::to_cli_script(&loaded.design);

    let from_kind = loaded.kind.as_str();
    let again = reload(from_kind, "design document", &design_text, Kind::Design)?;
    if again.design != loaded.design {
        return Err(format!(
            "round trip of a {from_kind}: the design document (document::design_to_string) reads back as a different design"
        ));
    }
    reload(from_kind, "plan", &plan_text, Kind::Plan)?;
    reload(from_kind, "OpenAPI export", &openapi_text, Kind::OpenApi)?;
    // CloudFormation carries the whole design (what it cannot deploy rides in Metadata), but
    // for the methods' saved test requests, which no AWS format holds.
    let mut deployable = loaded.design.clone();
    deployable.clear_test_requests();
    for (what, text) in [
        ("CloudFormation export", cloudformation::to_json(&loaded.design)),
        ("CloudFormation YAML export", cloudformation::to_yaml(&loaded.design)),
    ] {
        let again = reload(from_kind, what, &text, Kind::CloudFormation)?;
        if again.design != deployable {
            return Err(format!(
                "round trip of a {from_kind}: the {what} reads back as a different design"
            ));
        }
    }
    Ok(true)
}

/// Reads an export back; a refusal, or another kind of file, is a finding.
fn reload(from_kind: &str, what: &str, text: &str, kind: Kind) -> Result<Loaded, String> {
    match document::load(text) {
        Ok(loaded) if loaded.kind == kind => Ok(loaded),
        Ok(loaded) => Err(format!(
            "round trip of a {from_kind}: the {what} reads back as a {} instead",
            loaded.kind.as_str()
        )),
        Err(error) => Err(format!(
            "round trip of a {from_kind}: document::load refuses our own {what}: {error}"
        )),
    }
}

//! apigw-fuzz: a small mutation fuzzer, on stable Rust, for apigw-core's promise that nothing
//! panics on input.
//!
//! The pieces are plain functions and structs, so that the binary (`src/main.rs`), the tests and
//! anyone else can drive them:
//!
//! - [`targets`]: the entry points under test (`design`, `plan`, `get_resources`,
//!   `openapi_json`, `openapi_yaml`, `yaml`, `round_trip`), each a `fn(&[u8])`.
//! - [`corpus`]: the seeds, read from the project's fixtures and generated from apigw-core.
//! - [`mutate`]: byte-level, token-level and structure-aware mutations.
//! - [`runner`]: running one input with panics caught, the fuzzing loop, findings, the report
//!   and the minimiser.
//! - [`yaml_out`]: a tiny JSON-to-YAML writer, so that YAML seeds look like real OpenAPI files.
//! - [`rng`]: the SplitMix64 generator that every random choice comes from.
//!
//! There is no coverage feedback (that needs nightly instrumentation): the fuzzer keeps the
//! mutants that a target accepted as new seeds, which keeps most inputs close to valid files.

pub mod corpus;
pub mod mutate;
pub mod rng;
pub mod runner;
pub mod targets;
pub mod yaml_out;

use std::path::PathBuf;

/// The largest input a target is given: mutants beyond it are cut to this size.
pub const MAX_INPUT: usize = 1 << 20;

/// The address space a fuzzing process may use (4 GiB): an input that makes apigw-core allocate
/// more ends the process with "memory allocation failed", which the binary's supervisor reports
/// as a crash, instead of pushing a shared machine into swap or the OOM killer.
pub const MEMORY_LIMIT: u64 = 4 << 30;

/// Limits this process's address space to [`MEMORY_LIMIT`] with util-linux's `prlimit` (std has
/// no `setrlimit`, and the workspace forbids `unsafe`); child processes inherit the limit.
/// Returns a notice when the limit could not be set.
pub fn limit_memory() -> Option<String> {
    let status = std::process::Command::new("prlimit")
        .arg(format!("--pid={}", std::process::id()))
        .arg(format!("--as={MEMORY_LIMIT}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match status {
        Ok(status) if status.success() => None,
        _ => Some("notice: `prlimit` is unavailable; running without a memory limit".into()),
    }
}

/// The workspace root, found from where this crate lives at compile time, so that the binary
/// and the tests work from any directory.
pub fn workspace_root() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("..");
    root.canonicalize().unwrap_or(root)
}

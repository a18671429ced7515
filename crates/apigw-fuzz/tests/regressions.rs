//! Every saved fuzzing regression (`regressions/*.input`), fed to every target: none may panic,
//! fail a round trip, crash the process, or run longer than the slow limit (2 s in release
//! builds, 20 s in debug builds, which are about ten times slower).
//!
//! Each file runs in its own `apigw-fuzz --run FILE` process, under the fuzzer's memory limit, so
//! that an input that exhausts memory or the stack fails its own line of the report instead of
//! ending the test binary.

use std::path::PathBuf;
use std::process::Command;

fn slow_limit_ms() -> u64 {
    if cfg!(debug_assertions) { 20_000 } else { 2_000 }
}

fn regression_files() -> Vec<PathBuf> {
    let folder = apigw_fuzz::workspace_root().join("crates/apigw-fuzz/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "input"));
    files.sort();
    files
}

#[test]
fn no_regression_input_breaks_a_target() {
    let files = regression_files();
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let output = Command::new(env!("CARGO_BIN_EXE_apigw-fuzz"))
            .arg("--run")
            .arg(file)
            .arg("--slow-ms")
            .arg(slow_limit_ms().to_string())
            .output();
        let output = match output {
            Ok(output) => output,
            Err(error) => {
                failures.push(format!("{name}: cannot run apigw-fuzz: {error}"));
                continue;
            }
        };
        if output.status.success() {
            continue;
        }
        // Each line of `--run` is `target  seconds  verdict`; keep the ones that found a bug.
        let stdout = String::from_utf8_lossy(&output.stdout);
        let mut lines: Vec<String> = stdout
            .lines()
            .filter(|l| !l.ends_with("Accepted") && !l.ends_with("Refused"))
            .map(|l| {
                let short: String = l.chars().take(400).collect();
                format!("{name}: {}", short.split_whitespace().collect::<Vec<_>>().join(" "))
            })
            .collect();
        if output.status.code() != Some(1) {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let why = stderr.lines().next().unwrap_or("no message").to_string();
            lines.push(format!("{name}: the process died ({}): {why}", output.status));
        }
        failures.extend(lines);
    }
    let broken: std::collections::BTreeSet<&str> =
        failures.iter().filter_map(|f| f.split(':').next()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} regression inputs still break a target:\n{}",
        broken.len(),
        files.len(),
        failures.join("\n")
    );
}

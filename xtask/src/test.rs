//! `cargo xtask test`: every check and test, in order, ending with one `N passed, N failed` line.
//!
//! Stages run even after an earlier one failed, so one run reports everything, except where a
//! stage needs an earlier one's output (the E2E run needs the release build).

use crate::tools::{self, Env, Set};
use crate::util::{run_capture, stage};
use std::time::Instant;

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    failed_stages: Vec<String>,
}

impl Tally {
    /// Records a stage that counts as one check (fmt, clippy, builds).
    fn check(&mut self, name: &str, ok: bool) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            self.failed_stages.push(name.to_string());
        }
    }

    /// Records a test stage by the counts its runner printed.
    fn tests(&mut self, name: &str, ok: bool, counts: (u64, u64)) {
        self.passed += counts.0;
        self.failed += counts.1;
        if !ok || counts.1 > 0 {
            if counts.1 == 0 {
                self.failed += 1;
            }
            self.failed_stages.push(name.to_string());
        }
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("`cargo xtask test` takes no arguments (got `{arg}`)"));
    }
    let started = Instant::now();
    let env = tools::ensure(Set::Test)?;
    let mut tally = Tally::default();

    stage("cargo fmt --check");
    let (ok, _) = run_capture(env.command("cargo").args(["fmt", "--all", "--check"]))?;
    tally.check("fmt", ok);

    stage("clippy (native crates), warnings denied");
    let (ok, _) = run_capture(env.command("cargo").args([
        "clippy",
        "--workspace",
        "--exclude",
        "apigw-designer",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    tally.check("clippy native", ok);

    stage("clippy (wasm32: the app and apigw-core), warnings denied");
    let (ok, _) = run_capture(env.command("cargo").args([
        "clippy",
        "-p",
        "apigw-designer",
        "-p",
        "apigw-core",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    tally.check("clippy wasm32", ok);

    stage("no API Gateway enum value spelled in the app (they live in apigw-core's facts)");
    let found = crate::shape::enum_spellings(&env.root)?;
    for place in &found {
        println!("{place}");
    }
    tally.check("enum spellings", found.is_empty());

    stage("native tests of every crate");
    let (ok, out) = run_capture(env.command("cargo").args([
        "test",
        "--workspace",
        "--exclude",
        "apigw-designer",
    ]))?;
    tally.tests("native tests", ok, cargo_counts(&out));

    stage("fuzzing apigw-core's readers and exporters for 60 s (apigw-fuzz, release build)");
    let (ok, _) = crate::fuzz::bounded(&env, 60)?;
    tally.check("fuzz", ok);

    stage(
        "peer conformance: botocore ParamValidator, moto server, AWS CLI, cfn-lint, cloudformation-validate",
    );
    let (ok, out) = peers(&env)?;
    tally.tests("peer conformance", ok, summary_counts(&out, "peers:"));

    stage("wasm-bindgen-test in headless Chromium (the app and apigw-core on wasm32)");
    let (ok, out) = run_capture(
        env.command("cargo")
            .args(["test", "-p", "apigw-designer", "--target", "wasm32-unknown-unknown"])
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    )?;
    tally.tests("wasm-bindgen-test", ok, cargo_counts(&out));

    stage("trunk build --release (into target/e2e-dist)");
    let built = trunk_release(&env, "target/e2e-dist").is_ok();
    tally.check("trunk build --release", built);

    if built {
        stage("bundle size (gzip, all assets of the release build)");
        tally.check("bundle size", bundle_check(&env));

        stage("Playwright E2E against the release build, served on loopback under a sub-path");
        let (ok, out) = run_capture(
            env.command("node")
                .arg("run.mjs")
                .current_dir(env.root.join("tests/e2e"))
                .env("E2E_DIST", env.root.join("target/e2e-dist")),
        )?;
        tally.tests("e2e", ok, summary_counts(&out, "e2e:"));
    } else {
        println!("e2e: skipped, because the release build failed");
        tally.check("e2e (not run)", false);
    }

    let minutes = started.elapsed().as_secs_f64() / 60.0;
    println!();
    if !tally.failed_stages.is_empty() {
        println!("failed stages: {}", tally.failed_stages.join(", "));
    }
    println!("total time {minutes:.1} min");
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 { Ok(()) } else { Err("some checks failed".into()) }
}

/// What the release bundle may weigh, gzip, all assets together. The budget is
/// 250 KB; the bundle is not there yet (docs/perf.md shows where the bytes are), so this
/// ceiling holds what has been won and fails any growth past it. Lower it as the bundle shrinks.
/// It was 455 KB; keeping any design (IndexedDB, the binary stored form, versions, tabs) and
/// the importers' typed reading and plain-words errors added 47 KB, measured in docs/perf.md.
/// Then 500 KB; rule documentation (`why`, `source`) moved out of what the app links, 495 KB.
/// The everyday-use work (tree filter, names, empty states, undo across reloads and more)
/// added 22 KB of views, measured part by part in docs/perf.md: 520 KB. Gateway responses
/// (their model, six rules, every format, plan, diff and load, and their card) 12.5 KB: 532 KB.
/// Merge import (the core's merge of two designs and its review panel) 12.8 KB: 545 KB.
/// Renames and moves in place (resources' live ids, UpdateResource in diff, deploy and
/// review) 11.5 KB: 556 KB. Bulk edits (the bulk panel 20.7 KB; the tree's multi-select,
/// Choose all and Copy method 9.5 KB): 586 KB. CloudFormation both ways (the template writer
/// and reader, the YAML writer, values known only at deploy time) 37.4 KB; with the export
/// menu, the rules' phases and AWS's words in the problems: 629.2 KB measured, 631 KB.
/// Stages with their variables (five rules, the resolved preview, UpdateStage through plan,
/// deploy and review, the Stages card) about 12.8 KB; all merged: 645.8 KB measured. The
/// missing checks (a draft-4 schema checker, model references and content types, authorizer
/// URIs, REQUEST identity sources) 5.7 KB: 651.5 KB measured, 654 KB. Mapping templates
/// and the Test tab: the VTL engine, Java regular expressions, JSONPath and the draft-4
/// validator reached by the three template rules, 93.2 KB; the Test tab with the simulator,
/// the templates' live output and Run on API Gateway, 72.1 KB more: 817.7 KB measured, 820 KB.
/// Their budget was 40 KB; the split of the bundle, which loads the simulator and the Test
/// tab when first used, is what brings this down (docs/perf.md).
const BUNDLE_GZIP_CEILING: f64 = 820_000.0;
/// The budget for the same measure; `cargo xtask bench` marks it met or missed.
pub const BUNDLE_GZIP_BUDGET: f64 = 250_000.0;

/// Checks the release bundle's gzip size against the ceiling, and reports it against the budget.
fn bundle_check(env: &Env) -> bool {
    let sizes = match crate::bench::bundle_sizes(env, &env.root.join("target/e2e-dist")) {
        Ok(sizes) => sizes,
        Err(error) => {
            println!("bundle size: {error}");
            return false;
        }
    };
    let gzip = |kind: &str| sizes["totals"][kind]["gzip"].as_f64().unwrap_or(f64::MAX);
    let total = gzip("total");
    println!(
        "bundle: {:.1} KB gzip (wasm {:.1} KB, js {:.1} KB, css {:.1} KB, html {:.1} KB)",
        total / 1000.0,
        gzip("wasm") / 1000.0,
        gzip("js") / 1000.0,
        gzip("css") / 1000.0,
        gzip("html") / 1000.0
    );
    println!(
        "  ceiling {:.0} KB: {}; budget {:.0} KB: {}",
        BUNDLE_GZIP_CEILING / 1000.0,
        if total <= BUNDLE_GZIP_CEILING { "within" } else { "EXCEEDED" },
        BUNDLE_GZIP_BUDGET / 1000.0,
        if total <= BUNDLE_GZIP_BUDGET { "met" } else { "not met yet" }
    );
    total <= BUNDLE_GZIP_CEILING
}

/// The peer conformance suite: Python, against botocore, a moto server and the AWS CLI.
fn peers(env: &Env) -> Result<(bool, String), String> {
    let (built, _) = run_capture(env.command("cargo").args([
        "build",
        "--quiet",
        "-p",
        "apigw-cli",
        "-p",
        "apigw-proxy",
    ]))?;
    if !built {
        return Ok((false, String::new()));
    }
    run_capture(
        env.command("python3")
            .arg("tests/peers/run.py")
            .env("APIGW_BIN", env.root.join("target/debug/apigw"))
            .env("APIGW_PROXY_BIN", env.root.join("target/debug/apigw-proxy")),
    )
}

/// `trunk build --release` into `dist` (relative to the root), with relative asset URLs.
pub fn trunk_release(env: &Env, dist: &str) -> Result<(), String> {
    crate::util::run(env.command("trunk").args(["build", "--release", "--dist", dist]))
}

/// Sums `test result: ok. N passed; M failed` lines (cargo test and wasm-bindgen-test-runner).
fn cargo_counts(out: &str) -> (u64, u64) {
    let mut counts = (0, 0);
    for line in out.lines().filter(|l| l.starts_with("test result:")) {
        counts.0 += number_before(line, " passed");
        counts.1 += number_before(line, " failed");
    }
    counts
}

/// Reads a `prefix N passed, N failed` line printed by one of the project's own runners.
fn summary_counts(out: &str, prefix: &str) -> (u64, u64) {
    out.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix(prefix))
        .map(|rest| (number_before(rest, " passed"), number_before(rest, " failed")))
        .unwrap_or((0, 0))
}

fn number_before(text: &str, word: &str) -> u64 {
    text.find(word)
        .and_then(|end| {
            let digits: String =
                text[..end].chars().rev().take_while(char::is_ascii_digit).collect();
            digits.chars().rev().collect::<String>().parse().ok()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_cargo_result_lines() {
        let out = "test result: ok. 3 passed; 0 failed; 0 ignored\nx\n\
                   test result: FAILED. 2 passed; 1 failed; 0 ignored\n";
        assert_eq!(cargo_counts(out), (5, 1));
    }

    #[test]
    fn reads_a_runner_summary_line() {
        assert_eq!(summary_counts("noise\ne2e: 12 passed, 2 failed\n", "e2e:"), (12, 2));
        assert_eq!(summary_counts("nothing", "e2e:"), (0, 0));
    }
}

//! `cargo xtask fuzz`: runs the stable-Rust fuzzer (`crates/apigw-fuzz`) in release for a while,
//! and fails when it finds anything: a panic, a slow input, a crash, or an export that our own
//! reader refuses. Findings are saved under `target/fuzz/findings/`.

use crate::tools::Env;
use crate::util::{root, run_capture, stage};
use std::process::Command;

/// Seconds of fuzzing for the manual command.
const DEFAULT_SECONDS: u64 = 300;

/// `cargo xtask fuzz [--seconds N] [--target NAME]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut seconds = DEFAULT_SECONDS;
    let mut target: Option<String> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                let text = args.next().ok_or("--seconds needs a number")?;
                seconds = text.parse().map_err(|_| format!("--seconds: not a number: {text}"))?;
            }
            "--target" => {
                target = Some(args.next().ok_or("--target needs a name")?.clone());
            }
            other => {
                return Err(format!(
                    "`cargo xtask fuzz` takes --seconds N and --target NAME (got `{other}`)"
                ));
            }
        }
    }
    stage(&format!("fuzzing apigw-core for {seconds} s (apigw-fuzz, release build)"));
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root());
    add_args(&mut cmd, seconds, target.as_deref());
    let (ok, out) = run_capture(&mut cmd)?;
    verdict(ok, &out)
}

/// A bounded run for `cargo xtask test`: all targets for `seconds`, from a fixed seed so that
/// a run can be repeated. Returns whether nothing was found, and what the fuzzer printed (its
/// report ends with one line per finding).
pub fn bounded(env: &Env, seconds: u64) -> Result<(bool, String), String> {
    let mut cmd = env.command("cargo");
    add_args(&mut cmd, seconds, None);
    cmd.args(["--seed", "1"]);
    run_capture(&mut cmd)
}

/// `cargo run --release -p apigw-fuzz -- --seconds N [--target NAME]`.
fn add_args(cmd: &mut Command, seconds: u64, target: Option<&str>) {
    cmd.args(["run", "--release", "-p", "apigw-fuzz", "--", "--seconds"]).arg(seconds.to_string());
    if let Some(target) = target {
        cmd.args(["--target", target]);
    }
}

/// Ok when the fuzzer found nothing; otherwise an error that says whether it found bugs or
/// could not run.
fn verdict(ok: bool, out: &str) -> Result<(), String> {
    if ok {
        return Ok(());
    }
    let findings = out.lines().filter(|l| l.starts_with("FINDING ")).count();
    if findings > 0 {
        Err(format!(
            "apigw-fuzz found {findings} bug(s): see the FINDING lines above; the inputs are in \
             target/fuzz/findings/ (shrink one with `target/release/apigw-fuzz --minimize FILE`)"
        ))
    } else {
        Err("apigw-fuzz failed without a report (see its output above)".into())
    }
}

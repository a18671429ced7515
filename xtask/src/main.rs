//! Project automation, run as `cargo xtask <command>`.
//!
//! `serve` and `test` install whatever tool is missing, at the versions pinned in `pins.toml`,
//! and skip what is already there, so a fresh machine needs no other step.

mod bench;
mod fuzz;
mod pins;
mod serve;
mod shape;
mod test;
mod tools;
mod util;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve        install missing tools, then run `trunk serve` on http://127.0.0.1:8080
  test         install missing tools, then run every check and test; ends with `N passed, N failed`
  bench        install missing tools and peers, then run the performance suite: writes
               target/bench/results.json and refreshes the table in docs/perf.md
  install      only install missing tools (what `serve` and `test` do first)
  dist         `trunk build --release` into dist/
  docs         regenerate docs/rules.md from the rule sources
  fuzz         fuzz apigw-core with apigw-fuzz in release: `fuzz [--seconds N] [--target NAME]`
               (300 s by default); fails when it finds anything (inputs in target/fuzz/findings/)
";

/// Regenerates docs/rules.md; a test in apigw-core fails while it is stale.
fn docs() -> Result<(), String> {
    util::run(
        std::process::Command::new("cargo")
            .args(["test", "-q", "-p", "apigw-core", "--test", "core", "docs_rules_md"])
            .env("APIGW_BLESS", "1")
            .current_dir(util::root()),
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("bench") => bench::run_bench(&args[1..]),
        Some("install") => tools::ensure(tools::Set::Test).map(|_| ()),
        Some("docs") => docs(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("dist") => {
            tools::ensure(tools::Set::Serve).and_then(|env| test::trunk_release(&env, "dist"))
        }
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

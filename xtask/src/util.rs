//! Running commands, streaming their output, and finding the workspace root.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().expect("xtask lives inside the workspace").to_path_buf()
}

/// Prints a stage banner, so a long cold run shows where it is.
pub fn stage(title: &str) {
    println!("\n==> {title}");
}

/// Renders a command line for messages.
pub fn show(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs a command with inherited output; Ok when it exits 0.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("cannot start `{}`: {e}", show(cmd)))?;
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", show(cmd))) }
}

/// Runs a command, echoing its stdout line by line while keeping it; stderr is inherited.
/// Returns whether it succeeded and what it printed.
pub fn run_capture(cmd: &mut Command) -> Result<(bool, String), String> {
    cmd.stdout(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| format!("cannot start `{}`: {e}", show(cmd)))?;
    let mut captured = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap_or_default();
            println!("{line}");
            captured.push_str(&line);
            captured.push('\n');
        }
    }
    let status = child.wait().map_err(|e| format!("`{}`: {e}", show(cmd)))?;
    Ok((status.success(), captured))
}

/// The first line a command prints, or None when it cannot run.
pub fn output_line(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).stderr(Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout).lines().next().map(|l| l.trim().to_string())
}

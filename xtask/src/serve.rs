//! `cargo xtask serve`: the designer on http://127.0.0.1:8080 through `trunk serve`.

use crate::tools::{self, Set};
use crate::util::{run as run_command, stage};

pub fn run(args: &[String]) -> Result<(), String> {
    let mut port = "8080".to_string();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => port = rest.next().ok_or("--port needs a number")?.clone(),
            other => {
                return Err(format!(
                    "unknown option `{other}` (usage: cargo xtask serve [--port N])"
                ));
            }
        }
    }
    let env = tools::ensure(Set::Serve)?;
    stage(&format!("trunk serve on http://127.0.0.1:{port}/ (Ctrl+C to stop)"));
    run_command(env.command("trunk").args(["serve", "--address", "127.0.0.1", "--port", &port]))
}

//! `apigw-proxy`: the local endpoint that signs the designer's API Gateway REST requests with
//! the user's AWS credentials and forwards them. This build parses its options and reports
//! that forwarding is not available yet, so scripts fail clearly instead of hanging.

use std::process::ExitCode;

const USAGE: &str = "\
usage: apigw-proxy [--port N] [--upstream URL] [--allow-origin ORIGIN]... [--region R] [--profile P]

Signs API Gateway REST requests from apigw-designer with SigV4 and forwards them to
https://apigateway.{region}.amazonaws.com or to --upstream (a local emulator).
";

/// The options the proxy accepts.
#[derive(Debug, Default, PartialEq)]
struct Options {
    port: u16,
    upstream: Option<String>,
    allow_origins: Vec<String>,
    region: Option<String>,
    profile: Option<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options { port: 8787, ..Options::default() };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || iter.next().cloned().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--port" => {
                options.port = value()?
                    .parse()
                    .map_err(|_| "--port needs a number from 1 to 65535".to_string())?
            }
            "--upstream" => options.upstream = Some(value()?),
            "--allow-origin" => options.allow_origins.push(value()?),
            "--region" => options.region = Some(value()?),
            "--profile" => options.profile = Some(value()?),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match parse(&args) {
        Ok(_) => {
            eprintln!("apigw-proxy: request forwarding is not available in this build");
            ExitCode::from(2)
        }
        Err(message) => {
            eprintln!("apigw-proxy: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_every_option() {
        let options = parse(&args(&[
            "--port",
            "9000",
            "--upstream",
            "http://127.0.0.1:5000",
            "--allow-origin",
            "http://a",
            "--allow-origin",
            "http://b",
            "--region",
            "eu-west-1",
            "--profile",
            "dev",
        ]))
        .unwrap();
        assert_eq!(options.port, 9000);
        assert_eq!(options.allow_origins, vec!["http://a", "http://b"]);
        assert_eq!(options.region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn rejects_bad_options() {
        assert!(parse(&args(&["--port", "x"])).is_err());
        assert!(parse(&args(&["--nope"])).is_err());
        assert!(parse(&args(&["--region"])).is_err());
    }
}

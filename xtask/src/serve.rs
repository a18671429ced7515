//! `cargo xtask serve`: the designer on http://127.0.0.1:8080 through `trunk serve`, with a
//! deploy target ready: the local sandbox (LocalStack's API Gateway, `xtask/sandbox/`) on
//! loopback behind apigw-proxy, or, with `--aws`, apigw-proxy in front of real API Gateway. The printed link carries the
//! proxy's URL and token in its fragment, so the app opens connected.

use crate::tools::{self, Env, Set};
use crate::util::{run as run_command, stage};
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const USAGE: &str =
    "usage: cargo xtask serve [--port N] [--proxy-port N] [--aws --region R [--profile P]]";

/// Child processes stopped when serve ends, however it ends.
struct Children(Vec<Child>);

impl Drop for Children {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

fn wait_for(port: u16, what: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Err(format!("{what} did not start on port {port}"))
}

/// Starts the local sandbox (LocalStack's API Gateway) on a free loopback port, and waits
/// until it serves (it says "Ready."). Its state lives in a fresh folder under the system's
/// temporary folder; the catalog it builds once is kept in the user's cache between runs.
pub fn start_sandbox(env: &Env) -> Result<(Child, u16), String> {
    let port = free_port()?;
    let state = std::env::temp_dir().join(format!("apigw-sandbox-{port}"));
    let cache =
        env.sandbox_python.parent().and_then(|bin| bin.parent()).map(|venv| venv.join("cache"));
    let mut command = env.command(&env.sandbox_python.to_string_lossy());
    command
        .arg(env.root.join("xtask/sandbox/apigateway.py"))
        .arg(port.to_string())
        .arg("--state")
        .arg(&state);
    if let Some(cache) = cache {
        command.arg("--cache").arg(cache);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    let stdout = child.stdout.take().ok_or("the sandbox has no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let ready = lines.by_ref().map_while(Result::ok).any(|line| line.trim() == "Ready.");
    if !ready {
        let _ = child.kill();
        return Err(format!(
            "the sandbox did not start on port {port} (run `{} xtask/sandbox/apigateway.py {port}` to see why)",
            env.sandbox_python.display()
        ));
    }
    // Keep draining what it prints, so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    wait_for(port, "the sandbox")?;
    Ok((child, port))
}

/// Starts apigw-proxy with `args`; returns it with the URL and token it printed.
pub fn start_proxy(
    env: &Env,
    args: &[String],
    sandbox: bool,
) -> Result<(Child, String, String), String> {
    let bin = env.root.join("target/debug/apigw-proxy");
    let mut command = env.command(&bin.to_string_lossy());
    command.args(args).stdout(Stdio::piped());
    if sandbox {
        // The sandbox never sees the user's real credentials.
        command
            .env("AWS_ACCESS_KEY_ID", "sandbox")
            .env("AWS_SECRET_ACCESS_KEY", "sandbox")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_SESSION_TOKEN");
    }
    let mut child = command.spawn().map_err(|e| format!("cannot start apigw-proxy: {e}"))?;
    let stdout = child.stdout.take().ok_or("apigw-proxy has no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let mut url = String::new();
    let mut token = String::new();
    for line in lines.by_ref().take(2) {
        let line = line.map_err(|e| e.to_string())?;
        if let Some(rest) = line.strip_prefix("apigw-proxy: ") {
            url = rest.trim().to_string();
        } else if let Some(rest) = line.strip_prefix("token: ") {
            token = rest.trim().to_string();
        }
    }
    // Keep draining what it prints, so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    if url.is_empty() || token.is_empty() {
        return Err("apigw-proxy did not print its URL and token".into());
    }
    Ok((child, url, token))
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut port = "8080".to_string();
    let mut proxy_port = "8787".to_string();
    let mut aws = false;
    let mut region = None;
    let mut profile = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || rest.next().cloned().ok_or(format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--port" => port = value()?,
            "--proxy-port" => proxy_port = value()?,
            "--aws" => aws = true,
            "--region" => region = Some(value()?),
            "--profile" => profile = Some(value()?),
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    if aws && region.is_none() {
        return Err(format!("--aws needs --region R\n{USAGE}"));
    }
    let env = tools::ensure(Set::Serve)?;
    stage("building apigw-proxy");
    run_command(env.command("cargo").args(["build", "--quiet", "-p", "apigw-proxy"]))?;
    let mut children = Children(Vec::new());
    let mut proxy_args = vec![
        "--port".to_string(),
        proxy_port,
        "--allow-origin".into(),
        format!("http://127.0.0.1:{port}"),
        "--allow-origin".into(),
        format!("http://localhost:{port}"),
    ];
    let target = if aws {
        proxy_args.extend(["--region".to_string(), region.clone().unwrap_or_default()]);
        if let Some(profile) = &profile {
            proxy_args.extend(["--profile".to_string(), profile.clone()]);
        }
        format!("real API Gateway in {}", region.unwrap_or_default())
    } else {
        stage("starting the local sandbox (LocalStack's API Gateway)");
        let (sandbox, sandbox_port) = start_sandbox(&env)?;
        children.0.push(sandbox);
        proxy_args.extend(["--upstream".to_string(), format!("http://127.0.0.1:{sandbox_port}")]);
        println!(
            "  deployed APIs answer at http://127.0.0.1:{sandbox_port}/_aws/execute-api/{{rest-api-id}}/{{stage}}/{{path}}"
        );
        format!("the local sandbox (LocalStack's API Gateway on 127.0.0.1:{sandbox_port})")
    };
    let (proxy, url, token) = start_proxy(&env, &proxy_args, !aws)?;
    children.0.push(proxy);
    let link = format!("http://127.0.0.1:{port}/#connect={url}&token={token}");
    stage(&format!("apigw-proxy at {url} → {target}"));
    println!("\n  Open the designer, already connected:\n\n    {link}\n");
    if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some() {
        let _ =
            Command::new("xdg-open").arg(&link).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
    }
    stage(&format!("trunk serve on http://127.0.0.1:{port}/ (Ctrl+C stops everything)"));
    let result = run_command(env.command("trunk").args([
        "serve",
        "--address",
        "127.0.0.1",
        "--port",
        &port,
    ]));
    drop(children);
    result
}

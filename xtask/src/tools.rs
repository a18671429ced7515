//! Idempotent installs of every external tool, at the versions in `pins.toml`.
//!
//! Each tool is probed first and installed only when missing or at the wrong version, so a
//! second run costs a few probes. Installed tools live outside the work tree (`~/.cargo/bin`,
//! `~/.cache/apigw-designer`, Debian's packages, the user's Python), so fresh clones reuse them.

use crate::pins::Pins;
use crate::util::{output_line, root, run, stage};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Which tools a command needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Set {
    /// The wasm target, trunk, wasm-bindgen-cli, wasm-opt and the Python sandbox (moto).
    Serve,
    /// `Serve`, plus chromium, chromedriver and the npm packages (Playwright, axe-core, and
    /// velocityjs, the plain Velocity peer of tests/peers/vtl.py).
    Test,
}

/// The environment the project's commands run in: binaryen first on PATH, trunk told to stay
/// offline, chromedriver located, and the sandbox's Python (`APIGW_SANDBOX_PYTHON`).
pub struct Env {
    path: OsString,
    pub root: PathBuf,
    /// The interpreter of the sandbox's virtual environment (LocalStack).
    pub sandbox_python: PathBuf,
}

impl Env {
    pub fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.root)
            .env("PATH", &self.path)
            .env("TRUNK_SKIP_VERSION_CHECK", "true")
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env("CHROMIUM_PATH", "/usr/bin/chromium")
            .env("APIGW_SANDBOX_PYTHON", &self.sandbox_python);
        cmd
    }
}

pub fn ensure(set: Set) -> Result<Env, String> {
    let started = Instant::now();
    let root = root();
    let pins = Pins::load(&root)?;
    stage("checking tools (installing only what is missing)");
    wasm_target()?;
    trunk(pins.get("trunk"))?;
    wasm_bindgen(&wasm_bindgen_version(&root)?)?;
    let binaryen_bin = binaryen(pins.get("binaryen"))?;
    // The local sandbox is part of serving as well as of testing; moto and the AWS CLI are the
    // peer tests'.
    python_peers(&pins)?;
    let sandbox_python = sandbox(&pins)?;
    if set == Set::Test {
        chromium()?;
        npm_packages(&root.join("tests/e2e"))?;
    }
    let mut paths = vec![binaryen_bin, cargo_bin()];
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let path = std::env::join_paths(paths).map_err(|e| format!("PATH: {e}"))?;
    println!("tools ready in {:.1}s", started.elapsed().as_secs_f64());
    Ok(Env { path, root, sandbox_python })
}

fn home() -> PathBuf {
    std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"))
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| home().join(".cargo"))
        .join("bin")
}

fn have(what: &str, version: &str) {
    println!("  ok        {what} {version}");
}

fn installing(what: &str, how: &str) {
    println!("  install   {what}: {how}");
}

fn wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"))
        .unwrap_or(false);
    if installed {
        have("rust target", "wasm32-unknown-unknown");
        return Ok(());
    }
    installing("rust target wasm32-unknown-unknown", "rustup target add");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn trunk(version: &str) -> Result<(), String> {
    let bin = cargo_bin().join("trunk");
    let found = output_line(&bin.to_string_lossy(), &["--version"]);
    if found.as_deref() == Some(&format!("trunk {version}")) {
        have("trunk", version);
        return Ok(());
    }
    installing("trunk", &format!("cargo install trunk {version} (debug build, ~4 min)"));
    run(Command::new("cargo").args([
        "install",
        "trunk",
        "--version",
        version,
        "--locked",
        "--debug",
    ]))
}

/// The `wasm-bindgen` version that Cargo.lock resolved; the CLI must match it exactly.
pub fn wasm_bindgen_version(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_string());
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn wasm_bindgen(version: &str) -> Result<(), String> {
    let bin = cargo_bin().join("wasm-bindgen");
    let found = output_line(&bin.to_string_lossy(), &["--version"]);
    let runner = cargo_bin().join("wasm-bindgen-test-runner").exists();
    if found.as_deref() == Some(&format!("wasm-bindgen {version}")) && runner {
        have("wasm-bindgen-cli", version);
        return Ok(());
    }
    installing("wasm-bindgen-cli", &format!("cargo install wasm-bindgen-cli {version} (~3 min)"));
    // Not --locked: its lock file pins a dependency version the registry no longer serves.
    run(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        version,
        "--force",
    ]))
}

/// Installs binaryen's wasm-opt from npm into a versioned cache folder; returns its bin folder.
fn binaryen(version: &str) -> Result<PathBuf, String> {
    let major = version.split('.').next().unwrap_or(version);
    let wasm_opt = npm_tool("binaryen", version, "wasm-opt", |found| {
        found.contains(&format!("version {major}"))
    })?;
    Ok(wasm_opt.parent().map(Path::to_path_buf).unwrap_or_default())
}

/// Installs spectral (npm @stoplight/spectral-cli) into a versioned cache folder, for the
/// peer comparison of `cargo xtask bench`; returns the path of its executable.
pub fn spectral(version: &str) -> Result<PathBuf, String> {
    npm_tool("@stoplight/spectral-cli", version, "spectral", |found| found == version)
}

/// An npm package's executable, installed into `~/.cache/apigw-designer/NAME-VERSION` unless
/// `--version` already satisfies `ok` there; returns the executable's path.
fn npm_tool(
    package: &str,
    version: &str,
    exe: &str,
    ok: impl Fn(&str) -> bool,
) -> Result<PathBuf, String> {
    let name = package.rsplit('/').next().unwrap_or(package);
    let name = name.strip_suffix("-cli").unwrap_or(name);
    let dir = home().join(".cache/apigw-designer").join(format!("{name}-{version}"));
    let bin = dir.join("node_modules/.bin").join(exe);
    if output_line(&bin.to_string_lossy(), &["--version"]).as_deref().is_some_and(&ok) {
        have(&format!("{exe} (npm {package})"), version);
        return Ok(bin);
    }
    installing(exe, &format!("npm install {package}@{version}"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
        .arg(&dir)
        .arg(format!("{package}@{version}")))?;
    Ok(bin)
}

fn chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        have("chromium + chromedriver", "(Debian)");
        return Ok(());
    }
    installing("chromium + chromium-driver", "apt-get install (~1 min)");
    let sudo = !is_root();
    let apt = |args: &[&str]| {
        let mut cmd = if sudo { Command::new("sudo") } else { Command::new("apt-get") };
        if sudo {
            cmd.args(["-n", "apt-get"]);
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update", "-qq"])?;
    apt(&["install", "-y", "-qq", "--no-install-recommends", "chromium", "chromium-driver"])
}

fn is_root() -> bool {
    output_line("id", &["-u"]).as_deref() == Some("0")
}

fn python_peers(pins: &Pins) -> Result<(), String> {
    let wanted = [
        ("moto", pins.get("moto")),
        ("boto3", pins.get("boto3")),
        ("awscli", pins.get("awscli")),
        ("cfn-lint", pins.get("cfn_lint")),
        ("cloudformation-validate", pins.get("cloudformation_validate")),
    ];
    let probe = "import importlib.metadata as m\nfor n in ('moto','boto3','awscli','cfn-lint','cloudformation-validate','flask'):\n    \
                 try: print(n, m.version(n))\n    except Exception: print(n, 'missing')";
    let out = Command::new("python3")
        .args(["-c", probe])
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    let found = String::from_utf8_lossy(&out.stdout).to_string();
    let ok = wanted
        .iter()
        .all(|(name, version)| found.lines().any(|l| l == format!("{name} {version}")))
        && !found.contains("flask missing");
    if ok {
        have("python peers", &wanted.map(|(n, v)| format!("{n}=={v}")).join(" "));
        return Ok(());
    }
    installing(
        "python peers",
        "pip install moto[server] boto3 awscli cfn-lint cloudformation-validate",
    );
    run(Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("moto[server]=={}", pins.get("moto")))
        .arg(format!("boto3=={}", pins.get("boto3")))
        .arg(format!("awscli=={}", pins.get("awscli")))
        .arg(format!("cfn-lint=={}", pins.get("cfn_lint")))
        .arg(format!("cloudformation-validate=={}", pins.get("cloudformation_validate"))))
}

/// The sandbox's virtual environment: LocalStack's API Gateway at the pinned versions, in
/// `~/.cache/apigw-designer/localstack-VERSION`; returns its interpreter.
fn sandbox(pins: &Pins) -> Result<PathBuf, String> {
    let version = pins.get("localstack");
    let dir = home().join(".cache/apigw-designer").join(format!("localstack-{version}"));
    let python = dir.join("bin/python");
    let wanted = [
        ("localstack-core", version),
        ("cbor2", pins.get("localstack_cbor2")),
        ("pyOpenSSL", pins.get("localstack_pyopenssl")),
    ];
    let probe = "import importlib.metadata as m\nfor n in ('localstack-core','cbor2','pyOpenSSL'):\n    \
                 try: print(n, m.version(n))\n    except Exception: print(n, 'missing')";
    let found = Command::new(&python)
        .args(["-c", probe])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
        .unwrap_or_default();
    if wanted.iter().all(|(name, v)| found.lines().any(|l| l == format!("{name} {v}"))) {
        have("sandbox (LocalStack's API Gateway)", version);
        return Ok(python);
    }
    installing(
        "sandbox",
        &format!("python3 -m venv + pip install localstack-core[runtime]=={version} (~1 min)"),
    );
    let _ = std::fs::remove_dir_all(&dir);
    run(Command::new("python3").args(["-m", "venv"]).arg(&dir))?;
    run(Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("localstack-core[runtime]=={version}"))
        .arg(format!("cbor2=={}", pins.get("localstack_cbor2")))
        .arg(format!("pyopenssl=={}", pins.get("localstack_pyopenssl"))))?;
    Ok(python)
}

/// `npm ci` in tests/e2e, skipped when node_modules was installed from the same lock file.
fn npm_packages(dir: &Path) -> Result<(), String> {
    let lock = std::fs::read(dir.join("package-lock.json"))
        .map_err(|e| format!("package-lock.json: {e}"))?;
    let stamp = format!("{:016x}", fnv1a(&lock));
    let marker = dir.join("node_modules/.apigw-lock-stamp");
    if std::fs::read_to_string(&marker).is_ok_and(|s| s == stamp) {
        have("npm packages", "(tests/e2e, lock unchanged)");
        return Ok(());
    }
    installing("npm packages", "npm ci in tests/e2e");
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    std::fs::write(&marker, stamp).map_err(|e| format!("{}: {e}", marker.display()))
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100000001b3))
}

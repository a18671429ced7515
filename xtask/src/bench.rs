//! `cargo xtask bench`: the performance suite, separate from `cargo xtask test`.
//!
//! It installs what it needs (the tools of `test`, plus spectral from npm), builds the CLI and
//! the release bundle, then measures:
//! - natively: validation, plan building, OpenAPI export and import at 300, 3,000 and 30,000
//!   methods, validation at 10,000, and one keystroke's edit plus incremental revalidation
//!   (`crates/apigw-core/benches/core.rs`, each case in a fresh process);
//! - a peer, in the same run: `apigw validate` against `spectral lint` (spectral:oas) on the same
//!   generated 3,000-operation OpenAPI document;
//! - in Chromium (`tests/e2e/bench/browser.mjs`): time to interactive, keystrokes, selecting a
//!   method, importing 1,000 paths, memory and scrolling with 30,000 methods;
//! - the bundle: wasm, js, css and html, raw, gzip and brotli.
//!
//! It writes `target/bench/results.json` and `target/bench/results.md`, refreshes the table in
//! `docs/perf.md`, and prints the table with every budget marked met or missed.

use crate::pins::Pins;
use crate::test::BUNDLE_GZIP_BUDGET;
use crate::tools::{self, Env, Set};
use crate::util::{run, stage};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The bundle, all assets gzip, in the last build before the mapping-template engine and the
/// Test tab (CI on 921e658), which together may add at most 40 KB.
const BUNDLE_BEFORE_TEST_TAB: f64 = 652_400.0;

const BEGIN: &str = "<!-- bench:begin -->";
const END: &str = "<!-- bench:end -->";

/// A budget of the issue, read from the results.
struct Budget {
    name: &'static str,
    limit: &'static str,
    /// The measured value, formatted, and whether it meets the budget.
    check: fn(&Value) -> Option<(String, bool)>,
}

fn num(v: &Value, path: &str) -> Option<f64> {
    v.pointer(path).and_then(Value::as_f64)
}

fn native_case<'a>(v: &'a Value, name: &str, methods: u64) -> Option<&'a Value> {
    v["native"].as_array()?.iter().find(|c| c["name"] == name && c["methods"] == methods)
}

const BUDGETS: &[Budget] = &[
    Budget {
        name: "Keystroke → diagnostics + preview, p95, 3,000 methods",
        limit: "≤ 16 ms",
        check: |v| num(v, "/browser/keystroke-3000/p95").map(|x| (format!("{x:.1} ms"), x <= 16.0)),
    },
    Budget {
        name: "Validation of 10,000 methods, native",
        limit: "≤ 20 ms",
        check: |v| {
            let x = native_case(v, "validate", 10_000)?["median_ms"].as_f64()?;
            Some((format!("{x:.1} ms"), x <= 20.0))
        },
    },
    Budget {
        name: "apigw validate vs spectral lint, 3,000 operations",
        limit: "≥ 50× faster",
        check: |v| num(v, "/peer/ratio").map(|x| (format!("{x:.0}×"), x >= 50.0)),
    },
    Budget {
        name: "Rendering a typical 2 KB mapping template, native (median)",
        limit: "≤ 50 µs",
        check: |v| {
            let x = native_case(v, "vtl-render-2kb", 1)?["median_ms"].as_f64()? * 1000.0;
            Some((format!("{x:.1} µs"), x <= 50.0))
        },
    },
    Budget {
        name: "Test tab update after a keystroke in a template, p95, 3,000 methods",
        limit: "≤ 16 ms",
        check: |v| {
            num(v, "/browser/test-keystroke-3000/p95").map(|x| (format!("{x:.1} ms"), x <= 16.0))
        },
    },
    Budget {
        name: "Mapping templates and the Test tab, gzip (bundle growth over the 652.4 KB before them)",
        limit: "≤ 40 KB",
        check: |v| {
            num(v, "/bundle/totals/total/gzip").map(|x| {
                let grown = (x - BUNDLE_BEFORE_TEST_TAB) / 1000.0;
                (format!("{grown:.1} KB"), grown <= 40.0)
            })
        },
    },
    Budget {
        name: "Time to interactive, empty design (median, fresh browser profile)",
        limit: "≤ 300 ms",
        check: |v| num(v, "/browser/tti-empty/p50").map(|x| (format!("{x:.0} ms"), x <= 300.0)),
    },
    Budget {
        name: "Time to interactive, 3,000 methods (median, fresh browser profile)",
        limit: "≤ 300 ms",
        check: |v| num(v, "/browser/tti-3000/p50").map(|x| (format!("{x:.0} ms"), x <= 300.0)),
    },
    Budget {
        name: "Import of a 1,000-path OpenAPI document in the browser (median)",
        limit: "≤ 200 ms",
        check: |v| {
            num(v, "/browser/import-1000-paths/p50").map(|x| (format!("{x:.0} ms"), x <= 200.0))
        },
    },
    Budget {
        name: "Shipped bundle, all assets, gzip",
        limit: "≤ 250 KB",
        check: |v| {
            num(v, "/bundle/totals/total/gzip")
                .map(|x| (format!("{:.0} KB", x / 1000.0), x <= BUNDLE_GZIP_BUDGET))
        },
    },
    Budget {
        name: "30,000 methods: longest frame while scrolling the tree (median of 3 passes)",
        limit: "≤ 50 ms",
        check: |v| {
            num(v, "/browser/scroll-30000/pass_max_median")
                .map(|x| (format!("{x:.1} ms"), x <= 50.0))
        },
    },
];

pub fn run_bench(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("`cargo xtask bench` takes no arguments (got `{arg}`)"));
    }
    let started = Instant::now();
    let env = tools::ensure(Set::Test)?;
    let pins = Pins::load(&env.root)?;
    let spectral = tools::spectral(pins.get("spectral"))?;
    let out_dir = env.root.join("target/bench");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;

    stage("building the apigw CLI (release) and the bundle (trunk build --release)");
    run(env.command("cargo").args(["build", "--release", "-p", "apigw-cli"]))?;
    let apigw = env.root.join("target/release/apigw");
    let dist = out_dir.join("dist");
    crate::test::trunk_release(&env, &dist.to_string_lossy())?;
    // The reference builds (src/bin/reference-*.rs): what Leptos, and Leptos with apigw-core,
    // cost before any of the interface, built by the same pipeline as the app.
    let reference = |name: &str| -> Result<PathBuf, String> {
        let out = out_dir.join(format!("reference-{name}"));
        run(env
            .command("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&out)
            .arg(env.root.join(format!("xtask/reference/{name}.html"))))?;
        Ok(out)
    };
    let (reference_leptos, reference_core) = (reference("leptos")?, reference("core")?);

    stage("native: validation, plan, OpenAPI export and import, a keystroke (apigw-core)");
    let native_json = out_dir.join("native.json");
    run(env
        .command("cargo")
        .args(["bench", "-p", "apigw-core", "--bench", "core", "--", "--out"])
        .arg(&native_json))?;
    let native = read_json(&native_json)?;

    stage("peer: apigw validate against spectral lint on the same 3,000-operation OpenAPI");
    let peer = peer(&env, &apigw, &spectral, &out_dir)?;

    stage("browser: Chromium, timed inside the page");
    let browser_json = out_dir.join("browser.json");
    run(env
        .command("node")
        .arg("bench/browser.mjs")
        .arg(&browser_json)
        .current_dir(env.root.join("tests/e2e"))
        .env("BENCH_DIST", &dist)
        .env("REFERENCE_LEPTOS_DIST", &reference_leptos)
        .env("REFERENCE_CORE_DIST", &reference_core)
        .env("APIGW_BIN", &apigw))?;
    let browser = read_json(&browser_json)?;

    stage("bundle sizes");
    let bundle = bundle_sizes(&env, &dist)?;
    let reference = json!({
        "leptos": bundle_sizes(&env, &reference_leptos)?["totals"],
        "core": bundle_sizes(&env, &reference_core)?["totals"],
    });

    let results = json!({
        "native": native,
        "peer": peer,
        "browser": browser,
        "bundle": bundle,
        "reference": reference,
        "machine": machine(),
    });
    let table = markdown(&results);
    let mut results = results;
    results["budgets"] = Value::Array(
        BUDGETS
            .iter()
            .map(|b| {
                let (value, met) = (b.check)(&results).unwrap_or(("not measured".into(), false));
                json!({"budget": b.name, "limit": b.limit, "measured": value, "met": met})
            })
            .collect(),
    );
    write(
        &out_dir.join("results.json"),
        &serde_json::to_string_pretty(&results).unwrap_or_default(),
    )?;
    write(&out_dir.join("results.md"), &table)?;
    refresh_perf_md(&env.root.join("docs/perf.md"), &table)?;
    println!("\n{table}");
    println!("wrote target/bench/results.json, target/bench/results.md and docs/perf.md");
    println!("bench finished in {:.1} min", started.elapsed().as_secs_f64() / 60.0);
    Ok(())
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Wall time of a command, median of `runs` (after one warm-up run), in milliseconds.
fn time_command(mut make: impl FnMut() -> Command, runs: usize) -> Result<(f64, String), String> {
    let mut samples = Vec::new();
    let mut output = String::new();
    for i in 0..=runs {
        let mut cmd = make();
        let t = Instant::now();
        let out =
            cmd.output().map_err(|e| format!("cannot start {}: {e}", crate::util::show(&cmd)))?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if i > 0 {
            samples.push(ms);
        }
        output = String::from_utf8_lossy(&out.stdout).into_owned();
    }
    samples.sort_by(f64::total_cmp);
    Ok((samples[samples.len() / 2], output))
}

fn peer(env: &Env, apigw: &Path, spectral: &Path, out_dir: &Path) -> Result<Value, String> {
    let doc = out_dir.join("openapi-3000.json");
    let out = Command::new(apigw)
        .args(["generate", "--methods", "3000", "--seed", "1", "--to", "openapi"])
        .output()
        .map_err(|e| format!("apigw generate: {e}"))?;
    write(&doc, &String::from_utf8_lossy(&out.stdout))?;
    let ruleset = out_dir.join(".spectral.yaml");
    write(&ruleset, "extends: [\"spectral:oas\"]\n")?;
    let (apigw_ms, apigw_out) = time_command(
        || {
            let mut c = Command::new(apigw);
            c.arg("validate").arg(&doc);
            c
        },
        5,
    )?;
    let (spectral_ms, spectral_out) = time_command(
        || {
            let mut c = env.command(&spectral.to_string_lossy());
            c.args(["lint", "--format", "text", "--quiet", "--ruleset"]).arg(&ruleset).arg(&doc);
            c
        },
        3,
    )?;
    let spectral_findings =
        spectral_out.lines().filter(|l| l.contains(" warning ") || l.contains(" error ")).count();
    if spectral_findings == 0 {
        return Err(format!("spectral produced no findings; did it run?\n{spectral_out}"));
    }
    let apigw_summary = apigw_out.lines().last().unwrap_or_default().to_string();
    let size = std::fs::metadata(&doc).map(|m| m.len()).unwrap_or(0);
    println!("apigw validate: {apigw_ms:.0} ms ({apigw_summary})");
    println!("spectral lint:  {spectral_ms:.0} ms ({spectral_findings} findings, spectral:oas)");
    Ok(json!({
        "document": "apigw generate --methods 3000 --seed 1 --to openapi",
        "document_bytes": size,
        "operations": 3000,
        "apigw_validate_ms": apigw_ms,
        "apigw_summary": apigw_summary,
        "spectral_lint_ms": spectral_ms,
        "spectral_findings": spectral_findings,
        "ratio": spectral_ms / apigw_ms,
    }))
}

/// Sizes of the built bundle (raw, gzip, brotli), from `tests/e2e/bench/sizes.mjs`.
pub fn bundle_sizes(env: &Env, dist: &Path) -> Result<Value, String> {
    let out = env
        .command("node")
        .arg("tests/e2e/bench/sizes.mjs")
        .arg(dist)
        .output()
        .map_err(|e| format!("node bench/sizes.mjs: {e}"))?;
    if !out.status.success() {
        return Err(format!("bench/sizes.mjs failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("bench/sizes.mjs: {e}"))
}

fn machine() -> Value {
    let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let chromium =
        crate::util::output_line("/usr/bin/chromium", &["--version"]).unwrap_or_default();
    json!({"cpus": cpus, "cpu": model, "chromium": chromium})
}

fn fmt_ms(x: Option<f64>) -> String {
    match x {
        Some(x) if x < 1.0 => format!("{x:.3} ms"),
        Some(x) if x < 100.0 => format!("{x:.1} ms"),
        Some(x) => format!("{x:.0} ms"),
        None => "–".into(),
    }
}

/// The report: budgets first, then every measurement.
fn markdown(v: &Value) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "Measured by `cargo xtask bench` on {} CPU(s) ({}), {}.\n\n",
        v["machine"]["cpus"],
        v["machine"]["cpu"].as_str().unwrap_or("?"),
        v["machine"]["chromium"].as_str().unwrap_or("Chromium")
    ));
    out.push_str("| Budget | Limit | Measured | |\n|---|---|---|---|\n");
    for b in BUDGETS {
        let (value, met) = (b.check)(v).unwrap_or(("not measured".into(), false));
        out.push_str(&format!(
            "| {} | {} | {value} | {} |\n",
            b.name,
            b.limit,
            if met { "✅ met" } else { "❌ missed" }
        ));
    }

    out.push_str("\n**Native** (median of runs, each case in a fresh process)\n\n");
    out.push_str("| Operation | 300 methods | 3,000 methods | 30,000 methods | µs per method (300 → 30,000) |\n|---|---|---|---|---|\n");
    for name in ["validate", "plan", "openapi-export", "openapi-import", "edit+revalidate"] {
        let at = |n: u64| native_case(v, name, n);
        let ms = |n: u64| fmt_ms(at(n).and_then(|c| c["median_ms"].as_f64()));
        let per = |n: u64| at(n).and_then(|c| c["us_per_method"].as_f64());
        let growth = match (per(300).or(per(3000)), per(30_000)) {
            (Some(a), Some(b)) if name != "edit+revalidate" => {
                format!("{a:.2} → {b:.2} ({:.1}×)", b / a)
            }
            _ => "–".into(),
        };
        out.push_str(&format!(
            "| {name} | {} | {} | {} | {growth} |\n",
            ms(300),
            ms(3000),
            ms(30_000)
        ));
    }
    for (name, methods, label) in [
        ("validate", 10_000, "validate, 10,000 methods"),
        ("validate-one-thread", 10_000, "validate, 10,000 methods, on one thread"),
        ("simulate", 3_000, "simulate one request (the Test tab's run), 3,000 methods"),
        ("vtl-render-2kb", 1, "render a 2 KB mapping template"),
    ] {
        if let Some(c) = native_case(v, name, methods) {
            out.push_str(&format!("| {label} | | | | {} |\n", fmt_ms(c["median_ms"].as_f64())));
        }
    }

    let p = &v["peer"];
    out.push_str(&format!(
        "\n**Peer**: the same generated 3,000-operation OpenAPI document ({:.1} MB): `apigw validate` {} · `spectral lint` (spectral:oas, {} findings) {} · **{:.0}× faster**\n",
        p["document_bytes"].as_f64().unwrap_or(0.0) / 1e6,
        fmt_ms(p["apigw_validate_ms"].as_f64()),
        p["spectral_findings"],
        fmt_ms(p["spectral_lint_ms"].as_f64()),
        p["ratio"].as_f64().unwrap_or(0.0)
    ));

    let b = &v["browser"];
    out.push_str("\n**Browser** (Chromium, release build on loopback)\n\n| Measure | p50 | p95 | max |\n|---|---|---|---|\n");
    for (key, label) in [
        ("tti-empty", "Time to interactive, empty design (fresh browser profile)"),
        ("tti-empty-warm", "Time to interactive, empty design (reload, warm caches)"),
        ("tti-3000", "Time to interactive, 3,000 methods (fresh browser profile)"),
        ("tti-3000-warm", "Time to interactive, 3,000 methods (reload, warm caches)"),
        (
            "tti-static-empty",
            "Reference: the empty design's first screen as static HTML, no wasm (fresh browser profile)",
        ),
        (
            "tti-reference-leptos-empty",
            "Reference: the smallest Leptos page, reading the saved design (fresh browser profile)",
        ),
        (
            "tti-reference-core-empty",
            "Reference: that page with all of apigw-core, no interface, empty design (fresh browser profile)",
        ),
        (
            "tti-reference-core-3000",
            "Reference: the same, reading and parsing 3,000 methods (fresh browser profile)",
        ),
        ("keystroke-300", "Keystroke → diagnostics + preview, 300 methods (100 edits)"),
        ("keystroke-3000", "Keystroke → diagnostics + preview, 3,000 methods (100 edits)"),
        ("select-method-3000", "Selecting a method in the tree, 3,000 methods"),
        ("import-1000-paths", "Importing a 1,000-path OpenAPI document"),
        (
            "test-keystroke-3000",
            "Test tab: keystroke in a template → trace, 3,000 methods (100 edits)",
        ),
        ("scroll-30000", "Frame time scrolling the tree, 30,000 methods"),
        ("select-resource-30000", "Selecting a resource in the tree, 30,000 methods"),
        ("add-method-30000", "Adding a method (an outline edit), 30,000 methods"),
        ("undo-add-method-30000", "Undoing it, 30,000 methods"),
    ] {
        let m = &b[key];
        out.push_str(&format!(
            "| {label} | {} | {} | {} |\n",
            fmt_ms(m["p50"].as_f64()),
            fmt_ms(m["p95"].as_f64()),
            fmt_ms(m["max"].as_f64())
        ));
    }
    for (key, label) in [("tti-empty", "empty design"), ("tti-3000", "3,000 methods")] {
        let phases = &b[key]["phases_p50"];
        if phases.is_object() {
            out.push_str(&format!(
                "\nA cold load, {label} (p50): the wasm's main starts at {}; building the first render takes {} (reading the saved design {}, parsing it {}); effects, style and first layout {}; the design's check, after the first paint, is complete at {}.\n",
                fmt_ms(phases["start"].as_f64()),
                fmt_ms(phases["mount"].as_f64()),
                fmt_ms(phases["read"].as_f64()),
                fmt_ms(phases["parse"].as_f64()),
                fmt_ms(phases["settle"].as_f64()),
                fmt_ms(phases["checked"].as_f64())
            ));
        }
    }
    out.push_str(&format!(
        "\nA large import is painted first and checked after, in slices: the 1,000-path import's check is complete {} after the import began (p50).\n",
        fmt_ms(b["import-1000-paths"]["checked_p50"].as_f64())
    ));
    let mem = &b["memory-30000"];
    out.push_str(&format!(
        "\nAfter loading 30,000 methods: wasm memory {:.0} MB, JS heap {:.1} MB, {} DOM elements (import took {} to paint, {} until its check was complete).\n",
        mem["wasm_bytes"].as_f64().unwrap_or(0.0) / 1e6,
        mem["js_heap_bytes"].as_f64().unwrap_or(0.0) / 1e6,
        mem["dom_elements"],
        fmt_ms(mem["import_ms"].as_f64()),
        fmt_ms(mem["import_checked_ms"].as_f64())
    ));

    out.push_str("\n**Bundle** (`trunk build --release`)\n\n| Asset | Raw | gzip | brotli |\n|---|---|---|---|\n");
    for kind in ["wasm", "js", "css", "html", "total"] {
        let t = &v["bundle"]["totals"][kind];
        let kb = |m: &str| format!("{:.1} KB", t[m].as_f64().unwrap_or(0.0) / 1000.0);
        out.push_str(&format!("| {kind} | {} | {} | {} |\n", kb("raw"), kb("gzip"), kb("brotli")));
    }
    let total = |t: &Value| t["gzip"].as_f64().map(|b| b / 1000.0);
    if let (Some(leptos), Some(core), Some(app)) = (
        total(&v["reference"]["leptos"]["total"]),
        total(&v["reference"]["core"]["total"]),
        total(&v["bundle"]["totals"]["total"]),
    ) {
        out.push_str(&format!(
            "\nReference builds, all assets, gzip (`src/bin/reference-*.rs`, built by the same pipeline): the smallest Leptos page {leptos:.1} KB; with all of apigw-core and no interface {core:.1} KB. Of the app's {app:.1} KB, the interface is {:.1} KB; the {:.0} KB budget would leave it {:.1} KB.\n",
            app - core,
            BUNDLE_GZIP_BUDGET / 1000.0,
            BUNDLE_GZIP_BUDGET / 1000.0 - core
        ));
    }
    out
}

/// Replaces the generated part of docs/perf.md (between the bench markers).
fn refresh_perf_md(path: &PathBuf, table: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (Some(start), Some(end)) = (text.find(BEGIN), text.find(END)) else {
        return Err(format!("{} has no {BEGIN} … {END} markers", path.display()));
    };
    let updated = format!("{}{BEGIN}\n{table}{}", &text[..start], &text[end..]);
    write(path, &updated)
}

//! Native benchmarks of the shared model on generated designs (`cargo xtask bench` runs them).
//!
//! Each case runs until it has taken at least 300 ms and 5 iterations, after one warm-up, and
//! reports the median, the minimum and the time per method. With `--out FILE` the results are
//! written as JSON for `cargo xtask bench` to merge into `target/bench/results.json`.

use apigw_core::command::{Field, FieldValue};
use apigw_core::diagnostic::Owner;
use apigw_core::generate::generate;
use apigw_core::{Checker, Design, History, document, openapi, plan, validate};
use std::hint::black_box;
use std::time::{Duration, Instant};

struct Case {
    name: String,
    methods: usize,
    median_ms: f64,
    min_ms: f64,
    iterations: usize,
}

fn time(mut f: impl FnMut()) -> (f64, f64, usize) {
    f();
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < 5
        || (start.elapsed() < Duration::from_millis(300) && samples.len() < 10_000)
    {
        let t = Instant::now();
        f();
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    samples.sort_by(f64::total_cmp);
    (samples[samples.len() / 2], samples[0], samples.len())
}

fn case(out: &mut Vec<Case>, name: &str, methods: usize, f: impl FnMut()) {
    let (median_ms, min_ms, iterations) = time(f);
    println!(
        "{name:<28} {methods:>7} methods  median {median_ms:>10.3} ms  min {min_ms:>10.3} ms  {:>8.3} µs/method  ({iterations} runs)",
        median_ms * 1000.0 / methods.max(1) as f64
    );
    out.push(Case { name: name.into(), methods, median_ms, min_ms, iterations });
}

/// The template of the `vtl-render-2kb` case, a pet list reshaped for a mobile client, and the
/// back end's answer it renders (the engine's tests check what it renders).
const TEMPLATE_2KB: &str = include_str!("vtl/list-2kb.vtl");
const PETS_BODY: &str = include_str!("vtl/list-2kb.json");

/// The path and verb of a method with an integration in the middle of the design.
fn middle_method(design: &Design) -> (String, String) {
    let all: Vec<(&String, &String)> = design
        .resources
        .iter()
        .flat_map(|(p, r)| {
            r.methods.iter().filter(|(_, m)| m.integration.is_some()).map(move |(v, _)| (p, v))
        })
        .collect();
    let (p, v) = all[all.len() / 2];
    (p.clone(), v.clone())
}

/// Runs one case in this process and prints it as a JSON line.
fn run_case(name: &str, n: usize) {
    let mut results = Vec::new();
    let design = generate(n, 1);
    match name {
        "validate" => case(&mut results, name, n, || {
            black_box(validate(black_box(&design)));
        }),
        "validate-one-thread" => case(&mut results, name, n, || {
            black_box(apigw_core::rules::validate_on_one_thread(black_box(&design)));
        }),
        "plan" => case(&mut results, name, n, || {
            black_box(plan::build(black_box(&design)));
        }),
        "openapi-export" => case(&mut results, name, n, || {
            black_box(openapi::export(black_box(&design)));
        }),
        "openapi-import" => {
            let text = openapi::export(&design);
            drop(design);
            case(&mut results, name, n, || {
                black_box(document::load(black_box(&text)).expect("generated OpenAPI loads"));
            })
        }
        "edit+revalidate" => {
            // One keystroke: a grouped edit of one field, then incremental revalidation.
            let mut edited = design;
            let mut checker = Checker::new(&edited);
            let mut history = History::default();
            let (path, verb) = middle_method(&edited);
            let mut i = 0u64;
            case(&mut results, name, n, || {
                i += 1;
                let edit = apigw_core::Edit::SetField {
                    owner: Owner::Integration { path: path.clone(), verb: verb.clone() },
                    field: Field::TimeoutInMillis,
                    value: FieldValue::Number(Some(1_000 + (i % 20_000) as i64)),
                };
                let scope = edit.scope();
                history.apply_grouped(&mut edited, edit, Some("timeout")).expect("edit applies");
                checker.update(&edited, &scope);
                black_box(checker.counts());
            });
        }
        "vtl-render-2kb" => {
            // A typical 2 KB response template over a five-item list, parsed once (as the
            // simulator keeps it), rendered each run.
            let template = apigw_core::vtl::parse(TEMPLATE_2KB).expect("the bench template parses");
            let env = apigw_core::vtl::Env {
                body: PETS_BODY.into(),
                querystring: vec![("type".into(), "dog".into()), ("sort".into(), "price".into())],
                context: serde_json::json!({"requestId": "r-1", "stage": "prod", "domainName": "api.example.com"}),
                ..Default::default()
            };
            case(&mut results, name, 1, || {
                black_box(
                    apigw_core::vtl::render(&template, black_box(&env), Default::default())
                        .expect("renders"),
                );
            })
        }
        "simulate" => {
            // The Test tab's work after a keystroke: the middle method's saved request, run.
            let (path, verb) = middle_method(&design);
            let test = apigw_core::simulate::example_test_request(&design, &path, &verb);
            let request = apigw_core::simulate::request_from_test(&design, &path, &verb, &test);
            case(&mut results, name, n, || {
                black_box(apigw_core::simulate::simulate(black_box(&design), &request));
            })
        }
        other => panic!("unknown case {other}"),
    }
    let c = &results[0];
    println!(
        "{}",
        serde_json::json!({
            "name": c.name, "methods": c.methods, "median_ms": c.median_ms,
            "min_ms": c.min_ms, "iterations": c.iterations,
            "us_per_method": c.median_ms * 1000.0 / c.methods.max(1) as f64,
        })
    );
}

/// Every case at every size, each in a fresh process, so that no case runs on a heap another
/// one fragmented: a design is measured as it is right after it was loaded.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--case") {
        let n: usize = args[i + 2].parse().expect("a method count");
        return run_case(&args[i + 1], n);
    }
    let out_path = args.iter().position(|a| a == "--out").and_then(|i| args.get(i + 1)).cloned();
    let quick = args.iter().any(|a| a == "--quick");
    let sizes: &[usize] = if quick { &[300, 3_000] } else { &[300, 3_000, 30_000] };
    let mut cases: Vec<(&str, usize)> = Vec::new();
    for name in ["validate", "plan", "openapi-export", "openapi-import"] {
        for &n in sizes {
            cases.push((name, n));
        }
    }
    cases.push(("validate", 10_000));
    cases.push(("validate-one-thread", 10_000));
    for &n in &sizes[1..] {
        cases.push(("edit+revalidate", n));
    }
    cases.push(("vtl-render-2kb", 1));
    cases.push(("simulate", 3_000));
    let exe = std::env::current_exe().expect("the bench binary");
    let mut json = Vec::new();
    for (name, n) in cases {
        let output = std::process::Command::new(&exe)
            .args(["--case", name, &n.to_string()])
            .output()
            .expect("the bench runs itself");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let mut lines = stdout.lines();
        if let Some(line) = lines.next() {
            println!("{line}");
        }
        match lines.next().map(serde_json::from_str::<serde_json::Value>) {
            Some(Ok(value)) if output.status.success() => json.push(value),
            _ => panic!("case {name} {n} failed: {}", String::from_utf8_lossy(&output.stderr)),
        }
    }
    if let Some(path) = out_path {
        std::fs::write(&path, serde_json::to_string_pretty(&json).expect("serialises"))
            .unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
    }
}

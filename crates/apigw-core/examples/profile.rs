//! Runs one operation on a generated design in a loop, for profilers (`perf record` this).
//! Usage: profile validate|import|load|export|plan [METHODS] [RUNS]
//! `ONLY_RULE=AG214` validates with one rule only; `SKIP_RULE=AG214` with all but that one.
use apigw_core::{document, generate::generate, openapi, rules, validate};
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map_or("validate", String::as_str);
    let methods = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let runs = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    let design = generate(methods, 1);
    let openapi_text = if what == "import" { openapi::export(&design) } else { String::new() };
    let design_text =
        if what == "load" { document::design_to_string(&design) } else { String::new() };
    let only = std::env::var("ONLY_RULE").ok().and_then(|code| rules::rule(&code));
    let skip = std::env::var("SKIP_RULE").ok();
    let without: Vec<&'static rules::Rule> =
        rules::RULES.iter().copied().filter(|r| Some(r.code) != skip.as_deref()).collect();
    let t = std::time::Instant::now();
    for _ in 0..runs {
        match what {
            "validate" => match only {
                Some(rule) => drop(black_box(rules::validate_with(&design, &[rule]))),
                None if skip.is_some() => drop(black_box(rules::validate_with(&design, &without))),
                None => drop(black_box(validate(&design))),
            },
            "import" => drop(black_box(document::load(&openapi_text))),
            "load" => drop(black_box(document::load(&design_text))),
            "export" => drop(black_box(openapi::export(&design))),
            "plan" => drop(black_box(apigw_core::plan::build(&design))),
            other => panic!("unknown operation {other}"),
        }
    }
    let ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    println!("{what} {methods} methods: {ms:.2} ms per run");
}

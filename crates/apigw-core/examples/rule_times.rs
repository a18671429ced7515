use apigw_core::generate::generate;
use apigw_core::rules::{Check, MethodCx, RULES};
use std::time::Instant;
fn main() {
    let design = generate(10_000, 1);
    let t = Instant::now();
    for _ in 0..5 { std::hint::black_box(apigw_core::validate(&design)); }
    println!("validate: {:.2} ms", t.elapsed().as_secs_f64() * 200.0);
    let mut times = Vec::new();
    for rule in RULES {
        let t = Instant::now();
        for _ in 0..5 {
            match rule.check {
                Check::Method(f) => {
                    for (p, r) in &design.resources { for (v, m) in &r.methods {
                        let cx = MethodCx { design: &design, path: p, verb: v, method: m };
                        let mut out = Vec::new();
                        let mut sink = apigw_core::rules::sink_for(rule, &mut out);
                        f(&cx, &mut sink);
                    }}
                }
                Check::Resource(f) => {
                    for (p, r) in &design.resources {
                        let mut out = Vec::new();
                        let mut sink = apigw_core::rules::sink_for(rule, &mut out);
                        f(&design, p, r, &mut sink);
                    }
                }
                Check::Api(f) => { let mut out = Vec::new(); let mut sink = apigw_core::rules::sink_for(rule, &mut out); f(&design, &mut sink); }
                Check::Sequence => {}
            }
        }
        times.push((t.elapsed().as_secs_f64() * 200.0, rule.name));
    }
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (t, n) in times.iter().take(20) { println!("{t:8.3} ms {n}"); }
}

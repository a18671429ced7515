fn main() {
    let design = apigw_core::generate::generate(10_000, 1);
    let t = std::time::Instant::now();
    for _ in 0..8 { std::hint::black_box(apigw_core::validate(&design)); }
    println!("validate: {:.2} ms", t.elapsed().as_secs_f64() * 1000.0 / 8.0);
}

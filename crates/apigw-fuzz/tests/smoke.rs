//! The fuzzer itself, run in-process for a fixed number of inputs with a fixed seed, so that
//! `cargo test` exercises the harness (corpus, mutators, targets, runner) quickly.

use apigw_fuzz::corpus;
use apigw_fuzz::runner::{FindingKind, Fuzzer, SLOW, Shared};
use apigw_fuzz::targets::TARGETS;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// Inputs per target.
const RUNS: u64 = 300;

#[test]
fn the_fuzzer_runs_every_target() {
    let _ = apigw_fuzz::limit_memory();
    let corpus = corpus::load(&apigw_fuzz::workspace_root(), 7);
    assert!(corpus.seeds.len() > 100, "only {} seeds", corpus.seeds.len());
    let shared = Arc::new(Shared::new(TARGETS.iter().collect(), None));
    // Debug builds are about ten times slower than release builds.
    let mut fuzzer = Fuzzer::new(&corpus, 7, SLOW * 10, shared.clone());
    fuzzer.run(None, Some(RUNS));

    for (target, stats) in shared.targets.iter().zip(&shared.stats) {
        let runs = stats.runs.load(Ordering::Relaxed);
        assert_eq!(runs, RUNS, "{} ran {runs} inputs", target.name);
        let accepted = stats.accepted.load(Ordering::Relaxed);
        assert!(accepted > 0, "{} accepted none of its inputs", target.name);
    }
    // Slow inputs in a debug build say little; anything else is a bug in apigw-core.
    let findings: Vec<String> = shared
        .findings()
        .iter()
        .filter(|f| f.kind != FindingKind::Slow)
        .map(apigw_fuzz::runner::finding_line)
        .collect();
    assert!(findings.is_empty(), "the fuzzer found bugs:\n{}", findings.join("\n"));
}

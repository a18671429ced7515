//! Running the rules: over a whole design (on several threads natively, for large designs),
//! over one scope (the API-level objects, a resource, a method) for the checker, and over a
//! resource that is only being typed, for the forms.

use super::diagnostic::{Diagnostic, Owner, Target};
use super::rules::{Check, MethodCx, RULES, Rule, Sink, sequence};
use super::rules::{DUPLICATE_SIBLING, PATH_PART_INVALID_CHARACTERS};
use crate::model::{Design, Resource};

/// Every problem in a design.
pub fn validate(design: &Design) -> Vec<Diagnostic> {
    validate_with(design, RULES)
}

/// The problems that `rules` find (for profiling one rule at a time).
///
/// Natively, a design of 2,000 methods or more is checked on several threads, in contiguous
/// runs of resources joined in order, so the result is the same as on one thread. The browser
/// has one thread.
pub fn validate_with(design: &Design, rules: &[&'static Rule]) -> Vec<Diagnostic> {
    validate_on(design, rules, threads_for(design))
}

/// [`validate`] on the calling thread only (for benchmarks, to show what threads add).
pub fn validate_on_one_thread(design: &Design) -> Vec<Diagnostic> {
    validate_on(design, RULES, 1)
}

fn validate_on(design: &Design, rules: &[&'static Rule], threads: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules {
        if let Some(check) = rule.check.api() {
            check(design, &mut sequence(rule, &mut out));
        }
    }
    let checks = &TreeChecks::of(rules);
    let resources: Vec<(&String, &Resource)> = design.resources.iter().collect();
    if threads <= 1 {
        checks.run(design, &resources, &mut out);
        crate::cloudformation::drop_deploy_time(design, &mut out, 0);
        return out;
    }
    // Contiguous runs with about the same number of methods each.
    let total: usize = resources.iter().map(|(_, r)| r.methods.len() + 1).sum();
    let mut runs = Vec::with_capacity(threads);
    let (mut start, mut weight) = (0, 0);
    for (i, (_, resource)) in resources.iter().enumerate() {
        weight += resource.methods.len() + 1;
        if weight * threads >= total * (runs.len() + 1) && runs.len() + 1 < threads {
            runs.push(&resources[start..=i]);
            start = i + 1;
        }
    }
    runs.push(&resources[start..]);
    parallel(checks, design, &runs, &mut out);
    crate::cloudformation::drop_deploy_time(design, &mut out, 0);
    out
}

/// The resource and method checks of a rule set, grouped once so that walking the tree does
/// not match every rule's scope again for every resource and method.
struct TreeChecks {
    resource: Vec<(&'static Rule, ResourceCheck)>,
    method: Vec<(&'static Rule, MethodCheck)>,
}

type ResourceCheck = fn(&Design, &str, &Resource, &mut Sink<'_>);
type MethodCheck = fn(&MethodCx<'_>, &mut Sink<'_>);

impl TreeChecks {
    fn of(rules: &[&'static Rule]) -> TreeChecks {
        let mut checks = TreeChecks { resource: Vec::new(), method: Vec::new() };
        for rule in rules {
            if let Check::Resource(check) = rule.check {
                checks.resource.push((*rule, check));
            }
            if let Some(check) = rule.check.method() {
                checks.method.push((*rule, check));
            }
        }
        checks
    }

    /// The checks of every rule.
    fn all() -> &'static TreeChecks {
        static ALL: std::sync::OnceLock<TreeChecks> = std::sync::OnceLock::new();
        ALL.get_or_init(|| TreeChecks::of(RULES))
    }

    fn resource(
        &self,
        design: &Design,
        path: &str,
        resource: &Resource,
        out: &mut Vec<Diagnostic>,
    ) {
        for &(rule, check) in &self.resource {
            check(design, path, resource, &mut sequence(rule, out));
        }
    }

    fn method(&self, cx: &MethodCx<'_>, out: &mut Vec<Diagnostic>) {
        for &(rule, check) in &self.method {
            check(cx, &mut sequence(rule, out));
        }
    }

    fn run(&self, design: &Design, resources: &[(&String, &Resource)], out: &mut Vec<Diagnostic>) {
        for &(path, resource) in resources {
            self.resource(design, path, resource, out);
            for (verb, method) in &resource.methods {
                self.method(&MethodCx { design, path, verb, method }, out);
            }
        }
    }
}

/// Below this many methods, one thread is faster than starting more.
#[cfg(not(target_arch = "wasm32"))]
const PARALLEL_FROM: usize = 2_000;

#[cfg(not(target_arch = "wasm32"))]
fn threads_for(design: &Design) -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    if design.method_count() < PARALLEL_FROM {
        return 1;
    }
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}

/// The browser gives wasm one thread: the parallel path is never taken there.
#[cfg(target_arch = "wasm32")]
fn threads_for(_: &Design) -> usize {
    1
}

/// Checks each run on its own thread (the first on this one) and appends the results in order.
fn parallel(
    checks: &TreeChecks,
    design: &Design,
    runs: &[&[(&String, &Resource)]],
    out: &mut Vec<Diagnostic>,
) {
    let Some((first, rest)) = runs.split_first() else { return };
    let parts: Vec<Vec<Diagnostic>> = std::thread::scope(|scope| {
        let handles: Vec<_> = rest
            .iter()
            .map(|run| {
                scope.spawn(move || {
                    let mut part = Vec::new();
                    checks.run(design, run, &mut part);
                    part
                })
            })
            .collect();
        checks.run(design, first, out);
        // A rule that panicked on another thread panics here too, as it would on one thread.
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    for part in parts {
        out.extend(part);
    }
}

/// Problems of the API-level objects.
pub fn validate_api(design: &Design, out: &mut Vec<Diagnostic>) {
    let from = out.len();
    for rule in RULES {
        if let Some(check) = rule.check.api() {
            check(design, &mut sequence(rule, out));
        }
    }
    crate::cloudformation::drop_deploy_time(design, out, from);
}

/// Problems of one resource's place in the tree (not its methods).
pub fn validate_resource(
    design: &Design,
    path: &str,
    resource: &Resource,
    out: &mut Vec<Diagnostic>,
) {
    let from = out.len();
    TreeChecks::all().resource(design, path, resource, out);
    crate::cloudformation::drop_deploy_time(design, out, from);
}

/// Problems of one method, its responses and its integration.
pub fn validate_method(design: &Design, path: &str, verb: &str, out: &mut Vec<Diagnostic>) {
    let Some(method) = design.method(path, verb) else { return };
    let from = out.len();
    TreeChecks::all().method(&MethodCx { design, path, verb, method }, out);
    crate::cloudformation::drop_deploy_time(design, out, from);
}

/// What adding `part` under `parent` would bring: the path rules, plus a duplicate check.
/// For forms, to show the rules inline while the user types.
pub fn preview_new_resource(design: &Design, parent: &str, part: &str) -> Vec<Diagnostic> {
    let path = crate::path::child(parent, part);
    let mut out = Vec::new();
    if design.resources.contains_key(&path) {
        sequence(DUPLICATE_SIBLING, &mut out).report(
            Target::of(Owner::Resource { path: path.clone() }),
            format!("{parent} already has a child `{part}`"),
        );
    }
    if part.contains('/') {
        sequence(PATH_PART_INVALID_CHARACTERS, &mut out).report(
            Target::of(Owner::Resource { path: path.clone() }),
            "a path part is one segment: add nested resources one at a time",
        );
        return out;
    }
    validate_resource(design, &path, &Resource::default(), &mut out);
    out
}

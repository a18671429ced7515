//! Incremental validation: the diagnostics of a design, kept per scope, so that an edit reruns
//! only the rules of what it touched.
//!
//! Rules come in three scopes ([`crate::rules::Check`]): API-level objects, one resource's place
//! in the tree, and one method. Method rules read the method, its path and the API-level
//! objects, never another method; resource rules read the tree's shape. So:
//! - an edit inside one method ([`Scope::Method`]) reruns that method's rules only;
//! - adding, replacing or removing a method ([`Scope::Resource`]) reruns that resource;
//! - an API-level edit ([`Scope::Api`]) reruns the API rules and every method's rules;
//! - a change of the tree's shape ([`Scope::All`]) reruns everything.
//!
//! [`Checker::iter`] yields exactly what [`crate::validate`] returns, in the same order; the
//! tests compare the two after every kind of edit.
//!
//! A large design can also be checked progressively ([`Checker::progressive`], then
//! [`Checker::advance`] a few resources at a time), so that the browser paints the design and
//! stays responsive while its rules run. Edits may come in between: each updates what it
//! touched, and resources not reached yet are checked against the design as it is then.

use crate::command::Scope;
use crate::diagnostic::{Diagnostic, counts_iter};
use crate::model::Design;
use crate::rules;
use std::collections::BTreeMap;
use std::ops::Bound;

/// The diagnostics of one resource: its own, then each method's.
#[derive(Clone, Debug, Default, PartialEq)]
struct Node {
    own: Vec<Diagnostic>,
    methods: BTreeMap<String, Vec<Diagnostic>>,
}

/// A design's diagnostics, kept per API, resource and method.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checker {
    api: Vec<Diagnostic>,
    resources: BTreeMap<String, Node>,
    errors: usize,
    warnings: usize,
    /// While checking progressively: the first resource path not checked yet.
    pending: Option<String>,
}

impl Checker {
    /// Validates the whole design.
    pub fn new(design: &Design) -> Checker {
        let mut checker = Checker::default();
        checker.recheck_all(design);
        checker
    }

    /// Starts checking `design` progressively: the API-level rules now, the resources by
    /// [`Checker::advance`]. Until it completes, only what was reached is reported.
    pub fn progressive(design: &Design) -> Checker {
        let mut checker = Checker::default();
        rules::validate_api(design, &mut checker.api);
        checker.pending = design.resources.keys().next().cloned();
        checker.recount();
        checker
    }

    /// Checks up to `count` more resources (each with its methods), in path order. Returns
    /// whether every resource has now been checked.
    pub fn advance(&mut self, design: &Design, count: usize) -> bool {
        let Some(from) = self.pending.take() else { return true };
        let mut next =
            design.resources.range::<str, _>((Bound::Included(from.as_str()), Bound::Unbounded));
        for (path, resource) in next.by_ref().take(count) {
            if self.resources.contains_key(path) {
                continue; // an edit checked it already
            }
            let node = check_resource(design, path, resource);
            let new = counts_iter(node_iter(&node));
            self.resources.insert(path.clone(), node);
            self.shift((0, 0), new);
        }
        self.pending = next.next().map(|(path, _)| path.clone());
        self.pending.is_none()
    }

    /// Whether every resource has been checked (always, unless checking progressively).
    pub fn is_complete(&self) -> bool {
        self.pending.is_none()
    }

    /// Brings the diagnostics up to date after an edit of `scope` was applied to `design`.
    pub fn update(&mut self, design: &Design, scope: &Scope) {
        match scope {
            Scope::Method { path, verb } => {
                let Some(node) = self.resources.get_mut(path) else {
                    // Not reached yet by a progressive check: check its resource now (`advance`
                    // will skip it) rather than the whole design.
                    if self.pending.is_some() && self.recheck_resource(design, path) {
                        return;
                    }
                    return self.recheck_all(design);
                };
                let mut out = Vec::new();
                rules::validate_method(design, path, verb, &mut out);
                let old = if design.method(path, verb).is_some() {
                    node.methods.insert(verb.clone(), out)
                } else {
                    node.methods.remove(verb)
                };
                let new = counts_iter(node.methods.get(verb).into_iter().flatten());
                self.shift(counts_iter(old.iter().flatten()), new);
                return;
            }
            Scope::Resource { path } => {
                if !self.recheck_resource(design, path) {
                    self.recheck_all(design);
                }
                return;
            }
            Scope::Api => {
                self.api.clear();
                rules::validate_api(design, &mut self.api);
                for (path, node) in &mut self.resources {
                    for (verb, out) in &mut node.methods {
                        out.clear();
                        rules::validate_method(design, path, verb, out);
                    }
                }
            }
            Scope::All => self.recheck_all(design),
        }
        self.recount();
    }

    fn recheck_all(&mut self, design: &Design) {
        self.pending = None;
        self.api.clear();
        rules::validate_api(design, &mut self.api);
        self.resources = design
            .resources
            .iter()
            .map(|(path, resource)| (path.clone(), check_resource(design, path, resource)))
            .collect();
        self.recount();
    }

    /// Replaces the (errors, warnings) of some diagnostics, `old`, by those of their update.
    /// Checks one resource with its methods again; `false` if the design has no such resource.
    fn recheck_resource(&mut self, design: &Design, path: &str) -> bool {
        let Some(resource) = design.resources.get(path) else { return false };
        let node = check_resource(design, path, resource);
        let new = counts_iter(node_iter(&node));
        let old = self.resources.insert(path.to_string(), node);
        self.shift(counts_iter(old.iter().flat_map(node_iter)), new);
        true
    }

    fn shift(&mut self, old: (usize, usize), new: (usize, usize)) {
        self.errors = self.errors + new.0 - old.0;
        self.warnings = self.warnings + new.1 - old.1;
    }

    fn recount(&mut self) {
        let (errors, warnings) = counts_iter(self.iter());
        self.errors = errors;
        self.warnings = warnings;
    }

    /// Every diagnostic, in the order [`crate::validate`] gives them.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.api.iter().chain(self.resources.values().flat_map(node_iter))
    }

    /// Diagnostics of the API-level objects.
    pub fn api(&self) -> &[Diagnostic] {
        &self.api
    }

    /// Diagnostics of one method (empty when it has none or does not exist).
    pub fn method(&self, path: &str, verb: &str) -> &[Diagnostic] {
        self.resources.get(path).and_then(|node| node.methods.get(verb)).map_or(&[], Vec::as_slice)
    }

    /// Every diagnostic about one method: its own, and those its resource's checks report on
    /// it (a resource-scope rule may name one of the resource's methods).
    pub fn method_problems<'a>(
        &'a self,
        path: &'a str,
        verb: &'a str,
    ) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.method(path, verb)
            .iter()
            .chain(self.resource(path))
            .filter(move |d| d.target.owner.method_key() == Some((path, verb)))
    }

    /// Diagnostics of a resource's place in the tree, not of its methods.
    pub fn resource(&self, path: &str) -> &[Diagnostic] {
        self.resources.get(path).map_or(&[], |node| node.own.as_slice())
    }

    /// Diagnostics of one resource and of its methods.
    pub fn resource_and_methods(&self, path: &str) -> impl Iterator<Item = &Diagnostic> {
        self.resources.get(path).into_iter().flat_map(node_iter)
    }

    /// Diagnostics of a resource, its methods, and every resource and method below it.
    pub fn subtree(&self, path: &str) -> impl Iterator<Item = &Diagnostic> {
        let below = crate::path::descendants(&self.resources, path).map(|(_, node)| node);
        self.resources.get(path).into_iter().chain(below).flat_map(node_iter)
    }

    /// Error and warning counts.
    pub fn counts(&self) -> (usize, usize) {
        (self.errors, self.warnings)
    }

    pub fn len(&self) -> usize {
        self.errors + self.warnings
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn node_iter(node: &Node) -> impl Iterator<Item = &Diagnostic> {
    node.own.iter().chain(node.methods.values().flatten())
}

fn check_resource(design: &Design, path: &str, resource: &crate::model::Resource) -> Node {
    let mut own = Vec::new();
    rules::validate_resource(design, path, resource, &mut own);
    let methods = resource
        .methods
        .keys()
        .map(|verb| {
            let mut out = Vec::new();
            rules::validate_method(design, path, verb, &mut out);
            (verb.clone(), out)
        })
        .collect();
    Node { own, methods }
}

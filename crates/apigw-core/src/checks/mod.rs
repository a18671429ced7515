//! The checks: what API Gateway accepts. One rule per file in [`rules`], the API Gateway
//! facts they and the forms share ([`facts`]), the small languages in fields ([`grammar`]),
//! what a diagnostic is ([`diagnostic`]), and the [`checker`] that keeps a design's
//! diagnostics up to date edit by edit.

pub mod checker;
pub mod diagnostic;
pub mod docs;
pub mod engine;
pub mod facts;
pub mod grammar;
pub mod rules;

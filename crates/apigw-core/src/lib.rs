//! apigw-core: the shared model of apigw-designer.
//!
//! What an API Gateway REST API design is ([`model`]), how it is edited ([`command`],
//! [`history`]), what API Gateway accepts ([`rules`], [`facts`], [`grammar`]), which requests
//! create it ([`plan`]), and how it is read and written ([`document`], [`plan_import`]).
//!
//! Architecture invariant: this crate is pure. No IO, no clock, no randomness, no web or OS
//! dependencies; every function is deterministic and none panics on any input.

#![forbid(unsafe_code)]

pub mod cli_script;
pub mod command;
pub mod cors;
pub mod diagnostic;
pub mod document;
pub mod example;
pub mod facts;
pub mod get_resources;
pub mod grammar;
pub mod history;
pub mod model;
pub mod path;
pub mod plan;
pub mod plan_import;
pub mod rules;

pub use command::{Edit, EditError};
pub use diagnostic::{Diagnostic, Owner, Severity, Target};
pub use history::History;
pub use model::Design;
pub use rules::validate;

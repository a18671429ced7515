//! apigw-core: the shared model of apigw-designer.
//!
//! What an API Gateway REST API design is ([`model`]), how it is edited ([`command`],
//! [`history`]), what API Gateway accepts ([`rules`], [`facts`], [`grammar`]), which requests
//! create it ([`plan`]), how it is read and written ([`document`], [`plan_import`]), and how a
//! live API is loaded, compared and updated ([`live`], [`diff`], [`patch`], [`deploy`], driven
//! through [`exchange`] by callers that do the IO).
//!
//! Architecture invariant: this crate is pure. No IO, no clock, no randomness, no web or OS
//! dependencies beyond serde and serde_json (the YAML reader is its own); every function is
//! deterministic and none panics on any input.

#![forbid(unsafe_code)]

pub mod binary;
pub mod checker;
pub mod cli_script;
pub mod command;
pub mod cors;
pub mod deploy;
pub mod diagnostic;
pub mod diff;
pub mod document;
pub mod example;
pub mod exchange;
pub mod facts;
pub mod generate;
pub mod get_resources;
pub mod grammar;
pub mod history;
pub mod json_text;
pub mod live;
pub mod load_error;
pub mod map;
pub mod model;
pub mod openapi;
pub mod patch;
pub mod path;
pub mod plan;
pub mod plan_import;
mod reading;
pub mod rules;
pub mod schema;
pub mod text;
pub mod yaml;

pub use checker::Checker;
pub use command::{Edit, EditError};
pub use diagnostic::{Diagnostic, Owner, Severity, Target};
pub use history::History;
pub use model::Design;
pub use rules::validate;

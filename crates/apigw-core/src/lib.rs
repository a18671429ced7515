//! apigw-core: the shared model of apigw-designer.
//!
//! What an API Gateway REST API design is ([`model`]), how it is edited ([`command`],
//! [`history`]), what API Gateway accepts ([`rules`], [`facts`], [`grammar`]), which requests
//! create it ([`plan`]), how it is read and written ([`document`], [`plan_import`]), and how a
//! live API is loaded, compared and updated ([`live`], [`diff`], [`patch`], [`deploy`], driven
//! through [`exchange`] by callers that do the IO), and what API Gateway does with a request:
//! its mapping templates ([`vtl`]) and the whole path of one request ([`simulate`]).
//!
//! Architecture invariant: this crate is pure. No IO, no clock, no randomness, no web or OS
//! dependencies beyond serde and serde_json (the YAML reader is its own); every function is
//! deterministic and none panics on any input.

#![forbid(unsafe_code)]

// The layout follows ARCHITECTURE.md's diagram: the design and its edits, the checks, the
// plan, the formats, the live machines, the mapping templates and the simulator. Each module is also reachable at the crate's root
// (`apigw_core::model`, `apigw_core::openapi`, …), as callers name them.
pub mod checks;
pub mod design;
pub mod formats;
pub mod live;
pub mod plan;
pub mod simulate;
pub mod vtl;

pub use checks::{checker, diagnostic, facts, grammar, rules};
pub use design::{
    bulk, command, cors, example, field, generate, history, map, model, path, stages, starter,
};
pub use formats::{
    binary, cli_script, cloudformation, document, get_resources, json_text, load_error, merge,
    openapi, plan_import, schema, text, yaml, yaml_write,
};
pub use live::{deploy, diff, exchange, patch, review};

pub use checker::Checker;
pub use command::{Edit, EditError};
pub use diagnostic::{Diagnostic, Owner, Severity, Target};
pub use history::History;
pub use model::Design;
pub use rules::validate;

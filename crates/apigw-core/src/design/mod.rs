//! The design and its edits: what a REST API is made of ([`model`], keyed by path in [`path`],
//! with the compact [`map::Map`]), the one name of each of its fields ([`field`]), starters for new items ([`starter`]), stage variables' references and their resolution ([`stages`]), every change
//! as a value with its inverse ([`command`]) and undo ([`history`]), and designs built whole:
//! "Enable CORS" ([`cors`]), the PetStore example ([`example`]) and large generated ones for
//! load tests ([`generate`]).

pub mod bulk;
pub mod command;
pub mod cors;
pub mod example;
pub mod field;
pub mod generate;
pub mod history;
pub mod map;
pub mod model;
pub mod path;
pub mod stages;
pub mod starter;

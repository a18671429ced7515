//! The formats: reading any file apigw reads ([`document`], with [`load_error`] for what
//! cannot be read) and writing every export. Readers: the design document (its shape in
//! [`schema`]), plans ([`plan_import`]), get-resources output ([`get_resources`]), OpenAPI
//! ([`openapi`], in JSON or YAML through the crate's own [`yaml`] reader), with what a JSON
//! value forgets in [`json_text`] and the typed reads of imported values in `reading`.
//! CloudFormation templates are read and written by [`cloudformation`] (YAML through
//! [`yaml_write`]). Writers: the design document, OpenAPI, the CLI script ([`cli_script`]) and
//! the browser's stored form ([`binary`]); [`text`] makes user text safe to show. [`merge`] merges a file
//! into a design, or overwrites the design with it, as API Gateway's import-to-update does.

pub mod binary;
pub mod cli_script;
pub mod cloudformation;
pub mod document;
pub mod get_resources;
pub mod json_text;
pub mod load_error;
pub mod merge;
pub mod openapi;
pub mod plan_import;
pub(crate) mod reading;
pub mod schema;
pub mod text;
pub mod yaml;
pub mod yaml_write;

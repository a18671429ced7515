//! JSON Schema draft 4 instance validation, as API Gateway's request validator checks a body
//! against its model (`$ref` to `https://apigateway.amazonaws.com/restapis/{id}/models/{name}`
//! naming another model of the design).

use serde_json::Value;

/// One reason an instance fails its schema: the JSON Pointer into the instance and what fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaError {
    pub pointer: String,
    pub message: String,
}

/// Validates `instance` against `schema`; `model` resolves a model name to its schema.
/// Empty when valid.
pub fn validate(
    _schema: &Value,
    _instance: &Value,
    _model: &dyn Fn(&str) -> Option<Value>,
) -> Vec<SchemaError> {
    todo!("schema::validate")
}

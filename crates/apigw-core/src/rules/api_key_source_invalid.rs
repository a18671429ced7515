//! Rule: api-key-source-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG503",
    name: "api-key-source-invalid",
    severity: Severity::Error,
    summary: "The API key source is HEADER or AUTHORIZER.",
    why: "CreateRestApi validates apiKeySource against these two.",
    fix: "Use HEADER (clients send x-api-key) or AUTHORIZER (a Lambda authorizer returns the key).",
    source: "moto.md (c) #17",
    check: Check::Api(check),
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    if let Some(value) = design.api.api_key_source.as_deref() {
        if !matches!(value, "HEADER" | "AUTHORIZER") {
            sink.report(
                Target::field(Owner::Api, "apiKeySource"),
                format!("`{value}` is not an API key source"),
            );
        }
    }
}

//! Rule: api-key-source-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG503",
    name: "api-key-source-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "The API key source is HEADER or AUTHORIZER.",
    fix: "Use HEADER (clients send x-api-key) or AUTHORIZER (a Lambda authorizer returns the key).",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateRestApi validates apiKeySource against these two.",
    source: "API Reference, CreateRestApi > apiKeySource (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRestApi.html): \"Valid values are: HEADER to read the API key from the X-API-Key header of a request. AUTHORIZER to read the API key from the UsageIdentifierKey from a custom authorizer.\" (ApiKeySourceType enum in the botocore model, https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/botocore/data/apigateway/2015-07-09/service-2.json#L2258)",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    if let Some(value) = design.api.api_key_source.as_deref() {
        if !matches!(value, "HEADER" | "AUTHORIZER") {
            sink.report(
                Target::field(Owner::Api, Field::ApiKeySource),
                format!("`{value}` is not an API key source"),
            );
        }
    }
}

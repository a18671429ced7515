//! Rule: authorizer-ttl-out-of-range.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG508",
    name: "authorizer-ttl-out-of-range",
    phase: Phase::Call,
    aws_message: None,
    summary: "`authorizerResultTtlInSeconds` runs from 0 to 3600 for TOKEN and REQUEST authorizers.",
    fix: "Pick 0 (no caching) to 3600 seconds.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway caches authorizer results for at most an hour; cfn-lint E3718 encodes the same bound.",
    source: "API Reference, CreateAuthorizer > authorizerResultTtlInSeconds (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html): \"If it equals 0, authorization caching is disabled. … If this field is not set, the default value is 300. The maximum value is 3600, or 1 hour.\" Also cfn-lint E3718 AuthorizerTtl.",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, authorizer) in &design.authorizers {
        let Some(ttl) = authorizer.authorizer_result_ttl_in_seconds else { continue };
        let bounded = matches!(authorizer.authorizer_type.as_str(), "TOKEN" | "REQUEST");
        if ttl < 0 || (bounded && ttl > facts::AUTHORIZER_TTL_MAX) {
            sink.report(
                Target::field(
                    Owner::Authorizer { name: name.clone() },
                    Field::AuthorizerResultTtlInSeconds,
                ),
                format!("a TTL of {ttl} s is outside 0 to {} s", facts::AUTHORIZER_TTL_MAX),
            );
        }
    }
}

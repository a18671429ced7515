//! Rule: cache-key-not-declared.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG322",
    name: "cache-key-not-declared",
    phase: Phase::Call,
    aws_message: Some("Invalid cache key parameter specified"),
    summary: "Each cache key parameter must be a method request parameter the method declares.",
    fix: "Declare the parameter on the method request, or remove it from the cache keys.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "\"To be valid values for cacheKeyParameters, these parameters must also be specified for Method requestParameters\"; PutIntegration answers \"Invalid cache key parameter specified\".",
    source: "API Reference, PutIntegration > cacheKeyParameters (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"To be valid values for cacheKeyParameters, these parameters must also be specified for Method requestParameters.\" AWS's error: \"Invalid cache key parameter specified\" (https://github.com/DianaIonita/serverless-api-gateway-caching/pull/65)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for key in &i.cache_key_parameters {
        if !cx.method.request_parameters.contains_key(key) {
            sink.report(
                Target::key(cx.integration_owner(), Field::CacheKeyParameters, key),
                format!("the cache key `{key}` is not a request parameter of this method"),
            );
        }
    }
}

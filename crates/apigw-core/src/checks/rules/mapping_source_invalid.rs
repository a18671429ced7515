//! Rule: mapping-source-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG320",
    name: "mapping-source-invalid",
    phase: Phase::Call,
    aws_message: Some("Invalid mapping expression specified"),
    summary: "A request mapping's value is `method.request.{location}.{name}`, `method.request.body[.JSONPath]`, `context.{variable}`, `stageVariables.{name}` or a single-quoted static value.",
    fix: "Quote static values ('application/json'), or read from a declared method request parameter.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutIntegration rejects anything else: \"Invalid mapping expression specified\", or for static values \"Static parameter value must be valid and encoded\".",
    source: "API Gateway Developer Guide, \"Parameter mapping source reference for REST APIs in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-parameter-mapping-sources.html): sources method.request.{path|querystring|multivaluequerystring|header|multivalueheader}.name, method.request.body[.JSONPath], stageVariables.name, context.name, 'static_value'. AWS's error: \"Invalid mapping expression specified: Validation Result: warnings : [], errors : [Static parameter value must be valid and encoded ]\" (https://github.com/serverless-operations/serverless-apigateway-service-proxy/issues/78)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for (key, value) in &i.request_parameters {
        if let Err(reason) = grammar::request_mapping_source(value) {
            sink.report(Target::key(cx.integration_owner(), Field::RequestParameters, key), reason);
        }
    }
}

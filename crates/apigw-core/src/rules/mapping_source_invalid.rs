//! Rule: mapping-source-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG320",
    name: "mapping-source-invalid",
    severity: Severity::Error,
    summary: "A request mapping's value is `method.request.{location}.{name}`, `method.request.body[.JSONPath]`, `context.{variable}`, `stageVariables.{name}` or a single-quoted static value.",
    why: "PutIntegration rejects anything else: \"Invalid mapping expression specified\", or for static values \"Static parameter value must be valid and encoded\".",
    fix: "Quote static values ('application/json'), or read from a declared method request parameter.",
    source: "wire.md §4; aws-rules.md §3.2 Request-parameter mapping sources (rest-api-parameter-mapping-sources.html)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for (key, value) in &i.request_parameters {
        if let Err(reason) = grammar::request_mapping_source(value) {
            sink.report(
                Target::key(Owner::integration(cx.path, cx.verb), "requestParameters", key),
                reason,
            );
        }
    }
}

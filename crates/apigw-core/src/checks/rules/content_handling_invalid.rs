//! Rule: content-handling-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG318",
    name: "content-handling-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "`contentHandling` must be CONVERT_TO_BINARY or CONVERT_TO_TEXT.",
    fix: "Pick one of the two, or clear it to pass the payload through.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "It is an enum in the API model, on integrations and integration responses.",
    source: "API Reference, PutIntegration > contentHandling (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"Supported values are CONVERT_TO_BINARY and CONVERT_TO_TEXT\" (same on PutIntegrationResponse > contentHandling; ContentHandlingStrategy enum in the botocore model, https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/botocore/data/apigateway/2015-07-09/service-2.json#L2525)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    let bad = |v: &Option<String>| {
        v.as_deref().filter(|v| !facts::CONTENT_HANDLING.contains(v)).map(str::to_string)
    };
    if let Some(value) = bad(&i.content_handling) {
        sink.report(
            on_integration(cx, Field::ContentHandling),
            format!("`{value}` is not a content handling strategy"),
        );
    }
    for (status, response) in &i.integration_responses {
        if let Some(value) = bad(&response.content_handling) {
            sink.report(
                Target::field(cx.integration_response_owner(status), Field::ContentHandling),
                format!("`{value}` is not a content handling strategy"),
            );
        }
    }
}

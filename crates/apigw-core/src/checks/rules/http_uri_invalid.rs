//! Rule: http-uri-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG305",
    name: "http-uri-invalid",
    phase: Phase::Call,
    aws_message: Some("Invalid HTTP endpoint specified for URI"),
    summary: "HTTP and HTTP_PROXY integrations need a fully formed, encoded http(s) URL.",
    fix: "Write the endpoint as https://host/path, with `{name}` placeholders for mapped path parameters.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutIntegration rejects anything else: \"Invalid HTTP endpoint specified for URI\". With a VPC link the URL still sets the Host header.",
    source: "API Reference, PutIntegration > uri (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"For HTTP or HTTP_PROXY integrations, the URI must be a fully formed, encoded HTTP(S) URL according to the RFC-3986 specification\". AWS\'s error: \"Invalid HTTP endpoint specified for URI\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json#L397)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if !matches!(i.integration_type.as_str(), "HTTP" | "HTTP_PROXY") {
        return;
    }
    match i.uri.as_deref().filter(|u| !u.is_empty()) {
        None => sink.report(
            on_integration(cx, Field::Uri),
            format!("{} integration needs the endpoint URL", text::a(&i.integration_type)),
        ),
        Some(uri) => {
            if let Err(reason) = grammar::http_url(uri) {
                sink.report(on_integration(cx, Field::Uri), reason);
            }
        }
    }
}

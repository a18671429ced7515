//! Rule: http-uri-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG305",
    name: "http-uri-invalid",
    severity: Severity::Error,
    summary: "HTTP and HTTP_PROXY integrations need a fully formed, encoded http(s) URL.",
    why: "PutIntegration rejects anything else: \"Invalid HTTP endpoint specified for URI\". With a VPC link the URL still sets the Host header.",
    fix: "Write the endpoint as https://host/path, with `{name}` placeholders for mapped path parameters.",
    source: "wire.md §2 (PutIntegration.uri) and §4",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if !matches!(i.integration_type.as_str(), "HTTP" | "HTTP_PROXY") {
        return;
    }
    match i.uri.as_deref().filter(|u| !u.is_empty()) {
        None => sink.report(
            on_integration(cx, "uri"),
            format!("a {} integration needs the endpoint URL", i.integration_type),
        ),
        Some(uri) => {
            if let Err(reason) = grammar::http_url(uri) {
                sink.report(on_integration(cx, "uri"), reason);
            }
        }
    }
}

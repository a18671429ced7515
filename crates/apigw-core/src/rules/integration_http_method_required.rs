//! Rule: integration-http-method-required.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG302",
    name: "integration-http-method-required",
    severity: Severity::Error,
    summary: "Every integration type but MOCK needs `integrationHttpMethod`.",
    why: "PutIntegration rejects it: \"Enumeration value for HttpMethod must be non-empty\".",
    fix: "Set the HTTP method the back end expects (POST for Lambda).",
    source: "wire.md §4; aws-rules.md §3.2 (aws/aws-cdk PR #28316)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(i) = integration(cx) {
        let kind = i.integration_type.as_str();
        let empty = i.integration_http_method.as_deref().unwrap_or("").is_empty();
        if facts::INTEGRATION_TYPES.contains(&kind)
            && facts::needs_integration_http_method(kind)
            && empty
        {
            sink.report(
                on_integration(cx, "integrationHttpMethod"),
                format!("a {kind} integration needs the HTTP method it calls the back end with"),
            );
        }
    }
}

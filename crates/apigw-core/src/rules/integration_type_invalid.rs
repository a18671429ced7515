//! Rule: integration-type-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG301",
    name: "integration-type-invalid",
    severity: Severity::Error,
    summary: "The integration type must be HTTP, HTTP_PROXY, AWS, AWS_PROXY or MOCK, in upper case.",
    why: "PutIntegration rejects other values: \"Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]\". (OpenAPI's extension spells them in lower case; the API does not.)",
    fix: "Pick one of the five types.",
    source: "wire.md §2 (IntegrationType) and §4",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(i) = integration(cx) {
        if !facts::INTEGRATION_TYPES.contains(&i.integration_type.as_str()) {
            sink.report(
                on_integration(cx, "type"),
                format!(
                    "`{}` is not an integration type; use one of {}",
                    i.integration_type,
                    one_of(facts::INTEGRATION_TYPES)
                ),
            );
        }
    }
}

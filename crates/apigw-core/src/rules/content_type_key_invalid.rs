//! Rule: content-type-key-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG214",
    name: "content-type-key-invalid",
    severity: Severity::Error,
    summary: "Models and mapping templates are keyed by a content type such as `application/json`.",
    why: "API Gateway rejects other keys: \"Invalid content type specified: 123\".",
    fix: "Use a media type, type/subtype, as the key.",
    source: "wire.md §4",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let mut check_keys = |owner: &dyn Fn() -> Owner,
                          field: &'static str,
                          keys: &mut dyn Iterator<Item = &String>| {
        for key in keys {
            if let Err(reason) = grammar::content_type(key) {
                sink.report(Target::key(owner(), field, key), reason);
            }
        }
    };
    check_keys(
        &|| Owner::method(cx.path, cx.verb),
        "requestModels",
        &mut cx.method.request_models.keys(),
    );
    for (status, response) in &cx.method.method_responses {
        check_keys(
            &|| Owner::method_response(cx.path, cx.verb, status),
            "responseModels",
            &mut response.response_models.keys(),
        );
    }
    if let Some(integration) = integration(cx) {
        check_keys(
            &|| Owner::integration(cx.path, cx.verb),
            "requestTemplates",
            &mut integration.request_templates.keys(),
        );
        for (status, response) in &integration.integration_responses {
            check_keys(
                &|| Owner::integration_response(cx.path, cx.verb, status),
                "responseTemplates",
                &mut response.response_templates.keys(),
            );
        }
    }
}

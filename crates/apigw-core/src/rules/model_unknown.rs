//! Rule: model-unknown.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG213",
    name: "model-unknown",
    severity: Severity::Error,
    summary: "Request and response models must name a model of the API (`Empty` and `Error` always exist).",
    why: "PutMethod and PutMethodResponse reject unknown models: \"Invalid model identifier specified: petModel\".",
    fix: "Create the model first, or pick an existing one.",
    source: "wire.md §4",
    check: Check::Method(check),
};

/// Models every new REST API has.
const BUILT_IN: &[&str] = &["Empty", "Error"];

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let known = |name: &str| BUILT_IN.contains(&name) || cx.design.models.contains_key(name);
    for (content_type, name) in &cx.method.request_models {
        if !known(name) {
            sink.report(
                Target::key(Owner::method(cx.path, cx.verb), "requestModels", content_type),
                format!("the request model `{name}` for {content_type} does not exist in this API"),
            );
        }
    }
    for (status, response) in &cx.method.method_responses {
        for (content_type, name) in &response.response_models {
            if !known(name) {
                sink.report(
                    Target::key(
                        Owner::method_response(cx.path, cx.verb, status),
                        "responseModels",
                        content_type,
                    ),
                    format!(
                        "the response model `{name}` for {content_type} does not exist in this API"
                    ),
                );
            }
        }
    }
}

//! Rule: model-unknown.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG213",
    name: "model-unknown",
    phase: Phase::Call,
    aws_message: Some("Invalid model identifier specified"),
    summary: "Request and response models must name a model of the API (`Empty` and `Error` always exist).",
    fix: "Create the model first, or pick an existing one.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutMethod and PutMethodResponse reject unknown models: \"Invalid model identifier specified: petModel\".",
    source: "API Reference, PutMethod > requestModels (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"Request models are represented as a key/value map, with a content type as the key and a Model name as the value.\" AWS's error: \"Invalid model identifier specified: petModel\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L1400) A new API lists the models Empty and Error (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_common.snapshot.json#L1215).",
};

/// Models every new REST API has.
const BUILT_IN: &[&str] = &["Empty", "Error"];

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let known = |name: &str| BUILT_IN.contains(&name) || cx.design.models.contains_key(name);
    for (content_type, name) in &cx.method.request_models {
        if !known(name) {
            sink.report(
                Target::key(cx.method_owner(), Field::RequestModels, content_type),
                format!("the request model `{name}` for {content_type} does not exist in this API"),
            );
        }
    }
    for (status, response) in &cx.method.method_responses {
        for (content_type, name) in &response.response_models {
            if !known(name) {
                sink.report(
                    Target::key(
                        cx.method_response_owner(status),
                        Field::ResponseModels,
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

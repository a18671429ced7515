//! Rule: content-type-key-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG214",
    name: "content-type-key-invalid",
    phase: Phase::Call,
    aws_message: Some("Validation Result: warnings : [], errors : [Invalid content type specified"),
    summary: "Models and mapping templates are keyed by a content type such as `application/json`.",
    fix: "Use a media type, type/subtype, as the key.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway rejects other keys: \"Invalid content type specified: 123\".",
    source: "API Reference, PutIntegration > requestTemplates (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"The content type value is the key in this map, and the template (as a String) is the value.\" (models likewise, PutMethod > requestModels). AWS's error: \"Validation Result: warnings : [], errors : [Invalid content type specified: 123]\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L4103)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let mut check_keys =
        |owner: &dyn Fn() -> Owner, field: Field, keys: &mut dyn Iterator<Item = &String>| {
            for key in keys {
                if let Err(reason) = grammar::content_type(key) {
                    sink.report(Target::key(owner(), field, key), reason);
                }
            }
        };
    check_keys(&|| cx.method_owner(), Field::RequestModels, &mut cx.method.request_models.keys());
    for (status, response) in &cx.method.method_responses {
        check_keys(
            &|| cx.method_response_owner(status),
            Field::ResponseModels,
            &mut response.response_models.keys(),
        );
    }
    if let Some(integration) = integration(cx) {
        check_keys(
            &|| cx.integration_owner(),
            Field::RequestTemplates,
            &mut integration.request_templates.keys(),
        );
        for (status, response) in &integration.integration_responses {
            check_keys(
                &|| cx.integration_response_owner(status),
                Field::ResponseTemplates,
                &mut response.response_templates.keys(),
            );
        }
    }
}

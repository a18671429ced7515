//! Rule: model-content-type-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG530",
    name: "model-content-type-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "A model is for one content type, a media type such as `application/json`.",
    fix: "Set the model's content type to a media type, type/subtype, such as application/json.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateModel requires `contentType`, the media type the model describes; methods refer to models under the same media types (requestModels, responseModels), which API Gateway checks as content types. A model with no content type, or one that is not type/subtype, cannot be created or used.",
    source: "API Reference, CreateModel > contentType (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateModel.html): \"The content-type for the model.\" Required: Yes. API Gateway Developer Guide, \"Data models for REST APIs\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html): \"A model is defined for a content type\" (the media types API Gateway checks for models and templates: rule content-type-key-invalid).",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, model) in &design.models {
        let target = Target::field(Owner::Model { name: name.clone() }, Field::ContentType);
        if model.content_type.trim().is_empty() {
            sink.report(target, format!("the model `{name}` has no content type"));
        } else if let Err(reason) = grammar::content_type(&model.content_type) {
            sink.report(target, format!("the content type of model `{name}`: {reason}"));
        }
    }
}

//! Rule: model-reference-invalid.

use super::prelude::*;
use serde_json::Value;

pub(crate) static RULE: Rule = Rule {
    code: "AG532",
    name: "model-reference-invalid",
    phase: Phase::Call,
    aws_message: Some("Invalid model specified: Model reference must be in canonical form"),
    summary: "A model's `$ref` to another model reads `https://apigateway.amazonaws.com/restapis/{restapi_id}/models/{model_name}` and names a model of the API; a `#…` reference must point inside the same schema.",
    fix: "Refer to another model as https://apigateway.amazonaws.com/restapis/{restapi_id}/models/{model_name}, or define the part in the schema's own `definitions` and refer to #/definitions/{name}.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway resolves a model's references itself: to another model of the API only through its canonical URL, and CreateModel refuses any other URL. A fragment (`#/definitions/Pet`) is resolved inside the schema, so it must point at something the schema holds (an OpenAPI document's `#/components/schemas/…` does not exist in a model).",
    source: "API Gateway Developer Guide, \"Data models for REST APIs\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html): to reference another model, \"\\\"$ref\\\": \\\"https://apigateway.amazonaws.com/restapis/{restapi_id}/models/{model_name}\\\"\". AWS's error: \"Invalid model specified: Model reference must be in canonical form\" (https://repost.aws/questions/QUCnB2n-HuShO601jjdBBlkQ/error-ref-invalid-model-specified-model-reference-must-be-in-canonical-form-api-gateway-models)",
};

const CANONICAL: &str = "https://apigateway.amazonaws.com/restapis/";

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, model) in &design.models {
        if !model.content_type.contains("json") {
            continue;
        }
        let Ok(root) = serde_json::from_str::<Value>(&model.schema) else { continue };
        let Value::Object(map) = &root else { continue };
        let mut problems = Vec::new();
        super::model_schema_invalid::subschemas(map, "", 0, &mut |schema, at| {
            let Some(Value::String(reference)) = schema.get("$ref") else { return };
            if let Some(problem) = judge(design, &root, reference) {
                problems.push(format!("the schema of `{name}` at {at}/$ref: {problem}"));
            }
        });
        for problem in problems {
            sink.report(Target::field(Owner::Model { name: name.clone() }, Field::Schema), problem);
        }
    }
}

/// What is wrong with one `$ref`, if anything.
fn judge(design: &Design, root: &Value, reference: &str) -> Option<String> {
    if let Some(fragment) = reference.strip_prefix('#') {
        let pointer = percent_decoded(fragment);
        return root.pointer(&pointer).is_none().then(|| {
            format!("`{reference}` points at nothing in this schema; refer to another model by its URL, {CANONICAL}{{restapi_id}}/models/{{model_name}}")
        });
    }
    let canonical = reference.strip_prefix(CANONICAL).and_then(|rest| rest.split_once("/models/"));
    match canonical {
        Some((api, model))
            if !api.is_empty()
                && api.bytes().all(|b| b.is_ascii_alphanumeric())
                && !model.is_empty()
                && !model.contains('/') =>
        {
            let known = design.models.contains_key(model) || matches!(model, "Empty" | "Error");
            (!known)
                .then(|| format!("`{reference}` names `{model}`, which is not a model of this API"))
        }
        _ => Some(format!(
            "`{reference}` is not in canonical form: {CANONICAL}{{restapi_id}}/models/{{model_name}}"
        )),
    }
}

/// A URI fragment's JSON Pointer with `%XX` escapes decoded (RFC 6901, section 6).
fn percent_decoded(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_resolve_inside_the_schema() {
        let design = Design::default();
        let root: Value = serde_json::from_str(
            r##"{"definitions": {"a b": {}, "Pet": {}}, "items": {"$ref": "#/definitions/Pet"}}"##,
        )
        .unwrap_or_default();
        assert_eq!(judge(&design, &root, "#/definitions/Pet"), None);
        assert_eq!(judge(&design, &root, "#/definitions/a%20b"), None);
        assert_eq!(judge(&design, &root, "#"), None);
        assert!(judge(&design, &root, "#/components/schemas/Pet").is_some());
        assert!(judge(&design, &root, "#/definitions/%").is_some());
    }

    #[test]
    fn other_models_only_by_canonical_url() {
        let mut design = Design::default();
        design.models.insert("Pet".into(), Default::default());
        let root = Value::Null;
        assert_eq!(
            judge(&design, &root, "https://apigateway.amazonaws.com/restapis/abc123/models/Pet"),
            None
        );
        assert_eq!(
            judge(&design, &root, "https://apigateway.amazonaws.com/restapis/abc123/models/Error"),
            None
        );
        for bad in [
            "https://apigateway.amazonaws.com/restapis/abc123/models/Cat",
            "https://api.gateway.amazonaws.com/restapis/abc123/models/Pet",
            "https://apigateway.amazonaws.com/restapis//models/Pet",
            "Pet",
            "http://json-schema.org/draft-04/schema#",
        ] {
            assert!(judge(&design, &root, bad).is_some(), "{bad}");
        }
    }
}

//! Rule: template-output-not-json.

use super::prelude::*;
use crate::simulate::{self, TemplateRef};

pub(crate) static RULE: Rule = Rule {
    code: "AG535",
    name: "template-output-not-json",
    phase: Phase::Advice,
    aws_message: None,
    summary: "An application/json template renders text that is not JSON for the method's saved test request.",
    fix: "Quote string values (\"$input.params('id')\"), separate items with commas (#if($foreach.hasNext),#end), and use $input.json() for nested values; the Test tab shows the output.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway does not check what a template renders: a request template's output is sent to the back end as it is, and a response template's to the caller, under the content type it is keyed by. Output under application/json that is not JSON breaks the back end's or the caller's parser.",
    source: "API Gateway Developer Guide, \"Mapping template transformations for REST APIs in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings.html), and \"Set up data transformations for REST APIs\": the template's output becomes the integration request body or the method response body.",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(test) = cx.method.test_request.as_ref() else { return };
    let Some(i) = integration(cx) else { return };
    if facts::is_proxy(&i.integration_type) {
        return;
    }
    let request = simulate::request_from_test(cx.design, cx.path, cx.verb, test);
    let is_json = |content_type: &str| {
        content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .eq_ignore_ascii_case("application/json")
    };
    let mut look = |which: TemplateRef, target: Target, content_type: &str| {
        let Some(Ok(output)) =
            simulate::template_output(cx.design, cx.path, cx.verb, &which, &request)
        else {
            return;
        };
        if output.trim().is_empty() {
            return;
        }
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&output) {
            sink.report(
                target,
                format!(
                    "the {content_type} template renders text that is not JSON for the saved test request (line {}, column {} of the output: {})",
                    e.line(),
                    e.column(),
                    json_problem(&e)
                ),
            );
        }
    };
    for content_type in i.request_templates.keys().filter(|c| is_json(c)) {
        look(
            TemplateRef::Request { content_type: content_type.clone() },
            Target::key(cx.integration_owner(), Field::RequestTemplates, content_type),
            content_type,
        );
    }
    for (status, response) in &i.integration_responses {
        for content_type in response.response_templates.keys().filter(|c| is_json(c)) {
            look(
                TemplateRef::Response {
                    status: status.clone(),
                    content_type: content_type.clone(),
                },
                Target::key(
                    cx.integration_response_owner(status),
                    Field::ResponseTemplates,
                    content_type,
                ),
                content_type,
            );
        }
    }
}

/// serde_json's reason without its position (given apart) and in plain words.
fn json_problem(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

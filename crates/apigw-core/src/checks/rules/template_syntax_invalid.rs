//! Rule: template-syntax-invalid.

use super::prelude::*;
use crate::vtl;

pub(crate) static RULE: Rule = Rule {
    code: "AG533",
    name: "template-syntax-invalid",
    phase: Phase::Invoke,
    aws_message: None,
    summary: "A mapping template must be valid Velocity (VTL): one that does not parse fails every request that uses it.",
    fix: "Fix the template at the line and column given: close each #if, #foreach, #define and #macro with #end, balance parentheses, brackets and quotes.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway evaluates request and integration-response templates with the Velocity Template Language when a request arrives; a template that does not parse cannot be evaluated, and the request ends in API Gateway's 500 \"Internal server error\" with a configuration error in the execution log.",
    source: "API Gateway Developer Guide, \"Mapping template transformations for REST APIs in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings.html): \"A mapping template is a script expressed in Velocity Template Language (VTL)\"; the language is Apache Velocity's (https://velocity.apache.org/engine/1.7/vtl-reference.html).",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for (content_type, template) in &i.request_templates {
        if let Err(e) = vtl::parse(template) {
            sink.report(
                Target::key(cx.integration_owner(), Field::RequestTemplates, content_type),
                message(content_type, &e),
            );
        }
    }
    for (status, response) in &i.integration_responses {
        for (content_type, template) in &response.response_templates {
            if let Err(e) = vtl::parse(template) {
                sink.report(
                    Target::key(
                        cx.integration_response_owner(status),
                        Field::ResponseTemplates,
                        content_type,
                    ),
                    message(content_type, &e),
                );
            }
        }
    }
}

fn message(content_type: &str, e: &vtl::VtlError) -> String {
    format!(
        "the {content_type} template does not parse at line {}, column {}: {}",
        e.line, e.column, e.message
    )
}

//! Rule: template-param-undeclared.

use super::prelude::*;
use crate::vtl;

pub(crate) static RULE: Rule = Rule {
    code: "AG534",
    name: "template-param-undeclared",
    phase: Phase::Advice,
    aws_message: None,
    summary: "A template reads $input.params('x') for a parameter the method does not declare: unless callers happen to send it, the template reads an empty string.",
    fix: "Declare the parameter in the method request (query string or header), or correct the name.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "$input.params(x) looks the name up among the request's path parameters, query string and headers; a name that is neither in the resource path nor declared in the method request is most often a typo, and reads an empty string when the caller does not send it.",
    source: "API Gateway Developer Guide, \"Variables for data transformations\", $input variables (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#input-variable-reference): \"$input.params(x) Returns the value of a method request parameter from the path, query string, or header value (searched in that order), given a parameter name string x.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    let declared = |name: &str| {
        path_has_parameter(cx.path, name)
            || ["querystring", "header", "path", "multivaluequerystring", "multivalueheader"]
                .iter()
                .any(|at| {
                    cx.method.request_parameters.keys().any(|key| {
                        key.strip_prefix("method.request.")
                            .and_then(|rest| rest.strip_prefix(at))
                            .and_then(|rest| rest.strip_prefix('.'))
                            .is_some_and(|n| {
                                if *at == "header" || *at == "multivalueheader" {
                                    n.eq_ignore_ascii_case(name)
                                } else {
                                    n == name
                                }
                            })
                    })
                })
    };
    let mut report = |target: Target, content_type: &str, template: &str| {
        let Ok(parsed) = vtl::parse(template) else { return };
        let mut seen: Vec<String> = Vec::new();
        for (name, line, column) in vtl::param_reads(&parsed) {
            if declared(&name) || seen.contains(&name) {
                continue;
            }
            sink.report(
                target.clone(),
                format!(
                    "the {content_type} template reads $input.params('{name}') (line {line}, column {column}), which the method does not declare"
                ),
            );
            seen.push(name);
        }
    };
    for (content_type, template) in &i.request_templates {
        report(
            Target::key(cx.integration_owner(), Field::RequestTemplates, content_type),
            content_type,
            template,
        );
    }
    for (status, response) in &i.integration_responses {
        for (content_type, template) in &response.response_templates {
            report(
                Target::key(
                    cx.integration_response_owner(status),
                    Field::ResponseTemplates,
                    content_type,
                ),
                content_type,
                template,
            );
        }
    }
}

/// Whether the resource path has `{name}` or `{name+}` as a part.
fn path_has_parameter(path: &str, name: &str) -> bool {
    path.split('/').any(|part| {
        part.strip_prefix('{')
            .and_then(|p| p.strip_suffix('}'))
            .map(|p| p.strip_suffix('+').unwrap_or(p))
            == Some(name)
    })
}

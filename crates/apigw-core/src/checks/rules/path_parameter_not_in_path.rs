//! Rule: path-parameter-not-in-path.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG211",
    name: "path-parameter-not-in-path",
    phase: Phase::Advice,
    aws_message: None,
    summary: "A declared `method.request.path.{name}` should match a `{name}` in the resource path.",
    fix: "Rename the parameter to match the path variable, or remove it.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway accepts the declaration, but the parameter never receives a value, so mappings from it are always empty.",
    source: "API Reference, PutMethod > requestParameters (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html): \"The method request parameter names defined here are available in Integration to be mapped to integration request parameters or body-mapping templates.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if cx.method.request_parameters.is_empty() {
        return;
    }
    for key in cx.method.request_parameters.keys() {
        if let Ok(("path", name)) = grammar::method_request_parameter(key) {
            if !path::segments(cx.path).filter_map(path::placeholder_name).any(|p| p == name) {
                sink.report(
                    Target::key(cx.method_owner(), Field::RequestParameters, key),
                    format!("`{key}` is declared, but the path `{}` has no `{{{name}}}`", cx.path),
                );
            }
        }
    }
}

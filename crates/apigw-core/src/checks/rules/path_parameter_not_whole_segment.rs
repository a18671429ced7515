//! Rule: path-parameter-not-whole-segment.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG103",
    name: "path-parameter-not-whole-segment",
    phase: Phase::Call,
    aws_message: Some(
        "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end.",
    ),
    summary: "A path variable must be a whole segment: `{name}` or `{name+}`, with a non-empty name and balanced braces.",
    fix: "Make the variable its own resource (`/pets/{id}`, not `/pets{id}`), and close its braces.",
    check: Check::Resource(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "\"Path parameters must be separate path segments\": `resource/{p}` is valid, `resource{p}` is not, and CreateResource allows braces only at the beginning and the end.",
    source: "API Gateway Developer Guide, \"Amazon API Gateway important notes for REST APIs\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html#api-gateway-known-issues-rest-apis): \"Path parameters must be separate path segments. For example, \"resource/{path_parameter_name}\" is valid; \"resource{path_parameter_name}\" is not.\" AWS's error: \"Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end.\" (https://github.com/claudiajs/claudia/issues/11)",
};

fn check(_design: &Design, path: &str, _resource: &Resource, sink: &mut Sink<'_>) {
    let part = path::path_part(path);
    if !part.contains(['{', '}', '+']) {
        return;
    }
    let target = Target::of(Owner::Resource { path: path.into() });
    let well_formed = path::placeholder_name(part).is_some_and(|name| {
        !name.is_empty() && !name.contains(['{', '}', '+']) && part.matches('{').count() == 1
    });
    if !well_formed {
        sink.report(
            target,
            format!("`{part}` is not a whole-segment variable; a variable is written {{name}} or {{name+}} and fills its segment"),
        );
    }
}

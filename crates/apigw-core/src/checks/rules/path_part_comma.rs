//! Rule: path-part-comma.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG102",
    name: "path-part-comma",
    phase: Phase::Advice,
    aws_message: None,
    summary: "A comma in a path part is documented as allowed, but the service's own error text and emulators disagree.",
    fix: "Prefer `-` or `_` over `,` in path parts.",
    check: Check::Resource(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "AWS's known-issues page lists commas among allowed path characters, while CreateResource's error text does not, and moto rejects them. Such a path may fail to deploy or to import elsewhere.",
    source: "API Gateway Developer Guide, \"Amazon API Gateway important notes for REST APIs\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html#api-gateway-known-issues-rest-apis): \"Path segments can only contain alphanumeric characters, underscores, hyphens, periods, commas, colons, and curly braces.\" (commas documented as allowed; AWS's CreateResource error text, https://github.com/claudiajs/claudia/issues/11, lists only a-zA-Z0-9._-)",
};

fn check(_design: &Design, path: &str, _resource: &Resource, sink: &mut Sink<'_>) {
    let part = path::path_part(path);
    if part.contains(',') {
        sink.report(
            Target::of(Owner::Resource { path: path.into() }),
            format!("the path part `{part}` contains a comma, which tools disagree on"),
        );
    }
}

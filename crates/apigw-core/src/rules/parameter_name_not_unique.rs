//! Rule: parameter-name-not-unique.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG209",
    name: "parameter-name-not-unique",
    severity: Severity::Error,
    summary: "A request parameter name may be declared in only one location (querystring, header or path).",
    why: "PutMethod rejects it: \"Parameter names must be unique across querystring, header and path\".",
    fix: "Rename one of the parameters, or keep only the location the client really uses.",
    source: "wire.md §4",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for key in cx.method.request_parameters.keys() {
        let Ok((location, name)) = grammar::method_request_parameter(key) else { continue };
        if let Some((other, _)) = seen.iter().find(|(l, n)| *n == name && *l != location) {
            sink.report(
                Target::key(Owner::method(cx.path, cx.verb), "requestParameters", key),
                format!(
                    "the parameter name `{name}` is declared both in {other} and in {location}"
                ),
            );
        }
        seen.push((location, name));
    }
}

//! Rule: second-variable-sibling.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG105",
    name: "second-variable-sibling",
    phase: Phase::Call,
    aws_message: Some(
        "A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed",
    ),
    summary: "Siblings may include at most one variable path part.",
    fix: "Keep one variable per level and rename the other resource's routes beneath it, or give it a fixed path part.",
    check: Check::Resource(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateResource refuses a second one: \"A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed\". Two variables at the same level would match the same requests.",
    source: "AWS's error to CreateResource \"{dynamic}\" beside \"{proxy+}\", recorded in LocalStack's AWS-validated snapshot (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L1035): \"A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed\". AWS's documentation does not state this limit.",
};

fn check(design: &Design, path: &str, _resource: &Resource, sink: &mut Sink<'_>) {
    let part = path::path_part(path);
    let Some(parent) = path::parent(path) else { return };
    if !path::is_variable(part) {
        return;
    }
    // Report on every variable sibling after the first, in path order.
    let first = path::descendants(&design.resources, parent)
        .map(|(p, _)| p.as_str())
        .find(|p| path::parent(p) == Some(parent) && path::is_variable(path::path_part(p)));
    if let Some(first) = first.filter(|first| *first != path) {
        sink.report(
            Target::of(Owner::Resource { path: path.into() }),
            format!(
                "`{part}` is a second variable under `{parent}`, beside `{}`",
                path::path_part(first)
            ),
        );
    }
}

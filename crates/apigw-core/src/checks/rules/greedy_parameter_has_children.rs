//! Rule: greedy-parameter-has-children.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG104",
    name: "greedy-parameter-has-children",
    phase: Phase::Call,
    aws_message: Some("Cannot create a child of a resource with a greedy path variable"),
    summary: "A greedy `{name+}` resource must be the last segment of its path: it cannot have children.",
    fix: "Move the child next to the greedy resource, or drop the `+` if the variable should match one segment.",
    check: Check::Resource(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateResource refuses: \"Cannot create a child of a resource with a greedy path variable: {proxy+}\". The greedy variable already matches everything below it.",
    source: "API Gateway Developer Guide, \"Set up a method request in API Gateway\", proxy resource (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html): \"A proxy resource cannot have any child resource.\" AWS's error: \"Cannot create a child of a resource with a greedy path variable: {proxy+}\" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L1046)",
};

fn check(_design: &Design, path: &str, _resource: &Resource, sink: &mut Sink<'_>) {
    if !path.contains("+}") {
        return;
    }
    let segments: Vec<&str> = path::segments(path).collect();
    let Some((last, ancestors)) = segments.split_last() else { return };
    if let Some(greedy) = ancestors.iter().find(|s| path::is_greedy(s)) {
        sink.report(
            Target::of(Owner::Resource { path: path.into() }),
            format!("`{last}` lies under the greedy variable `{greedy}`, which must be the last segment of a path"),
        );
    }
}

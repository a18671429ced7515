//! Rule: resource-id-duplicated.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG108",
    name: "resource-id-duplicated",
    phase: Phase::Call,
    aws_message: None,
    summary: "A live resource id belongs to one resource of the design.",
    fix: "Remove the `id` of the resource that is not the live one: a resource without an id is created by the deploy.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "A resource's `id` is the identifier API Gateway gave one resource of the live API, and a deploy renames or moves that resource (UpdateResource) to where the design puts it. One live resource cannot be at two paths: the deploy could honour only one of the two, and would take the other's methods for its own.",
    source: "API Gateway API Reference, \"Resource\" (https://docs.aws.amazon.com/apigateway/latest/api/API_Resource.html): `id`, \"The resource's identifier.\"; \"UpdateResource\" (https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateResource.html) changes the one resource that `resource_id` names.",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    // One pass, in path order: each id's first resource is its owner; any later one is reported.
    let mut first: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (path, resource) in &design.resources {
        let Some(id) = resource.id.as_deref() else { continue };
        if let Some(owner) = first.get(id) {
            sink.report(
                Target::of(Owner::Resource { path: path.clone() }),
                format!("two resources claim the live id `{id}`: `{owner}` and `{path}`"),
            );
        } else {
            first.insert(id, path);
        }
    }
}

//! Rule: method-without-integration.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG216",
    name: "method-without-integration",
    severity: Severity::Error,
    summary: "Every method needs an integration before the API can be deployed.",
    why: "CreateDeployment fails with \"No integration defined for method\", and PutIntegrationResponse cannot be called before PutIntegration.",
    fix: "Add an integration (MOCK if the method should answer on its own).",
    source: "wire.md §4 (\"No integration defined for method\")",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if cx.method.integration.is_none() {
        sink.report(
            Target::of(Owner::method(cx.path, cx.verb)),
            format!("{} {} has no integration, so the API cannot be deployed", cx.verb, cx.path),
        );
    }
}

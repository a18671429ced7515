//! Rule: path-placeholder-not-declared.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG210",
    name: "path-placeholder-not-declared",
    severity: Severity::Warning,
    summary: "Each `{name}` in the resource path should be declared as `method.request.path.{name}` on non-proxy methods.",
    why: "Without the declaration the value cannot be mapped into the integration, validated, or documented; the console declares it for you.",
    fix: "Declare the path parameter as required on the method request.",
    source: "aws-rules.md §3.3 (evilmint/aws-openapi-lint: path parameters declared)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if integration(cx).is_some_and(|i| facts::is_proxy(&i.integration_type)) {
        return;
    }
    for name in path::segments(cx.path).filter_map(path::placeholder_name) {
        let declared = cx
            .method
            .request_parameters
            .keys()
            .any(|k| k.strip_prefix("method.request.path.") == Some(name));
        if !declared {
            let key = format!("method.request.path.{name}");
            sink.report(
                Target::key(Owner::method(cx.path, cx.verb), "requestParameters", key.clone()),
                format!("the path has `{{{name}}}`, but the method does not declare `{key}`"),
            );
        }
    }
}

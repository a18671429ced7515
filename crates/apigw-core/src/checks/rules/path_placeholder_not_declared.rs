//! Rule: path-placeholder-not-declared.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG210",
    name: "path-placeholder-not-declared",
    phase: Phase::Advice,
    aws_message: None,
    summary: "Each `{name}` in the resource path should be declared as `method.request.path.{name}` on non-proxy methods.",
    fix: "Declare the path parameter as required on the method request.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "Without the declaration the value cannot be mapped into the integration, validated, or documented; the console declares it for you.",
    source: "API Gateway Developer Guide, \"Set up a method request in API Gateway\", method request parameters (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html): \"As part of method request setup, you must declare required request parameters to make them available for the client.\" The same page: \"for the GET /pets/{petId} method request, the {petId} path variable is a required request parameter.\"",
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
                Target::key(cx.method_owner(), Field::RequestParameters, key.clone()),
                format!("the path has `{{{name}}}`, but the method does not declare `{key}`"),
            );
        }
    }
}

//! Rule: parameter-name-not-unique.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG209",
    name: "parameter-name-not-unique",
    phase: Phase::Call,
    aws_message: Some("Parameter names must be unique across querystring, header and path"),
    summary: "A request parameter name may be declared in only one location (querystring, header or path).",
    fix: "Rename one of the parameters, or keep only the location the client really uses.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutMethod rejects it: \"Parameter names must be unique across querystring, header and path\".",
    source: "AWS's error to PutMethod, recorded in LocalStack's AWS-validated snapshot (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_api.snapshot.json#L1191): \"Parameter names must be unique across querystring, header and path\". The API Reference, PutMethod > requestParameters (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html), asks for \"a valid and unique parameter name\".",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let params = &cx.method.request_parameters;
    for (i, key) in params.keys().enumerate() {
        let Ok((location, name)) = grammar::method_request_parameter(key) else { continue };
        // Methods declare a handful of parameters: comparing with the earlier ones is cheaper
        // than collecting them.
        let other = params.keys().take(i).find_map(|earlier| {
            grammar::method_request_parameter(earlier)
                .ok()
                .filter(|(l, n)| *n == name && *l != location)
                .map(|(l, _)| l)
        });
        if let Some(other) = other {
            sink.report(
                Target::key(cx.method_owner(), Field::RequestParameters, key),
                format!(
                    "the parameter name `{name}` is declared both in {other} and in {location}"
                ),
            );
        }
    }
}

//! Rule: undeclared-method-parameter.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG321",
    name: "undeclared-method-parameter",
    phase: Phase::Call,
    aws_message: Some(
        "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression parameter specified",
    ),
    summary: "A request mapping may read only method request parameters the method declares.",
    fix: "Declare the parameter on the method request, or map from one that is declared.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "PutIntegration rejects it: \"Invalid mapping expression specified: … Invalid mapping expression parameter specified: method.request.path.page\". This is the most common deploy-time failure that other tools miss.",
    source: "API Gateway Developer Guide, \"x-amazon-apigateway-integration.requestParameters object\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration-requestParameters.html): \"The method request parameters must be defined before being referenced.\" AWS's error: \"Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression parameter specified: method.request.path.page]\" (https://github.com/aws/aws-cdk/issues/17318)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for (key, value) in &i.request_parameters {
        if let Ok(grammar::RequestSource::MethodParameter { location, name }) =
            grammar::request_mapping_source(value)
        {
            let is_declared = cx.method.request_parameters.keys().any(|k| {
                k.strip_prefix("method.request.").and_then(|r| r.split_once('.'))
                    == Some((location, name))
            });
            if !is_declared {
                let declared = format!("method.request.{location}.{name}");
                sink.report_fix(
                    Target::key(cx.integration_owner(), Field::RequestParameters, key),
                    format!("`{value}` is mapped to {key}, but the method does not declare `{declared}`"),
                    format!("Declare `{declared}` in the method request, or map from a declared parameter."),
                );
            }
        }
    }
}

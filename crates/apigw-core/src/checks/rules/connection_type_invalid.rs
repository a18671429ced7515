//! Rule: connection-type-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG308",
    name: "connection-type-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "`connectionType` must be INTERNET or VPC_LINK.",
    fix: "Use INTERNET (the default) or VPC_LINK for a private integration.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "It is an enum in the API model; other values are rejected.",
    source: "API Reference, PutIntegration > connectionType (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"The valid value is INTERNET for connections through the public routable internet or VPC_LINK for private connections between API Gateway and a network load balancer in a VPC. The default value is INTERNET.\" (ConnectionType enum in the botocore model, https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/botocore/data/apigateway/2015-07-09/service-2.json#L2518)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(value) = integration(cx).and_then(|i| i.connection_type.as_deref()) {
        if !facts::CONNECTION_TYPES.contains(&value) {
            sink.report(
                on_integration(cx, Field::ConnectionType),
                format!("`{value}` is not a connection type; use INTERNET or VPC_LINK"),
            );
        }
    }
}

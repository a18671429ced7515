//! Rule: connection-id-required.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG309",
    name: "connection-id-required",
    phase: Phase::Call,
    aws_message: None,
    summary: "A VPC_LINK integration needs `connectionId`, the VPC link's id.",
    fix: "Set connectionId to the VPC link id (or a ${stageVariables.vpcLinkId} reference).",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "Without it API Gateway has no VPC link to route through, and rejects the integration.",
    source: "API Reference, PutIntegration > connectionId (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"The ID of the VpcLink used for the integration. Specify this value only if you specify VPC_LINK as the connection type.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.connection_type.as_deref() == Some("VPC_LINK")
        && i.connection_id.as_deref().unwrap_or("").is_empty()
    {
        sink.report(
            on_integration(cx, Field::ConnectionId),
            "the connection type is VPC_LINK but no VPC link id is set",
        );
    }
}

//! Rule: connection-id-required.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG309",
    name: "connection-id-required",
    severity: Severity::Error,
    summary: "A VPC_LINK integration needs `connectionId`, the VPC link's id.",
    why: "Without it API Gateway has no VPC link to route through, and rejects the integration.",
    fix: "Set connectionId to the VPC link id (or a ${stageVariables.vpcLinkId} reference).",
    source: "wire.md §2 (PutIntegration.connectionId)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.connection_type.as_deref() == Some("VPC_LINK")
        && i.connection_id.as_deref().unwrap_or("").is_empty()
    {
        sink.report(
            on_integration(cx, "connectionId"),
            "the connection type is VPC_LINK but no VPC link id is set",
        );
    }
}

//! Rule: connection-id-ignored.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG310",
    name: "connection-id-ignored",
    phase: Phase::Advice,
    aws_message: None,
    summary: "`connectionId` is used only with `connectionType: VPC_LINK`.",
    fix: "Set the connection type to VPC_LINK, or clear the connection id.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "\"Specify this value only if you specify VPC_LINK as the connection type\"; otherwise the integration goes over the internet.",
    source: "API Reference, PutIntegration > connectionId (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"Specify this value only if you specify VPC_LINK as the connection type.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.connection_type.as_deref() != Some("VPC_LINK")
        && !i.connection_id.as_deref().unwrap_or("").is_empty()
    {
        sink.report(
            on_integration(cx, Field::ConnectionId),
            "a VPC link id is set but the connection type is not VPC_LINK",
        );
    }
}

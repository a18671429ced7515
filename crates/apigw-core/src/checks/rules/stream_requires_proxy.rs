//! Rule: stream-requires-proxy.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG314",
    name: "stream-requires-proxy",
    phase: Phase::Call,
    aws_message: None,
    summary: "Response streaming (`STREAM`) works only with HTTP_PROXY and AWS_PROXY integrations.",
    fix: "Switch the integration to a proxy type, or use BUFFERED.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway streams only proxy responses; CDK and Terraform reject STREAM on other types.",
    source: "API Gateway Developer Guide, \"Stream the integration response for your proxy integrations in API Gateway\" > \"Considerations for response payload streaming\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html): \"You can only use response payload streaming for HTTP_PROXY or AWS_PROXY integration types.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.response_transfer_mode.as_deref() == Some("STREAM")
        && !facts::is_proxy(&i.integration_type)
    {
        sink.report(
            on_integration(cx, Field::ResponseTransferMode),
            format!("{} integration cannot stream its response", text::a(&i.integration_type)),
        );
    }
}

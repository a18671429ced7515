//! Rule: passthrough-behavior-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG317",
    name: "passthrough-behavior-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "`passthroughBehavior` must be WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER, in upper case.",
    fix: "Pick WHEN_NO_TEMPLATES (what the console recommends), WHEN_NO_MATCH or NEVER.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "It is a free string in the API model, but only these three values have meaning (OpenAPI's extension uses lower case; the API does not).",
    source: "API Reference, PutIntegration > passthroughBehavior (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html): \"There are three valid values: WHEN_NO_MATCH, WHEN_NO_TEMPLATES, and NEVER.\" See also API Gateway Developer Guide, integration passthrough behaviors (https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html).",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if let Some(value) = integration(cx).and_then(|i| i.passthrough_behavior.as_deref()) {
        if !facts::PASSTHROUGH_BEHAVIORS.contains(&value) {
            sink.report(
                on_integration(cx, Field::PassthroughBehavior),
                format!(
                    "`{value}` is not a passthrough behavior; use one of {}",
                    one_of(facts::PASSTHROUGH_BEHAVIORS)
                ),
            );
        }
    }
}

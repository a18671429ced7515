//! Rule: tls-config-not-applicable.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG311",
    name: "tls-config-not-applicable",
    phase: Phase::Advice,
    aws_message: None,
    summary: "`tlsConfig` applies only to HTTP and HTTP_PROXY integrations.",
    fix: "Remove tlsConfig from this integration.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "\"Supported only for HTTP and HTTP_PROXY integrations\"; on other types it has no effect.",
    source: "API Reference, TlsConfig > insecureSkipVerification (https://docs.aws.amazon.com/apigateway/latest/api/API_TlsConfig.html): \"Supported only for HTTP and HTTP_PROXY integrations.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.tls_config.is_some() && !facts::takes_tls_config(&i.integration_type) {
        sink.report(
            on_integration(cx, Field::TlsConfig),
            format!("tlsConfig has no effect on {} integration", text::a(&i.integration_type)),
        );
    }
}

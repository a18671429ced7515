//! Rule: tls-verification-skipped.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG312",
    name: "tls-verification-skipped",
    phase: Phase::Advice,
    aws_message: None,
    summary: "`insecureSkipVerification` turns off certificate checks toward the back end.",
    fix: "Give the back end a certificate from a trusted authority and turn skipping off.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway then performs only basic certificate validation (expiration date, hostname, presence of a root certificate authority), so a certificate from an untrusted issuer is accepted and traffic to the back end can be intercepted; AWS warns that it increases \"the risk of man-in-the-middle attacks\".",
    source: "API Reference, TlsConfig > insecureSkipVerification (https://docs.aws.amazon.com/apigateway/latest/api/API_TlsConfig.html): \"Enabling insecureSkipVerification isn't recommended, especially for integrations with public HTTPS endpoints. If you enable insecureSkipVerification, you increase the risk of man-in-the-middle attacks.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if integration(cx)
        .and_then(|i| i.tls_config.as_ref())
        .is_some_and(|t| t.insecure_skip_verification)
    {
        sink.report(
            on_integration(cx, Field::TlsConfig),
            "certificate verification toward the back end is turned off",
        );
    }
}

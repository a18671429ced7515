//! Rule: tls-verification-skipped.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG312",
    name: "tls-verification-skipped",
    severity: Severity::Warning,
    summary: "`insecureSkipVerification` turns off certificate checks toward the back end.",
    why: "API Gateway then accepts any certificate, including a forged one, so traffic to the back end can be intercepted.",
    fix: "Give the back end a certificate from a trusted authority and turn skipping off.",
    source: "wire.md §2 (TlsConfig)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if integration(cx)
        .and_then(|i| i.tls_config.as_ref())
        .is_some_and(|t| t.insecure_skip_verification)
    {
        sink.report(
            on_integration(cx, "tlsConfig"),
            "certificate verification toward the back end is turned off",
        );
    }
}

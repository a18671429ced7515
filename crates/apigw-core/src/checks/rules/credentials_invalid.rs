//! Rule: credentials-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG325",
    name: "credentials-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "Integration credentials are an IAM role ARN, or `arn:aws:iam::*:user/*` to pass the caller's identity.",
    fix: "Use arn:aws:iam::{account-id}:role/{role-name}, or clear it to rely on resource-based permissions.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway assumes this role to call the back end; anything else cannot be assumed and the call fails.",
    source: "API Reference, Integration > credentials (https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html): \"To specify an IAM Role for API Gateway to assume, use the role's Amazon Resource Name (ARN). To require that the caller's identity be passed through from the request, specify the string `arn:aws:iam::*:user/*`.\"",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(credentials) = integration(cx).and_then(|i| i.credentials.as_deref()) else { return };
    if credentials.is_empty() || credentials == "arn:aws:iam::*:user/*" {
        return;
    }
    let mut parts = [""; 6];
    let mut count = 0;
    for (slot, part) in parts.iter_mut().zip(credentials.splitn(6, ':')) {
        *slot = part;
        count += 1;
    }
    let role = count == 6
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[2] == "iam"
        && parts[4].len() == 12
        && parts[4].chars().all(|c| c.is_ascii_digit())
        && parts[5].strip_prefix("role/").is_some_and(|name| !name.is_empty());
    if !role {
        sink.report(
            on_integration(cx, Field::Credentials),
            format!("`{credentials}` is not an IAM role ARN (arn:aws:iam::{{12-digit account}}:role/{{name}})"),
        );
    }
}

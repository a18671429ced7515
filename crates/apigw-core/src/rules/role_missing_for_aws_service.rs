//! Rule: role-missing-for-aws-service.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG327",
    name: "role-missing-for-aws-service",
    severity: Severity::Warning,
    summary: "AWS service integrations other than Lambda need an execution role in `credentials`.",
    why: "API Gateway signs the service call with this role; without it the call is unauthenticated and fails (moto even rejects \"Role ARN must be specified for AWS integrations\").",
    fix: "Create a role that API Gateway may assume, with access to the service, and set its ARN.",
    source: "moto.md (c) #9; wire.md §2 (credentials)",
    check: Check::Method(check),
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.integration_type != "AWS" || i.credentials.as_deref().is_some_and(|c| !c.is_empty()) {
        return;
    }
    if let Some(Ok(arn)) = i.uri.as_deref().map(grammar::aws_integration_arn) {
        if arn.service != "lambda" {
            sink.report(
                on_integration(cx, "credentials"),
                format!(
                    "this {} integration has no role to call the `{}` service with",
                    arn.kind, arn.service
                ),
            );
        }
    }
}

//! Rule: role-missing-for-aws-service.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG327",
    name: "role-missing-for-aws-service",
    phase: Phase::Call,
    aws_message: Some("Role ARN must be specified for AWS integrations"),
    summary: "AWS service integrations other than Lambda need an execution role in `credentials`.",
    fix: "Create a role that API Gateway may assume, with access to the service, and set its ARN.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway signs the service call with this role; without it PutIntegration refuses the integration (400 BadRequestException: \"Role ARN must be specified for AWS integrations\"), and the call could not be authenticated anyway.",
    source: "API Gateway Developer Guide, \"Set up an integration request in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-request.html): \"For integrations with Lambda functions and other AWS service actions, set an IAM role with required permissions for API Gateway to call the backend on your behalf.\" AWS's error: \"Role ARN must be specified for AWS integrations\" (https://github.com/hashicorp/terraform-provider-aws/issues/7916)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if i.integration_type != "AWS" || i.credentials.as_deref().is_some_and(|c| !c.is_empty()) {
        return;
    }
    if let Some(Ok(arn)) = i.uri.as_deref().map(grammar::aws_integration_arn) {
        if arn.service != "lambda" {
            sink.report(
                on_integration(cx, Field::Credentials),
                format!(
                    "this {} integration has no role to call the `{}` service with",
                    arn.kind, arn.service
                ),
            );
        }
    }
}

//! Rule: method-without-integration.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG216",
    name: "method-without-integration",
    phase: Phase::Deploy,
    aws_message: Some("No integration defined for method"),
    summary: "Every method needs an integration before the API can be deployed.",
    fix: "Add an integration (MOCK if the method should answer on its own).",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateDeployment fails with 400 BadRequestException: \"No integration defined for method\", and PutIntegrationResponse cannot be called before PutIntegration.",
    source: "API Reference, CreateDeployment (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html): \"Creates a Deployment resource, which makes a specified RestApi callable over the internet.\" AWS's error: \"No integration defined for method\" (https://github.com/hashicorp/terraform-provider-aws/issues/21210) AWS's error text on record: https://github.com/hashicorp/terraform-provider-aws/issues/27271.",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    if cx.method.integration.is_none() {
        sink.report(
            Target::of(cx.method_owner()),
            format!("{} {} has no integration, so the API cannot be deployed", cx.verb, cx.path),
        );
    }
}

//! Rule: gateway-response-template-not-vtl.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG518",
    name: "gateway-response-template-not-vtl",
    phase: Phase::Advice,
    aws_message: None,
    summary: "A gateway response's template is not VTL: a directive such as `#set` or `#if` is sent as it is, not run.",
    fix: "Write the body with simple variable substitutions only ($context.*, $stageVariables.*, method request parameters); logic belongs in an integration response's template.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway only substitutes variables in a gateway response's template; the Velocity engine never sees it, so a directive reaches the client as text and the body is likely not what was meant (often not valid JSON).",
    source: "API Gateway Developer Guide, \"x-amazon-apigateway-gateway-responses.responseTemplates object\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseTemplates.html): \"A GatewayResponse mapping template is not processed by the Velocity Template Language (VTL) engine.\" \"Setting up gateway responses to customize error responses\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html): \"the customization is rendered in a non-VTL mapping template supporting only simple variable substitutions.\"",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (target, content_type, template) in gateway_templates(design) {
        if let Some((directive, line)) = grammar::vtl_directive(template) {
            sink.report(
                target,
                format!(
                    "the {content_type} template uses #{directive} (line {line}), which API Gateway does not run in a gateway response: it is sent as text"
                ),
            );
        }
    }
}

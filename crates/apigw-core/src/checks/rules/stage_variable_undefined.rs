//! Rule: stage-variable-undefined.

use super::prelude::*;
use crate::stages::{self, Context};

pub(crate) static RULE: Rule = Rule {
    code: "AG523",
    name: "stage-variable-undefined",
    phase: Phase::Advice,
    aws_message: None,
    summary: "A stage variable that an integration, a mapping, a template, an authorizer or a gateway response reads is defined by the design's stages.",
    fix: "Add the variable to every stage of the design (API settings, Stages), or correct its name where it is read.",
    check: Check::ApiAndMethod(check_api, check_method),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway substitutes a stage variable's value when a request runs at a stage. A stage that does not define the variable has nothing to put in its place: the URI, the mapping or the template is used with an empty value there, so the integration calls the wrong address or passes an empty parameter.",
    source: "API Gateway Developer Guide, \"API Gateway stage variables reference for REST APIs in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html): stage variables are read as `stageVariables.<variable_name>` in parameter mapping expressions, `$stageVariables.<variable_name>` or `${stageVariables.<variable_name>}` in mapping templates, and `${stageVariables.<variable_name>}` in HTTP and AWS integration URIs; \"Use stage variables for a REST API in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html).",
};

fn report(design: &Design, target: Target, context: Context, text: &str, sink: &mut Sink<'_>) {
    let mut seen: Vec<&str> = Vec::new();
    for reference in stages::references(text, context) {
        if seen.contains(&reference.name) {
            continue;
        }
        seen.push(reference.name);
        let lacking = stages::stages_lacking(design, reference.name);
        if lacking.is_empty() {
            continue;
        }
        let name = reference.name;
        let message = if lacking.len() == design.stages.len() {
            format!("reads stage variable `{name}`, which no stage of the design defines")
        } else {
            let which = match lacking.as_slice() {
                [one] => format!("stage {one} does"),
                many => format!("stages {} do", many.join(", ")),
            };
            format!(
                "reads stage variable `{name}`, which {which} not define; there it reads as empty"
            )
        };
        sink.report(target.clone(), message);
    }
}

fn check_api(design: &Design, sink: &mut Sink<'_>) {
    for (target, context, text) in stages::api_texts(design) {
        report(design, target, context, text, sink);
    }
}

fn check_method(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    for (target, context, text) in stages::method_texts(cx.path, cx.verb, cx.method) {
        report(cx.design, target, context, text, sink);
    }
}

//! Rule: stage-variable-value-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG521",
    name: "stage-variable-value-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "A stage variable's value matches `[A-Za-z0-9-._~:/?#&=,]+`, at most 512 characters.",
    fix: "Write the value with letters, digits and -._~:/?#&=, only (no spaces, quotes or braces), at most 512 characters; encode anything else, or keep it out of the stage.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateDeployment, CreateStage and UpdateStage reject a value outside that pattern (an empty one too), or longer than the quota, with 400 BadRequestException.",
    source: "API Reference, CreateDeployment > variables (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html): \"Variable names can have alphanumeric and underscore characters, and the values must match [A-Za-z0-9-._~:/?#&=,]+.\" API Gateway Developer Guide, \"Quotas for configuring and running a REST API in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html): \"Length, in characters, of the value in a stage variable\": 512, cannot be increased.",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (stage, s) in &design.stages {
        for (name, value) in &s.variables {
            if let Err(message) = grammar::stage_variable_value(value) {
                let message = format!("variable `{name}`: {message}");
                sink.report(Target::key(Owner::stage(stage), Field::Variables, name), message);
            }
        }
    }
}

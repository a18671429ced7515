//! Rule: stage-variable-name-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG520",
    name: "stage-variable-name-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "A stage variable's name holds letters, digits and `_` only, at most 64 characters.",
    fix: "Rename the variable with letters, digits and _ only (backendHost, lambda_alias), at most 64 characters, and read it by that name.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateDeployment, CreateStage and UpdateStage reject a variable whose name has any other character, or is longer than the quota, with 400 BadRequestException; and `stageVariables.NAME` can only read such names.",
    source: "API Reference, CreateDeployment > variables (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html): \"A map that defines the stage variables for the Stage resource that is associated with the new deployment. Variable names can have alphanumeric and underscore characters, and the values must match [A-Za-z0-9-._~:/?#&=,]+.\" API Gateway Developer Guide, \"Quotas for configuring and running a REST API in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html): \"Length, in characters, of the key in a stage variable\": 64, cannot be increased.",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (stage, s) in &design.stages {
        for name in s.variables.keys() {
            if let Err(message) = grammar::stage_variable_name(name) {
                sink.report(Target::key(Owner::stage(stage), Field::Variables, name), message);
            }
        }
    }
}

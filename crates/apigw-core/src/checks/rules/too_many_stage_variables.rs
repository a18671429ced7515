//! Rule: too-many-stage-variables.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG522",
    name: "too-many-stage-variables",
    phase: Phase::Call,
    aws_message: None,
    summary: "A stage holds at most 100 stage variables.",
    fix: "Remove variables the API does not read, or split the values among fewer variables.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "The quota of stage variables per stage cannot be raised: a deployment or stage update past it fails.",
    source: "API Gateway Developer Guide, \"Quotas for configuring and running a REST API in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html): \"Stage variables per stage\": 100, can be increased: \"No\".",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (stage, s) in &design.stages {
        let count = s.variables.len();
        if count > facts::STAGE_VARIABLES_PER_STAGE {
            sink.report(
                Target::field(Owner::stage(stage), Field::Variables),
                format!(
                    "stage {stage} has {count} variables; a stage holds at most {}",
                    facts::STAGE_VARIABLES_PER_STAGE
                ),
            );
        }
    }
}

//! Rule: stage-name-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG519",
    name: "stage-name-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "A stage's name holds letters, digits, `-` and `_` only, at most 128 characters.",
    fix: "Rename the stage with letters, digits, - and _ only (dev, prod, v2_beta), at most 128 characters.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "The stage name is the first path segment of every call to the deployed API; CreateDeployment and CreateStage reject any other name with 400 BadRequestException.",
    source: "API Reference, CreateStage > stageName (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html): \"The name for the Stage resource. Stage names can only contain alphanumeric characters, hyphens, and underscores. Maximum length is 128 characters.\"; Stage > stageName (https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html): \"The name of the stage is the first path segment in the Uniform Resource Identifier (URI) of a call to API Gateway. Stage names can only contain alphanumeric characters, hyphens, and underscores. Maximum length is 128 characters.\"",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for name in design.stages.keys() {
        if let Err(message) = grammar::stage_name(name) {
            sink.report(Target::of(Owner::stage(name)), message);
        }
    }
}

//! Rule: api-name-required.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG501",
    name: "api-name-required",
    phase: Phase::Call,
    aws_message: None,
    summary: "A REST API needs a name.",
    fix: "Give the API a name.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateRestApi requires `name`.",
    source: "API Reference, CreateRestApi > name (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRestApi.html): \"The name of the RestApi.\" (Required: Yes). Also cfn-lint E3660 (https://github.com/aws-cloudformation/cfn-lint/blob/d9e6a549d682c0dce972af89e40ba1e527ac50af/src/cfnlint/rules/resources/apigateway/RestApiOpenApi.py).",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    if design.api.name.trim().is_empty() {
        sink.report(Target::field(Owner::Api, Field::Name), "the API has no name");
    }
}

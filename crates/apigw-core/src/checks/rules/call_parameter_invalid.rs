//! Rule: call-parameter-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG603",
    name: "call-parameter-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "Plan call parameters must be known to the operation, present when required, and of the right JSON type.",
    fix: "Fix the parameter named in the message.",
    check: Check::Sequence,
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "botocore refuses such calls before sending them (\"Unknown parameter in input\", \"Missing required parameter in input\", \"Invalid type for parameter\").",
    source: "botocore ParamValidator, botocore/validate.py (https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/botocore/validate.py#L105-L130): \"Missing required parameter in {name}\", \"Unknown parameter in {name}\", \"Invalid type for parameter {name}\"; required members from the apigateway 2015-07-09 service-2.json (https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/botocore/data/apigateway/2015-07-09/service-2.json).",
};

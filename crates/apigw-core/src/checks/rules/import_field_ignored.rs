//! Rule: import-field-ignored.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG701",
    name: "import-field-ignored",
    phase: Phase::Advice,
    aws_message: None,
    summary: "An imported file held something the design does not carry, or ids where the design needs names.",
    fix: "Check whether the named field matters for this API; link kept ids by adding authorizers or validators with those names.",
    check: Check::Sequence,
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "Nothing is dropped silently: what an import leaves out, or keeps only as an id, is named so it can be checked or re-linked.",
    source: "API Reference, GetResources > embed (https://docs.aws.amazon.com/apigateway/latest/api/API_GetResources.html): \"Currently, the request supports only retrieval of the embedded Method resources this way. The query parameter value must be a single-valued list and contain the \"methods\" string.\"",
};

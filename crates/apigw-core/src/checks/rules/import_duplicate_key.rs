//! Rule: import-duplicate-key.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG702",
    name: "import-duplicate-key",
    phase: Phase::File,
    aws_message: None,
    summary: "An imported file writes the same key twice in one object, so one of the two values is lost.",
    fix: "Keep one of the two: merge their contents under one key, or rename one of them.",
    check: Check::Sequence,
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "A JSON or YAML reader keeps one value per key: two `get` operations on one path, or two resources of the same path, silently become one. apigw reads the second, as most readers do; which one API Gateway's importer keeps is not documented, so the file does not say what it means.",
    source: "RFC 8259 §4 (https://www.rfc-editor.org/rfc/rfc8259#section-4): \"The names within an object SHOULD be unique\", and when they are not, \"the behavior of software that receives such an object is unpredictable\"; YAML 1.2.2 §3.2.1.1 (https://yaml.org/spec/1.2.2/#3211-nodes): mapping keys are unique.",
};

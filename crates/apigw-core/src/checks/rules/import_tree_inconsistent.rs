//! Rule: import-tree-inconsistent.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG703",
    name: "import-tree-inconsistent",
    phase: Phase::Advice,
    aws_message: None,
    summary: "Imported get-resources output whose ids, parents and paths disagree: a duplicate id, a missing or self-naming parent, a cycle of parents, or a path that is not its parent's path and pathPart.",
    fix: "Check that each named resource sits where it should in the imported design; fix the file's ids, parentIds or paths, or export it again with `aws apigateway get-resources --rest-api-id ID --embed methods`.",
    check: Check::Sequence,
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway's own output is one tree: every resource but the root has a parent among the items, and its path is the parent's path and its pathPart. Output that disagrees was edited or assembled by hand, and the tree it means is not certain. apigw places each resource by its `path`.",
    source: "API Reference, Resource (https://docs.aws.amazon.com/apigateway/latest/api/API_Resource.html): \"parentId — The parent resource's identifier.\"; \"pathPart — The last path segment for this resource.\"; \"path — The full path for this resource.\"",
};

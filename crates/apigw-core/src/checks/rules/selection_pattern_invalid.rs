//! Rule: selection-pattern-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG403",
    name: "selection-pattern-invalid",
    phase: Phase::Call,
    aws_message: None,
    summary: "A selection pattern must be a valid (Java) regular expression.",
    fix: "Fix the expression: balance parentheses and brackets, and escape literal metacharacters such as `\\.`.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway compiles it to match the back end's status code or Lambda error message; a pattern that does not compile is rejected.",
    source: "API Gateway Developer Guide, \"Handle Lambda errors in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html): \"API Gateway uses Java pattern-style regexes for response mapping.\"; API Reference, IntegrationResponse > selectionPattern (https://docs.aws.amazon.com/apigateway/latest/api/API_IntegrationResponse.html): a \"regular expression (regex) pattern\".",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    for (status, response) in &i.integration_responses {
        if let Some(pattern) = &response.selection_pattern {
            if let Err(reason) = grammar::java_regex(pattern) {
                sink.report(
                    Target::field(cx.integration_response_owner(status), Field::SelectionPattern),
                    format!("the selection pattern `{pattern}` does not compile: {reason}"),
                );
            }
        }
    }
}

//! Rule: authorizer-type-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG504",
    name: "authorizer-type-invalid",
    severity: Severity::Error,
    summary: "An authorizer's type is TOKEN, REQUEST or COGNITO_USER_POOLS.",
    why: "CreateAuthorizer rejects other types with a ValidationException.",
    fix: "Pick TOKEN or REQUEST for a Lambda authorizer, COGNITO_USER_POOLS for Cognito.",
    source: "moto.md (c) #18",
    check: Check::Api(check),
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, authorizer) in &design.authorizers {
        let kind = authorizer.authorizer_type.as_str();
        if !facts::AUTHORIZER_TYPES.contains(&kind) {
            sink.report(
                Target::field(Owner::Authorizer { name: name.clone() }, "type"),
                format!(
                    "`{kind}` is not an authorizer type; use one of {}",
                    one_of(facts::AUTHORIZER_TYPES)
                ),
            );
        }
    }
}

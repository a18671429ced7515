//! Rule: authorizer-identity-source-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG507",
    name: "authorizer-identity-source-invalid",
    phase: Phase::Call,
    aws_message: Some("Invalid token source expression"),
    summary: "A TOKEN or Cognito authorizer reads one header (`method.request.header.{name}`); a REQUEST authorizer reads a comma-separated list of request parameters, stage variables or context variables.",
    fix: "For TOKEN use method.request.header.Authorization; for REQUEST list sources such as method.request.header.Auth, method.request.querystring.token.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway rejects other identity sources when the authorizer is created.",
    source: "API Reference, CreateAuthorizer > identitySource (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html): \"For a TOKEN or COGNITO_USER_POOLS authorizer, this is required and specifies the request header mapping expression for the custom header …\"; for REQUEST, \"a comma-separated string of one or more mapping expressions\". AWS's error: \"Invalid token source expression: method.request.querystring.key. The source must be a method request header, matching 'method.request.header.[a-zA-Z0-9._-]+'.\" (https://github.com/serverless/serverless/issues/4428)",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, authorizer) in &design.authorizers {
        let target = Target::field(Owner::Authorizer { name: name.clone() }, Field::IdentitySource);
        let source = authorizer.identity_source.as_deref().unwrap_or("");
        match authorizer.authorizer_type.as_str() {
            "TOKEN" | "COGNITO_USER_POOLS" => {
                if source.strip_prefix("method.request.header.").is_none_or(str::is_empty) {
                    sink.report(
                        target,
                        format!("`{source}` must be one header: method.request.header.NAME"),
                    );
                }
            }
            "REQUEST" => {
                for item in source.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    let ok = grammar::method_request_parameter(item).is_ok()
                        || item.strip_prefix("stageVariables.").is_some_and(|s| !s.is_empty())
                        || item.strip_prefix("context.").is_some_and(|s| !s.is_empty());
                    if !ok {
                        sink.report(target.clone(), format!("`{item}` is not an identity source"));
                    }
                }
            }
            _ => {}
        }
    }
}

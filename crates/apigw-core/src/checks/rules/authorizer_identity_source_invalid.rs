//! Rule: authorizer-identity-source-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG507",
    name: "authorizer-identity-source-invalid",
    phase: Phase::Call,
    aws_message: Some("Invalid token source expression"),
    summary: "A TOKEN or Cognito authorizer reads one header (`method.request.header.{name}`); a REQUEST authorizer reads a comma-separated list of headers, query strings (`method.request.[multivalue]header|querystring.{name}`), stage variables or context variables, each once, and needs one when it caches.",
    fix: "For TOKEN use method.request.header.Authorization; for REQUEST list sources such as method.request.header.Auth, method.request.querystring.token.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway rejects other identity sources when the authorizer is created. A TOKEN source is one header whose name matches `[a-zA-Z0-9._-]+`. A REQUEST source is a comma-separated list (spaces after the commas are allowed: AWS's own example has them) of headers, query strings, stage variables and context variables; path parameters and the body are not identity sources, an empty item (`a,,b` or a trailing comma) names nothing, and an item listed twice is the same cache key twice. When caching is on (a TTL above 0) the identity source is required.",
    source: "API Reference, CreateAuthorizer > identitySource (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html): \"For a TOKEN or COGNITO_USER_POOLS authorizer, this is required and specifies the request header mapping expression for the custom header …\"; \"For the REQUEST authorizer, this is required when authorization caching is enabled. The value is a comma-separated string of one or more mapping expressions of the specified request parameters. For example, if an Auth header, a Name query string parameter are defined as identity sources, this value is method.request.header.Auth, method.request.querystring.Name.\" API Gateway Developer Guide, \"Configure an API Gateway Lambda authorizer\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html): a REQUEST authorizer's identity source types are Header, Query string, Stage variable and Context. AWS's error: \"Invalid token source expression: method.request.querystring.key. The source must be a method request header, matching 'method.request.header.[a-zA-Z0-9._-]+'.\" (https://github.com/serverless/serverless/issues/4428)",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, authorizer) in &design.authorizers {
        let target = Target::field(Owner::Authorizer { name: name.clone() }, Field::IdentitySource);
        let source = authorizer.identity_source.as_deref().unwrap_or("");
        match authorizer.authorizer_type.as_str() {
            "TOKEN" | "COGNITO_USER_POOLS" => {
                if source.strip_prefix("method.request.header.").is_none_or(|h| !header_name(h)) {
                    sink.report(
                        target,
                        format!("`{source}` must be one header: method.request.header.NAME, the name of letters, digits, `.`, `_` and `-`"),
                    );
                }
            }
            "REQUEST" => {
                if source.trim().is_empty() {
                    if let Some(ttl) =
                        authorizer.authorizer_result_ttl_in_seconds.filter(|t| *t > 0)
                    {
                        sink.report(
                            target,
                            format!("the REQUEST authorizer `{name}` caches results for {ttl} s, so it needs an identity source (the cache key)"),
                        );
                    }
                    continue;
                }
                let items: Vec<&str> = source.split(',').map(str::trim).collect();
                for (i, item) in items.iter().enumerate() {
                    if let Err(problem) = request_source(item) {
                        sink.report(target.clone(), problem);
                    } else if items[..i].contains(item) {
                        sink.report(target.clone(), format!("`{item}` is listed twice"));
                    }
                }
            }
            _ => {}
        }
    }
}

/// A header name as AWS's error text gives it: `[a-zA-Z0-9._-]+`.
fn header_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// One item of a REQUEST authorizer's identity source.
fn request_source(item: &str) -> Result<(), String> {
    if item.is_empty() {
        return Err("an item of the list is empty (two commas in a row, or one at an end)".into());
    }
    if let Some(c) = item.chars().find(|c| c.is_whitespace()) {
        return Err(format!(
            "`{item}` contains {}: each item is one expression",
            text::character(c)
        ));
    }
    if let Some(rest) = item.strip_prefix("method.request.") {
        return match rest.split_once('.') {
            Some((
                "header" | "querystring" | "multivalueheader" | "multivaluequerystring",
                name,
            )) if header_name(name) => Ok(()),
            Some(("header" | "querystring" | "multivalueheader" | "multivaluequerystring", _)) => {
                Err(format!("`{item}` needs a name of letters, digits, `.`, `_` and `-`"))
            }
            _ => Err(format!(
                "`{item}` is not an identity source: a REQUEST authorizer reads method.request.header, querystring, multivalueheader or multivaluequerystring, not paths or the body"
            )),
        };
    }
    if item.starts_with("context.") || item.starts_with("stageVariables.") {
        return grammar::request_mapping_source(item).map(|_| ());
    }
    Err(format!(
        "`{item}` is not an identity source: method.request.header.NAME, method.request.querystring.NAME, stageVariables.NAME or context.VARIABLE"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_items() {
        for ok in [
            "method.request.header.Auth",
            "method.request.querystring.token",
            "method.request.multivalueheader.X-Id",
            "method.request.multivaluequerystring.ids",
            "stageVariables.env_name",
            "context.identity.sourceIp",
        ] {
            assert_eq!(request_source(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "method.request.path.id",
            "method.request.body",
            "method.request.header.",
            "method.request.header.a b",
            "method.request.header.a:b",
            "stageVariables.a-b",
            "context.nothing",
            "Authorization",
        ] {
            assert!(request_source(bad).is_err(), "{bad}");
        }
    }
}

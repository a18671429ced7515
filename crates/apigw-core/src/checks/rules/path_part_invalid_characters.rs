//! Rule: path-part-invalid-characters.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG101",
    name: "path-part-invalid-characters",
    phase: Phase::Call,
    aws_message: Some(
        "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end.",
    ),
    summary: "A path part may hold only letters, digits, `.`, `_`, `-`, `:` and `,`, with `{name}` or `{name+}` for a variable, and must not be empty.",
    fix: "Remove or replace the offending characters; put variables in a segment of their own, as `{id}`.",
    check: Check::Resource(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateResource rejects any other character: \"Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end.\" AWS's guide also lists commas and colons among the allowed characters, and the live service accepts `:`.",
    source: "API Gateway Developer Guide, \"Amazon API Gateway important notes for REST APIs\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html#api-gateway-known-issues-rest-apis): \"Path segments can only contain alphanumeric characters, underscores, hyphens, periods, commas, colons, and curly braces.\" AWS's error: \"Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end.\" (https://github.com/claudiajs/claudia/issues/11) The live service accepts `:` (https://github.com/aws/aws-cdk/issues/22477).",
};

fn check(_design: &Design, path: &str, _resource: &Resource, sink: &mut Sink<'_>) {
    if path == "/" {
        return;
    }
    let part = path::path_part(path);
    let target = Target::of(Owner::Resource { path: path.into() });
    if part.is_empty() {
        sink.report(
            target,
            format!("`{path}` has an empty path part; API Gateway paths have no empty segments"),
        );
        return;
    }
    let bare = part.trim_start_matches('{').trim_end_matches('}').trim_end_matches('+');
    if let Some(c) = bare.chars().find(|c| !(c.is_ascii_alphanumeric() || "._-:,{}+".contains(*c)))
    {
        sink.report(
            target,
            format!(
                "the path part `{part}` contains {}, which API Gateway does not allow in a path",
                crate::text::character(c)
            ),
        );
    }
}

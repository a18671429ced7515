//! Rule: path-part-invalid-characters.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG101",
    name: "path-part-invalid-characters",
    severity: Severity::Error,
    summary: "A path part may hold only letters, digits, `.`, `_`, `-`, `:` and `,`, with `{name}` or `{name+}` for a variable, and must not be empty.",
    why: "CreateResource rejects any other character: \"Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.\" The live service also accepts `:`.",
    fix: "Remove or replace the offending characters; put variables in a segment of their own, as `{id}`.",
    source: "wire.md §4 (AWS error text); aws-rules.md §3.2 Path-part syntax (aws/aws-cdk#22477 for `:`)",
    check: Check::Resource(check),
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
                "the path part `{part}` contains `{c}`, which API Gateway does not allow in a path"
            ),
        );
    }
}

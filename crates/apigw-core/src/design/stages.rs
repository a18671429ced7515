//! Stage variables: where a design reads them, and what a method's integration becomes at a
//! stage.
//!
//! API Gateway substitutes a stage's variables when a request runs at that stage: in an
//! integration's URI, connection id and credentials (`${stageVariables.NAME}`), in parameter
//! mappings (the whole value `stageVariables.NAME`), and in mapping templates
//! (`$stageVariables.NAME` or `${stageVariables.NAME}`). A variable the stage does not define
//! reads as empty. This module is the one scanner of those references: the rule that warns of
//! an undefined variable, the resolved preview and the app all read them here.

use crate::diagnostic::{Field, Owner, Target};
use crate::map::Map;
use crate::model::{Design, Method, Stage};
use std::ops::Range;

/// Where a text sits, which decides the forms of reference API Gateway reads in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// A URI, connection id or credentials ARN: `${stageVariables.NAME}` only.
    Text,
    /// A mapping template (VTL) or a gateway response's template: `$stageVariables.NAME` and
    /// `${stageVariables.NAME}`.
    Template,
    /// A parameter mapping's value: the whole value `stageVariables.NAME`.
    Mapping,
}

/// One reference to a stage variable: its name and where it stands in the text (the whole
/// reference, `${…}` included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference<'a> {
    pub name: &'a str,
    pub range: Range<usize>,
}

const PREFIX: &str = "stageVariables.";

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The stage variables `text` reads in `context`, in order (a name may come more than once).
pub fn references(text: &str, context: Context) -> Vec<Reference<'_>> {
    let mut out = Vec::new();
    if context == Context::Mapping {
        if let Some(name) = text.strip_prefix(PREFIX) {
            if !name.is_empty() && name.bytes().all(is_name_byte) {
                out.push(Reference { name, range: 0..text.len() });
            }
        }
        return out;
    }
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find(PREFIX) {
        let start = from + found;
        let name_start = start + PREFIX.len();
        let name_end =
            name_start + bytes[name_start..].iter().take_while(|b| is_name_byte(**b)).count();
        from = name_start;
        if name_end == name_start {
            continue;
        }
        let name = &text[name_start..name_end];
        // `${stageVariables.NAME}`, in every context but a mapping.
        if start >= 2 && &bytes[start - 2..start] == b"${" && bytes.get(name_end) == Some(&b'}') {
            out.push(Reference { name, range: start - 2..name_end + 1 });
            continue;
        }
        // `$stageVariables.NAME`, in a template only.
        if context == Context::Template && start >= 1 && bytes[start - 1] == b'$' {
            out.push(Reference { name, range: start - 1..name_end });
        }
    }
    out
}

/// `text` as API Gateway uses it at a stage with these variables: each reference replaced by
/// the variable's value (empty when the stage does not define it). A mapping that reads a
/// variable becomes the static value it reads (`'value'`).
pub fn substitute(text: &str, context: Context, variables: &Map<String, String>) -> String {
    let refs = references(text, context);
    if context == Context::Mapping {
        return match refs.first() {
            Some(r) => format!("'{}'", variables.get(r.name).map_or("", String::as_str)),
            None => text.to_string(),
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in refs {
        out.push_str(&text[at..r.range.start]);
        out.push_str(variables.get(r.name).map_or("", String::as_str));
        at = r.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Every text of a method that mentions `stageVariables.`: where it is (the field, or the map
/// entry, a diagnostic names), its context and the text. Texts that cannot read a variable are
/// skipped before any target is built, so a method that reads none costs a scan of its texts.
pub fn method_texts<'a>(
    path: &str,
    verb: &str,
    method: &'a Method,
) -> Vec<(Target, Context, &'a str)> {
    let mut out = Vec::new();
    let Some(integration) = &method.integration else { return out };
    let mut push = |target: &dyn Fn() -> Target, context: Context, text: &'a str| {
        if text.contains(PREFIX) {
            out.push((target(), context, text));
        }
    };
    let owner = || Owner::integration(path, verb);
    for (field, value) in [
        (Field::Uri, &integration.uri),
        (Field::ConnectionId, &integration.connection_id),
        (Field::Credentials, &integration.credentials),
    ] {
        if let Some(value) = value {
            push(&|| Target::field(owner(), field), Context::Text, value);
        }
    }
    for (key, value) in &integration.request_parameters {
        push(&|| Target::key(owner(), Field::RequestParameters, key), Context::Mapping, value);
    }
    for (key, value) in &integration.request_templates {
        push(&|| Target::key(owner(), Field::RequestTemplates, key), Context::Template, value);
    }
    for (status, response) in &integration.integration_responses {
        let owner = || Owner::integration_response(path, verb, status);
        for (key, value) in &response.response_parameters {
            push(&|| Target::key(owner(), Field::ResponseParameters, key), Context::Mapping, value);
        }
        for (key, value) in &response.response_templates {
            push(&|| Target::key(owner(), Field::ResponseTemplates, key), Context::Template, value);
        }
    }
    out
}

/// Every API-level text that mentions `stageVariables.`: authorizers' URIs and gateway
/// responses' header mappings and templates.
pub fn api_texts<'a>(design: &'a Design) -> Vec<(Target, Context, &'a str)> {
    let mut out = Vec::new();
    let mut push = |target: &dyn Fn() -> Target, context: Context, text: &'a str| {
        if text.contains(PREFIX) {
            out.push((target(), context, text));
        }
    };
    for (name, authorizer) in &design.authorizers {
        if let Some(uri) = &authorizer.authorizer_uri {
            let owner = || Owner::Authorizer { name: name.clone() };
            push(&|| Target::field(owner(), Field::AuthorizerUri), Context::Text, uri);
        }
    }
    for (response_type, response) in &design.gateway_responses {
        let owner = || Owner::gateway_response(response_type);
        for (key, value) in &response.response_parameters {
            push(&|| Target::key(owner(), Field::ResponseParameters, key), Context::Mapping, value);
        }
        for (key, value) in &response.response_templates {
            push(&|| Target::key(owner(), Field::ResponseTemplates, key), Context::Template, value);
        }
    }
    out
}

/// The names of the design's stages that do not define `name`, in name order.
pub fn stages_lacking<'a>(design: &'a Design, name: &str) -> Vec<&'a str> {
    design
        .stages
        .iter()
        .filter(|(_, stage)| !stage.variables.contains_key(name))
        .map(|(stage, _)| stage.as_str())
        .collect()
}

/// A method's integration as API Gateway uses it at one stage: every stage variable
/// substituted, and the variables it reads that the stage does not define.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    pub uri: Option<String>,
    pub connection_id: Option<String>,
    pub credentials: Option<String>,
    pub request_parameters: Map<String, String>,
    pub request_templates: Map<String, String>,
    /// Variables read that the stage does not define (they read as empty), sorted, once each.
    pub undefined: Vec<String>,
}

/// The integration of the method `verb path` resolved for `stage` (a stage the design does not
/// define has no variables); None when there is no such method or it has no integration.
pub fn resolve(design: &Design, path: &str, verb: &str, stage: &str) -> Option<Resolved> {
    let integration = design.method(path, verb)?.integration.as_ref()?;
    let empty = Stage::default();
    let variables = &design.stages.get(stage).unwrap_or(&empty).variables;
    let mut undefined: Vec<String> = Vec::new();
    let mut note = |text: &str, context: Context| {
        for r in references(text, context) {
            if !variables.contains_key(r.name) && !undefined.iter().any(|u| u == r.name) {
                undefined.push(r.name.to_string());
            }
        }
    };
    let mut text = |value: &Option<String>| {
        value.as_ref().map(|v| {
            note(v, Context::Text);
            substitute(v, Context::Text, variables)
        })
    };
    let uri = text(&integration.uri);
    let connection_id = text(&integration.connection_id);
    let credentials = text(&integration.credentials);
    let mut map = |map: &Map<String, String>, context: Context| -> Map<String, String> {
        map.iter()
            .map(|(k, v)| {
                note(v, context);
                (k.clone(), substitute(v, context, variables))
            })
            .collect()
    };
    let request_parameters = map(&integration.request_parameters, Context::Mapping);
    let request_templates = map(&integration.request_templates, Context::Template);
    undefined.sort();
    Some(Resolved {
        uri,
        connection_id,
        credentials,
        request_parameters,
        request_templates,
        undefined,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, context: Context) -> Vec<&str> {
        references(text, context).into_iter().map(|r| r.name).collect()
    }

    #[test]
    fn each_context_reads_its_own_forms() {
        let uri = "http://${stageVariables.host}/a/$stageVariables.b/stageVariables.c";
        assert_eq!(names(uri, Context::Text), ["host"]);
        assert_eq!(names(uri, Context::Template), ["host", "b"]);
        assert_eq!(names(uri, Context::Mapping), Vec::<&str>::new());
        assert_eq!(names("stageVariables.x_1", Context::Mapping), ["x_1"]);
        assert_eq!(names("stageVariables.x-1", Context::Mapping), Vec::<&str>::new());
        assert_eq!(names("'stageVariables.x'", Context::Mapping), Vec::<&str>::new());
        // Unclosed, empty or not a reference at all.
        assert_eq!(names("${stageVariables.a", Context::Text), Vec::<&str>::new());
        assert_eq!(names("${stageVariables.}", Context::Template), Vec::<&str>::new());
        assert_eq!(names("$stageVariables.", Context::Template), Vec::<&str>::new());
        assert_eq!(names("stageVariables", Context::Template), Vec::<&str>::new());
        // Non-ASCII around a reference is kept whole.
        assert_eq!(names("é${stageVariables.ü}${stageVariables.ok}é", Context::Text), ["ok"]);
        assert_eq!(names("éstageVariables.a", Context::Template), Vec::<&str>::new());
        assert_eq!(names("é$stageVariables.a", Context::Template), ["a"]);
    }

    #[test]
    fn substitution_replaces_each_reference_and_empties_the_undefined() {
        let mut vars = Map::new();
        vars.insert("host".to_string(), "api.example.com".to_string());
        assert_eq!(
            substitute(
                "https://${stageVariables.host}/${stageVariables.none}x",
                Context::Text,
                &vars
            ),
            "https://api.example.com/x"
        );
        assert_eq!(
            substitute("{\"h\": \"$stageVariables.host\"}", Context::Template, &vars),
            "{\"h\": \"api.example.com\"}"
        );
        assert_eq!(substitute("stageVariables.host", Context::Mapping, &vars), "'api.example.com'");
        assert_eq!(substitute("stageVariables.none", Context::Mapping, &vars), "''");
        assert_eq!(substitute("context.requestId", Context::Mapping, &vars), "context.requestId");
    }

    #[test]
    fn a_method_resolves_for_a_stage() {
        let mut design = Design::default();
        let mut integration = crate::model::Integration {
            integration_type: "HTTP".into(),
            uri: Some("http://${stageVariables.backend}/pets".into()),
            connection_id: Some("${stageVariables.link}".into()),
            ..Default::default()
        };
        integration
            .request_parameters
            .insert("integration.request.header.X-Env".into(), "stageVariables.env".into());
        integration
            .request_templates
            .insert("application/json".into(), "{\"env\": \"$stageVariables.env\"}".into());
        let method = Method { integration: Some(integration), ..Default::default() };
        design.resources.insert(
            "/pets".into(),
            crate::model::Resource {
                id: None,
                methods: [("GET".to_string(), method)].into_iter().collect(),
            },
        );
        let mut dev = Stage::default();
        dev.variables.insert("backend".into(), "dev.example.com".into());
        dev.variables.insert("env".into(), "dev".into());
        design.stages.insert("dev".into(), dev);
        let resolved = resolve(&design, "/pets", "GET", "dev").unwrap();
        assert_eq!(resolved.uri.as_deref(), Some("http://dev.example.com/pets"));
        assert_eq!(resolved.connection_id.as_deref(), Some(""));
        assert_eq!(resolved.request_parameters["integration.request.header.X-Env"], "'dev'");
        assert_eq!(resolved.request_templates["application/json"], "{\"env\": \"dev\"}");
        assert_eq!(resolved.undefined, ["link"]);
        // A stage the design does not define has no variables.
        let bare = resolve(&design, "/pets", "GET", "prod").unwrap();
        assert_eq!(bare.uri.as_deref(), Some("http:///pets"));
        assert_eq!(bare.undefined, ["backend", "env", "link"]);
        assert_eq!(resolve(&design, "/pets", "POST", "dev"), None);
        assert_eq!(stages_lacking(&design, "link"), ["dev"]);
    }
}

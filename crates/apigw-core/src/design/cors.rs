//! "Enable CORS", as the console does it: an OPTIONS method with a MOCK integration answering
//! the preflight, and `Access-Control-Allow-Origin` on the resource's other methods.
//!
//! `enable` returns the edit (one undoable batch) together with a readable list of what it
//! changes, so the user sees the changes before applying them.

use crate::command::{Edit, Entry};
use crate::diagnostic::{Field, Owner};
use crate::facts;
use crate::model::{Design, Integration, IntegrationResponse, Method, MethodResponse};
use crate::path;

/// What the preflight answers.
#[derive(Clone, Debug, PartialEq)]
pub struct CorsOptions {
    /// A quoted mapping value, e.g. `'*'` or `'https://app.example.com'`.
    pub allow_origin: String,
    pub allow_headers: String,
    /// Also every resource beneath.
    pub subtree: bool,
}

impl Default for CorsOptions {
    fn default() -> CorsOptions {
        CorsOptions {
            allow_origin: "'*'".into(),
            allow_headers: facts::CORS_ALLOW_HEADERS_DEFAULT.into(),
            subtree: false,
        }
    }
}

const ORIGIN: &str = "method.response.header.Access-Control-Allow-Origin";
const HEADERS: &str = "method.response.header.Access-Control-Allow-Headers";
const METHODS: &str = "method.response.header.Access-Control-Allow-Methods";

/// The edit that enables CORS on `path` (and its subtree), with one line per change.
/// None when nothing would change.
pub fn enable(design: &Design, root: &str, options: &CorsOptions) -> Option<(Edit, Vec<String>)> {
    let mut edits = Vec::new();
    let mut changes = Vec::new();
    let quote = |text: &str| {
        let text = text.trim();
        if text.starts_with('\'') { text.to_string() } else { format!("'{text}'") }
    };
    let origin = quote(&options.allow_origin);
    let headers = quote(&options.allow_headers);
    for (p, resource) in &design.resources {
        if !(p == root || (options.subtree && path::is_within(p, root))) {
            continue;
        }
        let mut verbs: Vec<&str> =
            resource.methods.keys().map(String::as_str).filter(|v| *v != "OPTIONS").collect();
        if verbs.is_empty() && p != root {
            continue;
        }
        verbs.push("OPTIONS");
        let allow_methods = format!("'{}'", verbs.join(","));
        let options_method = preflight_method(p, &origin, &headers, &allow_methods);
        match resource.methods.get("OPTIONS") {
            Some(existing) if *existing == options_method => {}
            Some(_) => {
                changes.push(format!(
                    "{p}: replace OPTIONS with a MOCK preflight answering {allow_methods}"
                ));
                edits.push(Edit::PutMethod {
                    path: p.clone(),
                    verb: "OPTIONS".into(),
                    value: Some(options_method),
                });
            }
            None => {
                changes.push(format!("{p}: add OPTIONS (MOCK) answering {allow_methods}"));
                edits.push(Edit::PutMethod {
                    path: p.clone(),
                    verb: "OPTIONS".into(),
                    value: Some(options_method),
                });
            }
        }
        for (verb, method) in resource.methods.iter().filter(|(v, _)| *v != "OPTIONS") {
            let proxy =
                method.integration.as_ref().is_some_and(|i| facts::is_proxy(&i.integration_type));
            if proxy {
                changes.push(format!(
                    "{verb} {p}: skipped — a proxy integration returns the back end's headers, so the back end must send Access-Control-Allow-Origin"
                ));
                continue;
            }
            for (status, response) in &method.method_responses {
                if !status.starts_with('2') {
                    continue;
                }
                if !response.response_parameters.contains_key(ORIGIN) {
                    changes.push(format!("{verb} {p}: declare Access-Control-Allow-Origin on method response {status}"));
                    edits.push(Edit::SetEntry {
                        owner: Owner::method_response(p, verb, status),
                        field: Field::ResponseParameters,
                        key: ORIGIN.into(),
                        value: Some(Entry::Flag(false)),
                    });
                }
                let mapped = method
                    .integration
                    .as_ref()
                    .and_then(|i| i.integration_responses.get(status))
                    .map(|r| r.response_parameters.get(ORIGIN) == Some(&origin));
                if mapped == Some(false) {
                    changes.push(format!("{verb} {p}: map Access-Control-Allow-Origin to {origin} in integration response {status}"));
                    edits.push(Edit::SetEntry {
                        owner: Owner::integration_response(p, verb, status),
                        field: Field::ResponseParameters,
                        key: ORIGIN.into(),
                        value: Some(Entry::Text(origin.clone())),
                    });
                }
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    Some((Edit::Batch { label: format!("enable CORS on {root}"), edits }, changes))
}

/// The console's preflight method: OPTIONS, MOCK, 200 with the three Access-Control headers.
fn preflight_method(path: &str, origin: &str, headers: &str, methods: &str) -> Method {
    let declared = [HEADERS, METHODS, ORIGIN].map(|h| (h.to_string(), false)).into_iter().collect();
    let mapped = [(HEADERS, headers), (METHODS, methods), (ORIGIN, origin)]
        .map(|(h, v)| (h.to_string(), v.to_string()))
        .into_iter()
        .collect();
    let request_parameters = path::placeholders(path)
        .into_iter()
        .map(|n| (format!("method.request.path.{n}"), true))
        .collect();
    Method {
        request_parameters,
        method_responses: [(
            "200".to_string(),
            MethodResponse {
                response_parameters: declared,
                response_models: [("application/json".to_string(), "Empty".to_string())].into(),
            },
        )]
        .into(),
        integration: Some(Integration {
            integration_type: "MOCK".into(),
            request_templates: [(
                "application/json".to_string(),
                "{\"statusCode\": 200}".to_string(),
            )]
            .into(),
            passthrough_behavior: Some("WHEN_NO_MATCH".into()),
            integration_responses: [(
                "200".to_string(),
                IntegrationResponse { response_parameters: mapped, ..Default::default() },
            )]
            .into(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

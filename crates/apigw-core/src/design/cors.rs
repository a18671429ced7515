//! "Enable CORS", as the console does it: an OPTIONS method with a MOCK integration answering
//! the preflight, and `Access-Control-Allow-Origin` on the resource's other methods; and, as
//! the console offers, on the API's DEFAULT_4XX and DEFAULT_5XX gateway responses, so that a
//! browser can read API Gateway's own errors too.
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
    /// `Access-Control-Allow-Methods`; empty: the resource's own methods and OPTIONS.
    pub allow_methods: String,
    /// `Access-Control-Max-Age` in seconds; empty: not sent.
    pub max_age: String,
    /// `Access-Control-Allow-Credentials: true`.
    pub allow_credentials: bool,
    /// Also every resource beneath.
    pub subtree: bool,
    /// Also the API's DEFAULT_4XX and DEFAULT_5XX gateway responses.
    pub gateway_responses: bool,
}

impl Default for CorsOptions {
    fn default() -> CorsOptions {
        CorsOptions {
            allow_origin: "'*'".into(),
            allow_headers: facts::CORS_ALLOW_HEADERS_DEFAULT.into(),
            allow_methods: String::new(),
            max_age: String::new(),
            allow_credentials: false,
            subtree: false,
            gateway_responses: true,
        }
    }
}

const ORIGIN: &str = "method.response.header.Access-Control-Allow-Origin";
const HEADERS: &str = "method.response.header.Access-Control-Allow-Headers";
const METHODS: &str = "method.response.header.Access-Control-Allow-Methods";
const MAX_AGE: &str = "method.response.header.Access-Control-Max-Age";
const CREDENTIALS: &str = "method.response.header.Access-Control-Allow-Credentials";
/// What a gateway response's header keys start with.
const GATEWAY_HEADER: &str = "gatewayresponse.header.";
/// The gateway responses that cover every 4XX and 5XX error API Gateway answers itself.
const ERROR_RESPONSES: [&str; 2] = ["DEFAULT_4XX", "DEFAULT_5XX"];

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
    // The optional headers of the preflight, as (method response header, mapped value).
    let mut extra: Vec<(&str, String)> = Vec::new();
    if !options.max_age.trim().is_empty() {
        extra.push((MAX_AGE, quote(&options.max_age)));
    }
    if options.allow_credentials {
        extra.push((CREDENTIALS, "'true'".into()));
    }
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
        let allow_methods = if options.allow_methods.trim().is_empty() {
            format!("'{}'", verbs.join(","))
        } else {
            quote(&options.allow_methods)
        };
        let options_method = preflight_method(p, &origin, &headers, &allow_methods, &extra);
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
    if options.gateway_responses {
        for response_type in ERROR_RESPONSES {
            let current = design.gateway_responses.get(response_type);
            let mut value = current.cloned().unwrap_or_default();
            let mut headers_set = vec![("Access-Control-Allow-Origin", origin.clone())];
            headers_set.push(("Access-Control-Allow-Headers", headers.clone()));
            if options.allow_credentials {
                headers_set.push(("Access-Control-Allow-Credentials", "'true'".into()));
            }
            for (name, mapped) in headers_set {
                value.response_parameters.insert(format!("{GATEWAY_HEADER}{name}"), mapped);
            }
            if current != Some(&value) {
                changes.push(format!(
                    "gateway response {response_type}: send Access-Control-Allow-Origin {origin}, so a browser can read API Gateway's own errors"
                ));
                edits.push(Edit::PutGatewayResponse {
                    response_type: response_type.into(),
                    value: Some(value),
                });
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    Some((Edit::Batch { label: format!("enable CORS on {root}"), edits }, changes))
}

/// The console's preflight method: OPTIONS, MOCK, 200 with the three Access-Control headers.
fn preflight_method(
    path: &str,
    origin: &str,
    headers: &str,
    methods: &str,
    extra: &[(&str, String)],
) -> Method {
    let mut declared: crate::map::Map<String, bool> =
        [HEADERS, METHODS, ORIGIN].map(|h| (h.to_string(), false)).into_iter().collect();
    let mut mapped: crate::map::Map<String, String> =
        [(HEADERS, headers), (METHODS, methods), (ORIGIN, origin)]
            .map(|(h, v)| (h.to_string(), v.to_string()))
            .into_iter()
            .collect();
    for (header, value) in extra {
        declared.insert(header.to_string(), false);
        mapped.insert(header.to_string(), value.clone());
    }
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

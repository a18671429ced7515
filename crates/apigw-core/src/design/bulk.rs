//! Bulk edits: which methods a query picks ([`Query`]), and one change applied to many methods
//! at once ([`change`]), a method copied onto other resources ([`paste`]), and find and replace
//! across URIs, mappings and templates ([`replace`]).
//!
//! Each gives a [`Preview`]: the one edit (an `Edit::Batch`, so a single undo step), a line
//! per method it changes, the methods it leaves alone and why, and the errors and warnings of
//! the methods it reaches before and after, so the user sees what a change does before it is
//! applied.

use crate::checks::engine::validate_method;
use crate::command::Edit;
use crate::cors::{self, CorsOptions};
use crate::diagnostic::Diagnostic;
use crate::facts;
use crate::model::{Design, Method};
use crate::path;
use crate::text::counted;
use std::collections::BTreeSet;

/// A method, by resource path and verb.
pub type MethodKey = (String, String);

/// What a filter asks for: terms that must all match a method.
///
/// A term is part of a path, a verb (`get`), an integration type or kind (`mock`, `http`,
/// `lambda`), an authorization type or authorizer name (`iam`, `cognito`, `MyAuthorizer`), a
/// problem word (`error`, `warning`, `problem`) or a rule code (`AG301`); or one of the
/// phrases `under /admin` (the resource and everything beneath it), `no authorizer`,
/// `no validator`, `no integration` and `no key` (no API key required). Case does not matter.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    terms: Vec<Term>,
}

#[derive(Clone, Debug, PartialEq)]
enum Term {
    Word(String),
    Under(String),
    NoAuthorizer,
    NoValidator,
    NoIntegration,
    NoApiKey,
}

impl Query {
    /// The query typed, or `None` when it has no terms.
    pub fn parse(text: &str) -> Option<Query> {
        let words: Vec<String> =
            text.split_ascii_whitespace().map(str::to_ascii_lowercase).collect();
        let mut terms = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let next = words.get(i + 1).map(String::as_str);
            let phrase = match (words[i].as_str(), next) {
                ("under" | "in", Some(p)) => Some(Term::Under(under_path(p))),
                ("no" | "without", Some("authorizer" | "auth" | "authorization")) => {
                    Some(Term::NoAuthorizer)
                }
                ("no" | "without", Some("validator" | "validation")) => Some(Term::NoValidator),
                ("no" | "without", Some("integration")) => Some(Term::NoIntegration),
                ("no" | "without", Some("key" | "apikey" | "api-key")) => Some(Term::NoApiKey),
                _ => None,
            };
            match phrase {
                Some(term) => {
                    terms.push(term);
                    i += 2;
                }
                None => {
                    terms.push(Term::Word(words[i].clone()));
                    i += 1;
                }
            }
        }
        (!terms.is_empty()).then_some(Query { terms })
    }

    /// Whether the query asks about problems, so that it is redone when they change.
    pub fn reads_problems(&self) -> bool {
        self.terms.iter().any(|t| match t {
            Term::Word(w) => problem_word(w).is_some() || is_rule_code(w),
            _ => false,
        })
    }

    /// A resource matches on its path alone. `lower_path` is the path in ASCII lower case.
    pub fn resource_matches(&self, lower_path: &str) -> bool {
        self.terms.iter().all(|t| match t {
            Term::Word(w) => lower_path.contains(w.as_str()),
            Term::Under(p) => path::is_within(lower_path, p),
            _ => false,
        })
    }

    /// Whether a method matches every term. `lower_path` is its resource's path in ASCII lower
    /// case; `problems` gives the method's diagnostics (asked only for problem terms).
    pub fn method_matches<'a>(
        &self,
        lower_path: &str,
        verb: &str,
        method: &Method,
        problems: &dyn Fn() -> Vec<&'a Diagnostic>,
    ) -> bool {
        let integration = method.integration.as_ref();
        let kind = integration.map(|i| i.integration_type.to_ascii_lowercase());
        let label = integration.and_then(|i| {
            facts::INTEGRATION_KINDS
                .iter()
                .find(|(_, t)| *t == i.integration_type)
                .map(|(label, _)| label.to_ascii_lowercase())
        });
        let lambda = integration.is_some_and(calls_lambda);
        let authorization = method.authorization_type.to_ascii_lowercase();
        self.terms.iter().all(|t| match t {
            Term::Under(p) => path::is_within(lower_path, p),
            Term::NoAuthorizer => {
                method.authorizer.is_none() && method.authorization_type == "NONE"
            }
            Term::NoValidator => method.request_validator.is_none(),
            Term::NoIntegration => integration.is_none(),
            Term::NoApiKey => !method.api_key_required,
            Term::Word(t) => {
                let t = t.as_str();
                lower_path.contains(t)
                    || verb.eq_ignore_ascii_case(t)
                    || kind.as_deref().is_some_and(|k| k.contains(t))
                    || label.as_deref().is_some_and(|l| l.contains(t))
                    || (t == "lambda" && lambda)
                    || (integration.is_none() && "none".contains(t))
                    || (t.len() >= 3 && authorization.contains(t))
                    || method.authorizer.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(t))
                    || match problem_word(t) {
                        Some(Some(error)) => problems().iter().any(|d| d.is_error() == error),
                        Some(None) => !problems().is_empty(),
                        None => {
                            is_rule_code(t)
                                && problems().iter().any(|d| d.code.eq_ignore_ascii_case(t))
                        }
                    }
            }
        })
    }

    /// Every method of `design` the query matches, in the tree's order.
    pub fn matching(&self, design: &Design, checker: &crate::Checker) -> Vec<MethodKey> {
        let mut paths: Vec<&String> = design.resources.keys().collect();
        paths.sort_by(|a, b| path::tree_cmp(a, b));
        let mut out = Vec::new();
        for p in paths {
            let lower = p.to_ascii_lowercase();
            for (verb, method) in &design.resources[p].methods {
                let problems = || checker.method_problems(p, verb).collect::<Vec<_>>();
                if self.method_matches(&lower, verb, method, &problems) {
                    out.push((p.clone(), verb.clone()));
                }
            }
        }
        out
    }
}

/// `/admin`, from what follows `under`: a leading `/` added, a trailing one dropped.
fn under_path(text: &str) -> String {
    let trimmed = text.trim_end_matches('/');
    if trimmed.starts_with('/') { trimmed.to_string() } else { format!("/{trimmed}") }
}

/// `error(s)` asks for errors, `warning(s)` for warnings, `problem(s)` for either.
fn problem_word(term: &str) -> Option<Option<bool>> {
    match term {
        "error" | "errors" => Some(Some(true)),
        "warning" | "warnings" => Some(Some(false)),
        "problem" | "problems" => Some(None),
        _ => None,
    }
}

/// A rule's code, such as `ag301`.
fn is_rule_code(term: &str) -> bool {
    term.len() > 2 && term.starts_with("ag") && term[2..].bytes().all(|b| b.is_ascii_digit())
}

/// Whether an integration calls a Lambda function (proxy or not).
fn calls_lambda(integration: &crate::model::Integration) -> bool {
    facts::is_aws(&integration.integration_type)
        && integration.uri.as_deref().is_some_and(|u| u.contains(":lambda:path/"))
}

/// Who may call the methods.
#[derive(Clone, Debug, PartialEq)]
pub enum Access {
    /// Anyone (authorization NONE).
    Open,
    /// Callers signing with IAM credentials (AWS_IAM).
    Iam,
    /// An authorizer of the design, by name; the authorization type follows from its type.
    Authorizer(String),
}

/// One change applied to every chosen method.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Access(Access),
    /// A request validator by name, or none.
    Validator(Option<String>),
    ApiKeyRequired(bool),
    /// Passes a header to the back end: `integration.request.header.{header}` mapped from
    /// `source` (empty: the method request header of the same name, which is then declared).
    HeaderMapping {
        header: String,
        source: String,
    },
    /// The integration timeout in milliseconds; `None` is API Gateway's default.
    Timeout(Option<i64>),
    /// "Enable CORS" on the chosen methods' resources.
    Cors(CorsOptions),
}

/// What a bulk change would do, before it is applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preview {
    /// The change as one edit (one undo step); `None` when nothing would change.
    pub edit: Option<Edit>,
    /// One line per change, such as `GET /pets: authorizer → Cognito`.
    pub lines: Vec<String>,
    /// The methods (or resources) left alone, each with why.
    pub skipped: Vec<String>,
    /// How many methods it changes.
    pub methods: usize,
    /// Errors and warnings of the methods it reaches, before and after.
    pub before: (usize, usize),
    pub after: (usize, usize),
}

impl Preview {
    /// One sentence: what it changes and what that does to the problems.
    pub fn summary(&self) -> String {
        if self.edit.is_none() {
            return "Nothing to change.".into();
        }
        let mut text = format!("Changes {}.", counted(self.methods, "method", "methods"));
        let (e0, w0) = self.before;
        let (e1, w1) = self.after;
        if (e0, w0) != (e1, w1) {
            text.push_str(&format!(
                " Problems of those methods: {} and {} before, {} and {} after.",
                counted(e0, "error", "errors"),
                counted(w0, "warning", "warnings"),
                counted(e1, "error", "errors"),
                counted(w1, "warning", "warnings"),
            ));
        }
        text
    }
}

/// The methods of `keys` that `design` has, with each one's method.
fn chosen<'a>(design: &'a Design, keys: &'a [MethodKey]) -> Vec<(&'a str, &'a str, &'a Method)> {
    let mut seen = BTreeSet::new();
    let mut out: Vec<(&str, &str, &Method)> = keys
        .iter()
        .filter(|k| seen.insert(*k))
        .filter_map(|(p, v)| {
            let method = design.resources.get(p)?.methods.get(v)?;
            Some((p.as_str(), v.as_str(), method))
        })
        .collect();
    // In the tree's order, so the preview reads as the tree does.
    out.sort_by(|a, b| path::tree_cmp(a.0, b.0).then_with(|| a.1.cmp(b.1)));
    out
}

/// Builds the preview of `edits` (one per method, each a `PutMethod`) with their lines.
fn finish(
    design: &Design,
    label: String,
    edits: Vec<Edit>,
    lines: Vec<String>,
    skipped: Vec<String>,
) -> Preview {
    if edits.is_empty() {
        return Preview { skipped, ..Preview::default() };
    }
    let reached: BTreeSet<(String, String)> = edits
        .iter()
        .filter_map(|e| e.method_key())
        .map(|(p, v)| (p.to_string(), v.to_string()))
        .collect();
    let methods = reached.len();
    let edit = Edit::Batch { label, edits };
    let mut after_design = design.clone();
    let applied = edit.clone().apply(&mut after_design).is_ok();
    let count = |d: &Design| {
        let mut out = Vec::new();
        for (p, v) in &reached {
            if d.resources.get(p).is_some_and(|r| r.methods.contains_key(v)) {
                validate_method(d, p, v, &mut out);
            }
        }
        crate::diagnostic::counts_iter(out.iter())
    };
    let before = count(design);
    let after = if applied { count(&after_design) } else { before };
    Preview { edit: applied.then_some(edit), lines, skipped, methods, before, after }
}

/// The label of a method in lines: `GET /pets`.
fn name(path: &str, verb: &str) -> String {
    format!("{verb} {path}")
}

/// The preview of one change applied to the chosen methods.
pub fn change(design: &Design, keys: &[MethodKey], change: &Change) -> Preview {
    let methods = chosen(design, keys);
    if let Change::Cors(options) = change {
        return cors_change(design, &methods, options);
    }
    let mut edits = Vec::new();
    let mut lines = Vec::new();
    let mut skipped = Vec::new();
    for (p, verb, method) in methods {
        let mut next = method.clone();
        match apply_one(design, verb, &mut next, change) {
            Err(why) => skipped.push(format!("{}: {why}", name(p, verb))),
            Ok(()) if next == *method => {}
            Ok(()) => {
                lines.push(format!("{}: {}", name(p, verb), describe(change, &next)));
                edits.push(Edit::PutMethod {
                    path: p.into(),
                    verb: verb.into(),
                    value: Some(next),
                });
            }
        }
    }
    let label =
        format!("{} on {}", change_label(change), counted(edits.len(), "method", "methods"));
    finish(design, label, edits, lines, skipped)
}

fn change_label(change: &Change) -> &'static str {
    match change {
        Change::Access(_) => "set authorization",
        Change::Validator(_) => "set the request validator",
        Change::ApiKeyRequired(_) => "set API key required",
        Change::HeaderMapping { .. } => "map a header",
        Change::Timeout(_) => "set the timeout",
        Change::Cors(_) => "enable CORS",
    }
}

/// What a change did to a method, for its line.
fn describe(change: &Change, method: &Method) -> String {
    match change {
        Change::Access(Access::Open) => "open to anyone (NONE)".into(),
        Change::Access(Access::Iam) => "IAM credentials (AWS_IAM)".into(),
        Change::Access(Access::Authorizer(a)) => {
            format!("authorizer {a} ({})", method.authorization_type)
        }
        Change::Validator(Some(v)) => format!("request validator {v}"),
        Change::Validator(None) => "no request validator".into(),
        Change::ApiKeyRequired(true) => "API key required".into(),
        Change::ApiKeyRequired(false) => "no API key required".into(),
        Change::HeaderMapping { header, .. } => {
            let key = format!("integration.request.header.{}", header.trim());
            let source = method
                .integration
                .as_ref()
                .and_then(|i| i.request_parameters.get(&key))
                .cloned()
                .unwrap_or_default();
            format!("{key} ← {source}")
        }
        Change::Timeout(Some(ms)) => format!("timeout {ms} ms"),
        Change::Timeout(None) => {
            format!("timeout back to the default ({} ms)", facts::TIMEOUT_DEFAULT_MS)
        }
        Change::Cors(_) => String::new(),
    }
}

/// Applies `change` to one method, or says why it does not apply to it.
fn apply_one(
    design: &Design,
    verb: &str,
    method: &mut Method,
    change: &Change,
) -> Result<(), String> {
    let preflight = verb == "OPTIONS";
    match change {
        Change::Access(access) => {
            let (kind, authorizer) = match access {
                Access::Open => ("NONE", None),
                Access::Iam => ("AWS_IAM", None),
                Access::Authorizer(a) => {
                    let Some(found) = design.authorizers.get(a) else {
                        return Err(format!("the design has no authorizer {a}"));
                    };
                    let kind = if facts::is_cognito_authorizer(&found.authorizer_type) {
                        "COGNITO_USER_POOLS"
                    } else {
                        "CUSTOM"
                    };
                    (kind, Some(a.clone()))
                }
            };
            if preflight && kind != "NONE" {
                return Err(
                    "a CORS preflight stays open: browsers send it without credentials".into()
                );
            }
            method.authorization_type = kind.into();
            method.authorizer = authorizer;
            if !facts::takes_scopes(kind) {
                method.authorization_scopes.clear();
            }
        }
        Change::Validator(validator) => {
            if let Some(v) = validator {
                if !design.request_validators.contains_key(v) {
                    return Err(format!("the design has no request validator {v}"));
                }
            }
            method.request_validator = validator.clone();
        }
        Change::ApiKeyRequired(required) => {
            if preflight && *required {
                return Err(
                    "a CORS preflight stays open: browsers send it without an API key".into()
                );
            }
            method.api_key_required = *required;
        }
        Change::HeaderMapping { header, source } => {
            let header = header.trim();
            let Some(integration) = method.integration.as_mut() else {
                return Err("no integration to pass the header to".into());
            };
            if facts::is_mock(&integration.integration_type) {
                return Err("a mock integration has no back end to pass the header to".into());
            }
            if integration.integration_type == "AWS_PROXY" {
                return Err(
                    "a Lambda proxy integration receives every request header as it is".into()
                );
            }
            let source = source.trim();
            let source = if source.is_empty() {
                format!("method.request.header.{header}")
            } else {
                source.to_string()
            };
            integration
                .request_parameters
                .insert(format!("integration.request.header.{header}"), source.clone());
            if let Some(declared) = source.strip_prefix("method.request.") {
                let key = format!("method.request.{declared}");
                method.request_parameters.entry(key).or_insert(false);
            }
        }
        Change::Timeout(ms) => {
            let Some(integration) = method.integration.as_mut() else {
                return Err("no integration to time out".into());
            };
            if facts::is_mock(&integration.integration_type) {
                return Err("a mock integration answers at once and takes no timeout".into());
            }
            integration.timeout_in_millis = *ms;
        }
        Change::Cors(_) => {}
    }
    Ok(())
}

/// "Enable CORS" on each chosen method's resource, the API's error responses once.
fn cors_change(
    design: &Design,
    methods: &[(&str, &str, &Method)],
    options: &CorsOptions,
) -> Preview {
    let resources: BTreeSet<&str> = methods.iter().map(|(p, _, _)| *p).collect();
    let mut edits = Vec::new();
    let mut lines = Vec::new();
    let mut next = design.clone();
    let mut options = CorsOptions { subtree: false, ..options.clone() };
    for p in resources {
        if let Some((edit, changes)) = cors::enable(&next, p, &options) {
            // Each resource's changes see the ones before, so the API's error responses are
            // changed once.
            if edit.clone().apply(&mut next).is_ok() {
                edits.push(edit);
                lines.extend(changes);
                options.gateway_responses = false;
            }
        }
    }
    let label = format!("enable CORS on {}", counted(edits.len(), "resource", "resources"));
    let mut preview = finish(design, label, edits, lines, Vec::new());
    // The methods it changes are those its lines name, the preflights included.
    preview.methods = cors_methods(preview.edit.as_ref());
    preview
}

/// How many methods an edit reaches.
fn cors_methods(edit: Option<&Edit>) -> usize {
    fn walk<'a>(edit: &'a Edit, out: &mut BTreeSet<(&'a str, &'a str)>) {
        match edit {
            Edit::Batch { edits, .. } => edits.iter().for_each(|e| walk(e, out)),
            other => {
                if let Some(key) = other.method_key() {
                    out.insert(key);
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    if let Some(edit) = edit {
        walk(edit, &mut out);
    }
    out.len()
}

/// The preview of `source` (a method with its integration and responses) copied onto each of
/// `resources` under the same verb, replacing a method of that verb there.
pub fn paste(design: &Design, source: &MethodKey, resources: &[String]) -> Preview {
    let (from, verb) = source;
    let Some(method) = design.resources.get(from).and_then(|r| r.methods.get(verb)) else {
        return Preview {
            skipped: vec![format!("{}: no longer in the design", name(from, verb))],
            ..Preview::default()
        };
    };
    let mut edits = Vec::new();
    let mut lines = Vec::new();
    let mut skipped = Vec::new();
    let mut targets: Vec<&String> = resources.iter().collect::<BTreeSet<_>>().into_iter().collect();
    targets.sort_by(|a, b| path::tree_cmp(a, b));
    for p in targets {
        let Some(resource) = design.resources.get(p) else {
            skipped.push(format!("{p}: no longer in the design"));
            continue;
        };
        if p == from {
            skipped.push(format!("{}: the method copied", name(p, verb)));
            continue;
        }
        let line = match resource.methods.get(verb) {
            Some(existing) if existing == method => continue,
            Some(_) => format!("~ {}: replaced by a copy of {}", name(p, verb), name(from, verb)),
            None => format!("+ {}: a copy of {}", name(p, verb), name(from, verb)),
        };
        lines.push(line);
        edits.push(Edit::PutMethod {
            path: p.clone(),
            verb: verb.clone(),
            value: Some(method.clone()),
        });
    }
    let label = format!(
        "paste {} onto {}",
        name(from, verb),
        counted(edits.len(), "resource", "resources")
    );
    finish(design, label, edits, lines, skipped)
}

/// The preview of every `find` replaced by `with` in the chosen methods' integration URIs,
/// request and response mappings, and request and response templates. Case matters, as it
/// does to API Gateway.
pub fn replace(design: &Design, keys: &[MethodKey], find: &str, with: &str) -> Preview {
    if find.is_empty() {
        return Preview::default();
    }
    let mut edits = Vec::new();
    let mut lines = Vec::new();
    for (p, verb, method) in chosen(design, keys) {
        let Some(integration) = &method.integration else { continue };
        let mut next = integration.clone();
        let mut places: Vec<String> = Vec::new();
        let mut count = 0;
        let mut swap = |text: &mut String, place: String| {
            let n = text.matches(find).count();
            if n > 0 {
                *text = text.replace(find, with);
                count += n;
                places.push(place);
            }
        };
        if let Some(uri) = next.uri.as_mut() {
            swap(uri, "URI".into());
        }
        for (key, value) in next.request_parameters.iter_mut() {
            swap(value, key.clone());
        }
        for (content_type, template) in next.request_templates.iter_mut() {
            swap(template, format!("request template {content_type}"));
        }
        for (status, response) in next.integration_responses.iter_mut() {
            for (key, value) in response.response_parameters.iter_mut() {
                swap(value, format!("{status}: {key}"));
            }
            for (content_type, template) in response.response_templates.iter_mut() {
                swap(template, format!("{status}: response template {content_type}"));
            }
        }
        if count == 0 {
            continue;
        }
        lines.push(format!(
            "{}: {} ({})",
            name(p, verb),
            counted(count, "replacement", "replacements"),
            places.join(", ")
        ));
        edits.push(Edit::SetIntegration { path: p.into(), verb: verb.into(), value: Some(next) });
    }
    let label = format!("replace text in {}", counted(edits.len(), "method", "methods"));
    finish(design, label, edits, lines, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Edit;
    use crate::model::{Authorizer, Integration, RequestValidator, Resource};

    fn design(methods: usize) -> Design {
        let mut d = Design::default();
        d.authorizers.insert(
            "Users".into(),
            Authorizer {
                authorizer_type: "COGNITO_USER_POOLS".into(),
                provider_arns: vec![
                    "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x".into(),
                ],
                ..Default::default()
            },
        );
        d.authorizers.insert(
            "Token".into(),
            Authorizer { authorizer_type: "TOKEN".into(), ..Default::default() },
        );
        d.request_validators.insert("All".into(), RequestValidator::default());
        for i in 0..methods {
            let p = if i % 2 == 0 { format!("/admin/r{i}") } else { format!("/public/r{i}") };
            for ancestor in path::ancestors(&p) {
                d.resources.entry(ancestor).or_insert_with(Resource::default);
            }
            d.resources.entry(p.clone()).or_insert_with(Resource::default);
            let mut method = Method {
                authorization_type: "NONE".into(),
                authorization_scopes: vec!["email".into()],
                ..Default::default()
            };
            method.integration = Some(Integration {
                integration_type: if i % 3 == 0 { "AWS_PROXY".into() } else { "HTTP".into() },
                integration_http_method: Some("POST".into()),
                uri: Some(if i % 3 == 0 {
                    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations".into()
                } else {
                    "https://old.example.com/items".into()
                }),
                ..Default::default()
            });
            d.resources.get_mut(&p).unwrap().methods.insert("GET".into(), method);
        }
        d
    }

    fn keys(d: &Design) -> Vec<MethodKey> {
        d.resources
            .iter()
            .flat_map(|(p, r)| r.methods.keys().map(move |v| (p.clone(), v.clone())))
            .collect()
    }

    #[test]
    fn queries_read_phrases_and_words() {
        let d = design(12);
        let checker = crate::Checker::new(&d);
        let under = Query::parse("under /admin").unwrap().matching(&d, &checker);
        assert_eq!(under.len(), 6);
        assert!(under.iter().all(|(p, _)| p.starts_with("/admin/")));
        let lambda = Query::parse("Lambda").unwrap().matching(&d, &checker);
        assert_eq!(lambda.len(), 4);
        let open = Query::parse("no authorizer under admin").unwrap().matching(&d, &checker);
        assert_eq!(open.len(), 6);
        assert!(Query::parse("   ").is_none());
        // A phrase word at the end is a plain word.
        assert_eq!(Query::parse("no").unwrap().terms, vec![Term::Word("no".into())]);
        assert!(Query::parse("under /admin").unwrap().resource_matches("/admin/r0"));
        assert!(!Query::parse("no authorizer").unwrap().resource_matches("/admin"));
    }

    #[test]
    fn an_authorizer_on_fifty_methods_is_one_edit_and_one_preview() {
        let d = design(50);
        let all = keys(&d);
        assert_eq!(all.len(), 50);
        let preview = change(&d, &all, &Change::Access(Access::Authorizer("Token".into())));
        assert_eq!(preview.methods, 50);
        assert_eq!(preview.lines.len(), 50);
        assert!(preview.lines[0].contains("authorizer Token (CUSTOM)"), "{:?}", preview.lines[0]);
        let mut after = d.clone();
        let mut history = crate::History::default();
        history.apply(&mut after, preview.edit.unwrap()).unwrap();
        for (p, v) in &all {
            let m = &after.resources[p].methods[v];
            assert_eq!(m.authorization_type, "CUSTOM");
            assert_eq!(m.authorizer.as_deref(), Some("Token"));
            assert!(m.authorization_scopes.is_empty(), "scopes go with a non-Cognito type");
        }
        // One undo step takes all fifty back.
        assert!(history.undo(&mut after).unwrap().is_some());
        assert_eq!(after, d);
    }

    #[test]
    fn cognito_keeps_scopes_and_preflights_stay_open() {
        let mut d = design(2);
        d.resources.get_mut("/admin/r0").unwrap().methods.insert(
            "OPTIONS".into(),
            Method { authorization_type: "NONE".into(), ..Default::default() },
        );
        let preview = change(&d, &keys(&d), &Change::Access(Access::Authorizer("Users".into())));
        assert_eq!(preview.methods, 2);
        assert_eq!(preview.skipped.len(), 1);
        assert!(preview.skipped[0].starts_with("OPTIONS /admin/r0: a CORS preflight"));
        let Some(Edit::Batch { edits, .. }) = &preview.edit else { panic!() };
        let Edit::PutMethod { value: Some(m), .. } = &edits[0] else { panic!() };
        assert_eq!(m.authorization_type, "COGNITO_USER_POOLS");
        assert_eq!(m.authorization_scopes, vec!["email".to_string()]);
        let missing = change(&d, &keys(&d), &Change::Access(Access::Authorizer("Gone".into())));
        assert!(missing.edit.is_none());
        assert_eq!(missing.skipped.len(), 3);
    }

    #[test]
    fn header_mappings_declare_their_source_and_skip_what_cannot_take_them() {
        let d = design(6);
        let preview = change(
            &d,
            &keys(&d),
            &Change::HeaderMapping { header: "X-Tenant".into(), source: String::new() },
        );
        // The Lambda proxies (r0, r3) are skipped; the four HTTP ones map the header.
        assert_eq!(preview.methods, 4);
        assert_eq!(preview.skipped.len(), 2);
        let mut after = d;
        preview.edit.unwrap().apply(&mut after).unwrap();
        let m = &after.resources["/public/r1"].methods["GET"];
        assert_eq!(m.request_parameters.get("method.request.header.X-Tenant"), Some(&false));
        assert_eq!(
            m.integration
                .as_ref()
                .unwrap()
                .request_parameters
                .get("integration.request.header.X-Tenant")
                .map(String::as_str),
            Some("method.request.header.X-Tenant")
        );
        assert_eq!(preview.before, preview.after, "a declared mapping adds no problem");
    }

    #[test]
    fn validator_timeout_and_api_key_change_only_what_differs() {
        let d = design(4);
        let all = keys(&d);
        let v = change(&d, &all, &Change::Validator(Some("All".into())));
        assert_eq!(v.methods, 4);
        let t = change(&d, &all, &Change::Timeout(Some(5000)));
        assert_eq!(t.methods, 4);
        assert!(t.lines[0].ends_with("timeout 5000 ms"));
        // Nothing to change: no edit.
        let k = change(&d, &all, &Change::ApiKeyRequired(false));
        assert!(k.edit.is_none());
        assert_eq!(k.summary(), "Nothing to change.");
    }

    #[test]
    fn paste_copies_onto_resources_and_counts_the_problems_it_brings() {
        let mut d = design(2);
        d.resources.insert("/items".into(), Resource::default());
        d.resources.insert("/items/{id}".into(), Resource::default());
        let mut source = d.resources["/admin/r0"].methods["GET"].clone();
        source.request_parameters.insert("method.request.path.id".into(), true);
        d.resources.get_mut("/admin/r0").unwrap().methods.insert("POST".into(), source);
        let preview = paste(
            &d,
            &("/admin/r0".into(), "POST".into()),
            &["/items".into(), "/items/{id}".into(), "/admin/r0".into()],
        );
        assert_eq!(preview.methods, 2);
        assert_eq!(preview.lines[0], "+ POST /items: a copy of POST /admin/r0");
        assert_eq!(preview.skipped, vec!["POST /admin/r0: the method copied".to_string()]);
        // On /items, the copied path parameter names no part of the path.
        assert!(preview.after.0 > preview.before.0);
        assert!(preview.summary().contains("after"));
    }

    #[test]
    fn find_and_replace_reaches_uris_mappings_and_templates() {
        let mut d = design(3);
        let m = d.resources.get_mut("/public/r1").unwrap().methods.get_mut("GET").unwrap();
        let i = m.integration.as_mut().unwrap();
        i.request_templates
            .insert("application/json".into(), "{\"host\": \"old.example.com\"}".into());
        i.request_parameters
            .insert("integration.request.header.Host".into(), "'old.example.com'".into());
        let preview = replace(&d, &keys(&d), "old.example.com", "new.example.com");
        assert_eq!(preview.methods, 2);
        assert_eq!(
            preview.lines[1],
            "GET /public/r1: 3 replacements (URI, integration.request.header.Host, request template application/json)"
        );
        let mut after = d.clone();
        preview.edit.unwrap().apply(&mut after).unwrap();
        let text = serde_json::to_string(&after).unwrap();
        assert!(!text.contains("old.example.com"));
        assert!(replace(&d, &keys(&d), "", "x").edit.is_none());
    }

    #[test]
    fn cors_on_chosen_methods_changes_the_error_responses_once() {
        let d = design(4);
        let preview = change(&d, &keys(&d), &Change::Cors(CorsOptions::default()));
        let gateway = preview.lines.iter().filter(|l| l.starts_with("gateway response")).count();
        assert_eq!(gateway, 2);
        assert!(preview.lines.iter().any(|l| l.contains("add OPTIONS")));
        assert!(preview.methods >= 4);
        let mut after = d;
        preview.edit.unwrap().apply(&mut after).unwrap();
        assert!(after.resources["/public/r1"].methods.contains_key("OPTIONS"));
    }

    #[test]
    fn hostile_names_stay_text_in_lines() {
        let mut d = Design::default();
        let p = "/$(reboot)\n\"x\"";
        d.resources.insert(p.into(), Resource::default());
        d.resources.get_mut(p).unwrap().methods.insert("GET".into(), Method::default());
        let preview = change(&d, &keys(&d), &Change::ApiKeyRequired(true));
        assert_eq!(preview.lines, vec![format!("GET {p}: API key required")]);
    }
}

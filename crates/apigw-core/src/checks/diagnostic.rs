//! Diagnostics: what is wrong, where, why, and how to fix it.

pub use crate::field::Field;
use serde::{Deserialize, Serialize};

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// API Gateway rejects it, or the API cannot work.
    Error,
    /// Accepted, but likely wrong or dependent on account settings.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// When API Gateway fails on a problem. A rule's phase decides its severity: an API that fails
/// at a call, at deploy or when called is an error; advice is a warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// API Gateway rejects the call that sets it (a 400 or 409 answer to that request).
    Call,
    /// Every call is accepted, but CreateDeployment fails.
    Deploy,
    /// Everything is accepted and deployed; the API fails when it is called.
    Invoke,
    /// It works, but is probably not what was meant, or depends on the account's quotas.
    Advice,
    /// An imported file says something two ways, so the design cannot know which was meant.
    File,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Call => "call",
            Phase::Deploy => "deploy",
            Phase::Invoke => "invoke",
            Phase::Advice => "advice",
            Phase::File => "file",
        }
    }

    pub const fn severity(self) -> Severity {
        match self {
            Phase::Advice => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// What happens, in the user's words.
    pub fn words(self) -> &'static str {
        match self {
            Phase::Call => "API Gateway rejects this",
            Phase::Deploy => "Deploy will fail",
            Phase::Invoke => "Callers will get an error",
            Phase::Advice => "Works, but probably not what you meant",
            Phase::File => "The file says this two ways",
        }
    }
}

/// The design element a diagnostic is about, or an edit changes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Owner {
    Api,
    Authorizer {
        name: String,
    },
    RequestValidator {
        name: String,
    },
    Model {
        name: String,
    },
    /// A gateway response, by its response type (`DEFAULT_4XX`…).
    GatewayResponse {
        #[serde(rename = "responseType")]
        response_type: String,
    },
    /// A stage of the design, by name.
    Stage {
        name: String,
    },
    Resource {
        path: String,
    },
    Method {
        path: String,
        verb: String,
    },
    MethodResponse {
        path: String,
        verb: String,
        status: String,
    },
    Integration {
        path: String,
        verb: String,
    },
    IntegrationResponse {
        path: String,
        verb: String,
        status: String,
    },
    /// A call of an imported plan (for problems of the call sequence itself).
    Call {
        index: usize,
    },
}

impl Owner {
    pub fn method(path: &str, verb: &str) -> Owner {
        Owner::Method { path: path.into(), verb: verb.into() }
    }
    pub fn integration(path: &str, verb: &str) -> Owner {
        Owner::Integration { path: path.into(), verb: verb.into() }
    }
    pub fn method_response(path: &str, verb: &str, status: &str) -> Owner {
        Owner::MethodResponse { path: path.into(), verb: verb.into(), status: status.into() }
    }
    pub fn integration_response(path: &str, verb: &str, status: &str) -> Owner {
        Owner::IntegrationResponse { path: path.into(), verb: verb.into(), status: status.into() }
    }
    pub fn gateway_response(response_type: &str) -> Owner {
        Owner::GatewayResponse { response_type: response_type.into() }
    }
    pub fn stage(name: &str) -> Owner {
        Owner::Stage { name: name.into() }
    }

    /// The resource path and verb of a method-level owner.
    pub fn method_key(&self) -> Option<(&str, &str)> {
        match self {
            Owner::Method { path, verb }
            | Owner::Integration { path, verb }
            | Owner::MethodResponse { path, verb, .. }
            | Owner::IntegrationResponse { path, verb, .. } => Some((path, verb)),
            _ => None,
        }
    }

    /// The resource path of a resource- or method-level owner.
    pub fn resource_path(&self) -> Option<&str> {
        match self {
            Owner::Resource { path } => Some(path),
            _ => self.method_key().map(|(path, _)| path),
        }
    }
}

/// A typed location: an owner, optionally one of its fields, optionally a key of that field.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Target {
    pub owner: Owner,
    /// The field, by its one name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    /// A map key or list item within the field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

impl Target {
    pub fn of(owner: Owner) -> Target {
        Target { owner, field: None, key: None }
    }
    pub fn field(owner: Owner, field: Field) -> Target {
        Target { owner, field: Some(field), key: None }
    }
    pub fn key(owner: Owner, field: Field, key: impl Into<String>) -> Target {
        Target { owner, field: Some(field), key: Some(key.into()) }
    }

    /// A place in an imported file itself, by its JSON Pointer (RFC 6901) into that file: for
    /// what an import could not carry, which has no place in the design.
    pub fn in_file(pointer: impl Into<String>) -> Target {
        Target::key(Owner::Api, Field::File, pointer)
    }

    /// The JSON Pointer into the imported file of a [`Target::in_file`] target.
    pub fn file_pointer(&self) -> Option<&str> {
        (self.field == Some(Field::File)).then(|| self.key.as_deref().unwrap_or_default())
    }

    /// An RFC 6901 JSON Pointer to this target in a design document.
    pub fn design_pointer(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let method = |parts: &mut Vec<String>, path: &str, verb: &str| {
            parts.extend(["resources".into(), path.into(), "methods".into(), verb.into()]);
        };
        match &self.owner {
            Owner::Api => parts.push("api".into()),
            Owner::Authorizer { name } => parts.extend(["authorizers".into(), name.clone()]),
            Owner::RequestValidator { name } => {
                parts.extend(["requestValidators".into(), name.clone()])
            }
            Owner::Model { name } => parts.extend(["models".into(), name.clone()]),
            Owner::GatewayResponse { response_type } => {
                parts.extend(["gatewayResponses".into(), response_type.clone()])
            }
            Owner::Stage { name } => parts.extend(["stages".into(), name.clone()]),
            Owner::Resource { path } => parts.extend(["resources".into(), path.clone()]),
            Owner::Method { path, verb } => method(&mut parts, path, verb),
            Owner::MethodResponse { path, verb, status } => {
                method(&mut parts, path, verb);
                parts.extend(["methodResponses".into(), status.clone()]);
            }
            Owner::Integration { path, verb } => {
                method(&mut parts, path, verb);
                parts.push("integration".into());
            }
            Owner::IntegrationResponse { path, verb, status } => {
                method(&mut parts, path, verb);
                parts.extend(["integration".into(), "integrationResponses".into(), status.clone()]);
            }
            Owner::Call { index } => parts.extend(["calls".into(), index.to_string()]),
        }
        if let Some(field) = self.field {
            parts.push(field.name().into());
            if let Some(key) = &self.key {
                if !field.is_list() {
                    parts.push(key.clone());
                }
            }
        }
        pointer(&parts)
    }
}

/// Splits an RFC 6901 pointer into its reference tokens (`~1` → `/`, `~0` → `~`); the whole
/// document, `""`, has none.
pub fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Joins reference tokens into an RFC 6901 pointer (`~` → `~0`, `/` → `~1`).
pub fn pointer<S: AsRef<str>>(tokens: &[S]) -> String {
    let mut out = String::new();
    for token in tokens {
        out.push('/');
        out.push_str(&token.as_ref().replace('~', "~0").replace('/', "~1"));
    }
    out
}

/// One problem found in a design.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `AG322`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `undeclared-method-parameter`.
    pub name: &'static str,
    pub severity: Severity,
    /// When API Gateway fails on it.
    pub phase: Phase,
    pub target: Target,
    /// What is wrong and why.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// API Gateway's own error text for this mistake, where it is on record, so that users
    /// recognise it and can search for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aws_message: Option<&'static str>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The earliest phase at which API Gateway fails on these diagnostics: a refused call (or a
/// file that cannot be read one way) comes before a failed deploy, which comes before failing
/// callers. `None` when there are no errors.
pub fn first_failure<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Option<Phase> {
    diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| if d.phase == Phase::File { Phase::Call } else { d.phase })
        .min()
}

/// Counts errors and warnings.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    counts_iter(diagnostics)
}

/// Counts errors and warnings of any sequence of diagnostics.
pub fn counts_iter<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> (usize, usize) {
    diagnostics
        .into_iter()
        .fold((0, 0), |(e, w), d| if d.is_error() { (e + 1, w) } else { (e, w + 1) })
}

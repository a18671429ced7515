//! What a deploy will do, said once for every shell: each call's kind of change (and its sign),
//! what it is about, the text of its patch operations, and the tally of a list of calls.

use crate::diff::patched_item;
use crate::plan::Call;
use serde_json::{Map, Value};

/// What a call does to the live API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Create* and Put*: something new (or replaced whole).
    Create,
    /// Update*: patch operations on something that stays.
    Update,
    /// Delete*.
    Delete,
}

impl Change {
    pub fn of(call: &Call) -> Change {
        let operation = call.operation();
        if operation.starts_with("Delete") {
            Change::Delete
        } else if operation.starts_with("Update") {
            Change::Update
        } else {
            Change::Create
        }
    }

    /// `+`, `~` or `-`, as a diff shows them.
    pub fn sign(self) -> char {
        match self {
            Change::Create => '+',
            Change::Update => '~',
            Change::Delete => '-',
        }
    }

    /// `create`, `update` or `delete`.
    pub fn name(self) -> &'static str {
        match self {
            Change::Create => "create",
            Change::Update => "update",
            Change::Delete => "delete",
        }
    }
}

/// How much of a patch value the patch text shows.
const VALUE_CHARS: usize = 60;

/// A value as a review shows it: shortened past [`VALUE_CHARS`].
fn short(value: &str) -> String {
    if value.chars().count() > VALUE_CHARS {
        let short: String = value.chars().take(VALUE_CHARS).collect();
        format!("{short}…")
    } else {
        value.to_string()
    }
}

/// A patch path's key, `~1` and `~0` read back as `/` and `~`.
fn unescape(key: &str) -> String {
    key.replace("~1", "/").replace("~0", "~")
}

/// What a call does to a stage's variables: for an UpdateStage, `+ variable NAME = VALUE`
/// (added), `~ variable NAME = VALUE` (changed), `- variable NAME` (removed) and
/// `~ description = TEXT`; for a CreateDeployment that gives its new stage variables,
/// `variables NAME = VALUE, …`. None for other calls.
pub fn stage_text(call: &Call) -> Option<String> {
    match call {
        Call::UpdateStage(u) => {
            let changes: Vec<String> = u
                .patch_operations
                .iter()
                .map(|o| {
                    let value = o.value.as_deref().map(short).unwrap_or_default();
                    match (o.path.strip_prefix("/variables/"), o.op.as_str()) {
                        (Some(name), "remove") => format!("- variable {}", unescape(name)),
                        (Some(name), _) => {
                            let name = unescape(name);
                            let sign = if u.added.contains(&name) { '+' } else { '~' };
                            format!("{sign} variable {name} = {value}")
                        }
                        (None, _) if o.path == "/description" => format!("~ description = {value}"),
                        (None, op) => format!("{op} {} = {value}", o.path),
                    }
                })
                .collect();
            Some(changes.join(", "))
        }
        Call::CreateDeployment(d) if !d.variables.is_empty() => {
            let variables: Vec<String> =
                d.variables.iter().map(|(k, v)| format!("{k} = {}", short(v))).collect();
            Some(format!("variables {}", variables.join(", ")))
        }
        _ => None,
    }
}

/// An Update* call's patch operations, `op path = value` each (a long value shortened),
/// separated by `; `; a stage's changes as [`stage_text`] says them; empty for other calls.
pub fn patch_text(call: &Call) -> String {
    if let Some(text) = stage_text(call) {
        return text;
    }
    let Some((_, patch)) = patched_item(call) else { return String::new() };
    patch
        .patch_operations
        .iter()
        .map(|o| match &o.value {
            Some(value) if value.chars().count() > VALUE_CHARS => {
                let short: String = value.chars().take(VALUE_CHARS).collect();
                format!("{} {} = {short}…", o.op, o.path)
            }
            Some(value) => format!("{} {} = {value}", o.op, o.path),
            None => format!("{} {}", o.op, o.path),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One line for a call: `~ UpdateMethod GET /pets (replace /operationName = ListPets)`; a
/// stage's variables as changes: `~ UpdateStage dev: + variable backend = api.example.com,
/// ~ variable tier = gold, - variable old`, `+ CreateDeployment stage dev with variables
/// backend = api.example.com`.
pub fn line(call: &Call) -> String {
    match (call, stage_text(call)) {
        (Call::UpdateStage(u), Some(text)) => {
            return format!("~ UpdateStage {}: {text}", u.stage_name);
        }
        (Call::CreateDeployment(d), Some(text)) => {
            return format!("+ CreateDeployment stage {} with {text}", d.stage_name);
        }
        _ => {}
    }
    let patch = patch_text(call);
    let patch = if patch.is_empty() { patch } else { format!(" ({patch})") };
    format!("{} {} {}{patch}", Change::of(call).sign(), call.operation(), describe(call))
}

/// What a call is about, in a few words: `GET /pets`, `GET /pets → 200`, `/pets/{petId}`,
/// `Cognito` (an authorizer), `Pet` (a model), `DEFAULT_4XX` (a gateway response),
/// `stage prod`; for an UpdateResource, `rename /pets/{petId} → /pets/{id}`, `move /a/b under
/// /c`, or both at once, `move /a/b under /c as /c/d`.
pub fn describe(call: &Call) -> String {
    if let Some((from, to)) = crate::diff::resource_move(call) {
        let (old_parent, new_parent) =
            (crate::path::parent(&from).unwrap_or("/"), crate::path::parent(&to).unwrap_or("/"));
        return if old_parent == new_parent {
            format!("rename {from} → {to}")
        } else if crate::path::path_part(&from) == crate::path::path_part(&to) {
            format!("move {from} under {new_parent}")
        } else {
            format!("move {from} under {new_parent} as {to}")
        };
    }
    let p: Map<String, Value> = call.params();
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let id = |k: &str| s(k).trim_start_matches('@').to_string();
    let method = || {
        let mut out = format!("{} {}", s("httpMethod"), id("resourceId"));
        if p.contains_key("statusCode") {
            out.push_str(&format!(" → {}", s("statusCode")));
        }
        out
    };
    match call {
        Call::CreateResource(_) => crate::path::child(&id("parentId"), &s("pathPart")),
        Call::DeleteResource(_) | Call::UpdateResource(_) => id("resourceId"),
        Call::CreateAuthorizer(_) | Call::CreateRequestValidator(_) | Call::CreateModel(_) => {
            s("name")
        }
        Call::UpdateAuthorizer(_) | Call::DeleteAuthorizer(_) => {
            id("authorizerId").trim_start_matches("authorizer:").to_string()
        }
        Call::UpdateRequestValidator(_) | Call::DeleteRequestValidator(_) => {
            id("requestValidatorId").trim_start_matches("validator:").to_string()
        }
        Call::UpdateModel(_) | Call::DeleteModel(_) => s("modelName"),
        Call::PutGatewayResponse(_) | Call::DeleteGatewayResponse(_) => s("responseType"),
        Call::CreateDeployment(_) => format!("stage {}", s("stageName")),
        Call::UpdateStage(_) => s("stageName"),
        Call::CreateRestApi(_) => s("name"),
        Call::UpdateRestApi(_) => "API settings".into(),
        _ => method(),
    }
}

/// A one-line summary of a list of calls: `3 new, 1 changed, 2 removed`.
pub fn tally(calls: &[Call]) -> String {
    let mut new = 0;
    let mut changed = 0;
    let mut removed = 0;
    for call in calls {
        match Change::of(call) {
            Change::Delete => removed += 1,
            Change::Update => changed += 1,
            Change::Create => new += 1,
        }
    }
    format!("{new} to create or put, {changed} to update, {removed} to delete")
}

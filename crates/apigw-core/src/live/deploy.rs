//! The deploy: running a list of calls (a plan, or a diff) against a live API.
//!
//! Placeholders are resolved from the ids the load recorded and the ids creations return.
//! Throttling, server errors and transport failures are retried with exponential backoff and
//! jitter, honouring `Retry-After`. A creation that may have happened although its answer was
//! lost (a 5xx or a dropped connection after a POST) is never simply sent again: the deploy
//! first lists what exists and adopts the item if it is there, so nothing is created twice.
//! The first hard failure stops the deploy with a report; [`Deploy::resume`] continues with the
//! same or a corrected list of calls, skipping what already succeeded.
//!
//! A renamed or moved resource (UpdateResource) takes its subtree along: once it succeeds, the
//! placeholders of the resource and of everything below it name their new paths, as the later
//! calls do. A rename whose answer was lost is looked up like a creation (the resource, by its
//! id, at its new path) before it is sent again.
//!
//! A deploy to a new API starts with CreateRestApi, under the same rules. API Gateway lets two
//! APIs share a name, so before creating one the deploy notes the ids of the APIs that exist;
//! after a lost answer it adopts only an API of the design's name that was not there before.

use crate::exchange::{ApiError, Exchange, HttpRequest, MAX_ATTEMPTS, Outcome, Step};
use crate::exchange::{backoff_ms, retryable};
use crate::live::LiveApi;
use crate::model::Design;
use crate::plan::{self, Call, ID_PARAMS, encode_label, wire_request};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Where one call stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Pending,
    Running,
    Done,
    /// Succeeded in an earlier run of the same deploy.
    Skipped,
    Failed,
}

impl Status {
    pub fn label(&self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Running => "running",
            Status::Done => "done",
            Status::Skipped => "done earlier",
            Status::Failed => "failed",
        }
    }
}

/// One call's progress and the answer it got.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub status: Status,
    /// Requests sent for this call, retries and look-ups included.
    pub attempts: u32,
    /// The last answer: `201` and its body, or the error.
    pub response: Option<String>,
    /// What happened besides the plain answer (retries, an adopted item).
    pub notes: Vec<String>,
}

/// A creation (or a rename or move) whose answer was lost: the listing that tells whether it
/// happened.
#[derive(Clone, Debug)]
struct Lookup {
    list: &'static str,
    key: &'static str,
    want: String,
    position: Option<String>,
    /// The id the item found must have (a renamed or moved resource keeps its own).
    id: Option<String>,
}

/// The REST APIs that existed before the deploy created one (GetRestApis, page by page).
#[derive(Clone, Debug, Default)]
struct Census {
    known: BTreeSet<String>,
    position: Option<String>,
    complete: bool,
}

/// The deploy, as a state machine (see [`crate::exchange`]).
#[derive(Clone, Debug)]
pub struct Deploy {
    pub calls: Vec<Call>,
    pub records: Vec<Record>,
    /// Placeholder → id.
    pub ids: BTreeMap<String, String>,
    /// The call now running (or the next one).
    pub index: usize,
    pub failure: Option<ApiError>,
    lookup: Option<Lookup>,
    census: Option<Census>,
    /// Whether the current call's earlier attempt may have taken effect.
    ambiguous: bool,
    /// The resolved requests that succeeded, for [`Deploy::resume`].
    done: BTreeSet<String>,
}

impl Deploy {
    /// A deploy of `calls` with the ids already known (at least `@api` and `@/`).
    pub fn new(calls: Vec<Call>, ids: BTreeMap<String, String>) -> Deploy {
        let records = calls.iter().map(|_| Record::pending()).collect();
        Deploy {
            calls,
            records,
            ids,
            index: 0,
            failure: None,
            lookup: None,
            census: None,
            ambiguous: false,
            done: BTreeSet::new(),
        }
    }

    /// Continues after a failure with `calls` (the same list, or one rebuilt after a fix):
    /// calls that already succeeded with the same request, and creations of items that now
    /// have ids, are skipped.
    pub fn resume(self, calls: Vec<Call>) -> Deploy {
        let mut next = Deploy::new(calls, self.ids);
        next.done = self.done;
        for (call, record) in next.calls.iter().zip(next.records.iter_mut()) {
            let exists = created(call).is_some_and(|(placeholder, ..)| {
                placeholder.is_some_and(|p| next.ids.contains_key(&p))
            });
            // A rename or move re-keys the ids it names, so it is known by the call itself.
            let repeated = resolve(call, &next.ids).is_ok_and(|r| next.done.contains(&key(&r)))
                || next.done.contains(&call_key(call));
            if exists || repeated {
                record.status = Status::Skipped;
            }
        }
        next
    }

    /// Whether every call has succeeded.
    pub fn is_complete(&self) -> bool {
        self.failure.is_none()
            && self.records.iter().all(|r| matches!(r.status, Status::Done | Status::Skipped))
    }

    /// How many calls have succeeded (now or earlier).
    pub fn succeeded(&self) -> usize {
        self.records.iter().filter(|r| matches!(r.status, Status::Done | Status::Skipped)).count()
    }

    /// The listing `list` of the API (`""`: the caller's APIs), from `position`.
    fn list_path(&self, list: &str, position: Option<&str>) -> String {
        let mut path = if list.is_empty() {
            "/restapis?limit=500".to_string()
        } else {
            let api = self.ids.get(plan::API).cloned().unwrap_or_default();
            format!("/restapis/{}/{list}?limit=500", encode_label(&api))
        };
        if let Some(position) = position {
            path.push_str(&format!("&position={}", encode_label(position)));
        }
        path
    }

    /// Whether the census of existing APIs must run (or go on) before the current call.
    fn counting(&self) -> bool {
        matches!(self.calls.get(self.index), Some(Call::CreateRestApi(_)))
            && self.lookup.is_none()
            && !self.census.as_ref().is_some_and(|c| c.complete)
    }

    /// An answer that is not a success, to a census or look-up request: waited out and asked
    /// again when it is worth retrying, the end of the deploy otherwise.
    fn retry_or_fail(&mut self, outcome: &Outcome, jitter: f64) -> Step {
        match outcome {
            other if retryable(other) => Step::Wait(backoff_ms(
                self.records[self.index].attempts,
                retry_after(other),
                jitter,
            )),
            Outcome::Response { status, body, .. } => {
                self.fail(ApiError::from_response(*status, body))
            }
            Outcome::Transport(m) => self.fail(ApiError::transport(m)),
        }
    }

    /// A page of the census: its ids are noted, and the next page asked for.
    fn count(&mut self, outcome: &Outcome, jitter: f64) -> Step {
        match outcome {
            Outcome::Response { status, body, .. } if (200..300).contains(status) => {
                let json: Value = serde_json::from_str(body).unwrap_or(Value::Null);
                let census = self.census.get_or_insert_with(Census::default);
                census.known.extend(items(&json).filter_map(|i| text(i, "id")));
                census.position = text(&json, "position");
                census.complete = census.position.is_none();
                Step::Continue
            }
            other => self.retry_or_fail(other, jitter),
        }
    }

    fn fail(&mut self, mut error: ApiError) -> Step {
        // An upstream that lacks the operation: say which, in one line.
        if error.unsupported() {
            if let Some(call) = self.calls.get(self.index) {
                let answer = if error.error_type == crate::exchange::NOT_API_GATEWAY {
                    error.message.clone()
                } else {
                    format!(
                        "the upstream answered {} {}: {}",
                        error.status, error.error_type, error.message
                    )
                };
                error.message = format!(
                    "{} {}: {answer}; an emulator answers so for an operation it does not implement",
                    call.operation(),
                    crate::live::review::describe(call),
                );
                error.error_type = crate::exchange::NOT_API_GATEWAY.into();
            }
        }
        if let Some(record) = self.records.get_mut(self.index) {
            record.status = Status::Failed;
            record.response = Some(error.to_string());
        }
        self.failure = Some(error.clone());
        self.lookup = None;
        Step::Failed(error)
    }

    /// The current call succeeded; `item` is what it created (its answer, or the item found).
    fn succeed(&mut self, item: &Value, response: String, note: Option<String>) {
        let call = &self.calls[self.index];
        if let Some((Some(placeholder), ..)) = created(call) {
            if let Some(id) = text(item, "id") {
                self.ids.insert(placeholder, id);
            }
        }
        // A new API comes with its root resource.
        if let (Call::CreateRestApi(_), Some(root)) = (call, text(item, "rootResourceId")) {
            self.ids.insert(plan::resource_ref("/"), root);
        }
        if let Ok(request) = resolve(call, &self.ids) {
            self.done.insert(key(&request));
        }
        // A renamed or moved resource, and everything below it, is now at its new path: later
        // calls name it by that path's placeholder.
        if let Some((from, to)) = crate::diff::resource_move(call) {
            self.done.insert(call_key(call));
            let old = plan::resource_ref(&from);
            let below = format!("{old}/");
            let moved: Vec<String> =
                self.ids.keys().filter(|k| **k == old || k.starts_with(&below)).cloned().collect();
            for placeholder in moved {
                if let Some(id) = self.ids.remove(&placeholder) {
                    let rest = &placeholder[old.len()..];
                    self.ids.insert(format!("{}{rest}", plan::resource_ref(&to)), id);
                }
            }
        }
        let record = &mut self.records[self.index];
        record.status = Status::Done;
        record.response = Some(response);
        record.notes.extend(note);
        self.index += 1;
        self.ambiguous = false;
        self.lookup = None;
    }

    fn retry(&mut self, outcome: &Outcome, jitter: f64) -> Step {
        let record = &mut self.records[self.index];
        let (summary, retry_after) = match outcome {
            Outcome::Response { status, retry_after, body } => {
                (ApiError::from_response(*status, body).to_string(), *retry_after)
            }
            Outcome::Transport(message) => (format!("connection failed: {message}"), None),
        };
        let attempt = record.attempts;
        let delay = backoff_ms(attempt, retry_after, jitter);
        record.notes.push(format!("attempt {attempt}: {summary}; retrying in {delay} ms"));
        let call = &self.calls[self.index];
        // A 429 was never processed; a 5xx or a lost answer may have been.
        let maybe_applied = !matches!(outcome, Outcome::Response { status: 429, .. });
        if maybe_applied {
            if let Some(lookup) = self.lookup_for(call) {
                self.ambiguous = true;
                self.lookup = Some(lookup);
            }
        }
        Step::Wait(delay)
    }

    /// The listing that tells whether `call` took effect: for a creation, the item by its name
    /// or path; for a rename or move, the resource by its id at its new path.
    fn lookup_for(&self, call: &Call) -> Option<Lookup> {
        if let Some((_, list, key, want)) = created(call) {
            return Some(Lookup { list, key, want, position: None, id: None });
        }
        let (_, to) = crate::diff::resource_move(call)?;
        let Call::UpdateResource(patch) = call else { return None };
        let placeholder = patch.item.resource_id.as_deref()?;
        let id = self.ids.get(placeholder).cloned().unwrap_or_else(|| placeholder.to_string());
        Some(Lookup { list: "resources", key: "path", want: to, position: None, id: Some(id) })
    }
}

impl Record {
    fn pending() -> Record {
        Record { status: Status::Pending, attempts: 0, response: None, notes: Vec::new() }
    }
}

/// For a creation: the placeholder its id fills, the listing that shows it, the field that
/// names it there and the value to find.
fn created(call: &Call) -> Option<(Option<String>, &'static str, &'static str, String)> {
    Some(match call {
        Call::CreateRestApi(p) => (Some(plan::API.to_string()), "", "name", p.name.clone()),
        Call::CreateResource(p) => {
            let path = crate::path::child(p.parent_id.trim_start_matches('@'), &p.path_part);
            (Some(plan::resource_ref(&path)), "resources", "path", path)
        }
        Call::CreateAuthorizer(p) => {
            (Some(plan::authorizer_ref(&p.name)), "authorizers", "name", p.name.clone())
        }
        Call::CreateRequestValidator(p) => {
            (Some(plan::validator_ref(&p.name)), "requestvalidators", "name", p.name.clone())
        }
        Call::CreateModel(p) => (None, "models", "name", p.name.clone()),
        _ => return None,
    })
}

/// The call's wire request with every placeholder replaced by its id.
pub fn resolve(call: &Call, ids: &BTreeMap<String, String>) -> Result<HttpRequest, String> {
    let mut params = call.params();
    let lookup = |value: &str| -> Result<String, String> {
        if !value.starts_with('@') {
            return Ok(value.to_string());
        }
        ids.get(value).cloned().ok_or_else(|| {
            format!("`{value}` has no id: the call that creates it has not succeeded")
        })
    };
    for param in ID_PARAMS {
        if let Some(Value::String(value)) = params.get_mut(*param) {
            *value = lookup(value)?;
        }
    }
    if let Some(Value::Array(ops)) = params.get_mut("patchOperations") {
        for op in ops {
            // UpdateResource's `/parentId` names the new parent, perhaps one this deploy creates.
            let refers = op.get("path").and_then(Value::as_str).is_some_and(|p| {
                p == "/authorizerId" || p == "/requestValidatorId" || p == "/parentId"
            });
            if let (true, Some(Value::String(value))) = (refers, op.get_mut("value")) {
                *value = lookup(value)?;
            }
        }
    }
    let wire = wire_request(call.operation(), params);
    Ok(HttpRequest {
        method: wire.method.to_string(),
        path: wire.path,
        body: wire.body.map(|b| serde_json::to_string(&b).unwrap_or_default()),
    })
}

/// The items of a listing (`item` in API Gateway's answers, `items` in some emulators').
fn items(listing: &Value) -> impl Iterator<Item = &Value> {
    listing
        .get("item")
        .or_else(|| listing.get("items"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_string)
}

fn retry_after(outcome: &Outcome) -> Option<f64> {
    match outcome {
        Outcome::Response { retry_after, .. } => *retry_after,
        Outcome::Transport(_) => None,
    }
}

fn key(request: &HttpRequest) -> String {
    format!("{} {} {}", request.method, request.path, request.body.as_deref().unwrap_or(""))
}

/// A call as planned, placeholders and all.
fn call_key(call: &Call) -> String {
    format!("{} {}", call.operation(), Value::Object(call.params()))
}

/// A short answer for the progress list: the status and the body, shortened.
fn summary(status: u16, body: &str) -> String {
    let body = body.trim();
    let short: String = body.chars().take(400).collect();
    if short.len() < body.len() {
        format!("{status} {short}…")
    } else {
        format!("{status} {short}")
    }
}

impl Exchange for Deploy {
    fn next(&mut self) -> Option<HttpRequest> {
        if self.failure.is_some() {
            return None;
        }
        while self.records.get(self.index).is_some_and(|r| r.status == Status::Skipped) {
            self.index += 1;
        }
        let call = self.calls.get(self.index)?;
        let listing = match (&self.lookup, self.counting()) {
            (Some(lookup), _) => Some(self.list_path(lookup.list, lookup.position.as_deref())),
            (None, true) => {
                let position = self.census.as_ref().and_then(|c| c.position.clone());
                Some(self.list_path("", position.as_deref()))
            }
            (None, false) => None,
        };
        if let Some(path) = listing {
            self.records[self.index].attempts += 1;
            return Some(HttpRequest { method: "GET".into(), path, body: None });
        }
        match resolve(call, &self.ids) {
            Ok(request) => {
                let record = &mut self.records[self.index];
                record.status = Status::Running;
                record.attempts += 1;
                Some(request)
            }
            Err(message) => {
                self.fail(ApiError {
                    status: 0,
                    error_type: "UnresolvedReference".into(),
                    message,
                });
                None
            }
        }
    }

    fn receive(&mut self, outcome: Outcome, jitter: f64) -> Step {
        if self.index >= self.calls.len() {
            return Step::Continue;
        }
        if self.records[self.index].attempts >= MAX_ATTEMPTS * 2 {
            let error = match &outcome {
                Outcome::Response { status, body, .. } => ApiError::from_response(*status, body),
                Outcome::Transport(m) => ApiError::transport(m),
            };
            return self.fail(error);
        }
        if self.counting() {
            return self.count(&outcome, jitter);
        }
        if let Some(lookup) = self.lookup.clone() {
            return match &outcome {
                Outcome::Response { status, body, .. } if (200..300).contains(status) => {
                    let json: Value = serde_json::from_str(body).unwrap_or(Value::Null);
                    // An API that existed before this deploy is someone else's, whatever its name.
                    let known = self.census.as_ref().map(|c| &c.known);
                    let found = items(&json).find(|i| {
                        i.get(lookup.key).and_then(Value::as_str) == Some(lookup.want.as_str())
                            && !text(i, "id")
                                .is_some_and(|id| known.is_some_and(|k| k.contains(&id)))
                            && lookup
                                .id
                                .as_ref()
                                .is_none_or(|id| text(i, "id").as_ref() == Some(id))
                    });
                    if let Some(item) = found.cloned() {
                        let note = format!(
                            "the earlier attempt had created it; found `{}` and kept it",
                            lookup.want
                        );
                        self.succeed(&item, summary(*status, &item.to_string()), Some(note));
                        return Step::Continue;
                    }
                    match text(&json, "position") {
                        Some(position) => {
                            self.lookup = Some(Lookup { position: Some(position), ..lookup });
                        }
                        // Not there: the creation did not happen, so send it again.
                        None => self.lookup = None,
                    }
                    Step::Continue
                }
                other => self.retry_or_fail(other, jitter),
            };
        }
        match &outcome {
            Outcome::Response { status, body, .. } if (200..300).contains(status) => {
                let answer = serde_json::from_str::<Value>(body).unwrap_or(Value::Null);
                self.succeed(&answer, summary(*status, body), None);
                Step::Continue
            }
            other if retryable(other) && self.records[self.index].attempts < MAX_ATTEMPTS => {
                self.retry(other, jitter)
            }
            // A creation (or a rename) retried after a lost answer meets itself: look it up.
            Outcome::Response { status: 409, .. }
                if self.ambiguous && self.lookup_for(&self.calls[self.index]).is_some() =>
            {
                self.lookup = self.lookup_for(&self.calls[self.index]);
                Step::Continue
            }
            Outcome::Response { status, body, .. } => {
                self.fail(ApiError::from_response(*status, body))
            }
            Outcome::Transport(m) => self.fail(ApiError::transport(m)),
        }
    }
}

/// A new API as CreateRestApi makes it: the design's settings, the root resource, and the
/// models API Gateway gives every new API. Its ids come with CreateRestApi's answer.
pub fn fresh_api(api: &crate::model::ApiSettings) -> LiveApi {
    let mut design = Design { api: api.clone(), ..Design::default() };
    design.resources.insert("/".into(), Default::default());
    for (name, description, schema) in BUILT_IN_MODEL_DEFAULTS {
        let model = crate::model::Model {
            content_type: "application/json".into(),
            description: Some(description.to_string()),
            schema: schema.to_string(),
        };
        design.models.insert(name.to_string(), model);
    }
    LiveApi { rest_api_id: String::new(), design, ids: BTreeMap::new(), warnings: Vec::new() }
}

/// The models Empty and Error as API Gateway creates them with a new API: name, description,
/// schema (as GetModels returns them for an API that was never changed).
const BUILT_IN_MODEL_DEFAULTS: &[(&str, &str, &str)] = &[
    (
        "Empty",
        "This is a default empty schema model",
        "{\n  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Empty Schema\",\n  \"type\" : \"object\"\n}",
    ),
    (
        "Error",
        "This is a default error schema model",
        "{\n  \"$schema\" : \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Error Schema\",\n  \"type\" : \"object\",\n  \"properties\" : {\n    \"message\" : { \"type\" : \"string\" }\n  }\n}",
    ),
];

/// The calls a deploy of `design` onto `base` sends: CreateRestApi first when `base` is a new
/// API ([`fresh_api`]), then what changed, then a deployment to `stage` when one is named.
///
/// When the design defines that stage, its variables go with the deployment: a stage the live
/// API lacks is created by CreateDeployment with them (and the stage's description); a stage
/// it has is updated by UpdateStage, its added and changed variables (and a changed
/// description) before the deployment, its removed ones after it, so that neither the old
/// deployment nor the new one ever runs without a variable it reads. The deployment to such a
/// stage carries the stage's variables too: both emulators (LocalStack and moto) reset an
/// existing stage's variables and description on a CreateDeployment without them, which API
/// Gateway does not, and with them they set exactly those. A stage the design does not define
/// is deployed with its variables untouched. Stages are never created by the diff nor deleted.
pub fn changes(base: &LiveApi, design: &Design, stage: Option<&str>, by: &str) -> Vec<Call> {
    let mut calls = Vec::new();
    if !base.ids.contains_key(plan::API) {
        calls.push(plan::create_rest_api(&design.api));
    }
    calls.extend(crate::diff::diff(&base.design, design));
    if let Some(stage) = stage.map(str::trim).filter(|s| !s.is_empty()) {
        let by = Some(by.to_string());
        match (design.stages.get(stage), base.design.stages.get(stage)) {
            (Some(target), Some(live)) => {
                let (before, after) = stage_updates(stage, live, target);
                calls.extend(before);
                calls.push(plan::deployment(design, stage, by));
                calls.extend(after);
            }
            _ => calls.push(plan::deployment(design, stage, by)),
        }
    }
    calls
}

/// The UpdateStage calls that turn the live stage `name` into the design's: the first sets the
/// added and changed variables and a changed description, the second removes the variables the
/// design no longer has. Either is None when it has nothing to do.
///
/// The patch paths are API Gateway's for a stage: `/variables/NAME` with `replace` (which
/// sets a variable, new or not) and `remove`, and `/description`; see AWS's "Set up stage
/// variables for REST APIs in API Gateway" (the AWS CLI's `update-stage --patch-operations
/// op=replace,path=/variables/NAME,value=…` and `op=remove,path=/variables/NAME`,
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-set-stage-variables-aws-console.html)
/// and the stage:update reference's paths
/// (https://docs.aws.amazon.com/apigateway/api-reference/link-relation/stage-update/).
pub fn stage_updates(
    name: &str,
    live: &crate::model::Stage,
    target: &crate::model::Stage,
) -> (Option<Call>, Option<Call>) {
    let path = |key: &str| format!("/variables/{}", key.replace('~', "~0").replace('/', "~1"));
    let op = |op: &str, path: String, value: Option<String>| plan::PatchOperation {
        op: op.into(),
        path,
        value,
    };
    let mut set = Vec::new();
    let mut added = Vec::new();
    if live.description.as_deref().unwrap_or("") != target.description.as_deref().unwrap_or("") {
        let value = target.description.clone().unwrap_or_default();
        set.push(op("replace", "/description".into(), Some(value)));
    }
    for (key, value) in &target.variables {
        match live.variables.get(key) {
            Some(old) if old == value => {}
            old => {
                if old.is_none() {
                    added.push(key.clone());
                }
                set.push(op("replace", path(key), Some(value.clone())));
            }
        }
    }
    let removed: Vec<plan::PatchOperation> = live
        .variables
        .keys()
        .filter(|key| !target.variables.contains_key(*key))
        .map(|key| op("remove", path(key), None))
        .collect();
    let update = |ops: Vec<plan::PatchOperation>, added: Vec<String>| {
        (!ops.is_empty()).then(|| {
            Call::UpdateStage(plan::UpdateStage {
                rest_api_id: plan::API.into(),
                stage_name: name.into(),
                patch_operations: ops,
                added,
            })
        })
    };
    (update(set, added), update(removed, Vec::new()))
}

/// The request that lists the caller's REST APIs (GetRestApis).
pub fn list_rest_apis() -> HttpRequest {
    HttpRequest { method: "GET".into(), path: "/restapis?limit=500".into(), body: None }
}

/// `(id, name)` of each API in a GetRestApis answer.
pub fn rest_apis(body: &str) -> Vec<(String, String)> {
    let json: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let items = json.get("item").or_else(|| json.get("items")).and_then(Value::as_array);
    items
        .into_iter()
        .flatten()
        .filter_map(|i| {
            Some((
                i.get("id")?.as_str()?.to_string(),
                i.get("name").and_then(Value::as_str).unwrap_or("").to_string(),
            ))
        })
        .collect()
}

/// A CreateDeployment call for a stage.
pub fn create_deployment(stage: &str, description: Option<String>) -> Call {
    Call::CreateDeployment(plan::CreateDeployment {
        rest_api_id: plan::API.into(),
        stage_name: stage.into(),
        stage_description: None,
        description,
        variables: Default::default(),
    })
}

//! The deploy: running a list of calls (a plan, or a diff) against a live API.
//!
//! Placeholders are resolved from the ids the load recorded and the ids creations return.
//! Throttling, server errors and transport failures are retried with exponential backoff and
//! jitter, honouring `Retry-After`. A creation that may have happened although its answer was
//! lost (a 5xx or a dropped connection after a POST) is never simply sent again: the deploy
//! first lists what exists and adopts the item if it is there, so nothing is created twice.
//! The first hard failure stops the deploy with a report; [`Deploy::resume`] continues with the
//! same or a corrected list of calls, skipping what already succeeded.

use crate::exchange::{ApiError, Exchange, HttpRequest, MAX_ATTEMPTS, Outcome, Step};
use crate::exchange::{backoff_ms, retryable};
use crate::plan::{self, Call, ID_PARAMS, encode_label, wire_request};
use serde_json::{Map, Value};
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

/// A creation whose answer was lost: the listing that tells whether it happened.
#[derive(Clone, Debug)]
struct Lookup {
    list: &'static str,
    key: &'static str,
    want: String,
    position: Option<String>,
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
            let repeated = resolve(call, &next.ids).is_ok_and(|r| next.done.contains(&key(&r)));
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

    fn api_path(&self, list: &str) -> String {
        let api = self.ids.get(plan::API).cloned().unwrap_or_default();
        format!("/restapis/{}/{list}?limit=500", encode_label(&api))
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
                    describe(call),
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

    fn succeed(&mut self, id: Option<String>, response: String, note: Option<String>) {
        let call = &self.calls[self.index];
        if let Some((Some(placeholder), ..)) = created(call) {
            if let Some(id) = id {
                self.ids.insert(placeholder, id);
            }
        }
        if let Ok(request) = resolve(call, &self.ids) {
            self.done.insert(key(&request));
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
            if let Some((_, list, key, want)) = created(call) {
                self.ambiguous = true;
                self.lookup = Some(Lookup { list, key, want, position: None });
            }
        }
        Step::Wait(delay)
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
            let refers = op
                .get("path")
                .and_then(Value::as_str)
                .is_some_and(|p| p == "/authorizerId" || p == "/requestValidatorId");
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

fn key(request: &HttpRequest) -> String {
    format!("{} {} {}", request.method, request.path, request.body.as_deref().unwrap_or(""))
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
        if let Some(lookup) = &self.lookup {
            let mut path = self.api_path(lookup.list);
            if let Some(position) = &lookup.position {
                path.push_str(&format!("&position={}", encode_label(position)));
            }
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
        if let Some(lookup) = self.lookup.clone() {
            return match &outcome {
                Outcome::Response { status, body, .. } if (200..300).contains(status) => {
                    let json: Value = serde_json::from_str(body).unwrap_or(Value::Null);
                    let items = json.get("item").or_else(|| json.get("items"));
                    let found = items.and_then(Value::as_array).and_then(|items| {
                        items.iter().find(|i| {
                            i.get(lookup.key).and_then(Value::as_str) == Some(lookup.want.as_str())
                        })
                    });
                    if let Some(item) = found {
                        let id = item.get("id").and_then(Value::as_str).map(str::to_string);
                        let note = format!(
                            "the earlier attempt had created it; found `{}` and kept it",
                            lookup.want
                        );
                        self.succeed(id, summary(*status, &item.to_string()), Some(note));
                        return Step::Continue;
                    }
                    match json.get("position").and_then(Value::as_str) {
                        Some(position) => {
                            self.lookup =
                                Some(Lookup { position: Some(position.into()), ..lookup });
                        }
                        // Not there: the creation did not happen, so send it again.
                        None => self.lookup = None,
                    }
                    Step::Continue
                }
                other if retryable(other) => {
                    let retry_after = match other {
                        Outcome::Response { retry_after, .. } => *retry_after,
                        Outcome::Transport(_) => None,
                    };
                    Step::Wait(backoff_ms(self.records[self.index].attempts, retry_after, jitter))
                }
                Outcome::Response { status, body, .. } => {
                    self.fail(ApiError::from_response(*status, body))
                }
                Outcome::Transport(m) => self.fail(ApiError::transport(m)),
            };
        }
        match &outcome {
            Outcome::Response { status, body, .. } if (200..300).contains(status) => {
                let id = serde_json::from_str::<Value>(body)
                    .ok()
                    .and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_string));
                self.succeed(id, summary(*status, body), None);
                Step::Continue
            }
            other if retryable(other) && self.records[self.index].attempts < MAX_ATTEMPTS => {
                self.retry(other, jitter)
            }
            // A creation retried after a lost answer meets itself: look it up.
            Outcome::Response { status: 409, .. }
                if self.ambiguous && created(&self.calls[self.index]).is_some() =>
            {
                let (_, list, key, want) = created(&self.calls[self.index]).unwrap_or_default();
                self.lookup = Some(Lookup { list, key, want, position: None });
                Step::Continue
            }
            Outcome::Response { status, body, .. } => {
                self.fail(ApiError::from_response(*status, body))
            }
            Outcome::Transport(m) => self.fail(ApiError::transport(m)),
        }
    }
}

/// What a call is about, in a few words: `GET /pets`, `GET /pets → 200`, `/pets/{petId}`,
/// `authorizer Cognito`, `model Pet`, `stage prod`.
pub fn describe(call: &Call) -> String {
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
        Call::DeleteResource(_) => id("resourceId"),
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
        Call::CreateDeployment(_) => format!("stage {}", s("stageName")),
        Call::UpdateRestApi(_) => "API settings".into(),
        _ => method(),
    }
}

/// The request body of CreateRestApi for a design's API settings.
pub fn create_rest_api(api: &crate::model::ApiSettings) -> HttpRequest {
    let mut body = Map::new();
    body.insert("name".into(), Value::String(api.name.clone()));
    if let Some(d) = &api.description {
        body.insert("description".into(), Value::String(d.clone()));
    }
    if let Some(source) = &api.api_key_source {
        body.insert("apiKeySource".into(), Value::String(source.clone()));
    }
    if !api.binary_media_types.is_empty() {
        body.insert("binaryMediaTypes".into(), serde_json::json!(api.binary_media_types));
    }
    body.insert("endpointConfiguration".into(), serde_json::json!({"types": [api.endpoint_type]}));
    HttpRequest {
        method: "POST".into(),
        path: "/restapis".into(),
        body: Some(Value::Object(body).to_string()),
    }
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
        description,
    })
}

/// A one-line summary of a list of calls: `3 new, 1 changed, 2 removed`.
pub fn tally(calls: &[Call]) -> String {
    let mut new = 0;
    let mut changed = 0;
    let mut removed = 0;
    for call in calls {
        match call.operation() {
            op if op.starts_with("Delete") => removed += 1,
            op if op.starts_with("Update") => changed += 1,
            _ => new += 1,
        }
    }
    format!("{new} to create or put, {changed} to update, {removed} to delete")
}

//! The live panel: connect to apigw-proxy, pick or create the target API, load it into the
//! designer, review the diff, deploy with a progress list, and resume after a failure.
//!
//! All API Gateway logic (paging, retries, placeholders, the diff) is apigw-core's; this module
//! only sends the requests its machines ask for and shows their state. The design is never
//! changed by a deploy, so no failure can lose it.

use crate::io;
use crate::store::{Selection, Store, use_store};
use apigw_core::Design;
use apigw_core::deploy::{self, Deploy, Status};
use apigw_core::diagnostic::{Phase, first_failure};
use apigw_core::exchange::{ApiError, Exchange, HttpRequest, Outcome, Step, parse_retry_after};
use apigw_core::live::{LiveApi, Loader};
use apigw_core::plan::Call;
use apigw_core::review::{self, Change};
use apigw_core::text::counted;
use leptos::prelude::*;

const NEW_API: &str = "";

/// Where the proxy is, and which API the design goes to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Connection {
    pub url: String,
    pub token: String,
}

/// The live panel's state, shared through context.
#[derive(Clone, Copy)]
pub struct Live {
    pub open: RwSignal<bool>,
    pub connection: RwSignal<Connection>,
    /// `(id, name)` of the APIs behind the proxy; `None` until listed.
    pub apis: RwSignal<Option<Vec<(String, String)>>>,
    /// The target API id; empty means "create a new API".
    pub target: RwSignal<String>,
    pub busy: RwSignal<Option<String>>,
    pub error: RwSignal<Option<String>>,
    /// The live API the review was computed against.
    pub base: RwSignal<Option<LiveApi>>,
    /// The calls awaiting confirmation.
    pub review: RwSignal<Option<Vec<Call>>>,
    pub stage: RwSignal<String>,
    pub deploy: RwSignal<Option<Deploy>>,
}

/// The proxy's URL, kept across visits (local storage).
const STORAGE_KEY: &str = "apigw-designer.connection";
/// The proxy's token, kept for this tab only (session storage): it lets whoever holds it send
/// requests signed with the user's credentials, so it does not outlive the tab.
const TOKEN_KEY: &str = "apigw-designer.proxy-token";
/// The API a deploy goes to, kept with the proxy's URL it belongs to (local storage), never
/// in the design: a deploy does not edit the design or add to its history.
const TARGET_KEY: &str = "apigw-designer.deploy-target";

impl Live {
    pub fn new() -> Live {
        let stored = io::storage_get(STORAGE_KEY)
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
        let url = stored.as_ref().and_then(|v| v.get("url")?.as_str()).unwrap_or("").to_string();
        // A token an earlier version kept in local storage moves to this tab's session.
        let old_token = stored.as_ref().and_then(|v| v.get("token")?.as_str()).map(str::to_string);
        if let Some(token) = &old_token {
            io::session_set(TOKEN_KEY, token);
            io::storage_set(STORAGE_KEY, &serde_json::json!({ "url": url }).to_string());
        }
        let target = stored_target(&url).unwrap_or_default();
        let saved = Connection { url, token: io::session_get(TOKEN_KEY).unwrap_or_default() };
        Live {
            open: RwSignal::new(false),
            connection: RwSignal::new(saved),
            apis: RwSignal::new(None),
            target: RwSignal::new(target),
            busy: RwSignal::new(None),
            error: RwSignal::new(None),
            base: RwSignal::new(None),
            review: RwSignal::new(None),
            stage: RwSignal::new(String::new()),
            deploy: RwSignal::new(None),
        }
    }

    /// Takes `connect=URL&token=T` from the URL fragment (what `cargo xtask serve` opens).
    /// Returns whether the fragment held a connection.
    pub fn take_fragment(&self, fragment: &str) -> bool {
        let Some(rest) = fragment.strip_prefix("connect=") else { return false };
        let (url, token) = match rest.split_once("&token=") {
            Some((url, token)) => (url, token),
            None => (rest, ""),
        };
        self.set_connection(Connection {
            url: io::decode_fragment(url),
            token: io::decode_fragment(token),
        });
        true
    }

    /// Chooses the API deploys go to (empty: a new one), and keeps the choice for this proxy.
    pub fn set_target(&self, id: String) {
        let url = self.connection.with_untracked(|c| c.url.clone());
        io::storage_set(TARGET_KEY, &serde_json::json!({ "url": url, "target": id }).to_string());
        self.target.set(id);
    }

    pub fn set_connection(&self, connection: Connection) {
        io::storage_set(STORAGE_KEY, &serde_json::json!({ "url": connection.url }).to_string());
        io::session_set(TOKEN_KEY, &connection.token);
        self.connection.set(connection);
        self.apis.set(None);
    }
}

impl Default for Live {
    fn default() -> Live {
        Live::new()
    }
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

async fn send(connection: &Connection, request: &HttpRequest) -> Outcome {
    use gloo_net::http::{Method, RequestBuilder};
    let url = format!("{}{}", connection.url.trim_end_matches('/'), request.path);
    let method = Method::from_bytes(request.method.as_bytes()).unwrap_or(Method::GET);
    let builder = RequestBuilder::new(&url)
        .method(method)
        .header("Authorization", &format!("Bearer {}", connection.token))
        .header("Accept", "application/json");
    let sent = match &request.body {
        Some(body) => match builder.header("Content-Type", "application/json").body(body.clone()) {
            Ok(request) => request.send().await,
            Err(e) => return Outcome::Transport(e.to_string()),
        },
        None => builder.send().await,
    };
    match sent {
        Ok(response) => {
            let status = response.status();
            let retry_after =
                response.headers().get("retry-after").and_then(|h| parse_retry_after(&h));
            let body = response.text().await.unwrap_or_default();
            Outcome::Response { status, body, retry_after }
        }
        Err(e) => Outcome::Transport(format!(
            "{e} — is apigw-proxy running at {} and does it allow this page's origin?",
            connection.url
        )),
    }
}

/// Runs a machine to its end, calling `each` after every answer.
async fn drive<M: Exchange>(
    connection: &Connection,
    machine: &mut M,
    mut each: impl FnMut(&M),
) -> Result<(), ApiError> {
    while let Some(request) = machine.next() {
        let outcome = send(connection, &request).await;
        match machine.receive(outcome, io::random()) {
            Step::Continue => each(machine),
            Step::Wait(ms) => {
                each(machine);
                io::sleep(ms).await
            }
            Step::Failed(error) => {
                each(machine);
                return Err(error);
            }
        }
    }
    Ok(())
}

/// Sends one request through the proxy of the current connection; the answer's body, or the
/// error. For the Test tab's run on API Gateway.
pub async fn send_one(live: Live, request: HttpRequest) -> Result<String, ApiError> {
    let connection = live.connection.get_untracked();
    single(&connection, request).await
}

async fn single(connection: &Connection, request: HttpRequest) -> Result<String, ApiError> {
    match send(connection, &request).await {
        Outcome::Response { status, body, .. } if (200..300).contains(&status) => Ok(body),
        Outcome::Response { status, body, .. } => Err(ApiError::from_response(status, &body)),
        Outcome::Transport(message) => Err(ApiError::transport(&message)),
    }
}

fn list_apis(live: Live) {
    let connection = live.connection.get_untracked();
    if connection.url.is_empty() {
        live.error.set(Some("Enter the proxy URL and token that apigw-proxy printed.".into()));
        return;
    }
    live.busy.set(Some("Listing APIs…".into()));
    live.error.set(None);
    leptos::task::spawn_local(async move {
        match single(&connection, deploy::list_rest_apis()).await {
            Ok(body) => live.apis.set(Some(deploy::rest_apis(&body))),
            Err(e) => live.error.set(Some(format!("Could not list APIs: {e}"))),
        }
        live.busy.set(None);
    });
}

async fn load_live(live: Live, id: &str) -> Result<LiveApi, ApiError> {
    let connection = live.connection.get_untracked();
    let mut loader = Loader::new(id);
    drive(&connection, &mut loader, |l| {
        live.busy.set(Some(format!("Loading API {id}… ({} requests answered)", l.answered)));
    })
    .await?;
    Ok(loader.finish())
}

/// "Load": the target API replaces the design (undoable).
fn load_into_designer(store: Store, live: Live) {
    let id = live.target.get_untracked();
    if id.is_empty() {
        live.error.set(Some("Pick an existing API to load.".into()));
        return;
    }
    live.error.set(None);
    live.review.set(None);
    live.deploy.set(None);
    leptos::task::spawn_local(async move {
        match load_live(live, &id).await {
            Ok(api) => {
                let warnings = api.warnings.len();
                let design = api.design.clone();
                let methods = design.method_count();
                store.replace(&format!("load API {id}"), design);
                store.selection.set(Selection::Api);
                live.base.set(Some(api));
                store.tell(format!(
                    "Loaded API {id}: {methods} method{}{}. Ctrl+Z brings the previous design back.",
                    if methods == 1 { "" } else { "s" },
                    if warnings > 0 { format!(", {warnings} item(s) not carried over") } else { String::new() }
                ));
            }
            Err(e) => live.error.set(Some(format!("Could not load API {id}: {e}"))),
        }
        live.busy.set(None);
    });
}

fn changes(base: &LiveApi, design: &Design, stage: &str) -> Vec<Call> {
    deploy::changes(base, design, Some(stage), "apigw-designer")
}

/// "Review": loads the target's current state and shows what a deploy would send.
fn review(store: Store, live: Live) {
    let id = live.target.get_untracked();
    live.error.set(None);
    live.deploy.set(None);
    if let Some(phase) = store.checker.with_untracked(|c| first_failure(c.iter())) {
        let what = match phase {
            Phase::Deploy => "the deploy would fail",
            Phase::Invoke => "its callers would get errors",
            _ => "API Gateway would reject it",
        };
        live.error
            .set(Some(format!("The design has errors: {what}. Fix them (see Problems) first.")));
        return;
    }
    leptos::task::spawn_local(async move {
        let design = store.design.get_untracked();
        let base = if id.is_empty() {
            Ok(deploy::fresh_api(&design.api))
        } else {
            load_live(live, &id).await
        };
        match base {
            Ok(base) => {
                live.review.set(Some(changes(&base, &design, &live.stage.get_untracked())));
                live.base.set(Some(base));
            }
            Err(e) => live.error.set(Some(format!("Could not read API {id}: {e}"))),
        }
        live.busy.set(None);
    });
}

/// "Deploy": runs the reviewed calls (the first creates the API when the target is new).
fn run_deploy(store: Store, live: Live) {
    let (Some(calls), Some(base)) = (live.review.get_untracked(), live.base.get_untracked()) else {
        return;
    };
    live.error.set(None);
    let machine = Deploy::new(calls, base.ids);
    leptos::task::spawn_local(execute(store, live, machine));
}

async fn execute(store: Store, live: Live, mut machine: Deploy) {
    let connection = live.connection.get_untracked();
    live.deploy.set(Some(machine.clone()));
    live.busy.set(Some("Deploying…".into()));
    let result = drive(&connection, &mut machine, |m| live.deploy.set(Some(m.clone()))).await;
    live.deploy.set(Some(machine.clone()));
    live.busy.set(None);
    adopt_new_api(store, live, &machine);
    match result {
        Ok(()) => {
            store.tell(format!(
                "Deployed {} to API {}.",
                counted(machine.calls.len(), "call", "calls"),
                live.target.get_untracked()
            ));
        }
        Err(e) => live.error.set(Some(format!(
            "Stopped at call {} of {}: {e}. Nothing in the design changed; fix the problem and press Resume.",
            machine.index + 1,
            machine.calls.len()
        ))),
    }
}

/// Once a deploy has created the target API, the panel points at it. The design is not
/// touched: the target is the connection's, not the design's.
fn adopt_new_api(store: Store, live: Live, machine: &Deploy) {
    let Some(id) = machine.ids.get(apigw_core::plan::API).cloned() else { return };
    if !live.target.get_untracked().is_empty() {
        return;
    }
    let name = store.design.with_untracked(|d| d.api.name.clone());
    live.set_target(id.clone());
    live.apis.update(|apis| {
        if let Some(apis) = apis {
            apis.push((id.clone(), name));
        }
    });
}

/// The target kept for the proxy at `url`, if any.
fn stored_target(url: &str) -> Option<String> {
    let stored: serde_json::Value = serde_json::from_str(&io::storage_get(TARGET_KEY)?).ok()?;
    if stored.get("url")?.as_str()? != url {
        return None;
    }
    Some(stored.get("target")?.as_str()?.to_string())
}

/// "Resume": the same deploy, with the calls rebuilt from the design as it is now.
fn resume(store: Store, live: Live) {
    let (Some(machine), Some(base)) = (live.deploy.get_untracked(), live.base.get_untracked())
    else {
        return;
    };
    live.error.set(None);
    let calls = changes(&base, &store.design.get_untracked(), &live.stage.get_untracked());
    let next = machine.resume(calls);
    leptos::task::spawn_local(execute(store, live, next));
}

/// The panel, shown over the preview column while open.
#[component]
pub fn LivePanel() -> impl IntoView {
    let store = use_store();
    let live = use_live();
    let url = RwSignal::new(live.connection.get_untracked().url);
    let token = RwSignal::new(live.connection.get_untracked().token);
    // A connection that arrives later (a pasted `#connect=` link) fills the fields.
    Effect::new(move |_| {
        let connection = live.connection.get();
        url.set(connection.url);
        token.set(connection.token);
    });
    // A design loaded from a live API names it; it is the target until the user picks another.
    if live.target.get_untracked().is_empty()
        && let Some(id) = store.design.with_untracked(|d| d.api.rest_api_id.clone())
    {
        live.target.set(id);
    }
    let connect = move || {
        live.set_connection(Connection { url: url.get_untracked(), token: token.get_untracked() });
        list_apis(live);
    };
    view! {
        <Show when=move || live.open.get()>
            <aside class="live-panel" aria-label="Deploy and load">
                <div class="panel-title">
                    <span>"Live API"</span>
                    <button class="icon" aria-label="Close" on:click=move |_| live.open.set(false)><span class="i i-close" aria-hidden="true"></span></button>
                </div>
                <div class="live-body">
                    <section class="card">
                        <h3>"Proxy"</h3>
                        <p class="hint">"apigw-proxy signs requests with your AWS credentials (or forwards to the local sandbox). Start it with "<code>"cargo xtask serve"</code>" or "<code>"apigw-proxy"</code>", then paste what it printed."</p>
                        <label class="field"><span>"Proxy URL"</span>
                            <input id="live-url" type="url" placeholder="http://127.0.0.1:8787" prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
                        </label>
                        <label class="field"><span>"Token"</span>
                            <input id="live-token" type="password" autocomplete="off" prop:value=move || token.get() on:input=move |ev| token.set(event_target_value(&ev)) />
                        </label>
                        <button class="primary" on:click=move |_| connect()>"Connect"</button>
                        <Show when=move || live.apis.with(|a| a.is_some())>
                            <label class="field"><span>"Target API"</span>
                                <select id="live-target" on:change=move |ev| { live.set_target(event_target_value(&ev)); live.review.set(None); live.deploy.set(None); }>
                                    <option value=NEW_API selected=move || live.target.get().is_empty()>"+ Create a new API"</option>
                                    {move || live.apis.get().unwrap_or_default().into_iter().map(|(id, name)| {
                                        let label = format!("{name} ({id})");
                                        let selected = { let id = id.clone(); move || live.target.get() == id };
                                        view! { <option value=id selected=selected>{label}</option> }
                                    }).collect_view()}
                                </select>
                            </label>
                            <div class="live-actions">
                                <button disabled=move || live.target.get().is_empty() || live.busy.get().is_some() on:click=move |_| load_into_designer(store, live)>"Load into designer"</button>
                                <button class="primary" disabled=move || live.busy.get().is_some() on:click=move |_| review(store, live)>"Review deploy…"</button>
                            </div>
                            <label class="field"><span>"Stage (optional: CreateDeployment at the end, with the variables of a stage the design defines)"</span>
                                <input id="live-stage" list="live-stages" placeholder="e.g. dev" prop:value=move || live.stage.get() on:input=move |ev| { live.stage.set(event_target_value(&ev)); live.review.set(None); } />
                                <datalist id="live-stages">
                                    {move || store.design.with(|d| d.stages.keys().cloned().collect::<Vec<_>>()).into_iter().map(|name| view! { <option value=name></option> }).collect_view()}
                                </datalist>
                            </label>
                        </Show>
                    </section>
                    <Show when=move || live.busy.get().is_some()>
                        <p class="live-busy" role="status">{move || live.busy.get().unwrap_or_default()}</p>
                    </Show>
                    <Show when=move || live.error.get().is_some()>
                        <div class="problem error live-error" role="alert">{move || live.error.get().unwrap_or_default()}</div>
                    </Show>
                    <Show when=move || live.review.with(|r| r.is_some()) && live.deploy.with(|d| d.is_none())>
                        <section class="card" data-testid="review">
                            <h3>"Changes to send"</h3>
                            <p class="hint">{move || live.review.with(|r| r.as_deref().map(review::tally).unwrap_or_default())}
                                {move || if live.target.get().is_empty() { " — to a new API".to_string() } else { format!(" — to API {}", live.target.get()) }}</p>
                            <ol class="change-list">
                                {move || live.review.get().unwrap_or_default().into_iter().map(|call| {
                                    let change = Change::of(&call);
                                    view! { <li class=format!("change-{}", change.name())><span class="mark">{change.sign().to_string()}</span><span class="op">{call.operation()}</span><span class="what mono">{review::describe(&call)}</span><span class="detail mono">{review::patch_text(&call)}</span></li> }
                                }).collect_view()}
                            </ol>
                            <button class="primary" disabled=move || live.review.with(|r| r.as_ref().is_some_and(|r| r.is_empty())) || live.busy.get().is_some() on:click=move |_| run_deploy(store, live)>
                                {move || format!("Deploy {}", counted(live.review.with(|r| r.as_ref().map(Vec::len).unwrap_or(0)), "call", "calls"))}
                            </button>
                        </section>
                    </Show>
                    <Show when=move || live.deploy.with(|d| d.is_some())>
                        <section class="card" data-testid="progress">
                            <h3>{move || live.deploy.with(|d| d.as_ref().map(|d| format!("Deploy: {} of {} done", d.succeeded(), d.calls.len())).unwrap_or_default())}</h3>
                            <ol class="progress-list">
                                {move || live.deploy.get().map(|d| d.calls.iter().zip(d.records.iter()).map(|(call, record)| {
                                    let status = record.status.clone();
                                    let class = format!("progress-{}", match status { Status::Pending => "pending", Status::Running => "running", Status::Done | Status::Skipped => "done", Status::Failed => "failed" });
                                    let response = record.response.clone().unwrap_or_default();
                                    let notes = record.notes.join("\n");
                                    view! {
                                        <li class=class>
                                            <span class="state">{status.label()}</span>
                                            <span class="op">{call.operation()}</span>
                                            <span class="what mono">{review::describe(call)}</span>
                                            {(!response.is_empty() || !notes.is_empty()).then(|| view! { <details><summary>"response"</summary><pre>{notes}{"\n"}{response}</pre></details> })}
                                        </li>
                                    }
                                }).collect_view())}
                            </ol>
                            <Show when=move || live.deploy.with(|d| d.as_ref().is_some_and(|d| d.failure.is_some())) && live.busy.get().is_none()>
                                <button class="primary" on:click=move |_| resume(store, live)>"Resume"</button>
                            </Show>
                        </section>
                    </Show>
                </div>
            </aside>
        </Show>
    }
}

/// The header's entry point: opens the panel; shows where the design deploys to.
#[component]
pub fn LiveButton() -> impl IntoView {
    let live = use_live();
    view! {
        <button class="primary" data-testid="open-live" title="Connect to a proxy, load a live API, review and deploy" on:click=move |_| live.open.set(true)>
            "Deploy…"
        </button>
    }
}

//! The Test tab: a request to the method, and what API Gateway would do with it, as the
//! console's Test tab shows it (the response, the request sent to the back end, the log), kept
//! up to date as the design or the request changes: there is no Run button.
//!
//! The request is the method's saved test request ([`TestRequest`]), or, until the user edits
//! one, apigw-core's example for the method. Every change of an input saves the whole request
//! with the method as one edit (`Edit::SetTestRequest`); typing in one input is one undo step.
//! Every text here is the user's or derived from it, so it is only ever shown as text.
//!
//! Also here: the live output of one mapping template for the test request, shown beside
//! each template's editor.

use super::{MethodForm, use_method_form};
use crate::store::use_store;
use apigw_core::command::Edit;
use apigw_core::diagnostic::Target;
use apigw_core::live::test_invoke;
use apigw_core::model::{Design, TestBackend, TestRequest};
use apigw_core::simulate::{self, TemplateRef, Trace};
use apigw_core::{facts, path};
use leptos::prelude::*;

/// The request the Test tab sends `verb path`: the saved one, or the method's example.
pub fn current_request(design: &Design, path: &str, verb: &str) -> TestRequest {
    match design.method(path, verb).and_then(|m| m.test_request.clone()) {
        Some(saved) => *saved,
        None => simulate::example_test_request(design, path, verb),
    }
}

/// What the simulator makes of the method's test request.
fn trace_of(design: &Design, path: &str, verb: &str) -> Trace {
    let test = current_request(design, path, verb);
    let request = simulate::request_from_test(design, path, verb, &test);
    simulate::simulate(design, &request)
}

/// `name=value` lines, the stage variables' text form.
fn variables_text(map: &apigw_core::map::Map<String, String>) -> String {
    map.iter().map(|(k, v)| format!("{k}={v}\n")).collect()
}

/// Reads `name=value` lines; blank lines are skipped, a line without `=` is a name with an
/// empty value.
fn parse_variables(text: &str) -> apigw_core::map::Map<String, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match l.split_once('=') {
            Some((k, v)) => (k.trim().to_string(), v.to_string()),
            None => (l.trim().to_string(), String::new()),
        })
        .collect()
}

/// One input of the test request: what it shows of the request, and how a typed value
/// changes the request.
#[derive(Clone, Copy)]
enum Input {
    PathParameter,
    Query,
    Headers,
    StageVariables,
    Body,
    Status,
    BackendHeaders,
    BackendBody,
    LambdaError,
}

impl Input {
    fn read(self, t: &TestRequest, name: &str) -> String {
        let backend = t.backend.as_ref();
        match self {
            Input::PathParameter => t.path_parameters.get(name).cloned().unwrap_or_default(),
            Input::Query => t.query_string.clone(),
            Input::Headers => t.headers.clone(),
            Input::StageVariables => variables_text(&t.stage_variables),
            Input::Body => t.body.clone(),
            Input::Status => backend.map_or(200, |b| b.status).to_string(),
            Input::BackendHeaders => backend.map(|b| b.headers.clone()).unwrap_or_default(),
            Input::BackendBody => backend.map(|b| b.body.clone()).unwrap_or_default(),
            Input::LambdaError => backend.and_then(|b| b.error.clone()).unwrap_or_default(),
        }
    }

    fn write(self, t: &mut TestRequest, name: &str, text: String) {
        let backend = || TestBackend::default();
        match self {
            Input::PathParameter => {
                t.path_parameters.insert(name.to_string(), text);
            }
            Input::Query => t.query_string = text,
            Input::Headers => t.headers = text,
            Input::StageVariables => t.stage_variables = parse_variables(&text),
            Input::Body => t.body = text,
            Input::Status => {
                // A status being typed may be briefly empty or partial: keep the last whole one.
                if let Ok(status) = text.trim().parse::<u16>() {
                    t.backend.get_or_insert_with(backend).status = status;
                }
            }
            Input::BackendHeaders => t.backend.get_or_insert_with(backend).headers = text,
            Input::BackendBody => t.backend.get_or_insert_with(backend).body = text,
            Input::LambdaError => {
                t.backend.get_or_insert_with(backend).error = (!text.is_empty()).then_some(text);
            }
        }
    }

    fn key(self) -> &'static str {
        match self {
            Input::PathParameter => "path",
            Input::Query => "query",
            Input::Headers => "headers",
            Input::StageVariables => "stage-variables",
            Input::Body => "body",
            Input::Status => "backend-status",
            Input::BackendHeaders => "backend-headers",
            Input::BackendBody => "backend-body",
            Input::LambdaError => "lambda-error",
        }
    }
}

/// Saves `input` typed as `text` into the method's test request, merging keystrokes in one
/// input into one undo step.
fn save(form: MethodForm, input: Input, name: &str, text: String) {
    let (path, verb) = (form.method.path(), form.method.verb());
    let mut test = form.store.design.with_untracked(|d| current_request(d, &path, &verb));
    input.write(&mut test, name, text);
    let group = format!("test {verb} {path} {} {name}", input.key());
    let edit = Edit::SetTestRequest { path, verb, request: Some(Box::new(test)) };
    form.store.apply_grouped(edit, Some(&group));
}

/// One input: a labelled line or area whose text is the request's, kept as typed while it
/// means the same (so `a=1` is not rewritten under the cursor), and replaced when the request
/// changes otherwise (undo, a stage picked).
#[component]
fn TestInput(
    label: String,
    input: Input,
    /// The path parameter's name, for a path parameter.
    #[prop(optional)]
    name: String,
    #[prop(optional)] rows: u32,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let form = use_method_form();
    let id = format!("test-{}{}{name}", input.key(), if name.is_empty() { "" } else { "-" });
    let name = StoredValue::new(name);
    let shown =
        form.read(move |m| m.test_request.as_ref().map(|t| name.with_value(|n| input.read(t, n))));
    let example = {
        let (p, v) = (form.method.path(), form.method.verb());
        Memo::new(move |_| {
            shown.get().unwrap_or_else(|| {
                let test = form.store.design.with(|d| current_request(d, &p, &v));
                name.with_value(|n| input.read(&test, n))
            })
        })
    };
    let text = RwSignal::new(example.get_untracked());
    Effect::new(move |_| {
        let value = example.get();
        let typed = text.get_untracked();
        let mut a = TestRequest::default();
        let mut b = TestRequest::default();
        name.with_value(|n| {
            input.write(&mut a, n, typed);
            input.write(&mut b, n, value.clone());
        });
        if a != b {
            text.set(value);
        }
    });
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        name.with_value(|n| save(form, input, n, value));
    };
    let seal = move |_| form.store.seal();
    let control = if rows > 0 {
        view! {
            <textarea id=id class="mono template" rows=rows spellcheck="false" placeholder=placeholder
                prop:value=move || text.get() on:input=on_input on:blur=seal></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id class="mono" type="text" spellcheck="false" autocomplete="off" placeholder=placeholder
                prop:value=move || text.get() on:input=on_input on:blur=seal />
        }
        .into_any()
    };
    view! {
        <label class="field">
            <span class="label">{label}</span>
            {control}
        </label>
    }
}

/// The stages of the design, to take a stage's variables from.
#[component]
fn StagePicker() -> impl IntoView {
    let form = use_method_form();
    let stages = super::design_memo(|d| d.stages.keys().cloned().collect::<Vec<_>>());
    let pick = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        let (path, verb) = (form.method.path(), form.method.verb());
        let edit = form.store.design.with_untracked(|d| {
            let stage = d.stages.get(&name)?;
            let mut test = current_request(d, &path, &verb);
            test.stage_variables = stage.variables.clone();
            Some(Edit::SetTestRequest { path, verb, request: Some(Box::new(test)) })
        });
        if let Some(edit) = edit {
            form.store.apply(edit);
        }
    };
    view! {
        <Show when=move || !stages.with(Vec::is_empty)>
            <label class="field">
                <span class="label">"Take the variables of a stage"</span>
                <select id="test-stage" on:change=pick>
                    <option value="">"(choose a stage)"</option>
                    {move || stages.get().into_iter().map(|s| { let v = s.clone(); view! { <option value=v>{s}</option> } }).collect_view()}
                </select>
            </label>
        </Show>
    }
}

#[component]
pub fn TestTab() -> impl IntoView {
    let form = use_method_form();
    let store = form.store;
    let (p, v) = (form.method.path(), form.method.verb());
    let kind = form.read(|m| m.integration.as_ref().map(|i| i.integration_type.clone()));
    let lambda = form.read(|m| {
        m.integration.as_ref().is_some_and(|i| {
            facts::is_aws(&i.integration_type)
                && i.uri.as_deref().and_then(facts::lambda_function_arn).is_some()
        })
    });
    let backend = move || kind.get().is_some_and(|k| !facts::is_mock(&k));
    let trace = Memo::new(move |_| store.design.with(|d| trace_of(d, &p, &v)));
    let saved = form.read(|m| m.test_request.is_some());
    let param_inputs = path::placeholders(&form.method.path())
        .into_iter()
        .map(|n| view! { <TestInput label=format!("Path parameter {n}") input=Input::PathParameter name=n.to_string() /> })
        .collect_view();
    let reset = move |_| {
        let edit = Edit::SetTestRequest {
            path: form.method.path(),
            verb: form.method.verb(),
            request: None,
        };
        store.apply(edit);
    };
    view! {
        <div class="test-tab" role="tabpanel" id="test-panel" aria-labelledby="tab-test">
            <section class="card test-request" aria-labelledby="test-request-title">
                <h3 id="test-request-title">"Test request"</h3>
                <p class="hint">{move || if saved.get() {
                    "Saved with the method. The output follows every change to the request or the design."
                } else {
                    "An example for this method; edit it to save it with the method. The output follows every change to the request or the design."
                }}</p>
                <div class="grid2">{param_inputs}</div>
                <TestInput label="Query string".into() input=Input::Query placeholder="a=1&b=2" />
                <TestInput label="Headers (Name: value, one per line)".into() input=Input::Headers rows=3 placeholder="Accept: application/json" />
                <TestInput label="Stage variables (name=value, one per line)".into() input=Input::StageVariables rows=2 />
                <StagePicker />
                <TestInput label="Request body".into() input=Input::Body rows=4 />
                <Show when=backend>
                    <h4>"The back end's answer"</h4>
                    <p class="hint">"Nothing is called: this is what the back end answers, for the integration response to work on."</p>
                    <div class="grid2">
                        <TestInput label="Status".into() input=Input::Status />
                        <Show when=move || lambda.get()>
                            <TestInput label="Lambda error message (empty: the function succeeded)".into() input=Input::LambdaError />
                        </Show>
                    </div>
                    <TestInput label="Headers (Name: value, one per line)".into() input=Input::BackendHeaders rows=2 />
                    <TestInput label="Body".into() input=Input::BackendBody rows=4 />
                </Show>
                <Show when=move || saved.get()>
                    <button class="small" on:click=reset>"Back to the example request"</button>
                </Show>
            </section>
            <TestOutput trace=trace />
            <RunOnAws trace=trace />
        </div>
    }
}

/// `Name: value` lines.
fn header_lines(headers: &[(String, String)]) -> String {
    headers.iter().map(|(k, v)| format!("{k}: {v}\n")).collect()
}

#[component]
fn TestOutput(trace: Memo<Trace>) -> impl IntoView {
    let store = use_store();
    let status = move || trace.with(|t| t.status);
    let matched = move || {
        trace.with(|t| match &t.matched {
            Some((path, verb)) => format!("{verb} {path}"),
            None => "no method".into(),
        })
    };
    let go = move |target: &Target| {
        store.testing.set(false);
        store.selection.set(crate::problems::selection_of(&target.owner));
        store.focus.set(Some(target.design_pointer()));
    };
    view! {
        <section class="card test-output" aria-labelledby="test-response-title" aria-live="polite">
            <h3 id="test-response-title">"Response"</h3>
            <p class="test-status">
                <span class="label">"Status "</span>
                <strong data-testid="test-status" class:error={move || status() >= 400}>{status}</strong>
                <span class="hint">" · routed to "{matched}</span>
            </p>
            <h4>"Headers"</h4>
            <pre class="test-pre" data-testid="test-response-headers">{move || trace.with(|t| header_lines(&t.headers))}</pre>
            <h4>"Body"</h4>
            <pre class="test-pre" data-testid="test-response-body">{move || trace.with(|t| t.body.clone())}</pre>
        </section>
        <section class="card test-output" aria-labelledby="test-integration-title">
            <h3 id="test-integration-title">"Integration request"</h3>
            {move || trace.with(|t| match &t.integration_request {
                Some(i) => view! {
                    <p class="mono test-line" data-testid="test-integration-url">{format!("{} {}", i.method, i.uri)}</p>
                    <h4>"Headers"</h4>
                    <pre class="test-pre">{header_lines(&i.headers)}</pre>
                    <h4>"Body"</h4>
                    <pre class="test-pre" data-testid="test-integration-body">{i.body.clone()}</pre>
                }.into_any(),
                None => view! { <p class="hint" data-testid="test-integration-url">"No request reached a back end (a mock integration, or the request stopped before)."</p> }.into_any(),
            })}
        </section>
        <section class="card test-output" aria-labelledby="test-log-title">
            <h3 id="test-log-title">"Log"</h3>
            <p class="hint">"A line with a link goes to the field that made it."</p>
            <ol class="test-log mono" data-testid="test-log">
                {move || trace.with(|t| t.log.iter().map(|line| match &line.target {
                    Some(target) => {
                        let target = target.clone();
                        let pointer = target.design_pointer();
                        view! { <li><button class="link log-line" data-pointer=pointer on:click=move |_| go(&target)>{line.text.clone()}</button></li> }.into_any()
                    }
                    None => view! { <li>{line.text.clone()}</li> }.into_any(),
                }).collect_view())}
            </ol>
        </section>
    }
}

/// The output of one mapping template of the method for its test request, or the template's
/// error with its line and column; shown beside the template's editor.
#[component]
pub fn TemplateOutput(which: TemplateRef) -> impl IntoView {
    let form = use_method_form();
    let (p, v) = (form.method.path(), form.method.verb());
    let output = Memo::new(move |_| {
        form.store.design.with(|d| {
            let test = current_request(d, &p, &v);
            let request = simulate::request_from_test(d, &p, &v, &test);
            simulate::template_output(d, &p, &v, &which, &request)
        })
    });
    move || {
        output.get().map(|result| match result {
            Ok(text) => view! {
                <div class="template-output">
                    <span class="label">"Output for the test request"</span>
                    <pre class="test-pre" data-testid="template-output">{text}</pre>
                </div>
            }
            .into_any(),
            Err(e) => view! {
                <div class="template-output error" data-testid="template-error">
                    {format!("No output: line {}, column {}: {}", e.line, e.column, e.message)}
                </div>
            }
            .into_any(),
        })
    }
}

/// "Run on API Gateway": when the designer is connected to a live API that the method's
/// resource was loaded from, API Gateway's own test of the method (TestInvokeMethod) with the
/// same request, beside the simulator's answer, with where they differ.
#[component]
fn RunOnAws(trace: Memo<Trace>) -> impl IntoView {
    let form = use_method_form();
    let live = crate::live::use_live();
    let (p, v) = (form.method.path(), form.method.verb());
    let at = p.clone();
    let resource_id = super::design_memo(move |d| d.resources.get(&at).and_then(|r| r.id.clone()));
    let ready = move || {
        resource_id.with(Option::is_some)
            && !live.target.with(String::is_empty)
            && !live.connection.with(|c| c.url.is_empty())
    };
    let result: RwSignal<Option<Result<test_invoke::Invoked, String>>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let run = move |_| {
        let Some(resource) = resource_id.get_untracked() else { return };
        let api = live.target.get_untracked();
        let request = form.store.design.with_untracked(|d| {
            let test = current_request(d, &p, &v);
            simulate::request_from_test(d, &p, &v, &test)
        });
        let sent = test_invoke::request(&api, &resource, &v, &request);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = match crate::live::send_one(live, sent).await {
                Ok(body) => test_invoke::parse(&body),
                Err(error) => Err(format!("API Gateway's test failed: {error}")),
            };
            result.set(Some(answer));
            busy.set(false);
        });
    };
    let differences = move || {
        result.with(|r| match r {
            Some(Ok(aws)) => trace.with(|t| test_invoke::differences(t, aws)),
            _ => Vec::new(),
        })
    };
    view! {
        <Show when=ready>
            <section class="card test-output test-aws" aria-labelledby="test-aws-title">
                <h3 id="test-aws-title">"On API Gateway"</h3>
                <p class="hint">"API Gateway's own test of this method in the connected API (TestInvokeMethod), with the request above. It calls the real back end."</p>
                <button class="small" disabled=move || busy.get() on:click=run.clone()>
                    {move || if busy.get() { "Running on API Gateway…" } else { "Run on API Gateway" }}
                </button>
                {move || result.with(|r| r.as_ref().map(|r| match r {
                    Err(message) => view! { <p class="template-output error" role="alert">{message.clone()}</p> }.into_any(),
                    Ok(aws) => view! {
                        <p class="test-status">
                            <span class="label">"Status "</span>
                            <strong data-testid="aws-status" class:error={aws.status >= 400}>{aws.status}</strong>
                            {aws.latency.map(|ms| view! { <span class="hint">{format!(" · {ms} ms")}</span> })}
                        </p>
                        <h4>"Headers"</h4>
                        <pre class="test-pre">{header_lines(&aws.headers)}</pre>
                        <h4>"Body"</h4>
                        <pre class="test-pre" data-testid="aws-body">{aws.body.clone()}</pre>
                        <h4>"Log"</h4>
                        <ol class="test-log mono" data-testid="aws-log">{aws.log.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ol>
                    }.into_any(),
                }))}
                {move || {
                    let list = differences();
                    let answered = result.with(|r| matches!(r, Some(Ok(_))));
                    answered.then(|| if list.is_empty() {
                        view! { <p class="same" data-testid="aws-differences">"The same status, headers and body as here."</p> }.into_any()
                    } else {
                        view! {
                            <h4>"Where API Gateway differs from here"</h4>
                            <ul class="differences" data-testid="aws-differences">{list.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                        }.into_any()
                    })
                }}
            </section>
        </Show>
    }
}

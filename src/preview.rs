//! The payload preview: the exact API Gateway calls for the selection, as boto3/CLI parameters
//! or as REST wire requests, syntax-highlighted (as text spans, never as HTML), with copy. When
//! the design has stages, a method's integration can also be shown resolved for one of them
//! (its stage variables substituted, as API Gateway uses it at run time), under the exact
//! requests, which stay as written since that is what is sent.

use crate::io;
use crate::store::{Selection, use_store};
use apigw_core::Design;
use apigw_core::plan::{self, Call};
use apigw_core::text::counted;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Boto3,
    Wire,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Selection,
    Plan,
}

/// The calls the selection needs: CreateResource for its resource (none exist yet in a design),
/// then the method's calls.
fn calls_for(design: &Design, selection: &Selection) -> Vec<Call> {
    match selection {
        Selection::Api => plan::api_calls(design),
        Selection::Resource(path) => plan::create_resource(path).into_iter().collect(),
        Selection::Method(path, verb) => {
            let mut calls: Vec<Call> = plan::create_resource(path).into_iter().collect();
            if let Some(method) = design.method(path, verb) {
                plan::method_calls(path, verb, method, &mut calls);
            }
            calls
        }
    }
}

/// What the preview says when the selection makes no calls.
fn empty_hint(selection: &Selection) -> &'static str {
    match selection {
        Selection::Api => {
            "No authorizers, validators or models yet: the calls that create them show here."
        }
        Selection::Resource(path) if path == "/" => {
            "The root resource comes with every API: no call creates it. Select one of its methods to see their calls."
        }
        _ => "Select a resource or method to see the calls that create it.",
    }
}

fn render(call: &Call, form: Form) -> String {
    match form {
        Form::Boto3 => serde_json::to_string_pretty(&serde_json::Value::Object(call.params()))
            .unwrap_or_default(),
        Form::Wire => {
            let wire = call.wire();
            let body = wire
                .body
                .as_ref()
                .map(|b| serde_json::to_string_pretty(b).unwrap_or_default())
                .unwrap_or_default();
            // Ids not known until deploy are named for what they stand for (`{id of /orders}`),
            // not percent-encoded: the copied request reads the same, with each one to fill in.
            let path = wire.readable_path();
            format!("{} {path}\nContent-Type: application/json\n\n{}", wire.method, body)
        }
    }
}

/// A method's integration resolved for `stage`, as lines of text; None when the selection is no
/// method with an integration.
fn resolved_text(design: &Design, selection: &Selection, stage: &str) -> Option<String> {
    let Selection::Method(path, verb) = selection else { return None };
    let r = apigw_core::stages::resolve(design, path, verb, stage)?;
    let mut out = String::new();
    for (label, value) in
        [("uri", &r.uri), ("connectionId", &r.connection_id), ("credentials", &r.credentials)]
    {
        if let Some(value) = value {
            out.push_str(&format!("{label}: {value}\n"));
        }
    }
    for (key, value) in &r.request_parameters {
        out.push_str(&format!("{key}: {value}\n"));
    }
    for (content_type, template) in &r.request_templates {
        out.push_str(&format!("template {content_type}:\n{template}\n"));
    }
    if !r.undefined.is_empty() {
        out.push_str(&format!(
            "not defined at {stage} (read as empty): {}\n",
            r.undefined.join(", ")
        ));
    }
    Some(out)
}

/// How many calls the preview renders: the whole plan of a large API is for export, not for
/// scrolling through.
const SHOWN: usize = 100;

#[component]
pub fn Preview() -> impl IntoView {
    let store = use_store();
    let form = RwSignal::new(Form::Boto3);
    let scope = RwSignal::new(Scope::Selection);
    let calls = Memo::new(move |_| match scope.get() {
        Scope::Selection => store.design.with(|d| store.selection.with(|s| calls_for(d, s))),
        // Only the calls shown are built: a large plan is for export, not for every keystroke.
        Scope::Plan => store.design.with(|d| plan::build_first(d, SHOWN)),
    });
    let count = Memo::new(move |_| {
        store.shape.track();
        store.design.with_untracked(plan::call_count)
    });
    // (index, operation, rendered text, CLI command name) of each call shown.
    let rendered = Memo::new(move |_| {
        let form = form.get();
        calls.with(|list| {
            list.iter()
                .take(SHOWN)
                .enumerate()
                .map(|(i, call)| (i, call.operation(), render(call, form), call.cli_name()))
                .collect::<Vec<_>>()
        })
    });
    // The stage a method's integration is resolved for; empty: as written.
    let stage = RwSignal::new(String::new());
    let stages =
        Memo::new(move |_| store.design.with(|d| d.stages.keys().cloned().collect::<Vec<_>>()));
    let resolved = Memo::new(move |_| {
        let stage = stage.get();
        if stage.is_empty() || !stages.with(|s| s.contains(&stage)) {
            return None;
        }
        store.design.with(|d| store.selection.with(|s| resolved_text(d, s, &stage)))
    });
    view! {
        <aside class="preview" aria-label="Payload preview">
            <div class="panel-title">
                <span>"Requests"</span>
                <div class="segmented" role="group" aria-label="Preview form">
                    <button class:active=move || form.get() == Form::Boto3 aria-pressed=move || (form.get() == Form::Boto3).to_string() on:click=move |_| form.set(Form::Boto3)>"boto3 / CLI"</button>
                    <button class:active=move || form.get() == Form::Wire aria-pressed=move || (form.get() == Form::Wire).to_string() on:click=move |_| form.set(Form::Wire)>"REST wire"</button>
                </div>
            </div>
            <div class="segmented scope" role="group" aria-label="Preview scope">
                <button class:active=move || scope.get() == Scope::Selection on:click=move |_| scope.set(Scope::Selection)>"Selection"</button>
                <button class:active=move || scope.get() == Scope::Plan on:click=move |_| scope.set(Scope::Plan)>{move || format!("Whole plan · {}", counted(count.get(), "call", "calls"))}</button>
            </div>
            <div class="calls">
                <Show when=move || calls.with(|c| !c.is_empty())
                    fallback=move || view! { <p class="hint">{move || empty_hint(&store.selection.get())}</p> }>
                    // Keyed by the rendered text: a keystroke re-renders the one call it changed.
                    <For each=move || rendered.get() key=|(index, _, text, _)| (*index, text.clone()) let:item>
                        {
                            let (index, operation, text, cli) = item;
                            let copy_text = match form.get_untracked() {
                                Form::Boto3 => format!("aws apigateway {cli} --cli-input-json '{}'", text.replace('\'', "'\\''")),
                                Form::Wire => text.clone(),
                            };
                            let title = format!("{}. {}", index + 1, operation);
                            let copy_title = title.clone();
                            view! {
                                <div class="call" data-operation=operation>
                                    <div class="call-head">
                                        <span class="op">{title}</span>
                                        <button class="small" title="Copy to clipboard" aria-label=format!("Copy {copy_title}") on:click=move |_| { io::copy(&copy_text); store.tell("Copied to the clipboard"); }>"Copy"</button>
                                    </div>
                                    <pre class="json" tabindex="0"><code>{highlight(&text)}</code></pre>
                                </div>
                            }
                        }
                    </For>
                    {move || {
                        let total = match scope.get() {
                            Scope::Plan => count.get(),
                            Scope::Selection => calls.with(Vec::len),
                        };
                        let more = total.saturating_sub(SHOWN);
                        (more > 0).then(|| view! {
                            <p class="hint more">{format!("and {more} more calls: Export → Plan or CLI script has them all")}</p>
                        })
                    }}
                </Show>
                <Show when=move || stages.with(|s| !s.is_empty())>
                    <label class="field resolve"><span>"Resolve for stage"</span>
                        <select id="preview-stage" on:change=move |ev| stage.set(event_target_value(&ev))>
                            <option value="" selected=move || stage.get().is_empty()>"(as written)"</option>
                            {move || stages.get().into_iter().map(|name| {
                                let value = name.clone();
                                let chosen = name.clone();
                                view! { <option value=value selected=move || stage.get() == chosen>{name}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    {move || resolved.get().map(|text| view! {
                        <div class="call resolved" data-stage=stage.get_untracked()>
                            <div class="call-head"><span class="op">{format!("The integration at stage {}", stage.get_untracked())}</span></div>
                            <pre class="json" tabindex="0"><code>{text}</code></pre>
                        </div>
                    })}
                </Show>
            </div>
        </aside>
    }
}

/// Splits JSON-like text into classed spans. Text stays text: nothing is parsed as HTML.
pub fn highlight(text: &str) -> Vec<AnyView> {
    tokens(text)
        .into_iter()
        .map(|(class, token)| view! { <span class=class>{token}</span> }.into_any())
        .collect()
}

/// The tokens of JSON text with their CSS classes (`k` key, `s` string, `n` number, `b`
/// literal, `p` punctuation and space).
pub fn tokens(text: &str) -> Vec<(&'static str, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut i = 0;
    let push = |out: &mut Vec<(&'static str, String)>, class: &'static str, s: String| {
        if let Some(last) = out.last_mut()
            && last.0 == class
            && class == "p"
        {
            last.1.push_str(&s);
            return;
        }
        out.push((class, s));
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(chars.len());
            let token: String = chars[start..i].iter().collect();
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let class = if chars.get(j) == Some(&':') { "k" } else { "s" };
            push(&mut out, class, token);
        } else if c == '-' || c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || "-+.eE".contains(chars[i])) {
                i += 1;
            }
            push(&mut out, "n", chars[start..i].iter().collect());
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let class = if matches!(word.as_str(), "true" | "false" | "null") { "b" } else { "p" };
            push(&mut out, class, word);
        } else {
            push(&mut out, "p", c.to_string());
            i += 1;
        }
    }
    out
}

//! The bulk panel: one change applied to every method chosen in the tree (Ctrl- and
//! Shift-click, or every method a filter matches), a copied method pasted onto the chosen
//! resources, or find and replace across their URIs, mappings and templates. apigw-core's
//! `bulk` builds the change and its preview; applying it is one undo step.

use crate::store::{Selection, Store, use_store};
use apigw_core::bulk::{self, Access, Change, MethodKey, Preview};
use apigw_core::cors::CorsOptions;
use apigw_core::facts;
use apigw_core::text::counted;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// What the panel does to the chosen methods.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Action {
    Access,
    Validator,
    ApiKey,
    Header,
    Timeout,
    Cors,
    Paste,
    Replace,
}

const ACTIONS: &[(Action, &str)] = &[
    (Action::Access, "Authorization"),
    (Action::Validator, "Request validator"),
    (Action::ApiKey, "API key required"),
    (Action::Header, "Pass a header to the back end"),
    (Action::Timeout, "Integration timeout"),
    (Action::Cors, "Enable CORS"),
    (Action::Paste, "Paste the copied method"),
    (Action::Replace, "Find and replace"),
];

/// How many change lines the preview shows before "and N more".
const SHOWN: usize = 200;

/// The chosen methods: those chosen directly and every method of a chosen resource.
pub fn chosen_methods(store: Store) -> Vec<MethodKey> {
    store.chosen.with(|chosen| {
        store.design.with(|d| {
            let mut out = Vec::new();
            for s in chosen {
                match s {
                    Selection::Method(p, v) => out.push((p.clone(), v.clone())),
                    Selection::Resource(p) => {
                        if let Some(r) = d.resources.get(p) {
                            out.extend(r.methods.keys().map(|v| (p.clone(), v.clone())));
                        }
                    }
                    Selection::Api => {}
                }
            }
            let mut seen = BTreeSet::new();
            out.retain(|k| seen.insert(k.clone()));
            out
        })
    })
}

/// The chosen resources: those chosen directly and the resource of every chosen method.
fn chosen_resources(store: Store) -> Vec<String> {
    store.chosen.with(|chosen| {
        let set: BTreeSet<String> =
            chosen.iter().filter_map(|s| s.path().map(String::from)).collect();
        set.into_iter().collect()
    })
}

#[component]
pub fn BulkPanel() -> impl IntoView {
    let store = use_store();
    let action = RwSignal::new(Action::Access);
    // The inputs of each action.
    let access = RwSignal::new(String::new());
    let validator = RwSignal::new(String::new());
    let api_key = RwSignal::new(true);
    let header = RwSignal::new(String::new());
    let source = RwSignal::new(String::new());
    let timeout = RwSignal::new(String::new());
    let origin = RwSignal::new("'*'".to_string());
    let errors = RwSignal::new(true);
    let find = RwSignal::new(String::new());
    let with = RwSignal::new(String::new());

    let methods = Memo::new(move |_| chosen_methods(store));
    let resources = Memo::new(move |_| chosen_resources(store));
    let authorizers = Memo::new(move |_| {
        store.design.with(|d| d.authorizers.keys().cloned().collect::<Vec<_>>())
    });
    let validators = Memo::new(move |_| {
        store.design.with(|d| d.request_validators.keys().cloned().collect::<Vec<_>>())
    });
    let timeout_value = Memo::new(move |_| timeout.with(|t| t.trim().parse::<i64>().ok()));
    let preview = Memo::new(move |_| -> Option<Preview> {
        let keys = methods.get();
        let change = match action.get() {
            Action::Access => Change::Access(match access.get().split_once(':') {
                Some(("authorizer", name)) => Access::Authorizer(name.to_string()),
                _ if access.with(|a| a == "iam") => Access::Iam,
                _ => Access::Open,
            }),
            Action::Validator => Change::Validator(crate::form::opt(validator.get())),
            Action::ApiKey => Change::ApiKeyRequired(api_key.get()),
            Action::Header => {
                if header.with(|h| h.trim().is_empty()) {
                    return None;
                }
                Change::HeaderMapping { header: header.get(), source: source.get() }
            }
            Action::Timeout => {
                if timeout.with(|t| !t.trim().is_empty()) && timeout_value.get().is_none() {
                    return None;
                }
                Change::Timeout(timeout_value.get())
            }
            Action::Cors => Change::Cors(CorsOptions {
                allow_origin: origin.get(),
                gateway_responses: errors.get(),
                ..CorsOptions::default()
            }),
            Action::Paste => {
                let source = store.copied.get()?;
                return Some(store.design.with(|d| bulk::paste(d, &source, &resources.get())));
            }
            Action::Replace => {
                return Some(
                    store.design.with(|d| bulk::replace(d, &keys, &find.get(), &with.get())),
                );
            }
        };
        Some(store.design.with(|d| bulk::change(d, &keys, &change)))
    });
    let apply = move |_| {
        let Some(preview) = preview.get_untracked() else { return };
        let Some(edit) = preview.edit else { return };
        let label = edit.label();
        if store.apply(edit) {
            store.tell(format!("Done: {label}. Ctrl+Z undoes it in one step."));
        }
    };
    let clear = move |_| store.chosen.set(BTreeSet::new());
    let heading = move || {
        let m = methods.with(Vec::len);
        let r = resources.with(Vec::len);
        format!(
            "{} on {} chosen",
            counted(m, "method", "methods"),
            counted(r, "resource", "resources")
        )
    };
    let listed = move || {
        methods.with(|keys| {
            let mut names: Vec<String> =
                keys.iter().take(6).map(|(p, v)| format!("{v} {p}")).collect();
            if keys.len() > 6 {
                names.push(format!("and {} more", keys.len() - 6));
            }
            names.join(", ")
        })
    };
    let input = |signal: RwSignal<String>| move |ev| signal.set(event_target_value(&ev));
    let inputs = move || {
        match action.get() {
        Action::Access => view! {
            <label class="field"><span class="label">"Who may call them"</span>
                <select id="bulk-access" prop:value=move || access.get() on:change=input(access)>
                    <option value="">"Anyone (no authorization)"</option>
                    <option value="iam">"Callers signing with IAM credentials"</option>
                    {move || authorizers.get().into_iter().map(|a| {
                        let label = format!("Authorizer {a}");
                        view! { <option value=format!("authorizer:{a}")>{label}</option> }
                    }).collect_view()}
                </select></label>
        }.into_any(),
        Action::Validator => view! {
            <label class="field"><span class="label">"Request validator"</span>
                <select id="bulk-validator" prop:value=move || validator.get() on:change=input(validator)>
                    <option value="">"(none)"</option>
                    {move || validators.get().into_iter().map(|v| { let label = v.clone(); view! { <option value=v>{label}</option> } }).collect_view()}
                </select></label>
        }.into_any(),
        Action::ApiKey => view! {
            <label class="check"><input id="bulk-api-key" type="checkbox" prop:checked=move || api_key.get() on:change=move |ev| api_key.set(event_target_checked(&ev)) />
                <span>"API key required"</span></label>
        }.into_any(),
        Action::Header => view! {
            <div class="grid2">
                <label class="field"><span class="label">"Header name"</span>
                    <input id="bulk-header" class="mono" type="text" spellcheck="false" placeholder="e.g. X-Tenant" prop:value=move || header.get() on:input=input(header) /></label>
                <label class="field"><span class="label">"Mapped from"</span>
                    <input id="bulk-source" class="mono" type="text" spellcheck="false" placeholder="the method request header of that name" prop:value=move || source.get() on:input=input(source) /></label>
            </div>
        }.into_any(),
        Action::Timeout => view! {
            <label class="field"><span class="label">"Timeout (ms)"</span>
                <input id="bulk-timeout" class="mono" type="text" inputmode="numeric" placeholder=format!("API Gateway's default, {} ms", facts::TIMEOUT_DEFAULT_MS) prop:value=move || timeout.get() on:input=input(timeout) /></label>
            <Show when=move || timeout.with(|t| !t.trim().is_empty()) && timeout_value.get().is_none()>
                <p class="field-error" role="alert">"A whole number of milliseconds, such as 5000."</p>
            </Show>
        }.into_any(),
        Action::Cors => view! {
            <label class="field"><span class="label">"Access-Control-Allow-Origin"</span>
                <input id="bulk-origin" class="mono" type="text" prop:value=move || origin.get() on:input=input(origin) /></label>
            <label class="check"><input type="checkbox" prop:checked=move || errors.get() on:change=move |ev| errors.set(event_target_checked(&ev)) />
                <span>"Also API Gateway's own errors (its default 4XX and 5XX gateway responses)"</span></label>
        }.into_any(),
        Action::Paste => view! {
            <p class="hint">{move || match store.copied.get() {
                Some((p, v)) => format!("Pastes {v} {p}, with its integration and responses, onto each chosen resource; a {v} method there is replaced."),
                None => "Nothing copied yet: open a method and press Copy method, then choose resources here.".to_string(),
            }}</p>
        }.into_any(),
        Action::Replace => view! {
            <div class="grid2">
                <label class="field"><span class="label">"Find"</span>
                    <input id="bulk-find" class="mono" type="text" spellcheck="false" prop:value=move || find.get() on:input=input(find) /></label>
                <label class="field"><span class="label">"Replace with"</span>
                    <input id="bulk-with" class="mono" type="text" spellcheck="false" prop:value=move || with.get() on:input=input(with) /></label>
            </div>
            <p class="hint">"In integration URIs, request and response mappings, and request and response templates. Case matters."</p>
        }.into_any(),
    }
    };
    // Above the list of changes, so it is in view however long the list is.
    let apply_button = move || {
        view! {
            <div class="map-add">
                <button class="primary" id="bulk-apply" disabled=move || preview.with(|p| p.as_ref().is_none_or(|p| p.edit.is_none())) on:click=apply>
                    {move || preview.with(|p| match p.as_ref().filter(|p| p.edit.is_some()) {
                        Some(p) => format!("Apply to {}", counted(p.methods, "method", "methods")),
                        None => "Apply".to_string(),
                    })}
                </button>
            </div>
        }
    };
    view! {
        <section class="card bulk" aria-labelledby="bulk-title">
            <h2 id="bulk-title" tabindex="-1">{heading}</h2>
            <p class="hint mono bulk-list">{listed}</p>
            <div class="map-add">
                <button class="small" on:click=clear>"Clear the choice"</button>
            </div>
            <p class="hint">"Ctrl-click adds or removes a row, Shift-click chooses a range; the filter's Choose all takes every match."</p>
        </section>
        <section class="card bulk" aria-label="Bulk change">
            <label class="field"><span class="label">"Change"</span>
                <select id="bulk-action" aria-label="Change to make" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if let Some((a, _)) = ACTIONS.iter().find(|(_, label)| *label == value) { action.set(*a); }
                }>
                    {ACTIONS.iter().map(|(a, label)| {
                        let a = *a;
                        view! { <option value=*label selected=move || action.get() == a>{*label}</option> }
                    }).collect_view()}
                </select></label>
            {inputs}
            <h3>"Preview"</h3>
            {move || match preview.get() {
                None => view! { <p class="hint">"Fill in the change to see what it does."</p> }.into_any(),
                Some(p) => {
                    let more = p.lines.len().saturating_sub(SHOWN);
                    view! {
                        <p class="bulk-summary" role="status">{p.summary()}</p>
                        {apply_button}
                        <ul class="changes bulk-changes" aria-label="Bulk changes">
                            {p.lines.iter().take(SHOWN).map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                            {(more > 0).then(|| view! { <li class="hint">{format!("and {more} more")}</li> })}
                        </ul>
                        {(!p.skipped.is_empty()).then(|| view! {
                            <h4>{format!("Left alone: {}", p.skipped.len())}</h4>
                            <ul class="changes skipped" aria-label="Left alone">
                                {p.skipped.iter().take(SHOWN).map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                            </ul>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}

//! Form controls bound to apigw-core edits, with their diagnostics shown in place.
//!
//! Every control takes its value from the design and writes through an `Edit`; the element id
//! of a control is the JSON Pointer of its target, so a clicked problem can focus it.

use crate::store::use_store;
use apigw_core::command::{Edit, Entry, MapRef};
use apigw_core::diagnostic::{Owner, Target};
use leptos::prelude::*;

/// The element id of the control for a target.
pub fn field_id(owner: &Owner, field: &'static str, key: Option<&str>) -> String {
    Target { owner: owner.clone(), field: Some(field), key: key.map(str::to_string) }
        .design_pointer()
}

/// The diagnostics at one field (and key), each with its message and fix.
#[component]
pub fn Problems(
    owner: Owner,
    field: &'static str,
    #[prop(optional)] key: Option<String>,
) -> impl IntoView {
    let store = use_store();
    let matching = move || {
        store.diagnostics_of(&owner, |d| {
            d.target.field == Some(field) && (key.is_none() || d.target.key == key)
        })
    };
    view! {
        <For each=matching key=|d| (d.code, d.message.clone()) let:d>
            <div class="problem" class:error=d.is_error() class:warning=!d.is_error() role="alert">
                <span class="code">{d.code}</span>
                " "
                <span class="message">{d.message.clone()}</span>
                <div class="fix">{d.fix.clone()}</div>
            </div>
        </For>
    }
}

/// A labelled text input. `commit` receives every keystroke; typing merges into one undo step.
#[component]
pub fn TextField(
    label: &'static str,
    id: String,
    #[prop(into)] value: Signal<String>,
    commit: Callback<String>,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] list: Option<String>,
    #[prop(optional)] mono: bool,
) -> impl IntoView {
    let store = use_store();
    view! {
        <label class="field">
            <span class="label">{label}</span>
            <input
                id=id
                class:mono=mono
                type="text"
                spellcheck="false"
                autocomplete="off"
                placeholder=placeholder
                list=list
                prop:value=move || value.get()
                on:input=move |ev| commit.run(event_target_value(&ev))
                on:blur=move |_| store.seal()
            />
            {hint.map(|h| view! { <span class="hint">{h}</span> })}
        </label>
    }
}

/// A labelled select over fixed options; the empty option means "not set" when `optional`.
#[component]
pub fn SelectField(
    label: &'static str,
    id: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] options: Signal<Vec<String>>,
    commit: Callback<String>,
    #[prop(optional)] optional: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="label">{label}</span>
            <select id=id on:change=move |ev| commit.run(event_target_value(&ev))>
                {optional.map(|none| view! { <option value="" selected=move || value.get().is_empty()>{none}</option> })}
                {move || {
                    let current = value.get();
                    let mut options = options.get();
                    if !current.is_empty() && !options.contains(&current) {
                        options.push(current.clone());
                    }
                    options
                        .into_iter()
                        .map(|o| {
                            let selected = o == current;
                            view! { <option value=o selected=selected>{o.clone()}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// A labelled checkbox.
#[component]
pub fn CheckField(
    label: &'static str,
    id: String,
    #[prop(into)] value: Signal<bool>,
    commit: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="check">
            <input id=id type="checkbox" prop:checked=move || value.get() on:change=move |ev| commit.run(event_target_checked(&ev)) />
            <span>{label}</span>
        </label>
    }
}

/// Diagnostics on keys this map does not hold yet (e.g. an undeclared path parameter), shown
/// under the map so they are seen at their field.
#[component]
fn MissingKeyProblems(
    owner: Owner,
    field: &'static str,
    prefix: &'static str,
    entries: Signal<Vec<(String, Entry)>>,
) -> impl IntoView {
    let store = use_store();
    let missing = move || {
        let present = entries.get();
        store.diagnostics_of(&owner, |d| {
            d.target.field == Some(field)
                && d.target
                    .key
                    .as_ref()
                    .is_some_and(|k| k.starts_with(prefix) && !present.iter().any(|(p, _)| p == k))
        })
    };
    view! {
        <For each=missing key=|d| (d.code, d.message.clone()) let:d>
            <div class="problem" class:error=d.is_error() class:warning=!d.is_error() role="alert">
                <span class="code">{d.code}</span>" "<span class="message">{d.message.clone()}</span>
                <div class="fix">{d.fix.clone()}</div>
            </div>
        </For>
    }
}

/// How a map's values are edited.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// A "required" checkbox.
    Required,
    /// A one-line expression.
    Line,
    /// A multi-line template.
    Template,
}

/// An editable map of a method: rows of key and value, add and remove.
#[component]
pub fn MapEditor(
    path: String,
    verb: String,
    map: MapRef,
    owner: Owner,
    field: &'static str,
    #[prop(into)] entries: Signal<Vec<(String, Entry)>>,
    values: Values,
    /// Keys are shown and typed without this prefix (e.g. `method.request.querystring.`).
    #[prop(optional)]
    prefix: &'static str,
    #[prop(optional)] key_placeholder: &'static str,
    #[prop(optional)] value_placeholder: &'static str,
    #[prop(optional, into)] key_suggestions: Option<Signal<Vec<String>>>,
    #[prop(optional, into)] value_suggestions: Option<Signal<Vec<String>>>,
    add_label: &'static str,
) -> impl IntoView {
    let store = use_store();
    let list_base = field_id(&owner, field, Some(prefix));
    let key_list = format!("{list_base}#keys");
    let value_list = format!("{list_base}#values");
    let new_key = RwSignal::new(String::new());
    let rows = move || {
        entries.get().into_iter().filter(|(k, _)| k.starts_with(prefix)).collect::<Vec<_>>()
    };
    let (p, v, m) = (path.clone(), verb.clone(), map.clone());
    let add = move || {
        let key = new_key.get_untracked().trim().to_string();
        if key.is_empty() {
            return;
        }
        let value = match values {
            Values::Required => Entry::Flag(false),
            _ => Entry::Text(String::new()),
        };
        let full = format!("{prefix}{key}");
        if store.apply(Edit::SetEntry {
            path: p.clone(),
            verb: v.clone(),
            map: m.clone(),
            key: full,
            value: Some(value),
        }) {
            new_key.set(String::new());
        }
    };
    let add_on_enter = add.clone();
    let row_owner = owner.clone();
    let value_list_row = value_list.clone();
    view! {
        <div class="map">
            <For each=rows key=|(k, _)| k.clone() let:row>
                {
                    let (key, entry) = row;
                    let shown = key.strip_prefix(prefix).unwrap_or(&key).to_string();
                    let id = field_id(&row_owner, field, Some(&key));
                    let (p1, v1, m1, k1) = (path.clone(), verb.clone(), map.clone(), key.clone());
                    let rename = move |ev: leptos::ev::Event| {
                        let to = format!("{prefix}{}", event_target_value(&ev).trim());
                        if to != k1 {
                            store.apply(Edit::RenameEntry { path: p1.clone(), verb: v1.clone(), map: m1.clone(), from: k1.clone(), to });
                        }
                    };
                    let (p2, v2, m2, k2) = (path.clone(), verb.clone(), map.clone(), key.clone());
                    let remove = move |_| {
                        store.apply(Edit::SetEntry { path: p2.clone(), verb: v2.clone(), map: m2.clone(), key: k2.clone(), value: None });
                    };
                    let (p3, v3, m3, k3) = (path.clone(), verb.clone(), map.clone(), key.clone());
                    let group = format!("{p3} {v3} {field} {k3}");
                    let set_text = move |text: String| {
                        store.apply_grouped(
                            Edit::SetEntry { path: p3.clone(), verb: v3.clone(), map: m3.clone(), key: k3.clone(), value: Some(Entry::Text(text)) },
                            Some(&group),
                        );
                    };
                    let (p4, v4, m4, k4) = (path.clone(), verb.clone(), map.clone(), key.clone());
                    let set_flag = move |flag: bool| {
                        store.apply(Edit::SetEntry { path: p4.clone(), verb: v4.clone(), map: m4.clone(), key: k4.clone(), value: Some(Entry::Flag(flag)) });
                    };
                    let value_view = match (values, entry) {
                        (Values::Required, Entry::Flag(flag)) => view! {
                            <label class="check inline">
                                <input type="checkbox" prop:checked=flag on:change=move |ev| set_flag(event_target_checked(&ev)) />
                                <span>"required"</span>
                            </label>
                        }.into_any(),
                        (Values::Template, Entry::Text(text)) => view! {
                            <textarea class="mono template" spellcheck="false" aria-label=format!("{shown} template") rows="4"
                                prop:value=text on:input=move |ev| set_text(event_target_value(&ev)) on:blur=move |_| store.seal()></textarea>
                        }.into_any(),
                        (_, Entry::Text(text)) => view! {
                            <input class="mono value" type="text" spellcheck="false" autocomplete="off" aria-label=format!("value of {shown}")
                                placeholder=value_placeholder list=value_list_row.clone()
                                prop:value=text on:input=move |ev| set_text(event_target_value(&ev)) on:blur=move |_| store.seal() />
                        }.into_any(),
                        (_, Entry::Flag(_)) => ().into_any(),
                    };
                    view! {
                        <div class="map-row" class:template=values == Values::Template>
                            <input id=id class="mono key" type="text" spellcheck="false" autocomplete="off" aria-label="name" prop:value=shown.clone() on:change=rename />
                            {value_view}
                            <button class="icon danger" title="Remove" aria-label=format!("remove {shown}") on:click=remove>"✕"</button>
                        </div>
                        <Problems owner=row_owner.clone() field=field key=key />
                    }
                }
            </For>
            <div class="map-add">
                <input class="mono key" type="text" spellcheck="false" autocomplete="off" placeholder=key_placeholder aria-label=add_label
                    list=key_list.clone()
                    prop:value=move || new_key.get()
                    on:input=move |ev| new_key.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { add_on_enter() } />
                <button class="small" on:click=move |_| add()>{add_label}</button>
            </div>
            <MissingKeyProblems owner=owner field=field prefix=prefix entries=entries />
            {key_suggestions.map(|s| view! { <datalist id=key_list>{move || s.get().into_iter().map(|o| view! { <option value=o></option> }).collect_view()}</datalist> })}
            {value_suggestions.map(|s| view! { <datalist id=value_list>{move || s.get().into_iter().map(|o| view! { <option value=o></option> }).collect_view()}</datalist> })}
        </div>
    }
}

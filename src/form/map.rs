//! Editable maps of a method, its integration and their responses: parameters, mappings,
//! models and templates, as rows of key and value with add, rename and remove.

use super::target_id;
use crate::store::use_store;
use apigw_core::command::{Edit, Entry};
use apigw_core::diagnostic::{Field, Owner, Target};
use leptos::prelude::*;

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

/// The map `field` of `owner`: rows of key and value, add and remove. Each key's control has
/// the id of its target (`owner`, `field`, key), and its diagnostics under it.
#[component]
pub fn MapEditor(
    owner: Owner,
    field: Field,
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
    /// For templates: what a template shows beside its editor (its live output), by key.
    #[prop(optional)]
    output: Option<Callback<String, AnyView>>,
) -> impl IntoView {
    let store = use_store();
    // A map with a prefix (one kind of parameter) adds keys under it; a whole map is its field.
    let list_base = if prefix.is_empty() {
        target_id(&Target::field(owner.clone(), field))
    } else {
        target_id(&Target::key(owner.clone(), field, prefix))
    };
    let key_list = format!("{list_base}#keys");
    let value_list = format!("{list_base}#values");
    let new_key = RwSignal::new(String::new());
    let rows = move || {
        entries.get().into_iter().filter(|(k, _)| k.starts_with(prefix)).collect::<Vec<_>>()
    };
    let adding = owner.clone();
    let add = move || {
        let key = new_key.get_untracked().trim().to_string();
        if key.is_empty() {
            return;
        }
        let value = match values {
            Values::Required => Entry::Flag(false),
            _ => Entry::Text(String::new()),
        };
        let edit = Edit::SetEntry {
            owner: adding.clone(),
            field,
            key: format!("{prefix}{key}"),
            value: Some(value),
        };
        if store.apply(edit) {
            new_key.set(String::new());
        }
    };
    let add_on_enter = add.clone();
    // Controls are named with what they hold and whose they are, so no two share a name.
    let ow = super::owner_words(&owner);
    let what = add_label.strip_prefix("Add ").unwrap_or(add_label).to_string();
    let add_name = format!("{add_label} ({ow})");
    let add_whose = format!(" ({ow})");
    let row_owner = owner.clone();
    let value_list_row = value_list.clone();
    view! {
        <div class="map">
            <For each=rows key=|(k, _)| k.clone() let:row>
                {
                    let (key, entry) = row;
                    let shown = key.strip_prefix(prefix).unwrap_or(&key).to_string();
                    let whose = format!("{what}, {ow}");
                    let target = Target::key(row_owner.clone(), field, key.clone());
                    let id = target_id(&target);
                    let (o1, k1) = (row_owner.clone(), key.clone());
                    let rename = move |ev: leptos::ev::Event| {
                        let to = format!("{prefix}{}", event_target_value(&ev).trim());
                        if to != k1 {
                            store.apply(Edit::RenameEntry { owner: o1.clone(), field, from: k1.clone(), to });
                        }
                    };
                    let (o2, k2) = (row_owner.clone(), key.clone());
                    let remove = move |_| {
                        store.apply(Edit::SetEntry { owner: o2.clone(), field, key: k2.clone(), value: None });
                    };
                    let (o3, k3) = (row_owner.clone(), key.clone());
                    let group = format!("{id} value");
                    let set_text = move |text: String| {
                        let edit = Edit::SetEntry { owner: o3.clone(), field, key: k3.clone(), value: Some(Entry::Text(text)) };
                        store.apply_grouped(edit, Some(&group));
                    };
                    let shown_output = output.map(|o| o.run(key.clone()));
                    let (o4, k4) = (row_owner.clone(), key);
                    let set_flag = move |flag: bool| {
                        store.apply(Edit::SetEntry { owner: o4.clone(), field, key: k4.clone(), value: Some(Entry::Flag(flag)) });
                    };
                    let value_view = match (values, entry) {
                        (Values::Required, Entry::Flag(flag)) => view! {
                            <label class="check inline">
                                <input type="checkbox" aria-label=format!("{shown} required ({whose})") prop:checked=flag on:change=move |ev| set_flag(event_target_checked(&ev)) />
                                <span>"required"</span>
                            </label>
                        }.into_any(),
                        (Values::Template, Entry::Text(text)) => view! {
                            <textarea class="mono template" spellcheck="false" aria-label=format!("{shown} template ({whose})") rows="4"
                                prop:value=text on:input=move |ev| set_text(event_target_value(&ev)) on:blur=move |_| store.seal()></textarea>
                        }.into_any(),
                        (_, Entry::Text(text)) => view! {
                            <input class="mono value" type="text" spellcheck="false" autocomplete="off" aria-label=format!("value of {shown} ({whose})")
                                placeholder=value_placeholder list=value_list_row.clone()
                                prop:value=text on:input=move |ev| set_text(event_target_value(&ev)) on:blur=move |_| store.seal() />
                        }.into_any(),
                        (_, Entry::Flag(_)) => ().into_any(),
                    };
                    view! {
                        <div class="map-row" class:template=values == Values::Template>
                            // A text area of one line that wraps, so a long key is read whole; Enter ends it.
                            <textarea id=id class="mono key" rows="1" spellcheck="false" autocomplete="off" aria-label=format!("name of {shown} ({whose})") prop:value=shown.clone() on:change=rename
                                on:keydown=|ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" {
                                    ev.prevent_default();
                                    let _ = event_target::<web_sys::HtmlElement>(&ev).blur();
                                }></textarea>
                            {value_view}
                            <button class="icon danger" title="Remove" aria-label=format!("remove {shown} ({whose})") on:click=remove><span class="i i-close" aria-hidden="true"></span></button>
                        </div>
                        <super::Problems target=target />
                        {shown_output}
                    }
                }
            </For>
            <div class="map-add">
                // Its id is the pointer of the keys it adds: a problem about a key of that kind
                // that is not there yet focuses it.
                <input id=list_base class="mono key" type="text" spellcheck="false" autocomplete="off" placeholder=key_placeholder aria-label=add_name
                    list=key_list.clone()
                    prop:value=move || new_key.get()
                    on:input=move |ev| new_key.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { add_on_enter() } />
                <button class="small" on:click=move |_| add()>{add_label}<span class="sr-only">{add_whose}</span></button>
            </div>
            <MissingKeyProblems owner=owner field=field prefix=prefix entries=entries />
            {key_suggestions.map(|s| view! { <datalist id=key_list>{move || s.get().into_iter().map(|o| view! { <option value=o></option> }).collect_view()}</datalist> })}
            {value_suggestions.map(|s| view! { <datalist id=value_list>{move || s.get().into_iter().map(|o| view! { <option value=o></option> }).collect_view()}</datalist> })}
        </div>
    }
}

/// Diagnostics on keys this map does not hold yet (e.g. an undeclared path parameter), shown
/// under the map so they are seen at their field.
#[component]
fn MissingKeyProblems(
    owner: Owner,
    field: Field,
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
    view! { <super::ProblemList list=Signal::derive(missing) /> }
}

/// Keys of a map that match none of the known prefixes (malformed keys from an import), so they
/// can still be seen and fixed.
#[component]
pub fn OtherKeys(
    owner: Owner,
    field: Field,
    entries: Signal<Vec<(String, Entry)>>,
    known: &'static [&'static str],
    /// How values are edited (a "required" flag unless said otherwise).
    #[prop(optional)]
    text: bool,
) -> impl IntoView {
    let others = Signal::derive(move || {
        entries
            .get()
            .into_iter()
            .filter(|(k, _)| !known.iter().any(|p| k.starts_with(p)))
            .collect::<Vec<_>>()
    });
    view! {
        <Show when=move || !others.get().is_empty()>
            <h4>"Other keys"</h4>
            <MapEditor owner=owner.clone() field=field entries=others values=if text { Values::Line } else { Values::Required } add_label="Add" />
        </Show>
    }
}

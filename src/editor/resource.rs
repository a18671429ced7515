//! The resource card: rename and move in place, delete with its subtree, its methods, CORS,
//! and a new child resource whose rules show as it is typed.

use crate::form::{OwnerProblems, ProblemList, owner_id};
use crate::store::{Selection, use_store};
use apigw_core::command::Edit;
use apigw_core::diagnostic::Owner;
use apigw_core::{facts, path, starter};
use leptos::prelude::*;

/// How many resources the "Parent (move)" field suggests at a time.
const PARENT_SUGGESTIONS: usize = 40;

#[component]
pub fn ResourceEditor(path: String) -> impl IntoView {
    let owner = Owner::Resource { path: path.clone() };
    let is_root = path == "/";
    let placeholders = path::placeholders(&path).join(", ");
    view! {
        <section class="card">
            <h2 class="mono">{path.clone()}</h2>
            {is_root.then(|| view! { <RootHint /> })}
            <OwnerProblems owner=owner.clone() />
            {(!is_root).then(|| view! { <Placement path=path.clone() owner=owner.clone() /> })}
            {(!placeholders.is_empty()).then(|| view! { <p class="hint">"Path parameters: " <span class="mono">{placeholders.clone()}</span></p> })}
        </section>
        <Methods path=path.clone() />
        <super::cors::CorsCard path=path.clone() />
        <NewChild path=path />
    }
}

/// What to do first in an API with nothing in it yet.
#[component]
fn RootHint() -> impl IntoView {
    let store = use_store();
    let empty = move || {
        store.outline.track();
        store.design.with_untracked(|d| d.resources.len() <= 1 && d.method_count() == 0)
    };
    view! {
        <Show when=empty>
            <p class="empty-state">"Every API starts with this root resource. Add a method below to answer requests to "<span class="mono">"/"</span>", or create a child resource (a path part such as "<span class="mono">"orders"</span>" or "<span class="mono">"{id}"</span>") at the bottom."</p>
        </Show>
    }
}

/// Where the resource is: its path part (renamed in place) and its parent (moved), and delete.
#[component]
fn Placement(path: String, owner: Owner) -> impl IntoView {
    let store = use_store();
    // The new path part's rules show as it is typed, as a new child's do.
    let current = path::path_part(&path).to_string();
    let parent = path::parent(&path).unwrap_or("/").to_string();
    let typed = RwSignal::new(current.clone());
    let renamed = Memo::new(move |_| {
        let part = typed.get().trim().to_string();
        if part.is_empty() || part == current {
            return Vec::new();
        }
        store.design.with(|d| apigw_core::rules::preview_new_resource(d, &parent, &part))
    });
    let p = path.clone();
    let rename = move |ev: leptos::ev::Event| {
        let part = event_target_value(&ev).trim().to_string();
        let Some(parent) = path::parent(&p) else { return };
        // A part with a slash would nest, not rename: its message is already shown. Any other
        // part is applied, and its problems stay at the resource until it is fixed.
        if part.contains('/') {
            return;
        }
        let to = path::child(parent, &part);
        if to != p
            && !part.is_empty()
            && store.apply(Edit::MoveResource { from: p.clone(), to: to.clone() })
        {
            store.selection.set(Selection::Resource(to));
        }
    };
    let current_parent = path::parent(&path).unwrap_or("/").to_string();
    // The new parent is typed, with the resources whose paths contain what is typed offered
    // as suggestions (outside this subtree, a few dozen at most). A list of every resource
    // would be thousands of options, built each time a resource is selected in a large API.
    let parent_query = RwSignal::new(current_parent.clone());
    // Suggested once the field is focused, not each time a resource is selected.
    let suggesting = RwSignal::new(false);
    let p = path.clone();
    let parent_options = move || {
        if !suggesting.get() {
            return Vec::new();
        }
        store.outline.track();
        let query = parent_query.get();
        store.design.with_untracked(|d| {
            d.resources
                .keys()
                .filter(|k| !path::is_within(k, &p) && k.contains(query.trim()))
                .take(PARENT_SUGGESTIONS)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let p = path.clone();
    let parent_now = current_parent;
    let move_to = move |ev: leptos::ev::Event| {
        let parent = event_target_value(&ev).trim().to_string();
        if parent == parent_now {
            return;
        }
        let to = path::child(&parent, path::path_part(&p));
        if store.apply(Edit::MoveResource { from: p.clone(), to: to.clone() }) {
            store.selection.set(Selection::Resource(to));
        } else {
            // Refused (the message says why): the field shows where the resource still is.
            parent_query.set(parent_now.clone());
        }
    };
    let p = path.clone();
    let delete = move |_| {
        let count = store
            .design
            .with_untracked(|d| d.resources.keys().filter(|k| path::is_within(k, &p)).count());
        if store.apply(Edit::DeleteResource { path: p.clone() }) {
            store.selection.set(Selection::Resource(path::parent(&p).unwrap_or("/").to_string()));
            store.tell(format!("Deleted {p} ({count} resource(s)). Ctrl+Z brings it back."));
        }
    };
    let parents_list = format!("parents:{path}");
    view! {
        <div class="grid2">
            <label class="field">
                <span class="label">"Path part (rename)"</span>
                // A problem of the resource as a whole is focused here.
                <input id=owner_id(&owner) class="mono" type="text" spellcheck="false" prop:value=path::path_part(&path).to_string()
                    on:input=move |ev| typed.set(event_target_value(&ev)) on:change=rename />
            </label>
            <label class="field">
                <span class="label">"Parent (move)"</span>
                <input class="mono" type="text" spellcheck="false" autocomplete="off" list=parents_list.clone()
                    prop:value=move || parent_query.get() on:focus=move |_| suggesting.set(true)
                    on:input=move |ev| parent_query.set(event_target_value(&ev)) on:change=move_to />
                <datalist id=parents_list>
                    {move || parent_options().into_iter().map(|k| view! { <option value=k></option> }).collect_view()}
                </datalist>
            </label>
        </div>
        <div class="inline-rules" aria-live="polite">
            <ProblemList list=renamed />
        </div>
        <button class="danger" on:click=delete>"Delete resource and its subtree"</button>
    }
}

/// The resource's methods, and a new one.
#[component]
fn Methods(path: String) -> impl IntoView {
    let store = use_store();
    let new_verb = RwSignal::new(facts::HTTP_METHODS[0].to_string());
    let p = path.clone();
    let add_method = move |_| {
        let verb = new_verb.get_untracked();
        let method = starter::method(&p);
        if store.apply(Edit::PutMethod { path: p.clone(), verb: verb.clone(), value: Some(method) })
        {
            store.selection.set(Selection::Method(p.clone(), verb));
        }
    };
    let p = path.clone();
    let existing = move || {
        store.design.with(|d| {
            d.resources
                .get(&p)
                .map(|r| r.methods.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card">
            <h3>"Methods"</h3>
            <div class="chips">
                <For each=existing key=|v| v.clone() let:verb>
                    {
                        let (p, v) = (path.clone(), verb.clone());
                        view! { <button class=format!("verb verb-{}", verb.to_ascii_lowercase()) on:click=move |_| store.selection.set(Selection::Method(p.clone(), v.clone()))>{verb.clone()}</button> }
                    }
                </For>
            </div>
            <div class="map-add">
                <select aria-label="HTTP method to add" on:change=move |ev| new_verb.set(event_target_value(&ev))>
                    {facts::HTTP_METHODS.iter().map(|v| view! { <option value=*v selected=move || new_verb.get() == *v>{*v}</option> }).collect_view()}
                </select>
                <button class="small" on:click=add_method>"Add method"</button>
            </div>
        </section>
    }
}

/// A new child resource, with the rules of its path part shown as it is typed.
#[component]
fn NewChild(path: String) -> impl IntoView {
    let store = use_store();
    let child_part = RwSignal::new(String::new());
    let proxy = RwSignal::new(false);
    let part = move || {
        if proxy.get() {
            starter::PROXY_PART.to_string()
        } else {
            child_part.get().trim().to_string()
        }
    };
    let p = path.clone();
    let preview = Memo::new(move |_| {
        let part = part();
        if part.is_empty() {
            return Vec::new();
        }
        store.design.with(|d| apigw_core::rules::preview_new_resource(d, &p, &part))
    });
    let refused = move || part().is_empty() || preview.with(|p| p.iter().any(|d| d.is_error()));
    let p = path.clone();
    let add_child = move || {
        // Enter is held to what the button allows.
        if refused() {
            return;
        }
        let was_proxy = proxy.get_untracked();
        let (child, edit) = starter::child_resource(&p, &part());
        if store.apply(edit) {
            child_part.set(String::new());
            proxy.set(false);
            store.selection.set(if was_proxy {
                Selection::Method(child, facts::ANY_METHOD.into())
            } else {
                Selection::Resource(child)
            });
        }
    };
    let add_on_enter = add_child.clone();
    let prefix = if path == "/" { "/".to_string() } else { format!("{path}/") };
    view! {
        <section class="card">
            <h3>"Add child resource"</h3>
            <div class="map-add">
                <span class="mono prefix">{prefix}</span>
                <input id="new-child" class="mono" type="text" spellcheck="false" autocomplete="off" placeholder="pets or {petId}" aria-label="New resource path part"
                    prop:value=move || child_part.get() disabled=move || proxy.get()
                    on:input=move |ev| child_part.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { add_on_enter() } />
                <label class="check inline"><input type="checkbox" prop:checked=move || proxy.get() on:change=move |ev| proxy.set(event_target_checked(&ev)) />
                    <span>{format!("Proxy resource ({} with {})", starter::PROXY_PART, facts::ANY_METHOD)}</span></label>
                <button class="small primary" on:click=move |_| add_child() disabled=refused>"Create resource"</button>
            </div>
            <p class="hint">"Letters, digits, . _ - : — a variable is a whole segment: {name}, or {name+} (greedy, last)."</p>
            <div class="inline-rules" aria-live="polite">
                <ProblemList list=preview />
            </div>
        </section>
    }
}

//! A method, laid out as API Gateway's method execution: its head (verb, path, delete, the
//! flow), then one card per stage. The cards share the method's [`MethodForm`].

use super::{MethodForm, MethodRef};
use super::{integration_request, integration_responses, method_request, method_responses, test};
use crate::form::{OwnerProblems, owner_id};
use crate::store::{Selection, use_store};
use apigw_core::command::Edit;
use leptos::prelude::*;

/// The stages of a method's execution, in order: the flow's label and its card's element id.
const STAGES: &[(&str, &str)] = &[
    ("Method request", "sec-method-request"),
    ("Integration request", "sec-integration-request"),
    ("Integration response", "sec-integration-response"),
    ("Method response", "sec-method-response"),
];

#[component]
pub fn MethodEditor(path: String, verb: String) -> impl IntoView {
    let store = use_store();
    let method = MethodRef::new(&path, &verb);
    provide_context(MethodForm { store, method });
    let exists = {
        let (p, v) = (path.clone(), verb.clone());
        move || store.design.with(|d| d.method(&p, &v).is_some())
    };
    let (p, v) = (path.clone(), verb.clone());
    let delete = move |_| {
        if store.apply(Edit::PutMethod { path: p.clone(), verb: v.clone(), value: None }) {
            store.selection.set(Selection::Resource(p.clone()));
            store.tell(format!("Deleted {v} {p}. Ctrl+Z brings it back."));
        }
    };
    let (p, v) = (path.clone(), verb.clone());
    let copy = move |_| {
        store.copied.set(Some((p.clone(), v.clone())));
        store.tell(format!(
            "Copied {v} {p}. Ctrl-click resources in the tree, then choose Paste the copied method."
        ));
    };
    let owner = method.owner();
    view! {
        <Show when=exists fallback=|| view! { <p class="hint">"This method no longer exists."</p> }>
            <section class="card method-head">
                <h2 id=owner_id(&owner) tabindex="-1">
                    <span class=format!("verb verb-{}", verb.to_ascii_lowercase())>{verb.clone()}</span>
                    " "<span class="mono">{path.clone()}</span>
                </h2>
                <OwnerProblems owner=owner.clone() />
                <Tabs />
                <Show when=move || !store.testing.get()>
                    <Flow />
                </Show>
                <div class="method-actions">
                    <button class="small" on:click=copy.clone()>"Copy method"</button>
                    <button class="danger small" on:click=delete.clone()>"Delete method"</button>
                </div>
            </section>
            <Show when=move || !store.testing.get() fallback=|| view! { <test::TestTab /> }>
                <div role="tabpanel" id="execution-panel" aria-labelledby="tab-execution">
                    <method_request::MethodRequest />
                    <integration_request::IntegrationRequest />
                    <integration_responses::IntegrationResponses />
                    <method_responses::MethodResponses />
                </div>
            </Show>
        </Show>
    }
}

/// The method's two views, as the console's tabs: its method execution (the four stages'
/// cards) and Test.
#[component]
fn Tabs() -> impl IntoView {
    let store = use_store();
    let tab = move |testing: bool, id: &'static str, panel: &'static str, label: &'static str| {
        view! {
            <button role="tab" id=id class="tab" aria-controls=panel
                aria-selected=move || (store.testing.get() == testing).to_string()
                tabindex=move || if store.testing.get() == testing { "0" } else { "-1" }
                on:click=move |_| store.testing.set(testing)>{label}</button>
        }
    };
    // Arrow keys move between the tabs, as a tab list's keyboard pattern has it.
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        if matches!(ev.key().as_str(), "ArrowLeft" | "ArrowRight") {
            ev.prevent_default();
            let testing = !store.testing.get_untracked();
            store.testing.set(testing);
            crate::io::focus_after_paint(if testing { "tab-test" } else { "tab-execution" }.into());
        }
    };
    view! {
        <div class="tabs" role="tablist" aria-label="Method views" on:keydown=keys>
            {tab(false, "tab-execution", "execution-panel", "Method execution")}
            {tab(true, "tab-test", "test-panel", "Test")}
        </div>
    }
}

/// The method execution flow, drawn as the console draws it: the request goes right along the
/// top row, the response comes back left along the bottom one. Each stage scrolls its card
/// into view. A grid, so that no width leaves an arrow dangling at the end of a line.
#[component]
fn Flow() -> impl IntoView {
    let steps = STAGES
        .iter()
        .enumerate()
        .map(|(i, (label, id))| {
            let go = move |_| crate::io::scroll_to(id);
            let arrow = match i {
                1 => Some(("flow-arrow a1", "→")),
                3 => Some(("flow-arrow a3", "←")),
                _ => None,
            };
            view! {
                {arrow.map(|(class, glyph)| view! { <span class=class aria-hidden="true">{glyph}</span> })}
                <button class=format!("flow-step s{i}") on:click=go>{*label}</button>
            }
        })
        .collect_view();
    view! { <div class="flow" role="navigation" aria-label="Method execution">{steps}</div> }
}

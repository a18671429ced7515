//! The problems panel: every diagnostic, grouped by where it is; clicking one selects it and
//! focuses its field.

use crate::store::{Selection, use_store};
use apigw_core::diagnostic::{Diagnostic, Owner};
use apigw_core::document::owner_label;
use apigw_core::text::counted;
use leptos::prelude::*;

/// Where a diagnostic is edited.
pub fn selection_of(owner: &Owner) -> Selection {
    match owner {
        Owner::Api
        | Owner::Authorizer { .. }
        | Owner::RequestValidator { .. }
        | Owner::Model { .. }
        | Owner::Call { .. } => Selection::Api,
        Owner::Resource { path } => Selection::Resource(path.clone()),
        other => other
            .method_key()
            .map(|(path, verb)| Selection::Method(path.into(), verb.into()))
            .unwrap_or(Selection::Api),
    }
}

/// How many problems the panel lists at once: enough to work through, few enough to stay fast
/// when an imported design brings thousands.
const SHOWN: usize = 200;

#[component]
pub fn ProblemsPanel() -> impl IntoView {
    let store = use_store();
    let open = RwSignal::new(true);
    // Re-rendered only when the listed problems change, not on every keystroke.
    let shown = Memo::new(move |_| {
        store.checker.with(|c| c.iter().take(SHOWN).cloned().collect::<Vec<_>>())
    });
    let go = move |d: &Diagnostic| {
        store.testing.set(false);
        store.selection.set(selection_of(&d.target.owner));
        store.focus.set(Some(d.target.design_pointer()));
    };
    view! {
        <section class="problems-panel" class:collapsed=move || !open.get() aria-label="Problems">
            <div class="panel-title">
                <button class="link" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                    {move || store.checker.with(|c| if c.is_complete() { let (e, w) = c.counts(); format!("Problems · {} · {}", counted(e, "error", "errors"), counted(w, "warning", "warnings")) } else { "Problems · checking…".into() })}
                </button>
            </div>
            <Show when=move || open.get() && store.imported.with(|i| i.is_some())>
                <div class="import-report" data-testid="import-report">
                    <div class="import-head">
                        <span>{move || store.imported.with(|i| i.as_ref().map(|(name, list)| {
                            let errors = list.iter().filter(|(_, d)| d.is_error()).count();
                            let items = if list.len() == 1 { "1 item" } else { "items" };
                            match errors {
                                0 if list.len() == 1 => format!("Importing {name}: 1 item not carried over"),
                                0 => format!("Importing {name}: {} {items} not carried over", list.len()),
                                _ => format!("Importing {name}: {} {items} to check, {errors} of them errors", list.len()),
                            }
                        }).unwrap_or_default())}</span>
                        <button class="small" on:click=move |_| store.imported.set(None)>"Dismiss"</button>
                    </div>
                    <ul class="problem-list">
                        {move || store.imported.with(|i| i.as_ref().map(|(_, list)| list.iter().take(SHOWN).cloned().map(|(at, d)| { let error = d.is_error(); view! {
                            <li class="problem-item import-item" class:error=error class:warning=!error>
                                <span class="sev"><span class=if error { "i i-error" } else { "i i-warning" } aria-hidden="true"></span></span>
                                <span class="code">{d.code}</span>
                                <span class="where mono">{if at.is_empty() { "(document)".to_string() } else { at }}</span>
                                <span class="message">{d.message}</span>
                            </li>
                        } }).collect_view()))}
                    </ul>
                    {move || {
                        let more = store.imported.with(|i| i.as_ref().map_or(0, |(_, list)| list.len())).saturating_sub(SHOWN);
                        (more > 0).then(|| view! { <p class="hint more">{format!("and {more} more; the first {SHOWN} are listed")}</p> })
                    }}
                </div>
            </Show>
            <Show when=move || open.get()>
                // What the panel is for, while it has nothing to list.
                {move || (store.checker.with(|c| c.is_complete() && c.is_empty()) && store.imported.with(Option::is_none)).then(|| view! {
                    <p class="empty-state">"No problems. Whatever API Gateway would reject, or callers would trip over, shows here and at its field as you type; click a problem to go there."</p>
                })}
                <ul class="problem-list">
                    {move || shown.get().into_iter().map(|d| {
                        let label = owner_label(&d.target.owner);
                        let field = d.target.field.map(|f| match &d.target.key { Some(k) => format!("{} · {k}", f.name()), None => f.name().to_string() }).unwrap_or_default();
                        let clicked = d.clone();
                        let pointer = d.target.design_pointer();
                        view! {
                            <li>
                                <button class="problem-item" class:error=d.is_error() class:warning=!d.is_error() on:click=move |_| go(&clicked) title=crate::form::when_it_fails(&d).map_or_else(|| d.fix.clone(), |w| format!("{w} {}", d.fix)) data-pointer=pointer>
                                    <span class="sev"><span class=if d.is_error() { "i i-error" } else { "i i-warning" } aria-hidden="true"></span></span>
                                    <span class="code">{d.code}</span>
                                    <span class="where">{label}</span>
                                    <span class="field mono">{field}</span>
                                    <span class="message">{d.message.clone()}</span>
                                    {d.is_error().then(|| view! { <span class="phase">{d.phase.words()}</span> })}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || {
                    let more = store.checker.with(|c| c.len()).saturating_sub(SHOWN);
                    (more > 0).then(|| view! { <p class="hint more">{format!("and {more} more, listed after the first {SHOWN} are fixed")}</p> })
                }}
            </Show>
        </section>
    }
}

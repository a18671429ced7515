//! Merging a file into the design, as API Gateway's import with `mode=merge` does: the file's
//! methods replace their namesakes and everything else stays; or `mode=overwrite`, where the
//! design becomes the file. Every change is listed (+ / ~ / −) before anything happens, and
//! applying is one undo step. apigw-core's `merge` decides what changes; this panel shows it.

use crate::store::{Store, use_store};
use apigw_core::Design;
use apigw_core::merge::{self, Mode};
use apigw_core::text::counted;
use leptos::prelude::*;

/// A file read for merging: its name and the design it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub name: String,
    pub design: Design,
}

/// Reads a file's text for merging; a file that cannot be read changes nothing and says why.
pub fn read(store: Store, name: &str, text: &str) {
    match apigw_core::document::load(text) {
        Ok(loaded) => {
            store.merging.set(Some(Incoming { name: name.to_string(), design: loaded.design }))
        }
        Err(error) => store.tell_error(format!("{name}: {error}. Nothing was changed.")),
    }
}

#[component]
pub fn MergePanel() -> impl IntoView {
    let store = use_store();
    let mode = RwSignal::new(Mode::Merge);
    let planned = Memo::new(move |_| {
        let mode = mode.get();
        store.merging.with(|incoming| {
            incoming
                .as_ref()
                .map(|i| store.design.with(|d| merge::edit(d, &i.design, mode, &i.name)))
        })
    });
    let apply = move |_| {
        let Some(Some((edit, changes))) = planned.get_untracked() else { return };
        if store.apply(edit) {
            store.merging.set(None);
            store.keep_selection_valid();
            store.tell(format!(
                "Applied {}. Ctrl+Z brings the design before it back.",
                counted(changes.len(), "change", "changes")
            ));
        }
    };
    let title = move || {
        store.merging.with(|i| i.as_ref().map(|i| format!("Merge {}", i.name)).unwrap_or_default())
    };
    let is = move |m: Mode| move || mode.get() == m;
    view! {
        <Show when=move || store.merging.with(Option::is_some)>
            <aside class="versions-panel merge-panel" role="dialog" aria-label=title>
                <div class="panel-title">
                    <span>{title}</span>
                    <button class="icon" aria-label="Close the merge" on:click=move |_| store.merging.set(None)><span class="i i-close" aria-hidden="true"></span></button>
                </div>
                <div class="merge-body">
                    <div class="segmented" role="group" aria-label="How to import">
                        <button class:active=is(Mode::Merge) aria-pressed=move || is(Mode::Merge)().to_string() on:click=move |_| mode.set(Mode::Merge)>"Merge"</button>
                        <button class:active=is(Mode::Overwrite) aria-pressed=move || is(Mode::Overwrite)().to_string() on:click=move |_| mode.set(Mode::Overwrite)>"Overwrite"</button>
                    </div>
                    <p class="hint">{move || match mode.get() {
                        Mode::Merge => "As API Gateway's import with mode=merge: the file's methods replace their namesakes, and everything else in the design stays.",
                        Mode::Overwrite => "As API Gateway's import with mode=overwrite: the design becomes the file; what the file does not have is deleted.",
                    }}</p>
                    {move || match planned.get().flatten() {
                        None => view! { <p class="hint">"Nothing to change: the design already has everything the file holds."</p> }.into_any(),
                        Some((_, changes)) => view! {
                            <ul class="change-list" aria-label="Changes">
                                {changes.into_iter().map(|c| {
                                    let class = match c.mark { '+' => "change-create", '-' => "change-delete", _ => "change-update" };
                                    let mark = if c.mark == '-' { '−' } else { c.mark };
                                    view! { <li class=class><span class="mark" aria-hidden="true">{mark.to_string()}</span><span class="what">{c.what}</span></li> }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }}
                    <div class="live-actions">
                        <button class="primary" disabled=move || planned.with(|p| !matches!(p, Some(Some(_)))) on:click=apply>
                            {move || planned.with(|p| match p {
                                Some(Some((_, changes))) => format!("Apply {}", counted(changes.len(), "change", "changes")),
                                _ => "Apply".to_string(),
                            })}
                        </button>
                        <button on:click=move |_| store.merging.set(None)>"Cancel"</button>
                    </div>
                </div>
            </aside>
        </Show>
    }
}

//! The resource tree: resources in path order with their methods beneath them, error and
//! warning counts per node, expand and collapse, and arrow-key navigation.

use crate::store::{Selection, use_store};
use apigw_core::diagnostic::Owner;
use apigw_core::path;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// One visible row.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    selection: Selection,
    depth: usize,
    label: String,
    /// For method rows: the integration type.
    detail: Option<String>,
    has_children: bool,
}

fn rows(design: &apigw_core::Design, collapsed: &BTreeSet<String>) -> Vec<Row> {
    let mut out = Vec::new();
    for (p, resource) in &design.resources {
        if path::ancestors(p).iter().any(|a| collapsed.contains(a)) {
            continue;
        }
        let depth = path::depth(p);
        let has_children = !resource.methods.is_empty()
            || design
                .resources
                .range(format!("{p}/")..)
                .next()
                .is_some_and(|(c, _)| path::is_within(c, p) && c != p)
            || (p == "/" && design.resources.len() > 1);
        let label = if p == "/" { "/".to_string() } else { format!("/{}", path::path_part(p)) };
        out.push(Row {
            selection: Selection::Resource(p.clone()),
            depth,
            label,
            detail: None,
            has_children,
        });
        if collapsed.contains(p) {
            continue;
        }
        for (verb, method) in &resource.methods {
            out.push(Row {
                selection: Selection::Method(p.clone(), verb.clone()),
                depth: depth + 1,
                label: verb.clone(),
                detail: Some(
                    method
                        .integration
                        .as_ref()
                        .map(|i| i.integration_type.clone())
                        .unwrap_or_else(|| "no integration".into()),
                ),
                has_children: false,
            });
        }
    }
    out
}

fn row_id(selection: &Selection) -> String {
    format!("tree:{}", selection.to_fragment())
}

#[component]
pub fn Tree() -> impl IntoView {
    let store = use_store();
    let collapsed = RwSignal::new(BTreeSet::<String>::new());
    let visible = Memo::new(move |_| store.design.with(|d| collapsed.with(|c| rows(d, c))));

    let focus_row = move |selection: &Selection| {
        let id = row_id(selection);
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&id) {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let rows = visible.get_untracked();
        let current = store.selection.get_untracked();
        let index = rows.iter().position(|r| r.selection == current);
        let go = |i: usize| {
            if let Some(row) = rows.get(i) {
                store.selection.set(row.selection.clone());
                focus_row(&row.selection);
            }
        };
        match ev.key().as_str() {
            "ArrowDown" => go(index.map_or(0, |i| (i + 1).min(rows.len().saturating_sub(1)))),
            "ArrowUp" => go(index.map_or(0, |i| i.saturating_sub(1))),
            "Home" => go(0),
            "End" => go(rows.len().saturating_sub(1)),
            "ArrowRight" => {
                if let Selection::Resource(p) = &current {
                    if collapsed.with_untracked(|c| c.contains(p)) {
                        collapsed.update(|c| {
                            c.remove(p);
                        });
                    } else if let Some(i) = index {
                        go(i + 1);
                    }
                }
            }
            "ArrowLeft" => match &current {
                Selection::Resource(p)
                    if p != "/" && !collapsed.with_untracked(|c| c.contains(p)) =>
                {
                    collapsed.update(|c| {
                        c.insert(p.clone());
                    });
                }
                Selection::Resource(p) => {
                    if let Some(parent) = path::parent(p) {
                        let s = Selection::Resource(parent.into());
                        store.selection.set(s.clone());
                        focus_row(&s);
                    }
                }
                Selection::Method(p, _) => {
                    let s = Selection::Resource(p.clone());
                    store.selection.set(s.clone());
                    focus_row(&s);
                }
                Selection::Api => {}
            },
            "Enter" | " " => {
                if let Selection::Resource(p) = &current {
                    collapsed.update(|c| {
                        if !c.remove(p) {
                            c.insert(p.clone());
                        }
                    });
                } else if let Selection::Method(..) = current {
                    // Enter on a method moves into its editor.
                    request_animation_frame(|| {
                        if let Some(el) = document()
                            .query_selector(".editor select, .editor input")
                            .ok()
                            .flatten()
                        {
                            use wasm_bindgen::JsCast;
                            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                                let _ = el.focus();
                            }
                        }
                    });
                }
            }
            _ => return,
        }
        ev.prevent_default();
    };

    view! {
        <nav class="tree-panel" aria-label="Resources">
            <div class="panel-title">
                <span>"Resources"</span>
                <button class="small" title="API settings, authorizers, validators and models"
                    class:active=move || store.selection.get() == Selection::Api
                    on:click=move |_| store.selection.set(Selection::Api)>"API settings"</button>
            </div>
            <ul class="tree" role="tree" aria-label="Resource tree" on:keydown=on_key>
                <For each=move || visible.get() key=|r| (r.selection.clone(), r.depth, r.has_children, r.detail.clone()) let:row>
                    {
                        let selection = row.selection.clone();
                        let sel_click = selection.clone();
                        let sel_active = selection.clone();
                        let sel_tab = selection.clone();
                        let is_method = matches!(selection, Selection::Method(..));
                        let counts = {
                            let selection = selection.clone();
                            move || store.counts(|owner| match (&selection, owner) {
                                (Selection::Method(p, v), o) => o.method_key() == Some((p.as_str(), v.as_str())),
                                (Selection::Resource(p), Owner::Resource { path: resource }) => path::is_within(resource, p),
                                (Selection::Resource(p), o) => o.resource_path().is_some_and(|resource| path::is_within(resource, p)),
                                _ => false,
                            })
                        };
                        let toggle_path = match &selection { Selection::Resource(p) => Some(p.clone()), _ => None };
                        let expanded = {
                            let p = toggle_path.clone();
                            Signal::derive(move || p.as_ref().is_some_and(|p| !collapsed.with(|c| c.contains(p))))
                        };
                        let verb_class = format!("verb verb-{}", row.label.to_lowercase());
                        view! {
                            <li
                                id=row_id(&selection)
                                role="treeitem"
                                aria-expanded=move || if row.has_children && !is_method { Some(expanded.get().to_string()) } else { None }
                                aria-selected=move || (store.selection.get() == sel_active).to_string()
                                tabindex=move || if store.selection.get() == sel_tab { "0" } else { "-1" }
                                class=format!("tree-row depth-{}", row.depth.min(12))
                                class:method=is_method
                                class:selected={ let s = selection.clone(); move || store.selection.get() == s }
                                on:click=move |_| store.selection.set(sel_click.clone())
                            >
                                {if is_method {
                                    view! {
                                        <span class=verb_class>{row.label.clone()}</span>
                                        <span class="detail">{row.detail.clone()}</span>
                                    }.into_any()
                                } else {
                                    let p = toggle_path.unwrap_or_default();
                                    view! {
                                        <span class="caret" aria-hidden="true"
                                            on:click=move |ev| { ev.stop_propagation(); let p = p.clone(); collapsed.update(|c| if !c.remove(&p) { c.insert(p); }); }>
                                            {move || if !row.has_children { " " } else if expanded.get() { "▾" } else { "▸" }}
                                        </span>
                                        <span class="part">{row.label.clone()}</span>
                                    }.into_any()
                                }}
                                <span class="counts">
                                    {move || {
                                        let (e, w) = counts();
                                        view! {
                                            {(e > 0).then(|| view! { <span class="badge error" title=format!("{e} error(s)")>{e}</span> })}
                                            {(w > 0).then(|| view! { <span class="badge warning" title=format!("{w} warning(s)")>{w}</span> })}
                                        }
                                    }}
                                </span>
                            </li>
                        }
                    }
                </For>
            </ul>
        </nav>
    }
}

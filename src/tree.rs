//! The resource tree: resources in path order with their methods beneath them, error and
//! warning counts per node, expand and collapse, and arrow-key navigation.

use crate::store::{Selection, use_store};
use crate::{form, io};
use apigw_core::diagnostic::{Field, Owner};
use apigw_core::path;
use apigw_core::text::counted;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The tree's rows, by position: what a design's outline (and the collapsed nodes, or the
/// filter) gives.
/// Rows hold no strings, so rebuilding it after an outline edit allocates once per resource,
/// not several times per row; only the rows in view are made into [`Item`]s.
#[derive(Clone, Debug)]
struct Outline {
    /// Every resource path, in the design's (sorted) order.
    paths: Vec<String>,
    rows: Vec<Row>,
    /// While a filter is typed: how many methods match it.
    matched: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Row {
    /// Index into `Outline::paths`.
    resource: u32,
    /// 0 for the resource's own row; 1 + the method's index among the resource's methods.
    method: u32,
    depth: u32,
    has_children: bool,
}

/// One row in view, as the tree shows it.
#[derive(Clone, Debug, PartialEq)]
struct Item {
    selection: Selection,
    depth: usize,
    label: String,
    /// For method rows: the integration type.
    detail: Option<String>,
    has_children: bool,
}

/// What the filter box asks for: apigw-core's bulk query, so the filter and "Choose all"
/// agree on what matches.
type Filter = apigw_core::bulk::Query;

/// Where `p` is among `paths` (which are in tree order).
fn index_of(paths: &[String], p: &str) -> Option<usize> {
    paths.binary_search_by(|k| path::tree_cmp(k, p)).ok()
}

fn outline(
    design: &apigw_core::Design,
    collapsed: &BTreeSet<String>,
    filter: Option<&Filter>,
    checker: &apigw_core::Checker,
) -> Outline {
    // Resources the way people read them: `r2` before `r10`, variables after fixed parts.
    let mut resources: Vec<(&String, &apigw_core::model::Resource)> =
        design.resources.iter().collect();
    resources.sort_by(|a, b| path::tree_cmp(a.0, b.0));
    let paths: Vec<String> = resources.iter().map(|(p, _)| (*p).clone()).collect();
    // A resource has children when it has methods or is some resource's parent.
    let mut has_children: Vec<bool> =
        resources.iter().map(|(_, r)| !r.methods.is_empty()).collect();
    for p in &paths {
        if let Some(i) = path::parent(p).and_then(|parent| index_of(&paths, parent)) {
            has_children[i] = true;
        }
    }
    // With a filter: the methods that match, and each resource that matches or holds a match,
    // with its ancestors for context.
    let mut matched = None;
    let mut shown: Vec<Option<Vec<u32>>> = Vec::new();
    if let Some(filter) = filter {
        shown = vec![None; paths.len()];
        let mut count = 0;
        for (index, (p, resource)) in resources.iter().enumerate() {
            let lower = p.to_ascii_lowercase();
            let methods: Vec<u32> = resource
                .methods
                .iter()
                .enumerate()
                .filter(|(_, (verb, method))| {
                    let problems = || checker.method_problems(p, verb).collect::<Vec<_>>();
                    filter.method_matches(&lower, verb, method, &problems)
                })
                .map(|(m, _)| m as u32)
                .collect();
            if methods.is_empty() && !filter.resource_matches(&lower) {
                continue;
            }
            count += methods.len();
            shown[index] = Some(methods);
            let mut current = path::parent(p);
            while let Some(ancestor) = current {
                match index_of(&paths, ancestor) {
                    Some(i) if shown[i].is_none() => shown[i] = Some(Vec::new()),
                    Some(_) => break,
                    None => {}
                }
                current = path::parent(ancestor);
            }
        }
        matched = Some(count);
    }
    let mut rows = Vec::with_capacity(paths.len() + design.method_count());
    for (index, (p, resource)) in resources.iter().enumerate() {
        let depth = path::depth(p) as u32;
        let resource_index = index as u32;
        let row = |method: u32, depth: u32, has_children: bool| Row {
            resource: resource_index,
            method,
            depth,
            has_children,
        };
        if filter.is_some() {
            if let Some(methods) = &shown[index] {
                rows.push(row(0, depth, has_children[index]));
                rows.extend(methods.iter().map(|m| row(1 + m, depth + 1, false)));
            }
            continue;
        }
        if !collapsed.is_empty() && hidden_by(p, collapsed) {
            continue;
        }
        rows.push(row(0, depth, has_children[index]));
        if collapsed.contains(*p) {
            continue;
        }
        rows.extend((0..resource.methods.len() as u32).map(|m| row(1 + m, depth + 1, false)));
    }
    Outline { paths, rows, matched }
}

impl Outline {
    /// What the row selects; `None` if the design no longer has it.
    fn selection(&self, design: &apigw_core::Design, row: &Row) -> Option<Selection> {
        let p = self.paths.get(row.resource as usize)?;
        if row.method == 0 {
            return Some(Selection::Resource(p.clone()));
        }
        let (verb, _) = design.resources.get(p)?.methods.iter().nth(row.method as usize - 1)?;
        Some(Selection::Method(p.clone(), verb.clone()))
    }

    /// The row shown for `row`.
    fn item(&self, design: &apigw_core::Design, row: &Row) -> Option<Item> {
        let p = self.paths.get(row.resource as usize)?;
        let (label, detail, selection) = if row.method == 0 {
            let label = if p == "/" { "/".to_string() } else { format!("/{}", path::path_part(p)) };
            (label, None, Selection::Resource(p.clone()))
        } else {
            let (verb, method) =
                design.resources.get(p)?.methods.iter().nth(row.method as usize - 1)?;
            let detail = method
                .integration
                .as_ref()
                .map(|i| i.integration_type.clone())
                .unwrap_or_else(|| "no integration".into());
            (verb.clone(), Some(detail), Selection::Method(p.clone(), verb.clone()))
        };
        Some(Item {
            selection,
            depth: row.depth as usize,
            label,
            detail,
            has_children: row.has_children,
        })
    }

    /// The index of the row that `selection` selects, if it is shown.
    fn position(&self, design: &apigw_core::Design, selection: &Selection) -> Option<usize> {
        let (p, method) = match selection {
            Selection::Resource(p) => (p, 0),
            Selection::Method(p, verb) => {
                let methods = &design.resources.get(p)?.methods;
                (p, 1 + methods.keys().position(|k| k == verb)? as u32)
            }
            Selection::Api => return None,
        };
        let resource = index_of(&self.paths, p)? as u32;
        self.rows.binary_search_by(|r| (r.resource, r.method).cmp(&(resource, method))).ok()
    }
}

/// Whether a collapsed ancestor hides `p`.
fn hidden_by(p: &str, collapsed: &BTreeSet<String>) -> bool {
    let mut current = path::parent(p);
    while let Some(ancestor) = current {
        if collapsed.contains(ancestor) {
            return true;
        }
        current = path::parent(ancestor);
    }
    false
}

/// Error and warning counts of a tree row: a method's own, or a resource's whole subtree's.
fn row_counts(checker: &apigw_core::Checker, selection: &Selection) -> (usize, usize) {
    match selection {
        Selection::Method(p, v) => {
            apigw_core::diagnostic::counts_iter(checker.method_problems(p, v))
        }
        Selection::Resource(p) => apigw_core::diagnostic::counts_iter(checker.subtree(p)),
        Selection::Api => (0, 0),
    }
}

/// Row height in pixels; the tree renders only the rows in view, so it must be fixed.
const ROW_HEIGHT: usize = 26;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 12;

fn row_id(selection: &Selection) -> String {
    format!("tree:{}", selection.to_fragment())
}

#[component]
pub fn Tree() -> impl IntoView {
    let store = use_store();
    let collapsed = RwSignal::new(BTreeSet::<String>::new());
    let query = RwSignal::new(String::new());
    let filter = Memo::new(move |_| query.with(|q| Filter::parse(q)));
    // The row Shift-click and Shift+arrow extend the choice from.
    let anchor = StoredValue::new(None::<Selection>);
    // Rebuilt when the outline changes or a node is collapsed, not on every keystroke. Always
    // "changed" when rebuilt: the rows in view are made from the design as it is then, and an
    // outline edit such as a new integration type changes an item but not the positions.
    let visible = Memo::new_with_compare(
        move |_| {
            store.outline.track();
            filter.with(|filter| {
                if filter.as_ref().is_some_and(Filter::reads_problems) {
                    store.checker.track();
                }
                store.design.with_untracked(|d| {
                    store.checker.with_untracked(|checker| {
                        collapsed.with(|c| outline(d, c, filter.as_ref(), checker))
                    })
                })
            })
        },
        |_, _| true,
    );
    // Where a selection is in the tree, and what a row selects.
    let position_of = move |selection: &Selection| {
        visible.with_untracked(|o| store.design.with_untracked(|d| o.position(d, selection)))
    };
    let selection_at = move |index: usize| {
        visible.with_untracked(|o| {
            store.design.with_untracked(|d| o.rows.get(index).and_then(|r| o.selection(d, r)))
        })
    };
    // The tree is virtualised: only the rows in view (and a margin) are in the DOM, so 30,000
    // methods scroll as smoothly as 30.
    let panel = NodeRef::<leptos::html::Nav>::new();
    let list = NodeRef::<leptos::html::Ul>::new();
    let scroll_top = RwSignal::new(0usize);
    // Until the panel is measured (on its first scroll or resize), the window's height stands
    // in for it: known without a layout, and never less than the panel's.
    let view_height = RwSignal::new(io::window_height().map_or(1200, |h| h.max(0.0) as usize));
    // Sets the signals only when they change: an unchanged window is not rendered again.
    let measure = move || {
        if let Some(nav) = panel.get_untracked() {
            let top = nav.scroll_top().max(0) as usize;
            if scroll_top.get_untracked() != top {
                scroll_top.set(top);
            }
            let height = nav.client_height().max(0) as usize;
            if height > 0 && view_height.get_untracked() != height {
                view_height.set(height);
            }
        }
    };
    // The list's top inside the scrolled panel (below the panel title).
    let list_offset = move || match (panel.get_untracked(), list.get_untracked()) {
        (Some(nav), Some(ul)) => {
            (ul.get_bounding_client_rect().top() - nav.get_bounding_client_rect().top()) as i32
                + nav.scroll_top()
        }
        _ => 0,
    };
    let bounds = move |total: usize| {
        let first = (scroll_top.get() / ROW_HEIGHT).saturating_sub(OVERSCAN).min(total);
        let last = (first + view_height.get() / ROW_HEIGHT + 2 * OVERSCAN).min(total);
        (first, last, total)
    };
    // Reads `visible` itself (not through another memo), so a change of rows with the same
    // count still re-renders.
    let window = move || {
        visible.with(|o| {
            let (first, last, _) = bounds(o.rows.len());
            store.design.with_untracked(|d| {
                o.rows[first..last].iter().filter_map(|r| o.item(d, r)).collect::<Vec<_>>()
            })
        })
    };
    let range = Memo::new(move |_| visible.with(|o| bounds(o.rows.len())));
    // Scrolls the panel so that row `index` is in view.
    let reveal = move |index: usize| {
        let Some(nav) = panel.get_untracked() else { return };
        let row = ROW_HEIGHT as i32;
        let offset = list_offset();
        let top = offset + index as i32 * row;
        let title = (offset - nav.scroll_top()).max(0);
        if top < nav.scroll_top() + title {
            nav.set_scroll_top(top - title);
        } else if top + row > nav.scroll_top() + nav.client_height() {
            nav.set_scroll_top(top + row - nav.client_height());
        } else {
            return;
        }
        measure();
    };
    // Whatever selects a row (a click in Problems, the keyboard, the address) brings it into view.
    Effect::new(move |_| {
        let selection = store.selection.get();
        let index = position_of(&selection);
        // After the next paint, when layout is clean: reading the rows' positions then costs
        // nothing, where before the paint it would force a layout of its own (about 20 ms with
        // a large design on its first load).
        if let Some(index) = index {
            request_animation_frame(move || {
                set_timeout(move || reveal(index), std::time::Duration::ZERO)
            });
        }
    });
    let on_resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || on_resize.remove());

    let focus_row = move |selection: &Selection| {
        let id = row_id(selection);
        if let Some(index) = position_of(selection) {
            reveal(index);
        }
        io::focus_after_paint(id);
    };
    // The choice a Shift-click or Shift+arrow makes: the methods between two rows, and the
    // collapsed resources among them (whose methods are hidden).
    let choose_range = move |from: &Selection, to: &Selection| {
        let (Some(a), Some(b)) = (position_of(from), position_of(to)) else { return };
        let picked: BTreeSet<Selection> = (a.min(b)..=a.max(b))
            .filter_map(selection_at)
            .filter(|s| match s {
                Selection::Method(..) => true,
                Selection::Resource(p) => collapsed.with_untracked(|c| c.contains(p)),
                Selection::Api => false,
            })
            .collect();
        store.chosen.set(picked);
    };
    // Extends the choice from the anchor (or the selected row) to `to`, and selects `to`.
    let extend_to = move |to: Selection| {
        let from = anchor.get_value().unwrap_or_else(|| store.selection.get_untracked());
        anchor.set_value(Some(from.clone()));
        choose_range(&from, &to);
        store.selection.set(to);
    };
    let clear_choice = move || {
        if store.chosen.with_untracked(|c| !c.is_empty()) {
            store.chosen.set(BTreeSet::new());
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = visible.with_untracked(|o| o.rows.len());
        let current = store.selection.get_untracked();
        let index = position_of(&current);
        if ev.shift_key() && matches!(ev.key().as_str(), "ArrowDown" | "ArrowUp") {
            let next = match (ev.key().as_str(), index) {
                ("ArrowDown", Some(i)) => (i + 1).min(count.saturating_sub(1)),
                (_, Some(i)) => i.saturating_sub(1),
                (_, None) => 0,
            };
            if let Some(selection) = selection_at(next) {
                extend_to(selection.clone());
                focus_row(&selection);
            }
            ev.prevent_default();
            return;
        }
        let go = |i: usize| {
            if let Some(selection) = selection_at(i) {
                clear_choice();
                anchor.set_value(None);
                store.selection.set(selection.clone());
                focus_row(&selection);
            }
        };
        match ev.key().as_str() {
            "Escape" => clear_choice(),
            "ArrowDown" => go(index.map_or(0, |i| (i + 1).min(count.saturating_sub(1)))),
            "ArrowUp" => go(index.map_or(0, |i| i.saturating_sub(1))),
            "Home" => go(0),
            "End" => go(count.saturating_sub(1)),
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
                    io::focus_first_after_paint(".editor select, .editor input");
                }
            }
            _ => return,
        }
        ev.prevent_default();
    };

    // Every method the filter matches, chosen for a bulk edit.
    let choose_all = move |_| {
        let picked = visible.with_untracked(|o| {
            store.design.with_untracked(|d| {
                o.rows.iter().filter(|r| r.method != 0).filter_map(|r| o.selection(d, r)).collect()
            })
        });
        store.chosen.set(picked);
    };
    let resources_id = form::target_id(&form::target(&Owner::Api, Field::Resources));
    view! {
        <nav class="tree-panel" aria-label="Resources" node_ref=panel on:scroll=move |_| measure()>
            <div class="tree-head">
                <div class="panel-title"><span>"Resources"</span></div>
                <div class="tree-filter">
                    <input id="tree-filter" type="search" spellcheck="false" autocomplete="off"
                        placeholder="Filter: path, verb, type, error…"
                        aria-label="Filter resources and methods" aria-controls=resources_id.clone()
                        title="Words that must all match: part of a path, a verb (GET), an integration type or kind (mock, lambda), error, warning, or a rule code (AG301)"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                            "Escape" => query.set(String::new()),
                            "ArrowDown" | "Enter" => {
                                ev.prevent_default();
                                if let Some(selection) = selection_at(0) {
                                    store.selection.set(selection.clone());
                                    focus_row(&selection);
                                }
                            }
                            _ => {}
                        } />
                </div>
                {move || visible.with(|o| o.matched).map(|count| {
                    let text = if count == 0 && visible.with(|o| o.rows.is_empty()) {
                        "Nothing matches. Esc clears the filter.".to_string()
                    } else {
                        format!("{} match", counted(count, "method", "methods"))
                    };
                    view! {
                        <div class="tree-count-row">
                            <p class="hint tree-count" role="status">{text}</p>
                            {(count > 0).then(|| view! {
                                <button class="link" on:click=choose_all>{format!("Choose all {count}")}</button>
                            })}
                        </div>
                    }
                })}
            </div>
            // The tree is where resources are added and removed, so a problem about the API's
            // resources as a whole (too many of them) focuses it.
            <ul class="tree" role="tree" aria-label="Resource tree" aria-multiselectable="true" on:keydown=on_key node_ref=list
                id=resources_id tabindex="-1">
                <li role="none" class="tree-spacer" style:height=move || format!("{}px", range.get().0 * ROW_HEIGHT)></li>
                <For each=window key=|r| (r.selection.clone(), r.depth, r.has_children, r.detail.clone()) let:row>
                    {
                        let selection = row.selection.clone();
                        let sel_click = selection.clone();
                        let sel_active = selection.clone();
                        let sel_tab = selection.clone();
                        let is_method = matches!(selection, Selection::Method(..));
                        let counts = {
                            let selection = selection.clone();
                            move || store.checker.with(|c| row_counts(c, &selection))
                        };
                        let toggle_path = match &selection { Selection::Resource(p) => Some(p.clone()), _ => None };
                        let expanded = {
                            let p = toggle_path.clone();
                            Signal::derive(move || p.as_ref().is_some_and(|p| !collapsed.with(|c| c.contains(p))))
                        };
                        let verb_class = format!("verb verb-{}", row.label.to_ascii_lowercase());
                        view! {
                            <li
                                id=row_id(&selection)
                                role="treeitem"
                                aria-expanded=move || if row.has_children && !is_method { Some(expanded.get().to_string()) } else { None }
                                aria-selected=move || store.chosen.with(|c| if c.is_empty() { store.selection.get() == sel_active } else { c.contains(&sel_active) }).to_string()
                                class:chosen={ let s = selection.clone(); move || store.chosen.with(|c| c.contains(&s)) }
                                tabindex=move || if store.selection.get() == sel_tab { "0" } else { "-1" }
                                class=format!("tree-row depth-{}", row.depth.min(12))
                                class:method=is_method
                                class:selected={ let s = selection.clone(); move || store.selection.get() == s }
                                on:click=move |ev: leptos::ev::MouseEvent| {
                                    let s = sel_click.clone();
                                    if ev.ctrl_key() || ev.meta_key() {
                                        store.chosen.update(|c| {
                                            if c.is_empty() {
                                                let current = store.selection.get_untracked();
                                                if current != Selection::Api && current != s { c.insert(current); }
                                            }
                                            if !c.remove(&s) { c.insert(s.clone()); }
                                        });
                                        anchor.set_value(Some(s.clone()));
                                        store.selection.set(s);
                                    } else if ev.shift_key() {
                                        extend_to(s);
                                    } else {
                                        clear_choice();
                                        anchor.set_value(Some(s.clone()));
                                        store.selection.set(s);
                                    }
                                }
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
                                            {row.has_children.then(|| view! { <span class="i i-caret" class:open=move || expanded.get()></span> })}
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
                <li role="none" class="tree-spacer" style:height=move || { let (_, last, total) = range.get(); format!("{}px", (total - last) * ROW_HEIGHT) }></li>
            </ul>
            {move || {
                store.outline.track();
                let empty = store.design.with_untracked(|d| d.resources.len() <= 1 && d.method_count() == 0);
                empty.then(|| view! {
                    <p class="empty-state">"An empty API: only the root resource "<strong>"/"</strong>" exists. Add a method to it, or a child resource such as "<span class="mono">"orders"</span>", in the editor."</p>
                })
            }}
        </nav>
    }
}

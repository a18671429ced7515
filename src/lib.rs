//! The apigw-designer browser app.
//!
//! It edits an apigw-core design through edits, holds no API Gateway rules of its own, and
//! derives diagnostics and previews from the design. `App` lays out the header, the resource
//! tree, the editor, the request preview, the problems panel and the status bar.

pub mod bulk;
pub mod editor;
pub mod form;
pub mod io;
pub mod live;
pub mod merge;
pub mod persistence;
pub mod preview;
pub mod problems;
pub mod storage;
pub mod store;
pub mod tree;

use apigw_core::document::{self, Kind};
use apigw_core::text::counted;
use apigw_core::{Design, plan};
use leptos::prelude::*;
use store::{Selection, Store};

/// Loads a file's text into the store: a design or a plan. Invalid files change nothing.
pub fn import_text(store: Store, name: &str, text: &str) {
    io::mark("apigw:import:start");
    io::measure_rendered("apigw:import");
    match document::load(text) {
        Ok(loaded) => {
            let kind = loaded.kind;
            let import_problems = loaded.import_diagnostics.len();
            let what = kind.as_str();
            let listed: Vec<(String, apigw_core::Diagnostic)> =
                loaded.import_diagnostics.iter().map(|d| (loaded.pointer(d), d.clone())).collect();
            store.imported.set((!listed.is_empty()).then(|| (name.to_string(), listed)));
            store.replace(&format!("import {name}"), loaded.design);
            if import_problems > 0 {
                let detail = match kind {
                    Kind::Plan => "call(s) would fail in this order",
                    Kind::OpenApi => "item(s) not carried over",
                    _ => "item(s) to check",
                };
                let text = format!(
                    "Imported the {what} {name}; {import_problems} {detail} — see Problems."
                );
                // A plan whose calls would fail is an error; items not carried over are notes.
                if kind == Kind::Plan { store.tell_error(text) } else { store.tell(text) }
            } else {
                store.tell(format!(
                    "Imported the {what} {name}. Ctrl+Z brings the previous design back."
                ));
            }
        }
        Err(error) => store.tell_error(format!("{name}: {error}. Nothing was changed.")),
    }
}

/// Reads the saved design and mounts the app on the page's body (what `main` does).
pub async fn start() {
    let start = persistence::load_initial().await;
    leptos::mount::mount_to_body(move || view! { <App start=start /> });
}

#[component]
pub fn App(start: persistence::Start) -> impl IntoView {
    let mut start = start;
    let design = std::mem::take(&mut start.design);
    let warning = start.warning.take();
    let migrated = start.migrated;
    let live_state = live::Live::new();
    provide_context(live_state);
    let raw_fragment = io::fragment();
    let connected = live_state.take_fragment(&raw_fragment);
    let fragment = if connected { String::new() } else { io::decode_fragment(&raw_fragment) };
    let selection = if fragment.is_empty() {
        Selection::Resource("/pets".into())
    } else {
        Selection::from_fragment(&fragment)
    };
    let store = Store::new(design, selection);
    // Undo reaches back past the reload: the history was saved with the design.
    store.restore_history(&start.history);
    store.finish_checking();
    provide_context(store);
    let saving = persistence::Persistence::start(store, &mut start);
    provide_context(saving);
    store.keep_selection_valid();
    if let Some(warning) = warning {
        store.tell_error(warning);
    } else if let Some(note) = start.note.take() {
        store.tell(note);
    }
    if connected {
        // Opened by `cargo xtask serve`: the sandbox proxy is configured, so offer the panel.
        live_state.open.set(true);
        store.tell(
            "Connected to the local sandbox proxy: pick or create an API, then Review deploy.",
        );
    }

    // Autosave: 300 ms after the last change, and at once when the page is hidden or left, so
    // typing never waits for encoding a large design. A design moved from local storage is
    // saved at once.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let save_now = move || {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        saving.save(store);
    };
    Effect::new(move |first: Option<()>| {
        store.design.track();
        // What storage holds already, or the untouched example of a first visit: nothing is
        // saved (nor said to be) until the user changes something. A design moved from local
        // storage is saved at once.
        if first.is_none() && !migrated {
            return;
        }
        saving.changed();
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(save_now, std::time::Duration::from_millis(300));
        pending.set_value(handle.ok());
    });
    let flush = move || {
        if pending.with_value(Option::is_some) {
            save_now();
        }
    };
    // Leaving (a reload, a closed tab): a save that waits on IndexedDB may not finish, so what
    // is unsaved is also written at once, for the next start to take up.
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| {
        saving.keep_unsaved(store);
        flush();
    });
    let on_hidden = window_event_listener(leptos::ev::visibilitychange, move |_| flush());
    on_cleanup(move || {
        on_hide.remove();
        on_hidden.remove();
    });
    // The selection lives in the URL fragment. It is written just after the next paint, once
    // per frame at most: the History API is slow enough (about 15-20 ms in Chromium) to be felt if
    // every click or arrow key waited for it. If the address changed meanwhile (a followed
    // link), that change wins: `seen` is the fragment as the app last wrote or read it.
    let fragment_next = StoredValue::new(None::<String>);
    let seen = StoredValue::new(io::fragment());
    Effect::new(move |_| {
        let fragment = store.selection.get().to_fragment();
        let scheduled = fragment_next.with_value(Option::is_some);
        fragment_next.set_value(Some(fragment));
        if scheduled {
            return;
        }
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let Some(fragment) = fragment_next.try_update_value(Option::take).flatten()
                    else {
                        return;
                    };
                    // An address that shows the selection already (a reload, a followed
                    // link) is left alone: writing it costs about 15 ms on a cold page.
                    let current = io::fragment();
                    if current == seen.get_value() && io::decode_fragment(&current) != fragment {
                        io::set_fragment(&fragment);
                        seen.set_value(io::fragment());
                    }
                },
                std::time::Duration::ZERO,
            )
        });
    });
    // Focus a field after a problem was clicked.
    Effect::new(move |_| {
        if let Some(id) = store.focus.get() {
            io::focus_field_after_paint(id);
        }
    });
    // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y everywhere.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match ev.key().to_ascii_lowercase().as_str() {
            "z" if ev.shift_key() => store.redo(),
            "z" => store.undo(),
            "y" => store.redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    // A pasted or followed link moves the selection.
    let hash = window_event_listener(leptos::ev::hashchange, move |_| {
        seen.set_value(io::fragment());
        if live_state.take_fragment(&io::fragment()) {
            live_state.open.set(true);
            io::set_fragment(&store.selection.get_untracked().to_fragment());
            seen.set_value(io::fragment());
            return;
        }
        let fragment = io::decode_fragment(&io::fragment());
        if !fragment.is_empty() {
            let selection = Selection::from_fragment(&fragment);
            if selection != store.selection.get_untracked() {
                store.selection.set(selection);
                store.keep_selection_valid();
            }
        }
    });
    // Drag and drop a file anywhere on the page.
    let dragging = RwSignal::new(false);
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        ev.prevent_default();
        dragging.set(true);
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |_| dragging.set(false));
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            read_into(store, file);
        }
    });
    on_cleanup(move || {
        hash.remove();
        keys.remove();
        over.remove();
        leave.remove();
        drop.remove();
    });

    view! {
        <div class="app" class:dragging=move || dragging.get()>
            // The first tab stop: past the toolbar, straight to the tree's filter.
            <button class="skip-link" on:click=move |_| io::focus_after_paint("tree-filter".into())>"Skip to the resource tree"</button>
            <Header />
            <tree::Tree />
            <editor::Editor />
            <preview::Preview />
            <live::LivePanel />
            <problems::ProblemsPanel />
            <persistence::VersionsPanel />
            <merge::MergePanel />
            <StatusBar />
            <persistence::ConflictBanner />
            <Notice />
            <div class="drop-hint" aria-hidden="true">"Drop a design, plan, OpenAPI, CloudFormation or get-resources file to import it"</div>
        </div>
    }
}

fn read_into(store: Store, file: web_sys::File) {
    read_file_then(store, file, import_text);
}

/// Reads a picked or dropped file and hands its name and text to `then`; a file that cannot
/// be read is said.
fn read_file_then(store: Store, file: web_sys::File, then: fn(Store, &str, &str)) {
    leptos::task::spawn_local(async move {
        let name = file.name();
        match io::read_file(file).await {
            Ok(text) => then(store, &name, &text),
            Err(error) => store.tell_error(error),
        }
    });
}

#[component]
fn Header() -> impl IntoView {
    let store = store::use_store();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let merge_input = NodeRef::<leptos::html::Input>::new();
    let export_plan = move |_| {
        export(store, "plan.json", "plan", |d| plan::to_plan_json(&d.api, &plan::build(d)))
    };
    let export_menu = NodeRef::<leptos::html::Details>::new();
    let export_design = move |_| export(store, "design.json", "design", document::design_to_string);
    let export_openapi =
        move |_| export(store, "openapi.json", "OpenAPI document", apigw_core::openapi::export);
    let export_script =
        move |_| export(store, "deploy.sh", "CLI script", apigw_core::cli_script::to_cli_script);
    let export_cfn_json = move |_| export_cloudformation(store, false);
    let export_cfn_yaml = move |_| export_cloudformation(store, true);
    let on_file = move |ev: leptos::ev::Event| {
        if let Some(file) = io::take_picked_file(&ev) {
            read_into(store, file);
        }
    };
    let on_merge_file = move |ev: leptos::ev::Event| {
        if let Some(file) = io::take_picked_file(&ev) {
            read_file_then(store, file, merge::read);
        }
    };
    view! {
        <header class="topbar">
            <span class="brand" title="apigw-designer"><span class="i i-brand" aria-hidden="true"></span>" apigw"</span>
            // The one way into the API's own settings, authorizers, validators and models.
            <button class="api-name" title="API settings, authorizers, validators and models"
                class:active=move || store.selection.get() == Selection::Api
                on:click=move |_| store.selection.set(Selection::Api)>
                <span class="name">{move || store.design.with(|d| d.api.name.clone())}</span>
                <span class="endpoint">{move || store.design.with(|d| d.api.endpoint_type.clone())}</span>
                <span class="settings"><span class="i i-gear" aria-hidden="true"></span><span class="settings-text">" API settings"</span></span>
            </button>
            <div class="spacer"></div>
            <button class="icon-only" title=move || store.undo_label() aria-label="Undo" disabled=move || !store.can_undo() on:click=move |_| store.undo()><span class="i i-undo" aria-hidden="true"></span></button>
            <button class="icon-only" title=move || store.redo_label() aria-label="Redo" disabled=move || !store.can_redo() on:click=move |_| store.redo()><span class="i i-redo" aria-hidden="true"></span></button>
            <span class="sep"></span>
            <button aria-label="New API" title="A new, empty API" on:click=move |_| { store.replace("new API", Design::named("MyApi")); store.tell("New empty API. Ctrl+Z brings the previous design back."); }>"New"</button>
            <button title="Load the PetStore example" aria-label="PetStore example" on:click=move |_| { store.replace("load the PetStore example", apigw_core::example::petstore()); store.selection.set(Selection::Resource("/pets".into())); }>"Example"</button>
            <button on:click=move |_| { if let Some(input) = file_input.get() { input.click(); } }>"Import…"</button>
            <input node_ref=file_input type="file" accept=".json,.yaml,.yml,application/json,application/yaml" class="hidden" aria-label="Import file" on:change=on_file />
            <button title="Merge a design or OpenAPI file into this design, as API Gateway's import with mode=merge: see every change first" on:click=move |_| { if let Some(input) = merge_input.get() { input.click(); } }>"Merge…"</button>
            <input node_ref=merge_input type="file" accept=".json,.yaml,.yml,application/json,application/yaml" class="hidden" aria-label="Merge file" on:change=on_merge_file />
            // One menu: its entries would not fit beside a long API name at 1280 px.
            <details class="menu export-menu" node_ref=export_menu>
                <summary title="Export the design as a file"><span class="i i-download" aria-hidden="true"></span>" Export"</summary>
                <div class="menu-items" role="group" aria-label="Export" on:click=move |_| { if let Some(menu) = export_menu.get() { menu.set_open(false); } }>
                    <button data-testid="export-design" title="The design document (apigw-design/1)" on:click=export_design>"Design document"</button>
                    <button data-testid="export-plan" title="The ordered API Gateway calls" on:click=export_plan>"Plan"</button>
                    <button data-testid="export-openapi" title="OpenAPI 3.0 with x-amazon-apigateway extensions" on:click=export_openapi>"OpenAPI 3.0"</button>
                    <button data-testid="export-script" title="A bash script of aws apigateway commands" on:click=export_script>"AWS CLI script"</button>
                    <button data-testid="export-cloudformation" title="AWS::ApiGateway resources, with the Lambda permissions they need" on:click=export_cfn_json>"CloudFormation (JSON)"</button>
                    <button data-testid="export-cloudformation-yaml" title="AWS::ApiGateway resources, with the Lambda permissions they need" on:click=export_cfn_yaml>"CloudFormation (YAML)"</button>
                </div>
            </details>
            <live::LiveButton />
        </header>
    }
}

/// Downloads what `write` makes of the design as `<API name>.<suffix>`. A design with errors
/// is exported all the same, and the user is told how many API Gateway would reject.
fn export(store: Store, suffix: &str, what: &str, write: fn(&Design) -> String) {
    let text = store.design.with(write);
    let name = store.design.with(|d| format!("{}.{suffix}", file_stem(&d.api.name)));
    if let Err(e) = io::download(&name, &text) {
        store.tell_error(e);
        return;
    }
    let (errors, _) = store.checker.with_untracked(|c| c.counts());
    if errors > 0 {
        let s = if errors == 1 { "" } else { "s" };
        store.tell(format!(
            "Exported the {what}; the design has {errors} error{s} that API Gateway would reject (see Problems)."
        ));
    }
}

/// Downloads the design as a CloudFormation template, and says what it cannot deploy.
fn export_cloudformation(store: Store, yaml: bool) {
    let (text, notes) = store.design.with(|d| {
        let export = apigw_core::cloudformation::export(d);
        (export.text(yaml), export.notes)
    });
    let suffix = if yaml { "template.yaml" } else { "template.json" };
    let name = store.design.with(|d| format!("{}.{suffix}", file_stem(&d.api.name)));
    if let Err(e) = io::download(&name, &text) {
        store.tell_error(e);
        return;
    }
    let (errors, _) = store.checker.with_untracked(|c| c.counts());
    let mut told = Vec::new();
    if errors > 0 {
        let s = if errors == 1 { "" } else { "s" };
        told.push(format!(
            "the design has {errors} error{s} that API Gateway would reject (see Problems)"
        ));
    }
    if let Some(first) = notes.first() {
        let more = if notes.len() > 1 {
            format!(" (and {} more)", notes.len() - 1)
        } else {
            String::new()
        };
        told.push(format!("not deployed by CloudFormation, kept in Metadata: {first}{more}"));
    }
    if !told.is_empty() {
        store.tell(format!("Exported the CloudFormation template; {}.", told.join("; ")));
    }
}

fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    if stem.is_empty() { "api".into() } else { stem }
}

#[component]
fn StatusBar() -> impl IntoView {
    let store = store::use_store();
    let saving = persistence::use_persistence();
    let saved = move || match saving.state.get() {
        persistence::SaveState::NotYet => "Changes will be saved in this browser".to_string(),
        persistence::SaveState::Pending => "Unsaved changes".to_string(),
        persistence::SaveState::Saving => "Saving…".to_string(),
        persistence::SaveState::Saved(_) => "Saved in this browser".to_string(),
        persistence::SaveState::Failed(_) => "Not saved".to_string(),
        persistence::SaveState::Conflict(_) => "Not saved: changed in another tab".to_string(),
        persistence::SaveState::Unavailable => "Not saved: no storage".to_string(),
    };
    let open_versions = move |_| {
        saving.versions.set(None);
        saving.versions_open.set(true);
        saving.list_versions();
    };
    let counts = move || store.checker.with(|c| c.counts());
    let checked = move || store.checker.with(|c| c.is_complete());
    view! {
        <footer class="statusbar" role="status">
            <span class="status-errors" class:has=move || { counts().0 > 0 }>{move || if checked() { view! { <span class="i i-error" aria-hidden="true"></span>" "{counted(counts().0, "error", "errors")} }.into_any() } else { "Checking…".into_any() }}</span>
            <span class="status-warnings" class:has=move || { counts().1 > 0 } class:hidden=move || !checked()><span class="i i-warning" aria-hidden="true"></span>" "{move || counted(counts().1, "warning", "warnings")}</span>
            <span>{move || { store.outline.track(); store.design.with_untracked(|d| format!("{} · {}", apigw_core::text::counted(d.resources.len(), "resource", "resources"), apigw_core::text::counted(d.method_count(), "method", "methods"))) }}</span>
            <span class="spacer"></span>
            <span class="save-state" data-testid="save-state">{saved}</span>
            <button class="link small" data-testid="open-versions" on:click=open_versions>"Earlier versions…"</button>
        </footer>
    }
}

#[component]
fn Notice() -> impl IntoView {
    let store = store::use_store();
    // Information fades after a few seconds; errors stay until dismissed.
    Effect::new(move |_| {
        if let Some(notice) = store.notice.get().filter(|n| !n.error) {
            set_timeout(
                move || {
                    if store.notice.get_untracked().as_ref() == Some(&notice) {
                        store.notice.set(None);
                    }
                },
                std::time::Duration::from_secs(6),
            );
        }
    });
    view! {
        <Show when=move || store.notice.get().is_some()>
            <div class="notice" class:error=move || store.notice.get().is_some_and(|n| n.error) role="status" aria-live="polite">
                <span>{move || store.notice.get().map(|n| n.text).unwrap_or_default()}</span>
                <button class="icon" aria-label="Dismiss" on:click=move |_| store.notice.set(None)><span class="i i-close" aria-hidden="true"></span></button>
            </div>
        </Show>
    }
}

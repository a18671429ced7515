//! Keeping the design between visits: reading it at start, saving it after each pause in
//! editing, keeping earlier versions, and never overwriting another tab's work unasked.
//!
//! The design lives in IndexedDB (`storage.rs`) in apigw-core's binary form, so a large design
//! is read back without parsing JSON. A design kept by an earlier version of the app in local
//! storage is moved over on the first start. Saving is checked against the revision this tab
//! last read or saved: when another tab saved in between, nothing is written and the user
//! chooses. Earlier versions are kept every few minutes of editing and before a whole design is
//! replaced (New, the example, an import, a load, a restore), at most `MAX_VERSIONS`.
//!
//! A failed write (a full disk, storage blocked) is said, and the design stays open in the tab,
//! exportable: nothing is ever dropped.

use crate::storage::{self, Channel, Db, Heard, Meta, Saved, Version};
use crate::store::{Selection, Store};
use apigw_core::{Design, binary, document};
use leptos::prelude::*;

/// Where a tab going away keeps its unsaved design in local storage (followed by the tab's
/// id), besides IndexedDB: a write to IndexedDB from a page that is going away can be aborted
/// with the page, or wait behind a running save; local storage writes at once. (A design too
/// large for local storage relies on IndexedDB alone.)
const LOCAL_UNSAVED: &str = "apigw-designer/unsaved/";

/// How often, at most, an earlier version is kept while editing (milliseconds).
const VERSION_EVERY_MS: f64 = 5.0 * 60.0 * 1000.0;

/// What the app starts from.
pub struct Start {
    pub design: Design,
    /// Read from storage, so there is nothing to save until it changes.
    pub stored: bool,
    /// Moved from local storage: save it at once.
    pub migrated: bool,
    /// The stored revision it was read at (0 when none).
    pub revision: f64,
    pub db: Option<Db>,
    /// Something the user must be told (storage unavailable, a design that could not be read).
    pub warning: Option<String>,
    /// Something worth saying (edits a closed tab left unsaved, kept as a version).
    pub note: Option<String>,
    /// The closed tabs whose unsaved edits the design carries on: forgotten once it is saved.
    pub recovered: Vec<String>,
    /// The undo history stored with the design (`History::to_stored`), or empty.
    pub history: Vec<u8>,
}

/// The PetStore example, as on a first visit.
fn example() -> Start {
    Start {
        design: apigw_core::example::petstore(),
        stored: false,
        migrated: false,
        revision: 0.0,
        db: None,
        warning: None,
        note: None,
        recovered: Vec::new(),
        history: Vec::new(),
    }
}

/// Reads the saved design, or the PetStore example on a first visit.
pub async fn load_initial() -> Start {
    let db = match Db::open().await {
        Ok(db) => db,
        Err(error) => {
            crate::io::mark("apigw:read");
            return Start {
                warning: Some(format!("Designs will not be saved: {error}.")),
                ..example()
            };
        }
    };
    let current = db.current().await;
    crate::io::mark("apigw:read");
    let start = from_storage(db, current).await;
    take_up_unsaved(start).await
}

/// What storage holds: the current design, or what local storage held before, or the example.
async fn from_storage(db: Db, current: Result<Option<storage::Current>, String>) -> Start {
    match current {
        Ok(Some(current)) => match binary::decode(&current.bytes) {
            Ok(design) => {
                crate::io::mark("apigw:parsed");
                Start {
                    design,
                    stored: true,
                    history: current.history,
                    revision: current.revision,
                    db: Some(db),
                    ..example()
                }
            }
            Err(error) => {
                // Kept among the earlier versions before anything can overwrite it.
                let kept = db.add_version(&current.bytes, &current.meta, "could not be read").await;
                let where_kept = if kept.is_ok() {
                    "it is kept among the earlier versions"
                } else {
                    "it is left in the browser's storage"
                };
                Start {
                    revision: current.revision,
                    db: Some(db),
                    warning: Some(format!(
                        "The saved design could not be read ({error}); {where_kept}, and the example was loaded instead."
                    )),
                    ..example()
                }
            }
        },
        Ok(None) => match crate::io::load() {
            // A design an earlier version kept in local storage.
            Ok(Some(text)) => match document::design_from_str(&text) {
                Ok(design) => {
                    crate::io::mark("apigw:parsed");
                    Start { design, stored: false, migrated: true, db: Some(db), ..example() }
                }
                Err(error) => {
                    crate::io::backup_unreadable(&text);
                    Start {
                        db: Some(db),
                        warning: Some(format!(
                            "The saved design could not be read ({error}); it was kept aside and the example loaded instead."
                        )),
                        ..example()
                    }
                }
            },
            _ => Start { db: Some(db), ..example() },
        },
        Err(error) => Start {
            db: Some(db),
            warning: Some(format!("The saved design could not be read: {error}.")),
            ..example()
        },
    }
}

/// Takes up what closed tabs left unsaved (written as the page went away): the newest that
/// carries on from the stored revision becomes the design, saved at once; any other is kept as
/// an earlier version, so nothing is lost and nothing overwrites a later save.
async fn take_up_unsaved(mut start: Start) -> Start {
    let Some(db) = start.db.clone() else { return start };
    let Ok(mut unsaved) = db.unsaved().await else { return start };
    // What tabs left in local storage, for those whose IndexedDB write did not land.
    let local = crate::io::storage_keys(LOCAL_UNSAVED);
    for key in &local {
        let tab = key[LOCAL_UNSAVED.len()..].to_string();
        if unsaved.iter().any(|u| u.tab == tab) {
            continue;
        }
        if let Some(left) = crate::io::storage_get(key).and_then(|text| local_unsaved(&tab, &text))
        {
            unsaved.push(left);
        }
    }
    let mut kept = 0;
    for closed in unsaved {
        if start.recovered.is_empty() && closed.base == start.revision {
            if let Ok(design) = binary::decode(&closed.bytes) {
                start.design = design;
                start.history = closed.history;
                start.stored = false;
                start.migrated = true;
                start.recovered.push(closed.tab);
                continue;
            }
        }
        if db
            .add_version(&closed.bytes, &closed.meta, "unsaved edits of a closed tab")
            .await
            .is_ok()
            && db.forget_unsaved(&closed.tab).await.is_ok()
        {
            kept += 1;
        }
    }
    for key in &local {
        crate::io::storage_remove(key);
    }
    if kept > 0 {
        start.note = Some(format!(
            "Edits that a closed tab had not saved, made while this design changed elsewhere, are kept among the earlier versions ({kept})."
        ));
    }
    start
}

/// A design a tab kept in local storage as it went away (`{"base": revision, "design": text}`).
fn local_unsaved(tab: &str, text: &str) -> Option<storage::Unsaved> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let base = value.get("base")?.as_f64()?;
    let design = document::design_from_str(value.get("design")?.as_str()?).ok()?;
    Some(storage::Unsaved {
        tab: tab.to_string(),
        bytes: binary::encode(&design),
        history: Vec::new(),
        base,
        meta: Meta {
            name: design.api.name.clone(),
            methods: design.method_count() as u32,
            saved_at: storage::now(),
        },
    })
}

/// Where saving stands, for the status bar.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Nothing saved yet in this browser.
    NotYet,
    /// Changed since the last save; the save follows a pause in editing.
    Pending,
    Saving,
    /// Saved, at this time (milliseconds since the epoch).
    Saved(f64),
    /// The last write failed; the message says why.
    Failed(String),
    /// Another tab saved this design since; saving waits for the user's choice.
    Conflict(Meta),
    /// No storage at all.
    Unavailable,
}

/// Saving's state and the versions dialog, shared through context.
#[derive(Clone, Copy)]
pub struct Persistence {
    db: StoredValue<Option<Db>, LocalStorage>,
    channel: StoredValue<Option<Channel>, LocalStorage>,
    tab: StoredValue<String>,
    /// The revision this tab last read or saved.
    revision: StoredValue<f64>,
    /// When the newest earlier version was kept.
    last_version: StoredValue<f64>,
    /// A save is running; another change meanwhile saves again after it.
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
    /// Save over another tab's save (the user chose to keep this tab's design).
    force: StoredValue<bool>,
    /// Closed tabs whose unsaved edits the design carries on: forgotten by the next save.
    forget: StoredValue<Vec<String>>,
    /// What storage holds at `revision`, when this tab just took it from another tab: a save
    /// of exactly these bytes has nothing to write.
    clean: StoredValue<Option<Vec<u8>>>,
    pub state: RwSignal<SaveState>,
    /// Another tab has this site open.
    pub other_tab: RwSignal<bool>,
    pub versions_open: RwSignal<bool>,
    pub versions: RwSignal<Option<Result<Vec<Version>, String>>>,
}

impl Persistence {
    /// Sets up saving for the store, from what the app started with.
    pub fn start(store: Store, start: &mut Start) -> Persistence {
        let db = start.db.take();
        let state = match (&db, start.stored) {
            (None, _) => SaveState::Unavailable,
            (Some(_), true) => SaveState::Saved(0.0),
            (Some(_), false) => SaveState::NotYet,
        };
        let persistence = Persistence {
            db: StoredValue::new_local(db),
            channel: StoredValue::new_local(None),
            tab: StoredValue::new(storage::new_tab_id()),
            revision: StoredValue::new(start.revision),
            last_version: StoredValue::new(storage::now()),
            in_flight: StoredValue::new(false),
            again: StoredValue::new(false),
            force: StoredValue::new(false),
            forget: StoredValue::new(std::mem::take(&mut start.recovered)),
            clean: StoredValue::new(None),
            state: RwSignal::new(state),
            other_tab: RwSignal::new(false),
            versions_open: RwSignal::new(false),
            versions: RwSignal::new(None),
        };
        persistence.listen(store);
        persistence
    }

    /// Hears the other tabs: who is there, and what they saved.
    fn listen(self, store: Store) {
        let tab = self.tab.get_value();
        let channel = Channel::open(&tab, move |heard| match heard {
            Heard::Hello => {
                self.other_tab.set(true);
                self.say(&Heard::Here);
            }
            Heard::Here => {
                if !self.other_tab.get_untracked() {
                    self.other_tab.set(true);
                    store.tell("This design is open in another tab too. Each tab saves its own edits; if both change it, the second to save is asked first, and nothing is overwritten unasked.");
                }
            }
            Heard::Saved(revision) => {
                if revision > self.revision.get_value() {
                    self.conflict_from_storage(store);
                }
            }
        });
        self.channel.set_value(channel);
        self.say(&Heard::Hello);
    }

    fn say(&self, heard: &Heard) {
        let tab = self.tab.get_value();
        self.channel.with_value(|c| {
            if let Some(channel) = c {
                channel.say(&tab, heard);
            }
        });
    }

    /// Another tab saved: say so with what it saved, and wait for the user. A save of the very
    /// design this tab holds (the other tab took this one's) is no conflict: it is adopted.
    fn conflict_from_storage(self, store: Store) {
        let Some(db) = self.db.get_value() else { return };
        leptos::task::spawn_local(async move {
            let Ok(Some(current)) = db.current().await else { return };
            if current.revision <= self.revision.get_value() || current.tab == self.tab.get_value()
            {
                return;
            }
            let same = store.design.with_untracked(|d| binary::encode(d) == current.bytes);
            if same {
                self.revision.set_value(current.revision);
            } else {
                self.state.set(SaveState::Conflict(current.meta));
            }
        });
    }

    /// The design changed: it is not saved until the next save ends.
    pub fn changed(self) {
        if !matches!(
            self.state.get_untracked(),
            SaveState::Conflict(_) | SaveState::Unavailable | SaveState::Failed(_)
        ) {
            self.state.set(SaveState::Pending);
        }
    }

    /// The page is going away: what is not saved yet is kept, in a write that does not wait
    /// for anything, and the next start takes it up.
    pub fn keep_unsaved(self, store: Store) {
        let Some(db) = self.db.get_value() else { return };
        if !matches!(self.state.get_untracked(), SaveState::Pending | SaveState::Saving) {
            return;
        }
        let written = stored_form(store);
        let tab = self.tab.get_value();
        let base = self.revision.get_value();
        // Local storage first: it is written before this returns. An IndexedDB write from a
        // page that is going away may be aborted with it (or wait behind a running save).
        let text = store.design.with_untracked(document::design_to_string);
        let kept = serde_json::json!({ "base": base, "design": text }).to_string();
        let _ = crate::io::storage_put(&format!("{LOCAL_UNSAVED}{tab}"), &kept);
        let _ = db.keep_unsaved(&written, &tab, base);
    }

    /// Saves the design now (autosave calls this after a pause, and when the page is hidden).
    pub fn save(self, store: Store) {
        let Some(db) = self.db.get_value() else { return };
        if matches!(self.state.get_untracked(), SaveState::Conflict(_)) {
            return; // Waits for the user's choice.
        }
        if self.in_flight.get_value() {
            self.again.set_value(true);
            return;
        }
        let written = stored_form(store);
        if self.clean.try_update_value(Option::take).flatten().as_ref() == Some(&written.bytes) {
            return;
        }
        let replaced = store.replaced.try_update_untracked(Option::take).flatten();
        self.in_flight.set_value(true);
        self.state.set(SaveState::Saving);
        leptos::task::spawn_local(async move {
            // The design a whole-design replacement took the place of is kept as a version.
            if let Some(label) = replaced {
                if let Ok(Some(previous)) = db.current().await {
                    let _ = db
                        .add_version(&previous.bytes, &previous.meta, &format!("before {label}"))
                        .await;
                    self.last_version.set_value(storage::now());
                }
            }
            let force = self.force.get_value();
            let tab = self.tab.get_value();
            let forget = self.forget.get_value();
            let result = db.save(&written, &tab, self.revision.get_value(), force, &forget).await;
            match result {
                Ok(Saved::Stored(revision)) => {
                    // What this tab kept as it went away is saved now, unless it changed
                    // since this save began (then the next start still takes it up).
                    let mine = (!self.again.get_value()).then_some(&tab);
                    for closed in self.forget.get_value().iter().chain(mine) {
                        crate::io::storage_remove(&format!("{LOCAL_UNSAVED}{closed}"));
                    }
                    self.forget.set_value(Vec::new());
                    self.revision.set_value(revision);
                    self.force.set_value(false);
                    self.state.set(SaveState::Saved(written.meta.saved_at));
                    self.say(&Heard::Saved(revision));
                    // What an earlier version of the app kept in local storage is now here.
                    crate::io::forget_saved();
                    if storage::now() - self.last_version.get_value() >= VERSION_EVERY_MS {
                        if db.add_version(&written.bytes, &written.meta, "saved").await.is_ok() {
                            self.last_version.set_value(storage::now());
                        }
                    }
                }
                Ok(Saved::Conflict { meta, .. }) => self.state.set(SaveState::Conflict(meta)),
                Err(error) => {
                    if self.state.get_untracked() != SaveState::Failed(error.clone()) {
                        store.tell_error(format!(
                            "Not saved: {error}. The design stays open in this tab; Export it to keep it."
                        ));
                    }
                    self.state.set(SaveState::Failed(error));
                }
            }
            self.in_flight.set_value(false);
            if self.again.get_value() {
                self.again.set_value(false);
                self.save(store);
            }
        });
    }

    /// The user keeps this tab's design over another tab's save; the other is kept as an
    /// earlier version first.
    pub fn keep_mine(self, store: Store) {
        let Some(db) = self.db.get_value() else { return };
        leptos::task::spawn_local(async move {
            if let Ok(Some(theirs)) = db.current().await {
                let _ = db.add_version(&theirs.bytes, &theirs.meta, "saved in another tab").await;
            }
            self.force.set_value(true);
            self.state.set(SaveState::NotYet);
            self.save(store);
        });
    }

    /// The user takes the other tab's save, as one undoable step.
    pub fn take_theirs(self, store: Store) {
        let Some(db) = self.db.get_value() else { return };
        leptos::task::spawn_local(async move {
            match db.current().await {
                Ok(Some(theirs)) => match binary::decode(&theirs.bytes) {
                    Ok(design) => {
                        self.revision.set_value(theirs.revision);
                        self.state.set(SaveState::Saved(theirs.meta.saved_at));
                        self.clean.set_value(Some(theirs.bytes));
                        store.replace("load the other tab's design", design);
                        // Nothing to keep: what it replaced is this tab's, unsaved.
                        store.replaced.set(None);
                        store.tell("Loaded the design as the other tab saved it. Ctrl+Z brings this tab's back.");
                    }
                    Err(error) => store
                        .tell_error(format!("The other tab's design could not be read: {error}.")),
                },
                Ok(None) => self.state.set(SaveState::NotYet),
                Err(error) => {
                    store.tell_error(format!("Could not read the other tab's design: {error}."))
                }
            }
        });
    }

    /// Lists the earlier versions into `versions`.
    pub fn list_versions(self) {
        let Some(db) = self.db.get_value() else {
            self.versions.set(Some(Err("this browser does not let the page store data".into())));
            return;
        };
        leptos::task::spawn_local(async move {
            self.versions.set(Some(db.versions().await));
        });
    }

    /// Restores an earlier version as one undoable step.
    pub fn restore(self, store: Store, version: Version) {
        let Some(db) = self.db.get_value() else { return };
        leptos::task::spawn_local(async move {
            match db
                .version_bytes(version.key)
                .await
                .and_then(|b| binary::decode(&b).map_err(|e| e.to_string()))
            {
                Ok(design) => {
                    store.replace(
                        &format!(
                            "restore the version of {}",
                            crate::io::clock(version.meta.saved_at)
                        ),
                        design,
                    );
                    store.selection.set(Selection::Resource("/".into()));
                    self.versions_open.set(false);
                    store.tell(format!(
                        "Restored the version of {}. Ctrl+Z brings the design back as it was.",
                        crate::io::clock(version.meta.saved_at)
                    ));
                }
                Err(error) => store.tell_error(format!("That version could not be read: {error}.")),
            }
        });
    }
}

pub fn use_persistence() -> Persistence {
    expect_context::<Persistence>()
}

/// The banner shown when another tab saved this design.
#[component]
pub fn ConflictBanner() -> impl IntoView {
    let store = crate::store::use_store();
    let persistence = use_persistence();
    let conflict = move || match persistence.state.get() {
        SaveState::Conflict(meta) => Some(meta),
        _ => None,
    };
    view! {
        {move || conflict().map(|meta| view! {
            <div class="conflict-banner" role="alert" data-testid="conflict">
                <span>{format!("Another tab saved this design at {} ({}). Saving here is paused, so that neither is overwritten.", crate::io::clock(meta.saved_at), apigw_core::text::counted(meta.methods as usize, "method", "methods"))}</span>
                <button on:click=move |_| persistence.take_theirs(store)>"Load the other tab's design"</button>
                <button on:click=move |_| persistence.keep_mine(store)>"Keep this tab's design"</button>
            </div>
        })}
    }
}

/// The list of earlier versions, each with Restore.
#[component]
pub fn VersionsPanel() -> impl IntoView {
    let store = crate::store::use_store();
    let persistence = use_persistence();
    view! {
        <Show when=move || persistence.versions_open.get()>
            <aside class="versions-panel" role="dialog" aria-label="Earlier versions">
                <div class="panel-title">
                    <span>"Earlier versions"</span>
                    <button class="icon" aria-label="Close earlier versions" on:click=move |_| persistence.versions_open.set(false)><span class="i i-close" aria-hidden="true"></span></button>
                </div>
                <p class="hint">{format!("This browser keeps up to {} earlier versions: one every few minutes of editing, and one before each import, load, new API or restore. Restoring is one step Ctrl+Z takes back.", storage::MAX_VERSIONS)}</p>
                {move || match persistence.versions.get() {
                    None => view! { <p class="hint">"Reading…"</p> }.into_any(),
                    Some(Err(error)) => view! { <p class="problem error" role="alert">{format!("The versions could not be read: {error}.")}</p> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <p class="hint">"No earlier versions yet."</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <ul class="version-list">
                            {list.into_iter().map(|version| {
                                let when = crate::io::clock(version.meta.saved_at);
                                let label = format!("{} · {} · {}", version.meta.name, apigw_core::text::counted(version.meta.methods as usize, "method", "methods"), version.label);
                                let restore_label = format!("Restore the version of {when}");
                                let chosen = version;
                                view! {
                                    <li class="version">
                                        <span class="when mono">{when}</span>
                                        <span class="what">{label}</span>
                                        <button class="small" aria-label=restore_label on:click=move |_| persistence.restore(store, chosen.clone())>"Restore"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </aside>
        </Show>
    }
}

/// The design as it is stored: its binary form, its undo history (bounded), and what the
/// versions list shows of it.
fn stored_form(store: Store) -> storage::Record {
    let history = store.stored_history();
    store.design.with_untracked(|d| storage::Record {
        bytes: binary::encode(d),
        history,
        meta: Meta {
            name: d.api.name.clone(),
            methods: d.method_count() as u32,
            saved_at: storage::now(),
        },
    })
}

//! The app's state: the design, its history, the selection, and what is derived from them.
//!
//! The design changes only through apigw-core edits (`Store::apply`). Diagnostics are derived
//! from it by apigw-core's `Checker`, which each edit brings up to date by its scope: a
//! keystroke in one method's form reruns that method's rules, not the whole design's.
//! Components read narrow slices through closures over `design` and `checker`.

use apigw_core::command::{Edit, EditError, Scope};
use apigw_core::diagnostic::{Diagnostic, Owner};
use apigw_core::{Checker, Design, History};
use leptos::prelude::*;

/// What the editor shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Selection {
    Api,
    Resource(String),
    Method(String, String),
}

impl Selection {
    /// The fragment form, e.g. `GET /pets/{petId}`, `/pets`, or `api`.
    pub fn to_fragment(&self) -> String {
        match self {
            Selection::Api => "api".into(),
            Selection::Resource(path) => path.clone(),
            Selection::Method(path, verb) => format!("{verb} {path}"),
        }
    }

    pub fn from_fragment(text: &str) -> Selection {
        match text.split_once(' ') {
            Some((verb, path)) if path.starts_with('/') => {
                Selection::Method(path.into(), verb.into())
            }
            _ if text.starts_with('/') => Selection::Resource(text.into()),
            _ => Selection::Api,
        }
    }

    pub fn path(&self) -> Option<&str> {
        match self {
            Selection::Api => None,
            Selection::Resource(path) | Selection::Method(path, _) => Some(path),
        }
    }
}

/// A message for the user, shown until dismissed or replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// What an import could not carry: the file's name, and each item with its JSON pointer.
pub type ImportReport = (String, Vec<(String, Diagnostic)>);

/// From how many methods a whole new design is checked after its first paint rather than
/// before: below it the check takes a few milliseconds and "checking…" would only flicker.
const PROGRESSIVE_FROM: usize = 500;

/// What an edit reaches, read before it is applied (for an undo or redo, from the step).
struct Reach {
    scope: Scope,
    outline: bool,
    shape: bool,
}

impl Reach {
    fn of(edit: &Edit) -> Reach {
        Reach {
            scope: edit.scope(),
            outline: edit.changes_outline(),
            shape: edit.changes_call_count(),
        }
    }
}

#[derive(Clone, Copy)]
pub struct Store {
    pub design: RwSignal<Design>,
    history: StoredValue<History>,
    /// Bumped whenever the history changes, so undo/redo buttons update.
    pub revision: RwSignal<u64>,
    pub selection: RwSignal<Selection>,
    /// The design's diagnostics, kept per API, resource and method.
    pub checker: RwSignal<Checker>,
    /// Bumped when an edit may change the outline (resources, methods, integration types), so
    /// the tree is rebuilt for those edits only, not for every keystroke in a form.
    pub outline: RwSignal<u64>,
    /// Bumped when an edit may change how many calls the plan holds (what exists, not what it
    /// says), so counts over the whole design are not redone on every keystroke.
    pub shape: RwSignal<u64>,
    pub notice: RwSignal<Option<Notice>>,
    /// The field to focus after the next render (set when a problem is clicked).
    pub focus: RwSignal<Option<String>>,
    /// What the last import could not carry: the file's name, and each item with its JSON
    /// pointer into that file. Shown in Problems until dismissed.
    pub imported: RwSignal<Option<ImportReport>>,
    /// The label of the last whole-design replacement (new, example, import, load, restore)
    /// not yet saved: saving keeps the design it replaced as an earlier version.
    pub replaced: RwSignal<Option<String>>,
    /// A file read to be merged into the design, while its changes are reviewed.
    pub merging: RwSignal<Option<crate::merge::Incoming>>,
    /// The resources and methods chosen for a bulk edit (Ctrl- and Shift-click in the tree,
    /// or every method a filter matches). While any are chosen, the editor is the bulk panel.
    pub chosen: RwSignal<std::collections::BTreeSet<Selection>>,
    /// The method "Copy method" took, to be pasted onto other resources.
    pub copied: RwSignal<Option<(String, String)>>,
    /// Whether a method shows its Test tab rather than its method execution; kept from method
    /// to method, as the console keeps it.
    pub testing: RwSignal<bool>,
}

impl Store {
    pub fn new(design: Design, selection: Selection) -> Store {
        // Checked after the first paint (`finish_checking`), so a large design shows at once.
        let checker = RwSignal::new(Checker::progressive(&design));
        let design = RwSignal::new(design);
        Store {
            design,
            history: StoredValue::new(History::default()),
            revision: RwSignal::new(0),
            selection: RwSignal::new(selection),
            checker,
            outline: RwSignal::new(0),
            shape: RwSignal::new(0),
            notice: RwSignal::new(None),
            focus: RwSignal::new(None),
            imported: RwSignal::new(None),
            replaced: RwSignal::new(None),
            merging: RwSignal::new(None),
            chosen: RwSignal::new(Default::default()),
            copied: RwSignal::new(None),
            testing: RwSignal::new(false),
        }
    }

    /// Applies an edit as its own undo step. Errors are shown to the user.
    pub fn apply(&self, edit: Edit) -> bool {
        self.apply_grouped(edit, None)
    }

    /// Applies an edit, merging it with the previous one of the same group (typing in a field).
    pub fn apply_grouped(&self, edit: Edit, group: Option<&str>) -> bool {
        let mut result = Ok(());
        let reach = Reach::of(&edit);
        self.history.update_value(|history| {
            self.design.update(|design| result = history.apply_grouped(design, edit, group));
        });
        self.revision.update(|r| *r += 1);
        match result {
            Ok(()) => {
                self.changed(&reach);
                true
            }
            Err(error) => {
                self.tell_error(format!("Cannot apply: {error}"));
                false
            }
        }
    }

    /// After an applied edit, undo or redo: brings the diagnostics up to date and tells the
    /// outline's and the call count's dependents, when the edit reaches them.
    fn changed(&self, reach: &Reach) {
        self.recheck(&reach.scope);
        if reach.outline {
            self.outline.update(|n| *n += 1);
        }
        if reach.shape {
            self.shape.update(|n| *n += 1);
        }
    }

    /// The undo history as it is saved with the design: the newest steps, up to about 2 MB,
    /// and none for a design of more than 1,000 methods.
    pub fn stored_history(&self) -> Vec<u8> {
        self.design.with_untracked(|d| self.history.with_value(|h| h.to_stored(d, 2 << 20, 1000)))
    }

    /// Takes up the undo history saved with the design this store started from.
    pub fn restore_history(&self, stored: &[u8]) {
        if stored.is_empty() {
            return;
        }
        self.history.set_value(History::from_stored(stored));
        self.revision.update(|r| *r += 1);
    }

    /// Ends typing into a field, so the next change is a new undo step.
    pub fn seal(&self) {
        self.history.update_value(History::seal);
    }

    pub fn undo(&self) {
        self.step(true);
    }

    pub fn redo(&self) {
        self.step(false);
    }

    /// Undo or redo one step, tell the user which, and keep the selection on something that exists.
    /// A step that cannot be taken stays where it is, and the user is told why.
    fn step(&self, undoing: bool) {
        type Step = fn(&mut History, &mut Design) -> Result<Option<String>, EditError>;
        type Next = fn(&History) -> Option<&Edit>;
        type Label = fn(&History) -> Option<String>;
        let (step, next, label_of): (Step, Next, Label) = if undoing {
            (History::undo, History::next_undo, History::undo_label)
        } else {
            (History::redo, History::next_redo, History::redo_label)
        };
        let (done, doing) = if undoing { ("Undid", "undo") } else { ("Redid", "redo") };
        let mut result = Ok(None);
        let reach = self.history.with_value(|h| next(h).map(Reach::of)).unwrap_or(Reach {
            scope: Scope::All,
            outline: true,
            shape: true,
        });
        self.history
            .update_value(|history| self.design.update(|design| result = step(history, design)));
        match result {
            Ok(None) => return,
            Ok(Some(label)) => {
                self.revision.update(|r| *r += 1);
                self.changed(&reach);
                self.tell(format!("{done}: {label}"));
            }
            Err(error) => {
                let label = self.history.with_value(label_of).unwrap_or_default();
                self.tell(format!(
                    "Could not {doing} {label}: {error}. The step is kept; nothing changed."
                ));
            }
        }
        self.keep_selection_valid();
    }

    pub fn can_undo(&self) -> bool {
        self.revision.track();
        self.history.with_value(History::can_undo)
    }

    pub fn can_redo(&self) -> bool {
        self.revision.track();
        self.history.with_value(History::can_redo)
    }

    pub fn undo_label(&self) -> String {
        self.revision.track();
        self.history
            .with_value(|h| h.undo_label())
            .map(|l| format!("Undo {l} (Ctrl+Z)"))
            .unwrap_or("Nothing to undo".into())
    }

    pub fn redo_label(&self) -> String {
        self.revision.track();
        self.history
            .with_value(|h| h.redo_label())
            .map(|l| format!("Redo {l} (Ctrl+Shift+Z)"))
            .unwrap_or("Nothing to redo".into())
    }

    /// Replaces the whole design (new, example, import) as one undoable step.
    pub fn replace(&self, label: &str, design: Design) {
        if self.apply(Edit::Replace { label: label.into(), design: Box::new(design) }) {
            self.replaced.set(Some(label.to_string()));
            self.selection.set(Selection::Resource("/".into()));
        }
    }

    /// Moves the selection to something that still exists after undo, redo or delete.
    pub fn keep_selection_valid(&self) {
        let selection = self.selection.get_untracked();
        let valid = self.design.with_untracked(|d| match &selection {
            Selection::Api => true,
            Selection::Resource(path) => d.resources.contains_key(path),
            Selection::Method(path, verb) => d.method(path, verb).is_some(),
        });
        if !valid {
            let fallback = match &selection {
                Selection::Method(path, _)
                    if self.design.with_untracked(|d| d.resources.contains_key(path)) =>
                {
                    Selection::Resource(path.clone())
                }
                _ => Selection::Resource("/".into()),
            };
            self.selection.set(fallback);
        }
    }

    pub fn tell(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { text: text.into(), error: false }));
    }

    pub fn tell_error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { text: text.into(), error: true }));
    }

    /// Completes the progressive check begun by `Store::new` or `recheck`, in slices of about
    /// 8 ms between which the page paints and handles input. Dependents of `checker` are told
    /// once, at the end (or by any edit made meanwhile).
    pub fn finish_checking(self) {
        fn slice(store: Store) {
            let start = crate::io::now();
            // `try_`: the app may have been unmounted meanwhile (in tests); then stop.
            let done = store
                .design
                .try_with_untracked(|design| {
                    store.checker.try_update_untracked(|checker| {
                        loop {
                            if checker.advance(design, 8) {
                                break true;
                            }
                            if crate::io::now() - start > 8.0 {
                                break false;
                            }
                        }
                    })
                })
                .flatten()
                .unwrap_or(true);
            if done {
                if !store.checker.is_disposed() {
                    store.checker.notify();
                }
                crate::io::mark("apigw:checked");
            } else {
                set_timeout(move || slice(store), std::time::Duration::ZERO);
            }
        }
        request_animation_frame(move || {
            set_timeout(move || slice(self), std::time::Duration::ZERO)
        });
    }

    /// Brings the diagnostics up to date after a change of `scope`. A whole new design of some
    /// size (an import, or undoing one) is checked as a loaded one is: painted first, checked
    /// in slices after.
    fn recheck(&self, scope: &Scope) {
        let large = matches!(scope, Scope::All)
            && self.design.with_untracked(|d| d.method_count() >= PROGRESSIVE_FROM);
        if large {
            self.design.with_untracked(|design| self.checker.set(Checker::progressive(design)));
            self.finish_checking();
            return;
        }
        self.design.with_untracked(|design| {
            self.checker.update(|checker| checker.update(design, scope));
        });
    }

    /// The diagnostics whose owner is `owner` and that pass `keep`, found where that owner's
    /// rules report (one method's list for a method-level owner), not by scanning them all.
    pub fn diagnostics_of(
        &self,
        owner: &Owner,
        keep: impl Fn(&Diagnostic) -> bool,
    ) -> Vec<Diagnostic> {
        self.checker.with(|checker| {
            let pick = |list: &mut dyn Iterator<Item = &Diagnostic>| {
                list.filter(|d| d.target.owner == *owner && keep(d)).cloned().collect()
            };
            match owner {
                o if o.method_key().is_some() => {
                    let (path, verb) = o.method_key().unwrap_or_default();
                    pick(&mut checker.method(path, verb).iter().chain(checker.resource(path)))
                }
                Owner::Resource { path } => pick(&mut checker.resource_and_methods(path)),
                _ => pick(&mut checker.iter()),
            }
        })
    }
}

/// The store provided by `App`.
pub fn use_store() -> Store {
    expect_context::<Store>()
}

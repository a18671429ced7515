//! The app's state: the design, its history, the selection, and what is derived from them.
//!
//! The design changes only through apigw-core edits (`Store::apply`); diagnostics are derived
//! from it, never stored. Components read narrow slices through closures over `design`.

use apigw_core::command::Edit;
use apigw_core::diagnostic::{Diagnostic, Owner};
use apigw_core::{Design, History};
use leptos::prelude::*;

/// What the editor shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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

#[derive(Clone, Copy)]
pub struct Store {
    pub design: RwSignal<Design>,
    history: StoredValue<History>,
    /// Bumped whenever the history changes, so undo/redo buttons update.
    pub revision: RwSignal<u64>,
    pub selection: RwSignal<Selection>,
    pub diagnostics: Memo<Vec<Diagnostic>>,
    pub notice: RwSignal<Option<Notice>>,
    /// The field to focus after the next render (set when a problem is clicked).
    pub focus: RwSignal<Option<String>>,
    /// What the last import could not carry: the file's name, and each item with its JSON
    /// pointer into that file. Shown in Problems until dismissed.
    pub imported: RwSignal<Option<ImportReport>>,
}

impl Store {
    pub fn new(design: Design, selection: Selection) -> Store {
        let design = RwSignal::new(design);
        let diagnostics = Memo::new(move |_| design.with(apigw_core::validate));
        Store {
            design,
            history: StoredValue::new(History::default()),
            revision: RwSignal::new(0),
            selection: RwSignal::new(selection),
            diagnostics,
            notice: RwSignal::new(None),
            focus: RwSignal::new(None),
            imported: RwSignal::new(None),
        }
    }

    /// Applies an edit as its own undo step. Errors are shown to the user.
    pub fn apply(&self, edit: Edit) -> bool {
        self.apply_grouped(edit, None)
    }

    /// Applies an edit, merging it with the previous one of the same group (typing in a field).
    pub fn apply_grouped(&self, edit: Edit, group: Option<&str>) -> bool {
        let mut result = Ok(());
        self.history.update_value(|history| {
            self.design.update(|design| result = history.apply_grouped(design, edit, group));
        });
        self.revision.update(|r| *r += 1);
        match result {
            Ok(()) => true,
            Err(error) => {
                self.tell_error(format!("Cannot apply: {error}"));
                false
            }
        }
    }

    /// Ends typing into a field, so the next change is a new undo step.
    pub fn seal(&self) {
        self.history.update_value(History::seal);
    }

    pub fn undo(&self) {
        self.step("Undid", History::undo);
    }

    pub fn redo(&self) {
        self.step("Redid", History::redo);
    }

    /// Undo or redo one step, tell the user which, and keep the selection on something that exists.
    fn step(&self, verb: &str, step: fn(&mut History, &mut Design) -> Option<String>) {
        let mut label = None;
        self.history
            .update_value(|history| self.design.update(|design| label = step(history, design)));
        self.revision.update(|r| *r += 1);
        if let Some(label) = label {
            self.tell(format!("{verb}: {label}"));
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

    /// Error and warning counts of diagnostics matching `filter`.
    pub fn counts(&self, filter: impl Fn(&Owner) -> bool) -> (usize, usize) {
        self.diagnostics.with(|all| {
            let mut counts = (0, 0);
            for d in all.iter().filter(|d| filter(&d.target.owner)) {
                if d.is_error() {
                    counts.0 += 1;
                } else {
                    counts.1 += 1;
                }
            }
            counts
        })
    }
}

/// The store provided by `App`.
pub fn use_store() -> Store {
    expect_context::<Store>()
}

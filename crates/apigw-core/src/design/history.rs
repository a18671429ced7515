//! Undo and redo over [`Edit`]s.
//!
//! Applying an edit returns its inverse (a delete returns the restore of what it deleted), so
//! an undo entry holds the edit that reverts the step, and applying it gives the edit that
//! redoes it: nothing is stored twice. Consecutive edits with the same group key (typing into one field) merge into one
//! entry, so undo restores the field as it was before the typing began, not one keystroke back.
//! Known limitation: selection changes are not part of the history.

use crate::command::{Edit, EditError};
use crate::model::Design;

/// One step: on the undo stack the edit that reverts it, on the redo stack the edit that
/// reapplies it. Applying either returns the other, so nothing is ever cloned: not even the
/// whole design a Replace carries.
struct Entry {
    edit: Edit,
    label: String,
    group: Option<String>,
}

/// The undo and redo stacks.
#[derive(Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

/// How many edits the history keeps.
const LIMIT: usize = 1000;

impl History {
    /// Applies an edit and records it. A failed edit changes nothing and is not recorded.
    pub fn apply(&mut self, design: &mut Design, edit: Edit) -> Result<(), EditError> {
        self.apply_grouped(design, edit, None)
    }

    /// Applies an edit, merging it into the previous entry when both carry the same group key:
    /// the entry keeps the first edit's inverse, so undo restores the state before the group.
    pub fn apply_grouped(
        &mut self,
        design: &mut Design,
        edit: Edit,
        group: Option<&str>,
    ) -> Result<(), EditError> {
        let label = edit.label();
        let inverse = edit.apply(design)?;
        self.redo.clear();
        if let (Some(group), Some(last)) = (group, self.undo.last_mut()) {
            if last.group.as_deref() == Some(group) {
                last.label = label;
                return Ok(());
            }
        }
        self.undo.push(Entry { edit: inverse, label, group: group.map(str::to_string) });
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        Ok(())
    }

    /// Ends the current group, so the next grouped edit starts a new entry.
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.group = None;
        }
    }

    /// Undoes the last step; returns its label, or `None` when there is nothing to undo. When
    /// the step cannot be undone (the design changed outside the history), the design is
    /// unchanged and the step stays, so nothing is lost.
    pub fn undo(&mut self, design: &mut Design) -> Result<Option<String>, EditError> {
        let (undo, redo) = (&mut self.undo, &mut self.redo);
        step(undo, redo, design)
    }

    /// Redoes the last undone step, under the same rules as [`History::undo`].
    pub fn redo(&mut self, design: &mut Design) -> Result<Option<String>, EditError> {
        let (redo, undo) = (&mut self.redo, &mut self.undo);
        step(redo, undo, design)
    }

    /// The edit the next undo applies (the inverse of the step; it has the step's scope).
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last().map(|e| &e.edit)
    }

    /// The edit the next redo applies.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|e| &e.edit)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of the edit that undo would revert.
    pub fn undo_label(&self) -> Option<String> {
        self.undo.last().map(|e| e.label.clone())
    }

    /// The label of the edit that redo would apply.
    pub fn redo_label(&self) -> Option<String> {
        self.redo.last().map(|e| e.label.clone())
    }

    /// Forgets everything (after loading another design).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// Applies the top entry of `from` and pushes what reverts it onto `to`; on failure the entry
/// goes back onto `from`. Applying consumes the edit, so a copy is kept for that case, except
/// for a replacement of the whole design, which cannot fail (and is large).
fn step(
    from: &mut Vec<Entry>,
    to: &mut Vec<Entry>,
    design: &mut Design,
) -> Result<Option<String>, EditError> {
    let Some(entry) = from.pop() else { return Ok(None) };
    let kept = (!matches!(entry.edit, Edit::Replace { .. })).then(|| entry.edit.clone());
    match entry.edit.apply(design) {
        Ok(reverse) => {
            to.push(Entry { edit: reverse, label: entry.label.clone(), group: None });
            Ok(Some(entry.label))
        }
        Err(error) => {
            if let Some(edit) = kept {
                from.push(Entry { edit, label: entry.label, group: None });
            }
            Err(error)
        }
    }
}

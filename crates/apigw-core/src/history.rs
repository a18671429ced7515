//! Undo and redo over [`Edit`]s.
//!
//! Each entry keeps the edit and its inverse, because a delete does not remember what it
//! deleted. Consecutive edits with the same group key (typing into one field) merge into one
//! entry, so undo restores the field as it was before the typing began, not one keystroke back.
//! Known limitation: selection changes are not part of the history.

use crate::command::{Edit, EditError};
use crate::model::Design;

struct Entry {
    forward: Edit,
    inverse: Edit,
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

    /// Applies an edit, merging it into the previous entry when both carry the same group key.
    pub fn apply_grouped(
        &mut self,
        design: &mut Design,
        edit: Edit,
        group: Option<&str>,
    ) -> Result<(), EditError> {
        let forward = edit.clone();
        let inverse = edit.apply(design)?;
        self.redo.clear();
        if let (Some(group), Some(last)) = (group, self.undo.last_mut()) {
            if last.group.as_deref() == Some(group) {
                last.forward = forward;
                return Ok(());
            }
        }
        self.undo.push(Entry { forward, inverse, group: group.map(str::to_string) });
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

    /// Undoes the last edit; returns its label, or None when there is nothing to undo.
    pub fn undo(&mut self, design: &mut Design) -> Option<String> {
        let entry = self.undo.pop()?;
        let label = entry.forward.label();
        match entry.inverse.clone().apply(design) {
            Ok(_) => {
                self.redo.push(Entry { group: None, ..entry });
                Some(label)
            }
            Err(_) => None,
        }
    }

    /// Redoes the last undone edit; returns its label.
    pub fn redo(&mut self, design: &mut Design) -> Option<String> {
        let entry = self.redo.pop()?;
        let label = entry.forward.label();
        match entry.forward.clone().apply(design) {
            Ok(inverse) => {
                self.undo.push(Entry { forward: entry.forward, inverse, group: None });
                Some(label)
            }
            Err(_) => None,
        }
    }

    /// What the next undo would change.
    pub fn undo_scope(&self) -> Option<crate::command::Scope> {
        self.undo.last().map(|e| e.forward.scope())
    }

    /// What the next redo would change.
    pub fn redo_scope(&self) -> Option<crate::command::Scope> {
        self.redo.last().map(|e| e.forward.scope())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of the edit that undo would revert.
    pub fn undo_label(&self) -> Option<String> {
        self.undo.last().map(|e| e.forward.label())
    }

    /// The label of the edit that redo would apply.
    pub fn redo_label(&self) -> Option<String> {
        self.redo.last().map(|e| e.forward.label())
    }

    /// Forgets everything (after loading another design).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

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

/// How many steps the stored form of a history keeps at most, newest first.
pub const STORED_STEPS: usize = 100;

/// The first bytes of a stored history.
const STORED_MAGIC: &[u8] = b"apigw-history/1\n";

impl History {
    /// The history as it is kept with a saved design, bounded. Each step is stored as the
    /// whole design it leads back (or forward) to, in the binary form designs are stored in,
    /// so reading it back needs nothing but that form: undoing a step after a reload brings
    /// that design back whole. At most [`STORED_STEPS`] steps each way and about `max_bytes`
    /// in all, newest first; nothing when `current` has more than `max_methods` methods.
    pub fn to_stored(&self, current: &Design, max_bytes: usize, max_methods: usize) -> Vec<u8> {
        let mut out = STORED_MAGIC.to_vec();
        if current.method_count() > max_methods {
            put_u32(&mut out, 0);
            put_u32(&mut out, 0);
            return out;
        }
        let mut budget = max_bytes;
        // The next undo matters most: its steps are taken first.
        for entries in [&self.undo, &self.redo] {
            let mut design = current.clone();
            let mut steps: Vec<(&str, Vec<u8>)> = Vec::new();
            for entry in entries.iter().rev().take(STORED_STEPS) {
                if entry.edit.clone().apply(&mut design).is_err()
                    || design.method_count() > max_methods
                {
                    break;
                }
                let bytes = crate::binary::encode(&design);
                let size = bytes.len() + entry.label.len() + 8;
                if size > budget {
                    break;
                }
                budget -= size;
                steps.push((&entry.label, bytes));
            }
            // Oldest first, as the stack holds them.
            put_u32(&mut out, steps.len() as u32);
            for (label, bytes) in steps.iter().rev() {
                put_bytes(&mut out, label.as_bytes());
                put_bytes(&mut out, bytes);
            }
        }
        out
    }

    /// A history read back from [`History::to_stored`]: each step replaces the whole design.
    /// An unreadable one is an empty history (the design itself is unaffected).
    pub fn from_stored(bytes: &[u8]) -> History {
        fn read(bytes: &[u8]) -> Option<History> {
            let mut rest = bytes.strip_prefix(STORED_MAGIC)?;
            let mut stacks = [Vec::new(), Vec::new()];
            for stack in &mut stacks {
                let count = take_u32(&mut rest)?;
                for _ in 0..count {
                    let label = String::from_utf8(take_bytes(&mut rest)?.to_vec()).ok()?;
                    let design = crate::binary::decode(take_bytes(&mut rest)?).ok()?;
                    let edit = Edit::Replace { label: label.clone(), design: Box::new(design) };
                    stack.push(Entry { edit, label, group: None });
                }
            }
            let [undo, redo] = stacks;
            Some(History { undo, redo })
        }
        read(bytes).unwrap_or_default()
    }
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u32(out, bytes.len() as u32);
    out.extend_from_slice(bytes);
}

fn take_u32(rest: &mut &[u8]) -> Option<u32> {
    let (head, tail) = rest.split_first_chunk::<4>()?;
    *rest = tail;
    Some(u32::from_le_bytes(*head))
}

fn take_bytes<'a>(rest: &mut &'a [u8]) -> Option<&'a [u8]> {
    let len = take_u32(rest)? as usize;
    let bytes = rest.get(..len)?;
    *rest = &rest[len..];
    Some(bytes)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn edited() -> (Design, History) {
        let mut design = Design::named("A");
        let mut history = History::default();
        history.apply(&mut design, Edit::AddResource { path: "/a".into() }).unwrap();
        history.apply(&mut design, Edit::AddResource { path: "/a/b".into() }).unwrap();
        history.apply(&mut design, Edit::AddResource { path: "/c".into() }).unwrap();
        history.undo(&mut design).unwrap();
        (design, history)
    }

    fn paths(design: &Design) -> Vec<&str> {
        design.resources.keys().map(String::as_str).collect()
    }

    #[test]
    fn a_stored_history_undoes_and_redoes_as_the_original() {
        let (mut design, history) = edited();
        let mut back = History::from_stored(&history.to_stored(&design, 1 << 20, 1000));
        assert_eq!(back.undo_label(), history.undo_label());
        assert_eq!(back.redo_label(), history.redo_label());
        back.redo(&mut design).unwrap();
        assert_eq!(paths(&design), ["/", "/a", "/a/b", "/c"]);
        back.undo(&mut design).unwrap();
        back.undo(&mut design).unwrap();
        assert_eq!(paths(&design), ["/", "/a"]);
        back.undo(&mut design).unwrap();
        assert_eq!(paths(&design), ["/"]);
        assert!(!back.can_undo());
        back.redo(&mut design).unwrap();
        assert_eq!(paths(&design), ["/", "/a"]);
    }

    #[test]
    fn a_stored_history_is_bounded_by_bytes_and_by_the_size_of_the_design() {
        let (design, history) = edited();
        let one_step = History::from_stored(&history.to_stored(&design, 1 << 20, 1000)).undo.len();
        assert_eq!(one_step, 2);
        // Room for about one design: the newest step is kept, the older dropped.
        let size = crate::binary::encode(&design).len();
        let kept = History::from_stored(&history.to_stored(&design, size + 40, 1000));
        assert_eq!(kept.undo.len(), 1);
        // A design of more methods than the bound keeps no history at all.
        let mut d = crate::generate::generate(50, 1);
        let mut big = History::default();
        big.apply(&mut d, Edit::AddResource { path: "/zz".into() }).unwrap();
        assert!(History::from_stored(&big.to_stored(&d, 1 << 20, 10)).undo.is_empty());
        assert!(History::from_stored(b"not a history").undo.is_empty());
        assert!(History::from_stored(&[]).undo.is_empty());
    }
}

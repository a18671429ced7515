//! Typed reading of imported JSON values (OpenAPI, get-resources output), so that nothing a user
//! wrote is dropped silently: a value of the wrong kind is named, by its JSON Pointer into the
//! file, in an `import-field-ignored` diagnostic, and the reader goes on without it.
//!
//! A number where text is expected is read as its text (YAML writes `statusCode: 200` unquoted);
//! anything else of the wrong kind is reported.

use crate::diagnostic::{Diagnostic, Target};
use crate::rules::{self, IMPORT_FIELD_IGNORED};
use crate::schema::{Kind, describe_value};
use serde_json::{Map, Value};

/// The pointer of `key` in the object at `at` (itself a pointer).
pub(crate) fn child(at: &str, key: &str) -> String {
    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// Collects what an import could not carry.
#[derive(Default)]
pub(crate) struct Reader {
    pub(crate) out: Vec<Diagnostic>,
}

impl Reader {
    /// Reports something at `pointer` that the design does not carry.
    pub(crate) fn ignored(&mut self, pointer: String, message: String) {
        rules::sequence(IMPORT_FIELD_IGNORED, &mut self.out)
            .report(Target::in_file(pointer), message);
    }

    /// Reports it with a fix of its own.
    pub(crate) fn ignored_fix(&mut self, pointer: String, message: String, fix: &str) {
        rules::sequence(IMPORT_FIELD_IGNORED, &mut self.out).report_fix(
            Target::in_file(pointer),
            message,
            fix,
        );
    }

    fn wrong(&mut self, pointer: String, name: &str, kind: Kind, value: &Value) {
        self.ignored(
            pointer,
            format!(
                "`{name}` must be {}; it is {}, so it was not imported",
                kind.describe(),
                describe_value(value)
            ),
        );
    }

    /// Text; a number is read as its text. Absent or `null` is `None`.
    pub(crate) fn text(&mut self, o: &Map<String, Value>, key: &str, at: &str) -> Option<String> {
        match o.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Null => None,
            other => {
                self.wrong(child(at, key), key, Kind::Text, other);
                None
            }
        }
    }

    pub(crate) fn flag(&mut self, o: &Map<String, Value>, key: &str, at: &str) -> Option<bool> {
        match o.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            other => {
                self.wrong(child(at, key), key, Kind::Bool, other);
                None
            }
        }
    }

    /// A whole number; text holding one is read too (`"29000"`).
    pub(crate) fn whole(&mut self, o: &Map<String, Value>, key: &str, at: &str) -> Option<i64> {
        let value = o.get(key)?;
        if value.is_null() {
            return None;
        }
        let number = value.as_i64().or_else(|| value.as_str()?.trim().parse().ok());
        if number.is_none() {
            self.wrong(child(at, key), key, Kind::WholeNumber, value);
        }
        number
    }

    /// An object; anything else is reported.
    pub(crate) fn object<'v>(
        &mut self,
        o: &'v Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Option<&'v Map<String, Value>> {
        match o.get(key)? {
            Value::Object(m) => Some(m),
            Value::Null => None,
            other => {
                self.ignored(
                    child(at, key),
                    format!(
                        "`{key}` must be an object {{…}}; it is {}, so it was not imported",
                        describe_value(other)
                    ),
                );
                None
            }
        }
    }

    /// An entry of a map or list that must be an object (an item, a method, a response);
    /// anything else is reported as `what` and skipped.
    pub(crate) fn entry<'v>(
        &mut self,
        value: &'v Value,
        at: String,
        what: &str,
    ) -> Option<&'v Map<String, Value>> {
        if let Value::Object(object) = value {
            return Some(object);
        }
        self.ignored(
            at,
            format!(
                "{what} must be an object; it is {}, so it was not imported",
                describe_value(value)
            ),
        );
        None
    }

    /// A list of texts; items of another kind are reported one by one.
    pub(crate) fn texts(&mut self, o: &Map<String, Value>, key: &str, at: &str) -> Vec<String> {
        let Some(value) = o.get(key) else { return Vec::new() };
        let Some(items) = value.as_array() else {
            if !value.is_null() {
                self.wrong(child(at, key), key, Kind::TextList, value);
            }
            return Vec::new();
        };
        let here = child(at, key);
        let mut out = Vec::new();
        for (index, item) in items.iter().enumerate() {
            match item {
                Value::String(s) => out.push(s.clone()),
                Value::Number(n) => out.push(n.to_string()),
                other => self.ignored(
                    child(&here, &index.to_string()),
                    format!(
                        "item {} of `{key}` must be text; it is {}, so it was not imported",
                        index + 1,
                        describe_value(other)
                    ),
                ),
            }
        }
        out
    }

    /// An object of texts (mappings, templates, models by content type).
    pub(crate) fn text_map(
        &mut self,
        o: &Map<String, Value>,
        key: &str,
        at: &str,
    ) -> crate::map::Map<String, String> {
        self.map_of(o, key, at, Kind::Text, |v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    }

    /// An object of true/false values (declared parameters and headers).
    pub(crate) fn flag_map(
        &mut self,
        o: &Map<String, Value>,
        key: &str,
        at: &str,
    ) -> crate::map::Map<String, bool> {
        self.map_of(o, key, at, Kind::Bool, Value::as_bool)
    }

    fn map_of<T>(
        &mut self,
        o: &Map<String, Value>,
        key: &str,
        at: &str,
        kind: Kind,
        read: impl Fn(&Value) -> Option<T>,
    ) -> crate::map::Map<String, T> {
        let Some(entries) = self.object(o, key, at) else { return crate::map::Map::new() };
        let here = child(at, key);
        let mut out = crate::map::Map::new();
        for (name, value) in entries {
            match read(value) {
                Some(v) => {
                    out.insert(name.clone(), v);
                }
                None => self.ignored(
                    child(&here, name),
                    format!(
                        "`{name}` in `{key}` must be {}; it is {}, so it was not imported",
                        kind.describe(),
                        describe_value(value)
                    ),
                ),
            }
        }
        out
    }

    /// Reports the keys of `o` that are not in `known`, with the nearest known one where a key
    /// looks misspelt. `what` names the object: "x-amazon-apigateway-integration".
    pub(crate) fn unknown_keys(
        &mut self,
        o: &Map<String, Value>,
        at: &str,
        known: &[&str],
        what: &str,
    ) {
        for key in o.keys() {
            if known.contains(&key.as_str()) {
                continue;
            }
            let hint = match crate::schema::suggest(key, known) {
                Some(near) => format!("; did you mean `{near}`?"),
                None => String::new(),
            };
            self.ignored(
                child(at, key),
                format!("`{key}` in {what} is not part of a design and was not imported{hint}"),
            );
        }
    }
}

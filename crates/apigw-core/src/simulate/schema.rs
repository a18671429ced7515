//! JSON Schema draft 4 instance validation, as API Gateway's request validator checks a body
//! against its model (`$ref` to `https://apigateway.amazonaws.com/restapis/{id}/models/{name}`
//! naming another model of the design).
//!
//! API Gateway's models are JSON Schema draft 4
//! (<https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html>),
//! and its request validator words its failures as the java-json-tools (fge)
//! `json-schema-validator` does: the messages here are that library's, from its
//! `validation.properties`
//! (<https://github.com/java-json-tools/json-schema-validator/blob/master/src/main/resources/com/github/fge/jsonschema/validator/validation.properties>),
//! for example `object has missing required properties (["name"])` and
//! `instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])`,
//! the latter as public test suites quote API responses that carry it. Like that library:
//!
//! - an instance's type is `integer` only when its JSON text has no fraction or exponent
//!   (`1.0` is a `number`), which is draft 4's definition ("integer: a JSON number without a
//!   fraction or exponent part", <https://tools.ietf.org/html/draft-zyp-json-schema-04#section-3.5>);
//!   `"type": "number"` accepts integers too;
//! - `enum` and `uniqueItems` compare numbers by value (`1` equals `1.0`);
//! - `pattern` and `patternProperties` search (a match anywhere), they do not match whole;
//! - members are visited in sorted order, and once anything has failed (the container's own
//!   keywords or an earlier member), no further container is descended into: its members are
//!   checked only while the report is clean (fge's `InstanceValidator` without deep check,
//!   <https://github.com/java-json-tools/json-schema-validator/blob/master/src/main/java/com/github/fge/jsonschema/processors/validation/InstanceValidator.java>);
//! - `format` is not checked.
//!
//! `$ref` follows JSON Pointers into the schema being read (`#/definitions/Pet`) and, through
//! `model`, into other models of the design. A `$ref` that comes back to itself before the
//! instance moves on, and nesting deeper than [`MAX_DEPTH`], stop with an error.

use std::rc::Rc;

use serde_json::{Map, Number, Value};

use crate::vtl::regex::JavaRegex;

/// One reason an instance fails its schema: the JSON Pointer into the instance and what fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaError {
    pub pointer: String,
    pub message: String,
}

/// How deep validation may go (instance levels plus `$ref`s, `allOf`, … followed).
pub const MAX_DEPTH: usize = 300;
/// How many errors one validation reports at most.
const MAX_ERRORS: usize = 100;
/// How many schema checks one validation may make before it stops with an error.
const MAX_STEPS: usize = 1_000_000;

/// Where models of the design are named.
const MODEL_URL_PREFIX: &str = "https://apigateway.amazonaws.com/restapis/";

/// Validates `instance` against `schema`; `model` resolves a model name to its schema.
/// Empty when valid.
pub fn validate(
    schema: &Value,
    instance: &Value,
    model: &dyn Fn(&str) -> Option<Value>,
) -> Vec<SchemaError> {
    let mut v = Validator {
        model,
        documents: vec![Rc::new(schema.clone())],
        steps: MAX_STEPS,
        stopped: false,
    };
    let mut errors = Vec::new();
    let mut refs = Vec::new();
    v.check(0, schema, instance, &mut String::new(), 0, &mut refs, &mut errors);
    errors.truncate(MAX_ERRORS);
    errors
}

struct Validator<'m> {
    model: &'m dyn Fn(&str) -> Option<Value>,
    /// The schema documents loaded: the one validated against first, then models by `$ref`.
    documents: Vec<Rc<Value>>,
    steps: usize,
    /// A limit was hit: the error is reported once and nothing more is checked.
    stopped: bool,
}

/// draft 4's primitive types, in the order the validator lists them.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn json(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn json_strings<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    json(&Value::Array(names.into_iter().map(|n| Value::String(n.to_string())).collect()))
}

/// Adds a JSON Pointer token (`~` as `~0`, `/` as `~1`).
fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

fn numbers_equal(a: &Number, b: &Number) -> bool {
    match (a.as_i64(), b.as_i64()) {
        (Some(x), Some(y)) => x == y,
        _ => match (a.as_u64(), b.as_u64()) {
            (Some(x), Some(y)) => x == y,
            _ => a.as_f64() == b.as_f64(),
        },
    }
}

/// JSON equality with numbers compared by value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => numbers_equal(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn as_count(value: Option<&Value>) -> Option<u64> {
    value.and_then(|v| v.as_u64().or_else(|| v.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)))
}

/// Whether `x` is a multiple of `d`, to the precision of the decimal texts.
fn is_multiple(x: &Number, d: &Number) -> bool {
    if let (Some(x), Some(d)) = (x.as_i64(), d.as_i64()) {
        return d == 0 || x.checked_rem(d).is_none_or(|r| r == 0);
    }
    let (Some(x), Some(d)) = (x.as_f64(), d.as_f64()) else { return true };
    if d == 0.0 || !x.is_finite() || !d.is_finite() {
        return true;
    }
    let q = x / d;
    (q - q.round()).abs() <= 1e-9 * q.abs().max(1.0)
}

fn compare(a: &Number, b: &Number) -> std::cmp::Ordering {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return x.cmp(&y);
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return x.cmp(&y);
    }
    let (x, y) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
    x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal)
}

/// A `$ref` on the way to the current schema: the document, the reference and the instance
/// location it was followed at.
type RefStep = (usize, String, String);

impl Validator<'_> {
    /// Resolves `reference` from document `doc`: its document, that document, and the JSON
    /// Pointer in it to the schema it names.
    fn resolve(
        &mut self,
        doc: usize,
        reference: &str,
    ) -> Result<(usize, Rc<Value>, String), String> {
        let (base, fragment) = match reference.split_once('#') {
            Some((base, fragment)) => (base, fragment),
            None => (reference, ""),
        };
        let target_doc = if base.is_empty() {
            doc
        } else if let Some(rest) = base.strip_prefix(MODEL_URL_PREFIX) {
            // {restapi_id}/models/{name}
            let name = rest.split_once("/models/").map(|(_, name)| name).unwrap_or("");
            if name.is_empty() || name.contains('/') {
                return Err(format!(
                    "$ref \"{reference}\" is not a model URL (https://apigateway.amazonaws.com/restapis/{{restapi_id}}/models/{{model_name}})"
                ));
            }
            let Some(schema) = (self.model)(name) else {
                return Err(format!(
                    "$ref \"{reference}\" names model \"{name}\", which this API does not have"
                ));
            };
            // The same model loaded twice is one document, so loops through it are found.
            match self.documents.iter().position(|d| **d == schema) {
                Some(i) => i,
                None => {
                    self.documents.push(Rc::new(schema));
                    self.documents.len() - 1
                }
            }
        } else {
            return Err(format!(
                "$ref \"{reference}\" is neither \"#/…\" nor another model of this API"
            ));
        };
        let Some(document) = self.documents.get(target_doc).cloned() else {
            return Err(format!("$ref \"{reference}\" cannot be resolved"));
        };
        let found = if fragment.is_empty() {
            true
        } else {
            fragment.starts_with('/') && pointer_get(&document, fragment).is_some()
        };
        if !found {
            return Err(format!("$ref \"{reference}\" points to nothing in its schema"));
        }
        Ok((target_doc, document, fragment.to_string()))
    }

    #[allow(clippy::too_many_arguments)]
    fn check(
        &mut self,
        doc: usize,
        schema: &Value,
        instance: &Value,
        pointer: &mut String,
        depth: usize,
        refs: &mut Vec<RefStep>,
        errors: &mut Vec<SchemaError>,
    ) {
        if self.stopped || errors.len() >= MAX_ERRORS {
            return;
        }
        if depth > MAX_DEPTH {
            self.stop(pointer, "the schema and instance nest too deeply to validate", errors);
            return;
        }
        if self.steps == 0 {
            self.stop(pointer, "the schema takes too many steps to validate this instance", errors);
            return;
        }
        self.steps -= 1;
        let Value::Object(schema) = schema else { return };

        // draft 4: a schema with `$ref` is that reference; its other keywords are ignored.
        if let Some(Value::String(reference)) = schema.get("$ref") {
            let key = (doc, reference.clone(), pointer.clone());
            if refs.contains(&key) {
                self.stop(
                    pointer,
                    &format!("$ref \"{reference}\" loops back to itself without reaching a value"),
                    errors,
                );
                return;
            }
            match self.resolve(doc, reference) {
                Ok((target_doc, document, fragment)) => {
                    if let Some(target) = pointer_get(&document, &fragment) {
                        refs.push(key);
                        self.check(target_doc, target, instance, pointer, depth + 1, refs, errors);
                        refs.pop();
                    }
                }
                Err(message) => self.stop(pointer, &message, errors),
            }
            return;
        }

        self.keywords(doc, schema, instance, pointer, depth, refs, errors);
        if !errors.is_empty() || self.stopped {
            // As fge's InstanceValidator: once the report holds a failure, no container is
            // descended into (its own keywords still run).
            return;
        }
        match instance {
            Value::Object(members) => {
                self.members(doc, schema, members, pointer, depth, refs, errors);
            }
            Value::Array(items) => self.items(doc, schema, items, pointer, depth, refs, errors),
            _ => {}
        }
    }

    fn stop(&mut self, pointer: &str, message: &str, errors: &mut Vec<SchemaError>) {
        self.stopped = true;
        errors.push(SchemaError { pointer: pointer.to_string(), message: message.to_string() });
    }

    /// Whether `instance` passes `schema`, for `anyOf`, `oneOf`, `not`, schema dependencies.
    #[allow(clippy::too_many_arguments)]
    fn passes(
        &mut self,
        doc: usize,
        schema: &Value,
        instance: &Value,
        pointer: &mut String,
        depth: usize,
        refs: &mut Vec<RefStep>,
        errors: &mut Vec<SchemaError>,
    ) -> bool {
        let mut inner = Vec::new();
        self.check(doc, schema, instance, pointer, depth + 1, refs, &mut inner);
        if self.stopped {
            // A limit hit inside is reported as it is.
            errors.extend(inner.into_iter().filter(|e| !e.message.is_empty()).take(1));
            return true;
        }
        inner.is_empty()
    }

    /// The keywords that apply to the instance itself, in alphabetical order as the validator
    /// runs them.
    #[allow(clippy::too_many_arguments)]
    fn keywords(
        &mut self,
        doc: usize,
        schema: &Map<String, Value>,
        instance: &Value,
        pointer: &mut String,
        depth: usize,
        refs: &mut Vec<RefStep>,
        errors: &mut Vec<SchemaError>,
    ) {
        let here = pointer.clone();
        let fail = |errors: &mut Vec<SchemaError>, message: String| {
            errors.push(SchemaError { pointer: here.clone(), message });
        };

        // additionalItems: false with an array of items.
        if let (Value::Array(items), Some(Value::Array(tuple)), Some(Value::Bool(false))) =
            (instance, schema.get("items"), schema.get("additionalItems"))
        {
            if items.len() > tuple.len() {
                fail(
                    errors,
                    format!(
                        "schema only allows {} elements in array but instance has {} elements",
                        tuple.len(),
                        items.len()
                    ),
                );
            }
        }

        // additionalProperties: false.
        if let (Value::Object(members), Some(Value::Bool(false))) =
            (instance, schema.get("additionalProperties"))
        {
            let properties = schema.get("properties").and_then(Value::as_object);
            let patterns = compile_patterns(schema);
            let mut extra: Vec<&str> = members
                .keys()
                .filter(|name| !properties.is_some_and(|p| p.contains_key(name.as_str())))
                .filter(|name| !patterns.iter().any(|(_, re)| finds(re, name)))
                .map(String::as_str)
                .collect();
            extra.sort_unstable();
            if !extra.is_empty() {
                fail(
                    errors,
                    format!(
                        "object instance has properties which are not allowed by the schema: {}",
                        json_strings(extra)
                    ),
                );
            }
        }

        // allOf.
        if let Some(Value::Array(all)) = schema.get("allOf") {
            let matched = all
                .iter()
                .filter(|s| self.passes(doc, s, instance, pointer, depth, refs, errors))
                .count();
            if matched < all.len() {
                fail(
                    errors,
                    format!(
                        "instance failed to match all required schemas (matched only {matched} out of {})",
                        all.len()
                    ),
                );
            }
        }

        // anyOf.
        if let Some(Value::Array(any)) = schema.get("anyOf") {
            let mut matched = false;
            for s in any {
                if self.passes(doc, s, instance, pointer, depth, refs, errors) {
                    matched = true;
                    break;
                }
            }
            if !matched && !any.is_empty() {
                fail(
                    errors,
                    format!(
                        "instance failed to match at least one required schema among {}",
                        any.len()
                    ),
                );
            }
        }

        // dependencies.
        if let (Value::Object(members), Some(Value::Object(dependencies))) =
            (instance, schema.get("dependencies"))
        {
            let mut names: Vec<&String> = dependencies.keys().collect();
            names.sort_unstable();
            for name in names {
                if !members.contains_key(name.as_str()) {
                    continue;
                }
                match dependencies.get(name.as_str()) {
                    Some(Value::Array(required)) => {
                        let required: Vec<&str> =
                            required.iter().filter_map(Value::as_str).collect();
                        let mut missing: Vec<&str> = required
                            .iter()
                            .copied()
                            .filter(|r| !members.contains_key(*r))
                            .collect();
                        missing.sort_unstable();
                        if !missing.is_empty() {
                            let mut all = required.clone();
                            all.sort_unstable();
                            fail(
                                errors,
                                format!(
                                    "property \"{name}\" of object has missing property dependencies (schema requires {}; missing: {})",
                                    json_strings(all),
                                    json_strings(missing)
                                ),
                            );
                        }
                    }
                    Some(dependency @ Value::Object(_)) => {
                        self.check(doc, dependency, instance, pointer, depth + 1, refs, errors);
                    }
                    _ => {}
                }
            }
        }

        // enum.
        if let Some(Value::Array(values)) = schema.get("enum") {
            if !values.iter().any(|v| same(v, instance)) {
                fail(
                    errors,
                    format!(
                        "instance value ({}) not found in enum (possible values: {})",
                        json(instance),
                        json(&Value::Array(values.clone()))
                    ),
                );
            }
        }

        match instance {
            Value::Array(items) => {
                if let Some(max) = as_count(schema.get("maxItems")) {
                    if items.len() as u64 > max {
                        fail(
                            errors,
                            format!(
                                "array is too long: must have at most {max} elements but instance has {} elements",
                                items.len()
                            ),
                        );
                    }
                }
                if let Some(min) = as_count(schema.get("minItems")) {
                    if (items.len() as u64) < min {
                        fail(
                            errors,
                            format!(
                                "array is too short: must have at least {min} elements but instance has {} elements",
                                items.len()
                            ),
                        );
                    }
                }
            }
            Value::String(text) => {
                let length = text.chars().count() as u64;
                if let Some(max) = as_count(schema.get("maxLength")) {
                    if length > max {
                        fail(
                            errors,
                            format!(
                                "string \"{text}\" is too long (length: {length}, maximum allowed: {max})"
                            ),
                        );
                    }
                }
                if let Some(min) = as_count(schema.get("minLength")) {
                    if length < min {
                        fail(
                            errors,
                            format!(
                                "string \"{text}\" is too short (length: {length}, required minimum: {min})"
                            ),
                        );
                    }
                }
            }
            Value::Object(members) => {
                if let Some(max) = as_count(schema.get("maxProperties")) {
                    if members.len() as u64 > max {
                        fail(
                            errors,
                            format!(
                                "object has too many properties (found {} but schema requires at most {max})",
                                members.len()
                            ),
                        );
                    }
                }
            }
            Value::Number(n) => {
                if let Some(Value::Number(max)) = schema.get("maximum") {
                    let exclusive = schema.get("exclusiveMaximum") == Some(&Value::Bool(true));
                    let order = compare(n, max);
                    if order.is_gt() {
                        fail(
                            errors,
                            format!(
                                "numeric instance is greater than the required maximum (maximum: {max}, found: {n})"
                            ),
                        );
                    } else if exclusive && order.is_eq() {
                        fail(
                            errors,
                            format!(
                                "numeric instance is not strictly lower than the required maximum {max}"
                            ),
                        );
                    }
                }
            }
            _ => {}
        }

        if let Value::Object(members) = instance {
            if let Some(min) = as_count(schema.get("minProperties")) {
                if (members.len() as u64) < min {
                    fail(
                        errors,
                        format!(
                            "object has too few properties (found {} but schema requires at least {min})",
                            members.len()
                        ),
                    );
                }
            }
        }

        if let Value::Number(n) = instance {
            if let Some(Value::Number(min)) = schema.get("minimum") {
                let exclusive = schema.get("exclusiveMinimum") == Some(&Value::Bool(true));
                let order = compare(n, min);
                if order.is_lt() {
                    fail(
                        errors,
                        format!(
                            "numeric instance is lower than the required minimum (minimum: {min}, found: {n})"
                        ),
                    );
                } else if exclusive && order.is_eq() {
                    fail(
                        errors,
                        format!(
                            "numeric instance is not strictly greater than the required minimum {min}"
                        ),
                    );
                }
            }
            if let Some(Value::Number(divisor)) = schema.get("multipleOf") {
                if !is_multiple(n, divisor) {
                    fail(errors, format!("remainder of division is not zero ({n} / {divisor})"));
                }
            }
        }

        // not.
        if let Some(not) = schema.get("not").filter(|s| s.is_object()) {
            if self.passes(doc, not, instance, pointer, depth, refs, errors) && !self.stopped {
                fail(errors, "instance matched a schema which it should not have".into());
            }
        }

        // oneOf.
        if let Some(Value::Array(one)) = schema.get("oneOf") {
            let matched = one
                .iter()
                .filter(|s| self.passes(doc, s, instance, pointer, depth, refs, errors))
                .count();
            if matched != 1 && !self.stopped {
                fail(
                    errors,
                    format!(
                        "instance failed to match exactly one schema (matched {matched} out of {})",
                        one.len()
                    ),
                );
            }
        }

        // pattern.
        if let (Value::String(text), Some(Value::String(pattern))) =
            (instance, schema.get("pattern"))
        {
            if let Ok(re) = JavaRegex::new(pattern) {
                if !finds(&re, text) {
                    fail(
                        errors,
                        format!(
                            "ECMA 262 regex \"{pattern}\" does not match input string \"{text}\""
                        ),
                    );
                }
            }
        }

        // required.
        if let (Value::Object(members), Some(Value::Array(required))) =
            (instance, schema.get("required"))
        {
            let mut missing: Vec<&str> = required
                .iter()
                .filter_map(Value::as_str)
                .filter(|name| !members.contains_key(*name))
                .collect();
            missing.sort_unstable();
            missing.dedup();
            if !missing.is_empty() {
                fail(
                    errors,
                    format!("object has missing required properties ({})", json_strings(missing)),
                );
            }
        }

        // type.
        if let Some(types) = schema.get("type") {
            let mut allowed: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if allowed.contains(&"number") && !allowed.contains(&"integer") {
                allowed.push("integer");
            }
            allowed.sort_unstable();
            allowed.dedup();
            let found = type_name(instance);
            if !allowed.is_empty() && !allowed.contains(&found) && !allowed.contains(&"any") {
                fail(
                    errors,
                    format!(
                        "instance type ({found}) does not match any allowed primitive type (allowed: {})",
                        json_strings(allowed)
                    ),
                );
            }
        }

        // uniqueItems.
        if let (Value::Array(items), Some(Value::Bool(true))) =
            (instance, schema.get("uniqueItems"))
        {
            let mut duplicate = false;
            'outer: for (i, a) in items.iter().enumerate() {
                for b in &items[i + 1..] {
                    if self.steps == 0 {
                        break 'outer;
                    }
                    self.steps -= 1;
                    if same(a, b) {
                        duplicate = true;
                        break 'outer;
                    }
                }
            }
            if duplicate {
                fail(errors, "array must not contain duplicate elements".into());
            }
        }
    }

    /// An object's members, each against `properties`, the `patternProperties` whose pattern
    /// it matches and, when neither names it, `additionalProperties`.
    #[allow(clippy::too_many_arguments)]
    fn members(
        &mut self,
        doc: usize,
        schema: &Map<String, Value>,
        members: &Map<String, Value>,
        pointer: &mut String,
        depth: usize,
        refs: &mut Vec<RefStep>,
        errors: &mut Vec<SchemaError>,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let patterns = compile_patterns(schema);
        let additional = schema.get("additionalProperties").filter(|a| a.is_object());
        let mut names: Vec<&String> = members.keys().collect();
        names.sort_unstable();
        for name in names {
            let Some(value) = members.get(name.as_str()) else { continue };
            let mut schemas: Vec<&Value> = Vec::new();
            if let Some(s) = properties.and_then(|p| p.get(name.as_str())) {
                schemas.push(s);
            }
            for (s, re) in &patterns {
                if finds(re, name) {
                    schemas.push(s);
                }
            }
            if schemas.is_empty() {
                schemas.extend(additional);
            }
            if schemas.is_empty() {
                continue;
            }
            let length = pointer.len();
            push_token(pointer, name);
            for s in schemas {
                self.check(doc, s, value, pointer, depth + 1, refs, errors);
            }
            pointer.truncate(length);
        }
    }

    /// An array's items against `items` (one schema for all, or one per position, then
    /// `additionalItems`).
    #[allow(clippy::too_many_arguments)]
    fn items(
        &mut self,
        doc: usize,
        schema: &Map<String, Value>,
        items: &[Value],
        pointer: &mut String,
        depth: usize,
        refs: &mut Vec<RefStep>,
        errors: &mut Vec<SchemaError>,
    ) {
        let additional = schema.get("additionalItems").filter(|a| a.is_object());
        for (i, item) in items.iter().enumerate() {
            let s = match schema.get("items") {
                Some(s @ Value::Object(_)) => Some(s),
                Some(Value::Array(tuple)) => tuple.get(i).or(additional),
                _ => None,
            };
            let Some(s) = s else { continue };
            let length = pointer.len();
            push_token(pointer, &i.to_string());
            self.check(doc, s, item, pointer, depth + 1, refs, errors);
            pointer.truncate(length);
        }
    }
}

fn compile_patterns(schema: &Map<String, Value>) -> Vec<(&Value, JavaRegex)> {
    let Some(Value::Object(patterns)) = schema.get("patternProperties") else { return Vec::new() };
    patterns
        .iter()
        .filter_map(|(pattern, s)| JavaRegex::new(pattern).ok().map(|re| (s, re)))
        .collect()
}

/// ECMA 262 patterns search the text; a pattern too slow for the text counts as no match.
fn finds(re: &JavaRegex, text: &str) -> bool {
    matches!(re.find(text), Ok(Some(_)))
}

/// The value at a JSON Pointer (`/definitions/Pet`), with `~0`, `~1` and percent-escapes.
fn pointer_get<'v>(document: &'v Value, pointer: &str) -> Option<&'v Value> {
    let mut current = document;
    for raw in pointer.split('/').skip(1) {
        let token = percent_decode(raw).replace("~1", "/").replace("~0", "~");
        current = match current {
            Value::Object(map) => map.get(&token)?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;

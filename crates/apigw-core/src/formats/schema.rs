//! The design document's shape: which fields each object has and what kind of value each holds.
//!
//! The design is read by serde straight into the model, which is fast but explains a mistake
//! in serde's words ("invalid type: string \"1\", expected i64"). When that read fails, the
//! document is walked against this shape instead, to say what is wrong in the user's words, at
//! which field (by JSON Pointer), with an example of what fits and, for a misspelt field, the
//! nearest known one. A test keeps this shape and the model's serde fields the same.

use serde_json::Value;

/// What a field holds.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Text,
    Bool,
    WholeNumber,
    TextList,
    /// An object whose keys are the user's (paths, verbs, names, status codes, content types).
    Map(&'static Kind, &'static str),
    Object(&'static Shape),
}

/// An object with named fields.
#[derive(Debug)]
pub struct Shape {
    /// What it is, as a user calls it: "a method".
    pub what: &'static str,
    pub fields: &'static [Field],
}

/// One field of a [`Shape`].
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    /// Whether `null` is read as "not set".
    pub nullable: bool,
}

const fn field(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, nullable: false }
}

/// A field that may be absent or `null`.
const fn optional(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, nullable: true }
}

use Kind::*;

pub static DESIGN: Shape = Shape {
    what: "a design document",
    fields: &[
        field("format", Text),
        field("api", Object(&API)),
        field("authorizers", Map(&Object(&AUTHORIZER), "authorizer names")),
        field("requestValidators", Map(&Object(&REQUEST_VALIDATOR), "validator names")),
        field("models", Map(&Object(&MODEL), "model names")),
        field("gatewayResponses", Map(&Object(&GATEWAY_RESPONSE), "response types")),
        field("stages", Map(&Object(&STAGE), "stage names")),
        field("resources", Map(&Object(&RESOURCE), "resource paths")),
        field("deployTimeValues", Map(&Text, "field pointers")),
    ],
};

pub static API: Shape = Shape {
    what: "the API settings",
    fields: &[
        field("name", Text),
        optional("description", Text),
        field("endpointType", Text),
        optional("restApiId", Text),
        optional("apiKeySource", Text),
        field("binaryMediaTypes", TextList),
    ],
};

pub static AUTHORIZER: Shape = Shape {
    what: "an authorizer",
    fields: &[
        field("type", Text),
        field("providerARNs", TextList),
        optional("authType", Text),
        optional("authorizerUri", Text),
        optional("authorizerCredentials", Text),
        optional("identitySource", Text),
        optional("identityValidationExpression", Text),
        optional("authorizerResultTtlInSeconds", WholeNumber),
    ],
};

pub static REQUEST_VALIDATOR: Shape = Shape {
    what: "a request validator",
    fields: &[field("validateRequestBody", Bool), field("validateRequestParameters", Bool)],
};

pub static MODEL: Shape = Shape {
    what: "a model",
    fields: &[field("contentType", Text), field("schema", Text), optional("description", Text)],
};

pub static GATEWAY_RESPONSE: Shape = Shape {
    what: "a gateway response",
    fields: &[
        optional("statusCode", Text),
        field("responseParameters", Map(&Text, "header names")),
        field("responseTemplates", Map(&Text, "content types")),
    ],
};

pub static STAGE: Shape = Shape {
    what: "a stage",
    fields: &[optional("description", Text), field("variables", Map(&Text, "variable names"))],
};

pub static RESOURCE: Shape = Shape {
    what: "a resource",
    fields: &[optional("id", Text), field("methods", Map(&Object(&METHOD), "verbs"))],
};

pub static METHOD: Shape = Shape {
    what: "a method",
    fields: &[
        field("authorizationType", Text),
        optional("authorizer", Text),
        field("apiKeyRequired", Bool),
        optional("operationName", Text),
        field("requestParameters", Map(&Bool, "parameter names")),
        field("requestModels", Map(&Text, "content types")),
        optional("requestValidator", Text),
        field("authorizationScopes", TextList),
        field("methodResponses", Map(&Object(&METHOD_RESPONSE), "status codes")),
        optional("integration", Object(&INTEGRATION)),
        optional("testRequest", Object(&TEST_REQUEST)),
    ],
};

pub static TEST_REQUEST: Shape = Shape {
    what: "a test request",
    fields: &[
        field("pathParameters", Map(&Text, "parameter names")),
        field("queryString", Text),
        field("headers", Text),
        field("stageVariables", Map(&Text, "variable names")),
        field("body", Text),
        optional("backend", Object(&TEST_BACKEND)),
    ],
};

pub static TEST_BACKEND: Shape = Shape {
    what: "a test request's back-end answer",
    fields: &[
        field("status", WholeNumber),
        field("headers", Text),
        field("body", Text),
        optional("error", Text),
    ],
};

pub static METHOD_RESPONSE: Shape = Shape {
    what: "a method response",
    fields: &[
        field("responseParameters", Map(&Bool, "header names")),
        field("responseModels", Map(&Text, "content types")),
    ],
};

pub static INTEGRATION: Shape = Shape {
    what: "an integration",
    fields: &[
        field("type", Text),
        optional("integrationHttpMethod", Text),
        optional("uri", Text),
        optional("connectionType", Text),
        optional("connectionId", Text),
        optional("credentials", Text),
        field("requestParameters", Map(&Text, "parameter names")),
        field("requestTemplates", Map(&Text, "content types")),
        optional("passthroughBehavior", Text),
        optional("cacheNamespace", Text),
        field("cacheKeyParameters", TextList),
        optional("contentHandling", Text),
        optional("timeoutInMillis", WholeNumber),
        optional("tlsConfig", Object(&TLS_CONFIG)),
        optional("responseTransferMode", Text),
        optional("integrationTarget", Text),
        field("integrationResponses", Map(&Object(&INTEGRATION_RESPONSE), "status codes")),
    ],
};

pub static TLS_CONFIG: Shape =
    Shape { what: "a TLS configuration", fields: &[field("insecureSkipVerification", Bool)] };

pub static INTEGRATION_RESPONSE: Shape = Shape {
    what: "an integration response",
    fields: &[
        optional("selectionPattern", Text),
        field("responseParameters", Map(&Text, "header names")),
        field("responseTemplates", Map(&Text, "content types")),
        optional("contentHandling", Text),
    ],
};

impl Kind {
    /// The kind in words, with an example: "a whole number, for example 29000".
    pub fn describe(self) -> String {
        match self {
            Text => "text in double quotes, for example \"GET\"".into(),
            Bool => "true or false".into(),
            WholeNumber => "a whole number, for example 29000".into(),
            TextList => "a list of texts, for example [\"image/png\"]".into(),
            Map(inner, keys) => {
                format!("an object keyed by {keys}, each holding {}", inner.short())
            }
            Object(shape) => format!("an object: {}", shape.what),
        }
    }

    fn short(self) -> String {
        match self {
            Text => "text".into(),
            Bool => "true or false".into(),
            WholeNumber => "a whole number".into(),
            TextList => "a list of texts".into(),
            Map(_, keys) => format!("an object keyed by {keys}"),
            Object(shape) => shape.what.into(),
        }
    }

    fn accepts(self, value: &Value) -> bool {
        match self {
            Text => value.is_string(),
            Bool => value.is_boolean(),
            WholeNumber => value.is_i64(),
            TextList => value.is_array(),
            Map(..) | Object(_) => value.is_object(),
        }
    }
}

/// A value in words, for "…; it is …": `the text "10000"`, `the number 1.5`, `a list`.
pub fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let shown: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "…" } else { "" };
            format!("the text {}{more}", serde_json::Value::String(shown))
        }
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// The first place where `value` does not fit `shape`: its JSON Pointer and what is wrong.
pub fn explain(value: &Value, shape: &'static Shape) -> Option<(String, String)> {
    let mut path = Vec::new();
    let message = explain_object(value, shape, &mut path)?;
    Some((crate::diagnostic::pointer(&path), message))
}

fn explain_object(value: &Value, shape: &'static Shape, path: &mut Vec<String>) -> Option<String> {
    let Some(object) = value.as_object() else {
        return Some(format!(
            "expected {}, written as an object {{…}}; found {}",
            shape.what,
            describe_value(value)
        ));
    };
    for (key, item) in object {
        path.push(key.clone());
        let Some(field) = shape.fields.iter().find(|f| f.name == key) else {
            let names: Vec<&str> = shape.fields.iter().map(|f| f.name).collect();
            let hint = match suggest(key, &names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("its fields are {}", names.join(", ")),
            };
            return Some(format!("`{key}` is not a field of {}; {hint}", shape.what));
        };
        if let Some(message) = explain_value(item, field, path) {
            return Some(message);
        }
        path.pop();
    }
    None
}

fn explain_value(value: &Value, field: &Field, path: &mut Vec<String>) -> Option<String> {
    if value.is_null() && field.nullable {
        return None;
    }
    explain_kind(value, field.kind, field.name, path)
}

fn explain_kind(value: &Value, kind: Kind, name: &str, path: &mut Vec<String>) -> Option<String> {
    if !kind.accepts(value) {
        return Some(format!(
            "`{name}` must be {}; it is {}",
            kind.describe(),
            describe_value(value)
        ));
    }
    match (kind, value) {
        (TextList, Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                if !item.is_string() {
                    path.push(index.to_string());
                    return Some(format!(
                        "`{name}` must be {}; item {} is {}",
                        TextList.describe(),
                        index + 1,
                        describe_value(item)
                    ));
                }
            }
            None
        }
        (Map(inner, _), Value::Object(entries)) => {
            for (key, item) in entries {
                path.push(key.clone());
                if let Some(message) = explain_kind(item, *inner, key, path) {
                    return Some(match inner {
                        Object(_) => message,
                        _ => format!("in `{name}`, {message}"),
                    });
                }
                path.pop();
            }
            None
        }
        (Object(shape), _) => explain_object(value, shape, path),
        _ => None,
    }
}

/// The kind of value at `path` in a design document, if the path names a place in the shape.
pub fn kind_at(path: &[impl AsRef<str>]) -> Option<Kind> {
    let mut kind = Object(&DESIGN);
    for token in path {
        kind = match kind {
            Object(shape) => shape.fields.iter().find(|f| f.name == token.as_ref())?.kind,
            Map(inner, _) => *inner,
            _ => return None,
        };
    }
    Some(kind)
}

/// The first place in a design document's text where a list stands for an object. serde reads
/// a struct from a list of its fields in order (so `"api": []` would read as default settings,
/// silently): this finds what it lets through. JSON with no `[` has none.
pub fn list_for_object(text: &str) -> Option<(String, String)> {
    if !text.contains('[') {
        return None;
    }
    let mut found = None;
    crate::json_text::visit_values(text, |path, first, _| {
        if first == b'[' {
            if let Some(kind @ (Object(_) | Map(..))) = kind_at(path) {
                let name = path.last().map_or("the document".into(), |k| format!("`{k}`"));
                found = Some((
                    crate::diagnostic::pointer(path),
                    format!("{name} must be {}; it is a list", kind.describe()),
                ));
                return false;
            }
        }
        true
    });
    found
}

/// The candidate nearest to `word`, if one is near enough to be a likely misspelling: the same
/// but for case, or within a few edits (about one in three characters).
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    // Field names are ASCII: ASCII case folding is enough, and keeps Unicode's case tables
    // out of the browser's bundle.
    let lower = word.to_ascii_lowercase();
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(same);
    }
    let limit = (word.chars().count() / 3).clamp(1, 4);
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance with adjacent transpositions (so `autorization` is one edit away).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 8 || a.len() > 200 || b.len() > 200 {
        return usize::MAX;
    }
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best =
                (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// A value of every field, so every part of the shape is present.
#[cfg(test)]
fn sample(kind: Kind) -> Value {
    use serde_json::json;
    match kind {
        Text => json!("x"),
        Bool => json!(true),
        WholeNumber => json!(7),
        TextList => json!(["x"]),
        Map(inner, _) => json!({ "/": sample(*inner) }),
        Object(shape) => Value::Object(
            shape.fields.iter().map(|f| (f.name.to_string(), sample(f.kind))).collect(),
        ),
    }
}

/// A design with a value in every field (for tests that must cover the whole model).
#[cfg(test)]
pub(crate) fn sample_design() -> crate::model::Design {
    let mut doc = sample(Object(&DESIGN));
    if let Some(object) = doc.as_object_mut() {
        object.remove("format");
    }
    serde_json::from_value(doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_shape_is_the_models_serde_shape() {
        // Every field of the shape reads into the model (which refuses unknown fields), and the
        // model writes back exactly those fields: nothing is missing on either side.
        let doc = sample(Object(&DESIGN));
        let mut design_only = doc.clone();
        design_only.as_object_mut().unwrap().remove("format");
        let design: crate::model::Design = serde_json::from_value(design_only.clone()).unwrap();
        assert_eq!(serde_json::to_value(&design).unwrap(), design_only);
        assert_eq!(explain(&doc, &DESIGN), None);
    }

    #[test]
    fn suggests_near_misspellings_only() {
        let fields = ["authorizationType", "authorizer", "apiKeyRequired"];
        assert_eq!(suggest("autorizationType", &fields), Some("authorizationType"));
        assert_eq!(suggest("AUTHORIZER", &fields), Some("authorizer"));
        assert_eq!(suggest("apikeyrequierd", &fields), Some("apiKeyRequired"));
        assert_eq!(suggest("zzz", &fields), None);
    }

    #[test]
    fn explains_a_wrong_kind_at_its_pointer() {
        let doc = json!({"format": "apigw-design/1", "resources": {"/a": {"methods": {"GET": {
            "integration": {"type": "HTTP", "timeoutInMillis": "10000"}}}}}});
        let (pointer, message) = explain(&doc, &DESIGN).unwrap();
        assert_eq!(pointer, "/resources/~1a/methods/GET/integration/timeoutInMillis");
        assert_eq!(
            message,
            "`timeoutInMillis` must be a whole number, for example 29000; it is the text \"10000\""
        );
    }

    #[test]
    fn explains_an_unknown_field_with_the_nearest_one() {
        let doc = json!({"format": "apigw-design/1", "resources": {"/": {"methods": {"GET": {
            "autorizationType": "NONE"}}}}});
        let (pointer, message) = explain(&doc, &DESIGN).unwrap();
        assert_eq!(pointer, "/resources/~1/methods/GET/autorizationType");
        assert_eq!(
            message,
            "`autorizationType` is not a field of a method; did you mean `authorizationType`?"
        );
    }

    #[test]
    fn explains_map_values_and_list_items() {
        let doc = json!({"format": "x", "resources": {"/": {"methods": {"GET": {
            "requestParameters": {"method.request.path.id": "yes"}}}}}});
        let (pointer, message) = explain(&doc, &DESIGN).unwrap();
        assert_eq!(pointer, "/resources/~1/methods/GET/requestParameters/method.request.path.id");
        assert!(
            message.starts_with(
                "in `requestParameters`, `method.request.path.id` must be true or false"
            ),
            "{message}"
        );
        let doc = json!({"api": {"binaryMediaTypes": ["a", 3]}});
        let (pointer, message) = explain(&doc, &DESIGN).unwrap();
        assert_eq!(pointer, "/api/binaryMediaTypes/1");
        assert!(message.contains("item 2 is the number 3"), "{message}");
    }
}

//! Patch operations: the RFC 6902-style `patchOperations` of API Gateway's Update* calls.
//!
//! [`ops`] compares two wire representations of one item (a method, an integration, a response,
//! an authorizer…) and gives the operations that turn the first into the second. [`apply`] is
//! the reverse: it applies operations to a representation as API Gateway would, so tests can
//! check that applying the generated operations to what was loaded yields the target.
//!
//! Conventions, as API Gateway documents them per path:
//! - a top-level scalar is `replace`d, or `remove`d when the target lacks it;
//! - a map entry (`/requestParameters/method.request.header.X`, `/requestTemplates/application~1json`)
//!   is `add`ed, `replace`d or `remove`d; `/` in a key is `~1`, `~` is `~0`;
//! - a list member is `add`ed or `remove`d with the member as `value` (`/authorizationScopes`),
//!   except `cacheKeyParameters`, whose member is the last path segment;
//! - every value is a string on the wire (`"true"`, `"29000"`).

use crate::plan::PatchOperation;
use serde_json::{Map, Value};

/// Which kind of item a representation is; it decides the types of patched values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Method,
    MethodResponse,
    Integration,
    IntegrationResponse,
    Authorizer,
    RequestValidator,
    Model,
    RestApi,
    /// A resource: UpdateResource replaces its `/pathPart` or `/parentId`.
    Resource,
}

/// Lists whose members are named in the path rather than in `value`.
const MEMBER_IN_PATH: &[&str] = &["cacheKeyParameters", "binaryMediaTypes"];

/// Escapes a key for a patch path.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Reverses [`escape`].
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn wire_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn op(op: &str, path: String, value: Option<String>) -> PatchOperation {
    PatchOperation { op: op.into(), path, value }
}

/// The operations that turn `live` into `target`. Both are JSON objects in wire form.
pub fn ops(live: &Map<String, Value>, target: &Map<String, Value>) -> Vec<PatchOperation> {
    let mut out = Vec::new();
    let empty = Value::Null;
    let mut keys: Vec<&String> = live.keys().chain(target.keys()).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let before = live.get(key).unwrap_or(&empty);
        let after = target.get(key).unwrap_or(&empty);
        if before == after {
            continue;
        }
        let at = format!("/{}", escape(key));
        match (before, after) {
            (Value::Object(_), _) | (_, Value::Object(_)) => {
                let no = Map::new();
                let before = before.as_object().unwrap_or(&no);
                let after = after.as_object().unwrap_or(&no);
                for k in before.keys() {
                    if !after.contains_key(k) {
                        out.push(op("remove", format!("{at}/{}", escape(k)), None));
                    }
                }
                for (k, v) in after {
                    match before.get(k) {
                        None => {
                            out.push(op("add", format!("{at}/{}", escape(k)), Some(wire_string(v))))
                        }
                        Some(old) if old != v => out.push(op(
                            "replace",
                            format!("{at}/{}", escape(k)),
                            Some(wire_string(v)),
                        )),
                        Some(_) => {}
                    }
                }
            }
            (Value::Array(_), _) | (_, Value::Array(_)) => {
                let no = Vec::new();
                let before = before.as_array().unwrap_or(&no);
                let after = after.as_array().unwrap_or(&no);
                let in_path = MEMBER_IN_PATH.contains(&key.as_str());
                let member = |verb: &str, v: &Value| {
                    if in_path {
                        op(verb, format!("{at}/{}", escape(&wire_string(v))), None)
                    } else {
                        op(verb, at.clone(), Some(wire_string(v)))
                    }
                };
                for v in before.iter().filter(|v| !after.contains(v)) {
                    out.push(member("remove", v));
                }
                for v in after.iter().filter(|v| !before.contains(v)) {
                    out.push(member("add", v));
                }
            }
            (_, Value::Null) => out.push(op("remove", at, None)),
            (_, value) => out.push(op("replace", at, Some(wire_string(value)))),
        }
    }
    out
}

/// The JSON type a patched value takes at `path` (tokens unescaped) in an item of `kind`.
fn typed(kind: Item, path: &[String], value: &str) -> Result<Value, String> {
    let boolean = match (kind, path) {
        (Item::Method, [f]) => f == "apiKeyRequired",
        (Item::Method, [f, _]) => f == "requestParameters",
        (Item::MethodResponse, [f, _]) => f == "responseParameters",
        (Item::Integration, [f, k]) => f == "tlsConfig" && k == "insecureSkipVerification",
        (Item::RequestValidator, [f]) => {
            f == "validateRequestBody" || f == "validateRequestParameters"
        }
        _ => false,
    };
    let integer = matches!((kind, path), (Item::Integration, [f]) if f == "timeoutInMillis")
        || matches!((kind, path), (Item::Authorizer, [f]) if f == "authorizerResultTtlInSeconds");
    if boolean {
        return match value {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            other => Err(format!("`{other}` is not true or false")),
        };
    }
    if integer {
        return value
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("`{value}` is not an integer"));
    }
    Ok(Value::String(value.to_string()))
}

/// Applies `ops` to `item` (a JSON object in wire form) as API Gateway does.
pub fn apply(
    kind: Item,
    item: &mut Map<String, Value>,
    ops: &[PatchOperation],
) -> Result<(), String> {
    for operation in ops {
        let Some(rest) = operation.path.strip_prefix('/') else {
            return Err(format!("patch path `{}` does not start with /", operation.path));
        };
        let tokens: Vec<String> = rest.split('/').map(unescape).collect();
        let value = || {
            operation
                .value
                .as_deref()
                .ok_or_else(|| format!("`{} {}` needs a value", operation.op, operation.path))
        };
        let field = tokens[0].clone();
        // The endpoint type is replaced by naming the old one: /endpointConfiguration/types/EDGE.
        if kind == Item::RestApi && field == "endpointConfiguration" && operation.op == "replace" {
            let types = serde_json::json!({ "types": [value()?] });
            item.insert(field, types);
            continue;
        }
        let is_list = matches!(item.get(&field), Some(Value::Array(_)))
            || matches!(
                field.as_str(),
                "authorizationScopes" | "providerARNs" | "cacheKeyParameters" | "binaryMediaTypes"
            );
        match (operation.op.as_str(), tokens.len()) {
            ("add" | "remove", _) if is_list => {
                let member = if MEMBER_IN_PATH.contains(&field.as_str()) {
                    tokens
                        .get(1)
                        .cloned()
                        .ok_or_else(|| format!("`{}` names no list member", operation.path))?
                } else {
                    value()?.to_string()
                };
                let list = item.entry(field).or_insert_with(|| Value::Array(Vec::new()));
                let Value::Array(list) = list else { return Err("not a list".into()) };
                let member = Value::String(member);
                if operation.op == "add" {
                    if !list.contains(&member) {
                        list.push(member);
                    }
                } else {
                    list.retain(|v| *v != member);
                }
            }
            ("replace", 1) => {
                let v = typed(kind, &tokens, value()?)?;
                item.insert(field, v);
            }
            ("remove", 1) => {
                item.shift_remove(&field);
            }
            ("add" | "replace", 2) => {
                let v = typed(kind, &tokens, value()?)?;
                let map = item.entry(field).or_insert_with(|| Value::Object(Map::new()));
                if map.is_null() {
                    *map = Value::Object(Map::new());
                }
                let Value::Object(map) = map else {
                    return Err(format!("`{}` is not a map", operation.path));
                };
                if operation.op == "replace" && !map.contains_key(&tokens[1]) {
                    return Err(format!("`{}` does not exist to replace", operation.path));
                }
                map.insert(tokens[1].clone(), v);
            }
            ("remove", 2) => {
                let Some(Value::Object(map)) = item.get_mut(&field) else {
                    return Err(format!("`{}` does not exist to remove", operation.path));
                };
                if map.shift_remove(&tokens[1]).is_none() {
                    return Err(format!("`{}` does not exist to remove", operation.path));
                }
                if map.is_empty() {
                    item.shift_remove(&field);
                }
            }
            _ => {
                return Err(format!(
                    "unsupported patch operation `{} {}`",
                    operation.op, operation.path
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn maps_lists_and_scalars_round_trip() {
        let live = obj(json!({
            "authorizationType": "NONE",
            "apiKeyRequired": false,
            "operationName": "old",
            "requestParameters": {"method.request.header.A": true, "method.request.path.id": true},
            "requestModels": {"application/json": "Pet"},
            "authorizationScopes": ["a", "b"]
        }));
        let target = obj(json!({
            "authorizationType": "AWS_IAM",
            "apiKeyRequired": true,
            "requestParameters": {"method.request.path.id": false, "method.request.querystring.q": false},
            "requestModels": {"application/json": "Pet", "text/plain~x": "Empty"},
            "authorizationScopes": ["b", "c"]
        }));
        let ops = ops(&live, &target);
        assert!(ops.iter().any(|o| o.path == "/requestModels/text~1plain~0x" && o.op == "add"));
        assert!(ops.iter().any(|o| o.path == "/operationName" && o.op == "remove"));
        let mut applied = live;
        apply(Item::Method, &mut applied, &ops).unwrap();
        assert_eq!(Value::Object(applied), Value::Object(target));
    }

    #[test]
    fn cache_key_members_are_in_the_path() {
        let live = obj(
            json!({"cacheKeyParameters": ["method.request.path.id"], "timeoutInMillis": 29000}),
        );
        let target =
            obj(json!({"cacheKeyParameters": ["method.request.header.h"], "timeoutInMillis": 500}));
        let ops = ops(&live, &target);
        assert_eq!(ops[0].path, "/cacheKeyParameters/method.request.path.id");
        assert_eq!(ops[0].value, None);
        let mut applied = live;
        apply(Item::Integration, &mut applied, &ops).unwrap();
        assert_eq!(Value::Object(applied), Value::Object(target));
    }

    #[test]
    fn bad_operations_are_errors_not_panics() {
        let mut item = Map::new();
        for (o, p) in [("replace", "x"), ("frob", "/a"), ("remove", "/a/b"), ("replace", "/a/b/c")]
        {
            let op = PatchOperation { op: o.into(), path: p.into(), value: Some("1".into()) };
            assert!(apply(Item::Method, &mut item, &[op]).is_err(), "{o} {p}");
        }
        let op = PatchOperation {
            op: "replace".into(),
            path: "/apiKeyRequired".into(),
            value: Some("yes".into()),
        };
        assert!(apply(Item::Method, &mut item, &[op]).is_err());
    }
}

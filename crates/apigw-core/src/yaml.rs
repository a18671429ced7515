//! YAML documents (OpenAPI files are often YAML) read into the same JSON values as JSON files.
//! Errors carry line and column. Only the first document of a stream is read.

use crate::document::LoadError;
use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

/// Parses YAML text into a JSON value.
pub fn parse(text: &str) -> Result<Value, LoadError> {
    let documents = YamlLoader::load_from_str(text).map_err(|e| LoadError {
        message: e.info().to_string(),
        line: e.marker().line().max(1),
        column: e.marker().col() + 1,
    })?;
    let Some(first) = documents.into_iter().next() else {
        return Err(LoadError::new("the file is empty"));
    };
    if matches!(first, Yaml::String(_) | Yaml::Integer(_) | Yaml::Real(_) | Yaml::Boolean(_)) {
        return Err(LoadError {
            message: "not JSON or YAML with keys and values".into(),
            line: 1,
            column: 1,
        });
    }
    to_json(first)
}

fn key_text(key: Yaml) -> Result<String, LoadError> {
    Ok(match key {
        Yaml::String(s) | Yaml::Real(s) => s,
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        Yaml::Null => "null".into(),
        _ => return Err(LoadError::new("a mapping key is not a plain value")),
    })
}

fn to_json(yaml: Yaml) -> Result<Value, LoadError> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Integer(i) => Value::Number(i.into()),
        Yaml::Real(s) => match s.parse::<f64>().ok().and_then(Number::from_f64) {
            Some(n) => Value::Number(n),
            None => Value::String(s),
        },
        Yaml::String(s) => Value::String(s),
        Yaml::Array(items) => {
            Value::Array(items.into_iter().map(to_json).collect::<Result<_, _>>()?)
        }
        Yaml::Hash(hash) => {
            let mut map = Map::new();
            for (k, v) in hash {
                map.insert(key_text(k)?, to_json(v)?);
            }
            Value::Object(map)
        }
        Yaml::Alias(_) | Yaml::BadValue => Value::Null,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_openapi_shaped_yaml() {
        let v = parse("openapi: 3.0.1\ninfo:\n  title: Pets\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n").unwrap();
        assert_eq!(v["openapi"], "3.0.1");
        assert_eq!(v["paths"]["/pets"]["get"]["responses"]["200"]["description"], "ok");
    }

    #[test]
    fn errors_have_line_and_column() {
        let e = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        assert!(parse("").is_err());
        assert!(parse("just text").is_err());
    }
}

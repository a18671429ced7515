//! Resource paths: `/`, `/pets`, `/pets/{petId}`. The tree is implied by these keys.

/// The longest resource path read: the longest URL API Gateway accepts, for a regional API
/// ("Length, in characters, of the URL for a regional API: 10240", Quotas for configuring and
/// running a REST API in API Gateway,
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html).
/// A longer path could never be called, and would only cost memory: its ancestors are resources
/// too, keyed by their full paths.
pub const MAX_PATH_CHARS: usize = 10_240;

/// Why `path` cannot be a resource's key, if it cannot: it starts with `/`, has no empty
/// segment (so does not end with `/`, but for the root), and is not longer than
/// [`MAX_PATH_CHARS`].
pub fn key_problem(path: &str) -> Option<String> {
    if !path.starts_with('/') {
        return Some(format!(
            "resource path `{path}` must start with `/` (for example /pets/{{petId}})"
        ));
    }
    if path.len() > MAX_PATH_CHARS && path.chars().count() > MAX_PATH_CHARS {
        return Some(format!(
            "a resource path of {} characters is longer than the longest URL API Gateway accepts ({MAX_PATH_CHARS})",
            path.chars().count()
        ));
    }
    if path != "/" && path[1..].split('/').any(str::is_empty) {
        return Some(format!(
            "resource path `{path}` has an empty part: every part between two `/` needs a name, and a path ends without `/`"
        ));
    }
    None
}

/// The last segment of a path (its pathPart); empty for the root.
pub fn path_part(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or("")
}

/// The parent path, or None for the root.
pub fn parent(path: &str) -> Option<&str> {
    if path == "/" {
        return None;
    }
    match path.rfind('/') {
        Some(0) => Some("/"),
        Some(index) => Some(&path[..index]),
        None => None,
    }
}

/// The path of a child `part` of `parent`.
pub fn child(parent: &str, part: &str) -> String {
    if parent == "/" { format!("/{part}") } else { format!("{parent}/{part}") }
}

/// Every proper ancestor of `path`, root first.
pub fn ancestors(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = parent(path);
    while let Some(p) = current {
        out.push(p.to_string());
        current = parent(p);
    }
    out.reverse();
    out
}

/// Whether `path` is `ancestor` or lies beneath it.
pub fn is_within(path: &str, ancestor: &str) -> bool {
    ancestor == "/"
        || path == ancestor
        || (path.starts_with(ancestor) && path.as_bytes().get(ancestor.len()) == Some(&b'/'))
}

/// The entries of a map keyed by full path that lie below `path` (not `path` itself), in path
/// order. Below `/a` lie `/a/…`, which sort from "/a/" up to "/a0" ('0' follows '/'), so `/a-b`,
/// which sorts between `/a` and `/a/c`, is not among them.
pub fn descendants<'a, V>(
    map: &'a std::collections::BTreeMap<String, V>,
    path: &str,
) -> std::collections::btree_map::Range<'a, String, V> {
    use std::ops::Bound::{Excluded, Included, Unbounded};
    if path == "/" {
        return map.range::<str, _>((Excluded("/"), Unbounded));
    }
    let (low, high) = (format!("{path}/"), format!("{path}0"));
    map.range::<str, _>((Included(low.as_str()), Excluded(high.as_str())))
}

/// The segments of a path (none for the root).
pub fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// Path parameter names declared by `{name}` / `{name+}` segments of a path.
pub fn placeholders(path: &str) -> Vec<&str> {
    segments(path).filter_map(placeholder_name).collect()
}

/// The parameter name of a `{name}` or `{name+}` segment.
pub fn placeholder_name(segment: &str) -> Option<&str> {
    let inner = segment.strip_prefix('{')?.strip_suffix('}')?;
    Some(inner.strip_suffix('+').unwrap_or(inner))
}

/// Whether a segment is a greedy `{name+}` variable.
pub fn is_greedy(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with("+}")
}

/// Whether a segment is a `{name}` or `{name+}` variable.
pub fn is_variable(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

/// Depth of a path: 0 for the root.
pub fn depth(path: &str) -> usize {
    segments(path).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_and_children_round_trip() {
        assert_eq!(parent("/"), None);
        assert_eq!(parent("/pets"), Some("/"));
        assert_eq!(parent("/pets/{petId}"), Some("/pets"));
        assert_eq!(child("/", "pets"), "/pets");
        assert_eq!(child("/pets", "{id}"), "/pets/{id}");
        assert_eq!(ancestors("/a/b/c"), vec!["/", "/a", "/a/b"]);
        assert_eq!(path_part("/a/{b+}"), "{b+}");
    }

    #[test]
    fn within_respects_segment_boundaries() {
        assert!(is_within("/pets/1", "/pets"));
        assert!(is_within("/pets", "/pets"));
        assert!(!is_within("/petsx", "/pets"));
        assert!(is_within("/anything", "/"));
    }

    #[test]
    fn placeholders_include_greedy_names() {
        assert_eq!(placeholders("/a/{id}/b/{proxy+}"), vec!["id", "proxy"]);
    }
}

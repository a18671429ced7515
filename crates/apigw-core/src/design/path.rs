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

/// The tree's order of two paths: segment by segment, so that a parent comes before its
/// children and a resource's whole subtree before its next sibling (`/a`, `/a/x`, `/a-b`).
/// Within a segment, fixed parts come before variables (`{id}`, `{proxy+}`), and are in natural
/// order: digit runs compare by their value (`r2` before `r10`) and letters regardless of case;
/// where that finds no difference, the plain order of the text decides (`Pets` before `pets`,
/// `r02` before `r2`), so the order is total and only equal paths compare equal.
pub fn tree_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut left, mut right) = (segments(a), segments(b));
    loop {
        match (left.next(), right.next()) {
            (Some(x), Some(y)) => match segment_cmp(x, y) {
                std::cmp::Ordering::Equal => {}
                unequal => return unequal,
            },
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            // The same segments: only their slashes can differ (`/a` and `a`, `/a/`).
            (None, None) => return a.cmp(b),
        }
    }
}

/// Two path parts in the tree's order: fixed before variable, then natural, then plain.
fn segment_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    is_variable(a).cmp(&is_variable(b)).then_with(|| natural_cmp(a, b)).then_with(|| a.cmp(b))
}

/// One unit of a path part in natural order: a run of ASCII digits, or one other character,
/// lower-cased.
#[derive(Clone, Copy)]
enum Unit<'a> {
    /// The digits of a run without its leading zeros (`""` for zero).
    Number(&'a str),
    Char(char),
}

/// The units of `text`: digit runs whole, every other character with ASCII letters
/// lower-cased. (Path parts are ASCII but for what an import brings; full Unicode case
/// folding would add its tables to the app for no visible gain.)
fn units(text: &str) -> impl Iterator<Item = Unit<'_>> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        if c.is_ascii_digit() {
            let end = rest.find(|d: char| !d.is_ascii_digit()).unwrap_or(rest.len());
            let run = rest[..end].trim_start_matches('0');
            rest = &rest[end..];
            return Some(Unit::Number(run));
        }
        rest = &rest[c.len_utf8()..];
        Some(Unit::Char(c.to_ascii_lowercase()))
    })
}

/// Natural order, case-insensitive: unit by unit, a number against a number by value, a
/// character against a character by code point, and a number where a digit would stand (after
/// `-` and `.`, before letters and `_`). A prefix comes first.
fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut left, mut right) = (units(a), units(b));
    loop {
        let order = match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(Unit::Number(x)), Some(Unit::Number(y))) => {
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            (Some(Unit::Char(x)), Some(Unit::Char(y))) => x.cmp(&y),
            // A character is never an ASCII digit here, so it sorts wholly before or after them.
            (Some(Unit::Number(_)), Some(Unit::Char(y))) => '0'.cmp(&y),
            (Some(Unit::Char(x)), Some(Unit::Number(_))) => x.cmp(&'0'),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
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

    #[test]
    fn the_tree_order_puts_parents_first_fixed_parts_first_and_numbers_by_value() {
        let expected = [
            "/",
            "/a",
            "/a/x",
            "/a/{id}",
            "/a-b",
            "/A1",
            "/a02",
            "/a2",
            "/a10",
            "/Pets",
            "/pets",
            "/pets/{petId}",
            "/pets/{petId}/toys",
            "/r2",
            "/r10",
            "/r10/x",
            "/r100",
            "/v1.2",
            "/v1.10",
            "/{proxy+}",
        ];
        let mut shuffled = expected.to_vec();
        // A fixed shuffle (a reversal, then every third moved to the front).
        shuffled.reverse();
        let (thirds, rest): (Vec<_>, Vec<_>) =
            shuffled.iter().enumerate().partition(|(i, _)| i % 3 == 0);
        let mut shuffled: Vec<&str> = thirds.into_iter().chain(rest).map(|(_, p)| *p).collect();
        assert_ne!(shuffled, expected);
        shuffled.sort_by(|a, b| tree_cmp(a, b));
        assert_eq!(shuffled, expected);
    }

    #[test]
    fn a_subtree_is_whole_between_its_root_and_the_next_sibling() {
        let mut paths = vec!["/a-b", "/a/x/y", "/a", "/a.b", "/a/x", "/a0", "/a/{id}", "/a/x-y"];
        paths.sort_by(|a, b| tree_cmp(a, b));
        assert_eq!(paths, ["/a", "/a/x", "/a/x/y", "/a/x-y", "/a/{id}", "/a-b", "/a.b", "/a0"]);
    }

    #[test]
    fn the_tree_order_is_a_total_order() {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let sample = [
            "/",
            "",
            "a",
            "/a",
            "/a/",
            "/A",
            "/a/b",
            "/a/B",
            "/a-b",
            "/a.b",
            "/a_b",
            "/a0",
            "/a00",
            "/a1",
            "/a01",
            "/a001",
            "/a1b",
            "/a1B",
            "/a10",
            "/a9",
            "/a9/z",
            "/ab",
            "/aB",
            "/Ab",
            "/{a}",
            "/{A}",
            "/{a+}",
            "/{proxy+}",
            "/x/{id}",
            "/x/{id}/y",
            "/x/y",
            "/é",
            "/É",
            "/e",
            "/z",
            "/Z",
            "/ß",
            "/ss",
            "/1",
            "/01",
            "/-",
            "/_",
            "/.",
            "/r2",
            "/r10",
            "/r2x",
            "/r2-x",
            "/0",
            "/00",
            "/000",
            "/0a",
        ];
        for a in sample {
            assert_eq!(tree_cmp(a, a), Equal, "{a}");
            for b in sample {
                let ab = tree_cmp(a, b);
                assert_eq!(ab, tree_cmp(b, a).reverse(), "antisymmetric: {a} {b}");
                assert_eq!(ab == Equal, a == b, "equal only when the same: {a} {b}");
                for c in sample {
                    let bc = tree_cmp(b, c);
                    if ab == bc && ab != Equal {
                        assert_eq!(tree_cmp(a, c), ab, "transitive: {a} {b} {c}");
                    }
                    if ab == Less && bc == Equal || ab == Equal && bc == Less {
                        assert_eq!(tree_cmp(a, c), Less, "{a} {b} {c}");
                    }
                }
            }
        }
        assert_eq!(tree_cmp("/a", "/b"), Less);
        assert_eq!(tree_cmp("/b", "/a"), Greater);
    }
}

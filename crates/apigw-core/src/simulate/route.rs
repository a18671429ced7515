//! Routing: which resource and method a verb and concrete path reach.
//!
//! API Gateway prefers a fixed path part to a `{var}`, and a `{var}` to a greedy `{proxy+}`,
//! which takes one or more remaining parts; a method of the verb itself is preferred to `ANY`
//! (<https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-simple-proxy.html>).
//! No match is a 403 `Missing Authentication Token`, for an unknown path as for a verb the
//! resource has no method for (AWS's recorded answers in LocalStack's snapshot
//! `test_apigateway_common.snapshot.json`, `test_routing_not_found`: `not-found` and
//! `wrong-method`).

use super::text::url_decode;
use crate::model::Design;

/// How a resource path's segment matched: compared part by part, a higher rank wins.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Greedy,
    Variable,
    Fixed,
}

type Params = Vec<(String, String)>;

/// The resource path, the verb of the method reached (the verb itself or `ANY`), and the path
/// parameters bound, URL-decoded, in the resource path's order.
pub(crate) fn route(design: &Design, verb: &str, path: &str) -> Option<super::Route> {
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut best: Option<(Vec<Rank>, &str, Params)> = None;
    for (resource_path, resource) in &design.resources {
        let Some((ranks, params)) = match_path(resource_path, &parts) else { continue };
        if resource.methods.get(verb).is_none() && resource.methods.get("ANY").is_none() {
            continue;
        }
        if best.as_ref().is_none_or(|(r, _, _)| ranks > *r) {
            best = Some((ranks, resource_path, params));
        }
    }
    let (_, resource_path, params) = best?;
    let resource = design.resources.get(resource_path)?;
    let method = if resource.methods.get(verb).is_some() { verb } else { "ANY" };
    Some((resource_path.to_string(), method.to_string(), params))
}

/// Whether `resource_path` matches the concrete `parts`, with the rank of each matched part and
/// the parameters bound.
fn match_path(resource_path: &str, parts: &[&str]) -> Option<(Vec<Rank>, Params)> {
    let segments: Vec<&str> = crate::path::segments(resource_path).collect();
    let mut ranks = Vec::with_capacity(segments.len());
    let mut params = Vec::new();
    let mut i = 0;
    for (index, segment) in segments.iter().enumerate() {
        if crate::path::is_greedy(segment) {
            // Greedy only as the last segment, and it takes at least one part.
            if index + 1 != segments.len() || i >= parts.len() {
                return None;
            }
            let rest = parts.get(i..)?.join("/");
            let name = crate::path::placeholder_name(segment)?;
            params.push((name.to_string(), url_decode(&rest, false)));
            ranks.push(Rank::Greedy);
            i = parts.len();
            continue;
        }
        let part = parts.get(i)?;
        if crate::path::is_variable(segment) {
            let name = crate::path::placeholder_name(segment)?;
            params.push((name.to_string(), url_decode(part, false)));
            ranks.push(Rank::Variable);
        } else if *segment == *part || *segment == url_decode(part, false) {
            ranks.push(Rank::Fixed);
        } else {
            return None;
        }
        i += 1;
    }
    (i == parts.len()).then_some((ranks, params))
}

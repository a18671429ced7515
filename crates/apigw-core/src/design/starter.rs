//! What a new part of a design starts as, the way API Gateway's console makes it: a method
//! with its path parameters declared, an integration of each kind with what it needs filled
//! in, an authorizer and a validator, and a greedy proxy resource. The forms create these; the
//! facts behind them stay here, with the rules.

use crate::command::Edit;
use crate::facts;
use crate::model::{Authorizer, Integration, Method, RequestValidator};
use crate::path;

/// The path part of a greedy proxy resource, which catches every path beneath its parent.
pub const PROXY_PART: &str = "{proxy+}";

/// A new method on `path`: every `{name}` of the path declared as a required path parameter.
pub fn method(path: &str) -> Method {
    let request_parameters = path::placeholders(path)
        .into_iter()
        .map(|name| (format!("method.request.path.{name}"), true))
        .collect();
    Method { request_parameters, ..Method::default() }
}

/// A new integration of `kind` (an `IntegrationType`) for the method `verb` on `path`, with
/// what the console fills in: a mock answers 200; an HTTP integration calls its back end with
/// the method's own verb, an AWS one (Lambda among them) with POST; the path parameters are
/// passed on; non-proxy integrations pass an unmatched body through (WHEN_NO_MATCH). A Lambda
/// proxy's function is left for the user to name.
pub fn integration(kind: &str, path: &str, verb: &str) -> Integration {
    let mut i = Integration { integration_type: kind.into(), ..Integration::default() };
    if facts::is_mock(kind) {
        i.request_templates.insert("application/json".into(), "{\"statusCode\": 200}".into());
        i.passthrough_behavior = Some(facts::PASSTHROUGH_BEHAVIORS[0].into());
        return i;
    }
    i.integration_http_method = Some(if facts::is_aws(kind) { "POST" } else { verb }.into());
    if facts::is_proxy(kind) && facts::is_aws(kind) {
        return i;
    }
    if !facts::is_proxy(kind) {
        i.passthrough_behavior = Some(facts::PASSTHROUGH_BEHAVIORS[0].into());
    }
    for name in path::placeholders(path) {
        i.request_parameters.insert(
            format!("integration.request.path.{name}"),
            format!("method.request.path.{name}"),
        );
    }
    i
}

/// A new authorizer: a TOKEN authorizer reading the `Authorization` header.
pub fn authorizer() -> Authorizer {
    Authorizer {
        authorizer_type: facts::AUTHORIZER_TYPES[0].into(),
        identity_source: Some("method.request.header.Authorization".into()),
        ..Authorizer::default()
    }
}

/// A new request validator: it validates the body and the parameters.
pub fn request_validator() -> RequestValidator {
    RequestValidator { validate_request_body: true, validate_request_parameters: true }
}

/// The edits that add a child `part` under `parent` (one undo step), and the path of the new
/// resource. A greedy proxy child (`{proxy+}`) comes with the ANY method that makes it work,
/// declaring `proxy` as its path parameter.
pub fn child_resource(parent: &str, part: &str) -> (String, Edit) {
    let child = path::child(parent, part);
    let mut edits = vec![Edit::AddResource { path: child.clone() }];
    if part == PROXY_PART {
        edits.push(Edit::PutMethod {
            path: child.clone(),
            verb: facts::ANY_METHOD.into(),
            value: Some(method(&child)),
        });
    }
    (child.clone(), Edit::Batch { label: format!("add {child}"), edits })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_method_declares_its_path_parameters() {
        let m = method("/pets/{petId}/toys/{toy+}");
        assert_eq!(
            m.request_parameters.keys().collect::<Vec<_>>(),
            ["method.request.path.petId", "method.request.path.toy"]
        );
    }

    #[test]
    fn each_kind_of_integration_starts_as_the_console_makes_it() {
        let mock = integration("MOCK", "/a", "GET");
        assert!(mock.integration_http_method.is_none() && mock.request_templates.len() == 1);
        let lambda = integration("AWS_PROXY", "/a/{id}", "GET");
        assert_eq!(lambda.integration_http_method.as_deref(), Some("POST"));
        assert!(lambda.uri.is_none(), "the function is the user's to name");
        let http = integration("HTTP", "/a/{id}", "PUT");
        assert_eq!(http.integration_http_method.as_deref(), Some("PUT"));
        assert_eq!(
            http.request_parameters["integration.request.path.id"],
            "method.request.path.id"
        );
        assert_eq!(http.passthrough_behavior.as_deref(), Some("WHEN_NO_MATCH"));
        assert!(integration("HTTP_PROXY", "/a", "ANY").passthrough_behavior.is_none());
    }

    #[test]
    fn a_proxy_child_comes_with_its_any_method() {
        let mut design = crate::model::Design::default();
        let (child, edit) = child_resource("/", PROXY_PART);
        edit.apply(&mut design).unwrap();
        assert_eq!(child, "/{proxy+}");
        assert!(
            design.method("/{proxy+}", "ANY").unwrap().request_parameters["method.request.path.proxy"]
        );
    }
}

//! What a new part of a design starts as, the way API Gateway's console makes it: a method
//! with its path parameters declared, an integration of each kind with what it needs filled
//! in, an authorizer and a validator, and a greedy proxy resource. The forms create these; the
//! facts behind them stay here, with the rules.

use crate::command::Edit;
use crate::facts;
use crate::model::{
    Authorizer, Integration, IntegrationResponse, Method, MethodResponse, RequestValidator,
};
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

/// The status code of the response the console gives a new non-proxy integration.
pub const DEFAULT_STATUS: &str = "200";

/// The edit (one undo step) that gives the method `verb` on `path`, as it is now (`method`), a
/// new integration of `kind`: [`integration`]'s, keeping the integration responses the method
/// had. A non-proxy integration passes nothing back without responses, so when the method has
/// no method responses the console's default comes with it: a 200 method response with the
/// built-in `Empty` model for application/json, and, unless the integration already has
/// integration responses, a default 200 integration response (no selection pattern) mapping
/// to it. Existing responses are left as they are.
pub fn integration_edit(kind: &str, path: &str, verb: &str, method: &Method) -> Edit {
    let mut new = integration(kind, path, verb);
    if let Some(old) = &method.integration {
        new.integration_responses = old.integration_responses.clone();
    }
    let answers = facts::INTEGRATION_TYPES.contains(&kind) && !facts::is_proxy(kind);
    let add_method_response = answers && method.method_responses.is_empty();
    let add_integration_response = add_method_response && new.integration_responses.is_empty();
    let mut edits =
        vec![Edit::SetIntegration { path: path.into(), verb: verb.into(), value: Some(new) }];
    if add_method_response {
        let empty = facts::BUILT_IN_MODELS[0];
        edits.push(Edit::PutMethodResponse {
            path: path.into(),
            verb: verb.into(),
            status: DEFAULT_STATUS.into(),
            value: Some(MethodResponse {
                response_models: [("application/json".to_string(), empty.to_string())].into(),
                ..MethodResponse::default()
            }),
        });
    }
    if add_integration_response {
        edits.push(Edit::PutIntegrationResponse {
            path: path.into(),
            verb: verb.into(),
            status: DEFAULT_STATUS.into(),
            value: Some(IntegrationResponse::default()),
        });
    }
    Edit::Batch { label: format!("set integration of {verb} {path}"), edits }
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

    fn design_with(path: &str, verb: &str, method: Method) -> crate::model::Design {
        let mut design = crate::model::Design::default();
        design.resources.insert(path.into(), Default::default());
        design.fill_ancestors();
        design.resources.get_mut(path).unwrap().methods.insert(verb.into(), method);
        design
    }

    #[test]
    fn a_new_non_proxy_integration_comes_with_the_consoles_responses_and_undoes_cleanly() {
        let path = "/pets/{petId}";
        let mut design = design_with(path, "GET", method(path));
        let before = design.clone();
        let edit = integration_edit("HTTP", path, "GET", design.method(path, "GET").unwrap());
        assert_eq!(edit.label(), "set integration of GET /pets/{petId}");
        let mut history = crate::History::default();
        history.apply(&mut design, edit).unwrap();
        let after = design.clone();
        let m = design.method(path, "GET").unwrap();
        let i = m.integration.as_ref().unwrap();
        assert_eq!(i.integration_type, "HTTP");
        assert_eq!(
            i.request_parameters["integration.request.path.petId"],
            "method.request.path.petId"
        );
        assert_eq!(m.method_responses.keys().collect::<Vec<_>>(), ["200"]);
        assert_eq!(
            m.method_responses["200"].response_models.iter().collect::<Vec<_>>(),
            [(&"application/json".to_string(), &"Empty".to_string())]
        );
        assert_eq!(i.integration_responses.keys().collect::<Vec<_>>(), ["200"]);
        let default = &i.integration_responses["200"];
        assert!(default.selection_pattern.is_none() && default.response_templates.is_empty());
        // The endpoint URL is the user's to write; nothing else is missing.
        let problems: Vec<_> = crate::validate(&design).into_iter().map(|d| d.name).collect();
        assert_eq!(problems, ["http-uri-invalid"]);
        // One step back and forth.
        assert_eq!(
            history.undo(&mut design).unwrap().as_deref(),
            Some("set integration of GET /pets/{petId}")
        );
        assert_eq!(design, before);
        assert!(history.redo(&mut design).unwrap().is_some());
        assert_eq!(design, after);
    }

    #[test]
    fn every_non_proxy_kind_gets_the_responses_and_no_proxy_does() {
        for (kind, answers) in [
            ("MOCK", true),
            ("HTTP", true),
            ("AWS", true),
            ("HTTP_PROXY", false),
            ("AWS_PROXY", false),
        ] {
            let mut design = design_with("/a", "POST", method("/a"));
            let edit = integration_edit(kind, "/a", "POST", design.method("/a", "POST").unwrap());
            edit.apply(&mut design).unwrap();
            let m = design.method("/a", "POST").unwrap();
            let i = m.integration.as_ref().unwrap();
            assert_eq!(i.integration_type, kind);
            assert_eq!(m.method_responses.contains_key("200"), answers, "{kind}");
            assert_eq!(i.integration_responses.contains_key("200"), answers, "{kind}");
            let problems: Vec<_> = crate::validate(&design).into_iter().map(|d| d.name).collect();
            assert!(!problems.contains(&"responses-missing"), "{kind}: {problems:?}");
            if kind == "MOCK" {
                assert!(problems.is_empty(), "a new mock answers as it is: {problems:?}");
            }
        }
    }

    #[test]
    fn existing_responses_are_kept_as_they_are() {
        // A method that answers already keeps its responses and gets no others.
        let mut m = method("/a");
        m.method_responses.insert("201".into(), MethodResponse::default());
        m.integration = Some(Integration {
            integration_type: "MOCK".into(),
            integration_responses: [(
                "201".to_string(),
                IntegrationResponse {
                    selection_pattern: Some("2\\d{2}".into()),
                    ..Default::default()
                },
            )]
            .into(),
            ..Integration::default()
        });
        let mut design = design_with("/a", "GET", m.clone());
        integration_edit("HTTP", "/a", "GET", &m).apply(&mut design).unwrap();
        let now = design.method("/a", "GET").unwrap();
        assert_eq!(now.method_responses, m.method_responses);
        let i = now.integration.as_ref().unwrap();
        assert_eq!(i.integration_type, "HTTP");
        assert_eq!(i.integration_responses, m.integration.as_ref().unwrap().integration_responses);

        // Integration responses without method responses: the 200 method response is added,
        // and the integration responses stay as they were.
        let mut m = method("/a");
        m.integration = Some(Integration {
            integration_type: "MOCK".into(),
            integration_responses: [("200".to_string(), IntegrationResponse::default())].into(),
            ..Integration::default()
        });
        let mut design = design_with("/a", "GET", m.clone());
        let edit = integration_edit("AWS", "/a", "GET", &m);
        let Edit::Batch { edits, .. } = &edit else { panic!("one batch") };
        assert_eq!(edits.len(), 2, "the integration and the method response");
        edit.apply(&mut design).unwrap();
        let now = design.method("/a", "GET").unwrap();
        assert!(now.method_responses.contains_key("200"));
        assert_eq!(now.integration.as_ref().unwrap().integration_responses.len(), 1);
    }
}

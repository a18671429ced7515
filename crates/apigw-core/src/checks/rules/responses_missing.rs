//! Rule: responses-missing.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG410",
    name: "responses-missing",
    phase: Phase::Invoke,
    aws_message: Some("Internal server error"),
    summary: "A method with a non-proxy integration (AWS, HTTP or MOCK) needs a method response and an integration response to answer its callers.",
    fix: "Add a 200 method response and a default integration response for it, as the console does.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway accepts the method and deploys it, but a non-proxy integration passes nothing back on its own: with no integration response to select, every call fails with 500 \"Internal server error\", and the execution log reads \"Execution failed due to configuration error: No match for output mapping and no default output mapping configured\". A method with integration responses but no method responses is reported by integration-response-without-method-response instead.",
    source: "API Gateway Developer Guide, \"Set up an integration response in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html): \"For a non-proxy integration, you must set up at least one integration response, and make it the default response, to pass the result returned from the backend to the client.\" \"Set up a method response in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-response.html): \"For instructional reasons, the API Gateway console sets the 200 response as the default.\" AWS's execution log: \"Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: 200\" (https://github.com/aws/serverless-application-model/issues/2459)",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    let kind = i.integration_type.as_str();
    // Only the known non-proxy kinds: an unknown one is integration-type-invalid's to report.
    if !facts::INTEGRATION_TYPES.contains(&kind) || facts::is_proxy(kind) {
        return;
    }
    if !i.integration_responses.is_empty() {
        // With no method responses, integration-response-without-method-response reports
        // each integration response as an error.
        return;
    }
    let effect = "so every caller gets 500 \"Internal server error\"";
    if cx.method.method_responses.is_empty() {
        sink.report(
            on_method(cx, Field::MethodResponses),
            format!(
                "{} {} has neither method responses nor integration responses, {effect}",
                cx.verb, cx.path
            ),
        );
        return;
    }
    // The console's default answers 200; otherwise the first success, or the first status.
    let responses = &cx.method.method_responses;
    let status = ["200"]
        .into_iter()
        .find(|s| responses.contains_key(*s))
        .or_else(|| responses.keys().map(String::as_str).find(|s| s.starts_with('2')))
        .or_else(|| responses.keys().next().map(String::as_str))
        .unwrap_or("200");
    sink.report_fix(
        on_integration(cx, Field::IntegrationResponses),
        format!("the {kind} integration has no integration responses, {effect}"),
        format!("Add a default integration response (no selection pattern) for method response {status}."),
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;
    use crate::model::{Design, Integration, IntegrationResponse, Method, MethodResponse};

    fn reported(kind: &str, responses: &[&str], integration_responses: &[&str]) -> Vec<Diagnostic> {
        let mut method = Method {
            integration: Some(Integration { integration_type: kind.into(), ..Default::default() }),
            ..Method::default()
        };
        for status in responses {
            method.method_responses.insert(status.to_string(), MethodResponse::default());
        }
        for status in integration_responses {
            let i = method.integration.as_mut().unwrap();
            i.integration_responses.insert(status.to_string(), IntegrationResponse::default());
        }
        let mut design = Design::default();
        design.resources.get_mut("/").unwrap().methods.insert("GET".into(), method);
        crate::validate(&design).into_iter().filter(|d| d.name == "responses-missing").collect()
    }

    #[test]
    fn a_non_proxy_method_without_responses_answers_500() {
        for kind in ["AWS", "HTTP", "MOCK"] {
            let found = reported(kind, &[], &[]);
            assert_eq!(found.len(), 1, "{kind}");
            assert_eq!(
                found[0].target.design_pointer(),
                "/resources/~1/methods/GET/methodResponses"
            );
            assert!(
                found[0].message.contains("500 \"Internal server error\""),
                "{}",
                found[0].message
            );
            assert!(found[0].fix.starts_with("Add a 200 method response"), "{}", found[0].fix);
        }
    }

    #[test]
    fn missing_integration_responses_point_at_the_integration() {
        let found = reported("HTTP", &["200", "404"], &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].target.design_pointer(),
            "/resources/~1/methods/GET/integration/integrationResponses"
        );
        assert!(found[0].fix.ends_with("for method response 200."), "{}", found[0].fix);
        // Without a 200, the first success; without one, the first status.
        assert!(reported("MOCK", &["201", "400"], &[])[0].fix.contains("method response 201"));
        assert!(reported("MOCK", &["500", "404"], &[])[0].fix.contains("method response 404"));
    }

    #[test]
    fn proxies_unknown_kinds_and_answering_methods_are_left_alone() {
        assert!(reported("AWS_PROXY", &[], &[]).is_empty());
        assert!(reported("HTTP_PROXY", &[], &[]).is_empty());
        assert!(reported("BOGUS", &[], &[]).is_empty(), "integration-type-invalid reports it");
        assert!(reported("MOCK", &["200"], &["200"]).is_empty());
        // Integration responses without method responses are another rule's error.
        assert!(reported("MOCK", &[], &["200"]).is_empty());
    }
}

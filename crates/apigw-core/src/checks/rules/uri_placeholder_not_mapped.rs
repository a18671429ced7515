//! Rule: uri-placeholder-not-mapped.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG328",
    name: "uri-placeholder-not-mapped",
    phase: Phase::Advice,
    aws_message: None,
    summary: "Each `{name}` in an HTTP or HTTP_PROXY endpoint URL should be filled by an `integration.request.path.{name}` mapping.",
    fix: "Map the method's path parameter to `integration.request.path.{name}` in the integration request.",
    check: Check::Method(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "API Gateway fills a `{name}` of the endpoint URL only from the integration request path parameter of that name, and accepts a URL whose placeholder nothing fills: the back end is then called without the caller's value, so a request for /orders/42 does not reach /orders/42. A greedy `{proxy+}` resource is no exception: its URL's `{proxy}` needs `integration.request.path.proxy`.",
    source: "API Gateway Developer Guide, \"HTTP integrations for REST APIs in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html): the proxy resource's example maps \"integration.request.path.proxy\": \"method.request.path.proxy\" for the \"uri\": \"http://petstore-demo-endpoint.execute-api.com/petstore/{proxy}\". \"x-amazon-apigateway-integration.requestParameters object\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration-requestParameters.html): \"For REST APIs, specifies mappings from named method request parameters to integration request parameters.\" A public record of a URL's `{proxy}` left unmapped, every request reaching the back end's base path: https://github.com/aws/aws-cdk/issues/28545",
};

fn check(cx: &MethodCx<'_>, sink: &mut Sink<'_>) {
    let Some(i) = integration(cx) else { return };
    if !facts::is_http(&i.integration_type) {
        return;
    }
    let Some(uri) = i.uri.as_deref() else { return };
    for name in uri_placeholders(uri) {
        let key = format!("integration.request.path.{name}");
        if i.request_parameters.contains_key(&key) {
            continue;
        }
        let source = format!("method.request.path.{name}");
        let fix = if cx.method.request_parameters.contains_key(&source) {
            format!("Map `{source}` to `{key}` in the integration request.")
        } else {
            format!(
                "Add `{key}` to the integration request, mapped from the method request parameter that carries it (the method declares no `{source}`)."
            )
        };
        sink.report_fix(
            on_integration(cx, Field::Uri),
            format!("nothing fills `{{{name}}}` in the endpoint URL: the integration request has no `{key}`"),
            fix,
        );
    }
}

/// The names of the `{name}` placeholders of an endpoint URL, each once, in order. Stage
/// variables (`${stageVariables.host}`) are not placeholders, and neither is a brace pair whose
/// inside is not a plain parameter name (`{proxy+}`, `{}`).
fn uri_placeholders(uri: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut from = 0;
    while let Some(open) = uri[from..].find('{').map(|i| from + i) {
        let Some(close) = uri[open..].find('}').map(|i| open + i) else { break };
        let name = &uri[open + 1..close];
        let plain = !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
        if plain && !uri[..open].ends_with('$') && !names.contains(&name) {
            names.push(name);
        }
        from = close + 1;
    }
    names
}

#[cfg(test)]
mod tests {
    use super::uri_placeholders;
    use crate::diagnostic::Diagnostic;
    use crate::model::{Design, Integration};

    fn reported(path: &str, kind: &str, uri: &str, mapped: &[&str]) -> Vec<Diagnostic> {
        let mut method = crate::starter::method(path);
        let mut integration = Integration {
            integration_type: kind.into(),
            uri: Some(uri.into()),
            ..Integration::default()
        };
        for name in mapped {
            integration.request_parameters.insert(
                format!("integration.request.path.{name}"),
                format!("method.request.path.{name}"),
            );
        }
        method.integration = Some(integration);
        let mut design = Design::default();
        design.resources.insert(path.into(), Default::default());
        design.fill_ancestors();
        design.resources.get_mut(path).unwrap().methods.insert("GET".into(), method);
        crate::validate(&design)
            .into_iter()
            .filter(|d| d.name == "uri-placeholder-not-mapped")
            .collect()
    }

    #[test]
    fn an_unmapped_placeholder_is_reported_on_the_uri() {
        let found = reported("/orders/{id}", "HTTP", "https://example.com/orders/{id}", &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].target.design_pointer(),
            "/resources/~1orders~1{id}/methods/GET/integration/uri"
        );
        assert_eq!(
            found[0].message,
            "nothing fills `{id}` in the endpoint URL: the integration request has no `integration.request.path.id`"
        );
        assert_eq!(
            found[0].fix,
            "Map `method.request.path.id` to `integration.request.path.id` in the integration request."
        );
    }

    #[test]
    fn the_fix_says_when_the_method_does_not_declare_the_parameter() {
        let found = reported("/orders/{orderId}", "HTTP", "https://example.com/orders/{id}", &[]);
        assert!(
            found[0].fix.contains("the method declares no `method.request.path.id`"),
            "{}",
            found[0].fix
        );
    }

    #[test]
    fn a_proxy_resource_needs_its_proxy_mapping_too() {
        let found = reported("/{proxy+}", "HTTP_PROXY", "https://example.com/{proxy}", &[]);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("`integration.request.path.proxy`"));
        assert!(found[0].fix.starts_with("Map `method.request.path.proxy`"));
        assert!(
            reported("/{proxy+}", "HTTP_PROXY", "https://example.com/{proxy}", &["proxy"])
                .is_empty()
        );
    }

    #[test]
    fn only_http_integrations_and_only_unfilled_placeholders() {
        let uri = "https://example.com/{a}/{b}";
        assert_eq!(reported("/{a}/{b}", "HTTP", uri, &["a"]).len(), 1);
        assert!(reported("/{a}/{b}", "HTTP", uri, &["a", "b"]).is_empty());
        assert!(reported("/{a}/{b}", "MOCK", uri, &[]).is_empty());
        assert!(reported("/{a}/{b}", "AWS_PROXY", uri, &[]).is_empty());
    }

    #[test]
    fn placeholders_are_plain_names_outside_stage_variables() {
        let names = uri_placeholders;
        assert_eq!(names("https://example.com/orders/{id}"), ["id"]);
        assert_eq!(names("https://example.com/{a}/x/{b}?q={c}&again={a}"), ["a", "b", "c"]);
        assert_eq!(names("https://${stageVariables.host}/pets/{petId}"), ["petId"]);
        assert_eq!(names("https://example.com/{proxy+}/{}/{ok}"), ["ok"]);
        assert_eq!(names("https://example.com/{unclosed"), Vec::<&str>::new());
        assert_eq!(names("{first}"), ["first"]);
    }
}

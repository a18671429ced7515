//! OpenAPI round trips: AWS's own exports (from ../shared, skipped with a notice when absent)
//! import, export and re-import to the same design; the project's designs export and import
//! back equal, but for what OpenAPI cannot carry (`openapi::NOT_CARRIED`); YAML reads like JSON.

use apigw_core::document::{self, Kind};
use apigw_core::model::Design;
use apigw_core::{Severity, openapi};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(text: &str) -> Design {
    let loaded = document::load(text).unwrap();
    assert_eq!(loaded.kind, Kind::OpenApi);
    loaded.design
}

fn aws_exports() -> Vec<PathBuf> {
    let dir = root().join("../shared/fixtures/openapi");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("notice: {} is absent; AWS export round trips skipped", dir.display());
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Applies what the OpenAPI form cannot carry (openapi::NOT_CARRIED), so a design can be
/// compared with its round trip.
fn normalise(mut d: Design) -> Design {
    for m in d.models.values_mut() {
        if let Ok(schema) = serde_json::from_str::<serde_json::Value>(&m.schema) {
            m.schema = serde_json::to_string_pretty(&schema).unwrap();
        }
        m.description = None;
        m.content_type = "application/json".into();
    }
    for a in d.authorizers.values_mut() {
        if a.identity_source.is_none() && a.authorizer_type != "REQUEST" {
            a.identity_source = Some("method.request.header.Authorization".into());
        }
    }
    let validators = d.request_validators.clone();
    for r in d.resources.values_mut() {
        for m in r.methods.values_mut() {
            for (k, v) in m.request_parameters.iter_mut() {
                if k.starts_with("method.request.path.") {
                    *v = true;
                }
            }
            if m.request_validator.as_ref().is_some_and(|v| !validators.contains_key(v)) {
                m.request_validator = None;
            }
        }
    }
    d.api.rest_api_id = None;
    d.stages.clear();
    d
}

#[test]
fn aws_exports_import_without_errors_and_round_trip() {
    for file in aws_exports() {
        let text = std::fs::read_to_string(&file).unwrap();
        let loaded = document::load(&text).unwrap();
        let errors: Vec<_> =
            loaded.diagnostics().into_iter().filter(|d| d.severity == Severity::Error).collect();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        if name.contains("aws-export") {
            assert!(errors.is_empty(), "{name}: false errors on AWS's own export: {errors:#?}");
        }
        let first = loaded.design;
        assert!(first.method_count() >= 5, "{name}");
        let again = load(&openapi::export(&first));
        assert_eq!(again, first, "{name}: import → export → import changed the design");
    }
}

#[test]
fn project_designs_round_trip_but_for_what_openapi_cannot_carry() {
    for entry in std::fs::read_dir(root().join("fixtures/designs")).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let design = document::design_from_str(&text).unwrap();
        let back = load(&openapi::export(&design));
        assert_eq!(back, normalise(design.clone()), "{}", entry.path().display());
        // The export is stable: exporting the re-import gives the same text.
        assert_eq!(openapi::export(&back), openapi::export(&normalise(design)));
    }
}

#[test]
fn yaml_reads_as_json() {
    let yaml = std::fs::read_to_string(root().join("fixtures/openapi/petstore.yaml")).unwrap();
    let design = document::design_from_str(
        &std::fs::read_to_string(root().join("fixtures/designs/petstore.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(load(&yaml), normalise(design));
}

#[test]
fn syntax_errors_have_line_and_column() {
    let e = document::load("openapi: 3.0.1\npaths:\n  /a:\n    get: [\n").unwrap_err();
    assert!(e.line >= 4, "{e:?}");
    let e = document::load("{\n  \"openapi\": \"3.0.1\",\n  \"paths\": {,}\n}").unwrap_err();
    assert_eq!((e.line, e.column), (3, 13), "{e:?}");
}

#[test]
fn extensions_map_into_the_design_and_the_rest_is_named() {
    let doc = r##"{
      "swagger": "2.0",
      "info": {"title": "Ext"},
      "x-amazon-apigateway-api-key-source": "AUTHORIZER",
      "x-amazon-apigateway-binary-media-types": ["image/png"],
      "x-amazon-apigateway-endpoint-configuration": {"types": ["REGIONAL"], "vpcEndpointIds": ["v"]},
      "x-amazon-apigateway-request-validators": {"all": {"validateRequestBody": true, "validateRequestParameters": true}},
      "x-amazon-apigateway-request-validator": "all",
      "x-amazon-apigateway-gateway-responses": {"INVALID_API_KEY": {"statusCode": 456, "defaultResponse": false,
        "responseParameters": {"gatewayresponse.header.api-key": "method.request.header.api-key"},
        "responseTemplates": {"application/json": "{\"message\": \"Bad api-key\" }"}}},
      "securityDefinitions": {
        "tok": {"type": "apiKey", "name": "X-Token", "in": "header", "x-amazon-apigateway-authtype": "custom",
                "x-amazon-apigateway-authorizer": {"type": "token", "authorizerUri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations", "authorizerResultTtlInSeconds": 60}},
        "api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"},
        "oauth": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://x", "scopes": {}}
      },
      "definitions": {"Pet": {"type": "object", "properties": {"owner": {"$ref": "#/definitions/Owner"}}}, "Owner": {"type": "string"}},
      "paths": {
        "/pets/{id}": {
          "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
          "x-amazon-apigateway-any-method": {
            "parameters": [{"name": "q", "in": "query"}, {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Pet"}}, {"name": "f", "in": "formData"}],
            "security": [{"tok": []}, {"api_key": []}],
            "responses": {"200": {"description": "ok", "headers": {"X-Id": {"type": "string"}}, "schema": {"$ref": "#/definitions/Pet"}}},
            "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY", "uri": "https://example.com/{id}",
              "passthroughBehavior": "when_no_templates", "requestParameters": {"integration.request.path.id": "method.request.path.id"},
              "tlsConfig": {"insecureSkipVerification": true}, "responseTransferMode": "STREAM", "timeoutInMillis": 1000, "frob": 1,
              "responses": {"4\\d{2}": {"statusCode": "400"}, "default": {"statusCode": "200"}}}
          }
        }
      }
    }"##;
    let loaded = document::load(doc).unwrap();
    let d = &loaded.design;
    assert_eq!(d.api.api_key_source.as_deref(), Some("AUTHORIZER"));
    assert_eq!(d.api.binary_media_types, vec!["image/png"]);
    assert_eq!(d.api.endpoint_type, "REGIONAL");
    let a = &d.authorizers["tok"];
    assert_eq!(
        (a.authorizer_type.as_str(), a.identity_source.as_deref()),
        ("TOKEN", Some("method.request.header.X-Token"))
    );
    assert!(
        d.models["Pet"].schema.contains("\"type\": \"string\""),
        "refs inlined: {}",
        d.models["Pet"].schema
    );
    let m = &d.resources["/pets/{id}"].methods["ANY"];
    assert_eq!(m.authorization_type, "CUSTOM");
    assert_eq!(m.authorizer.as_deref(), Some("tok"));
    assert!(m.api_key_required);
    assert_eq!(m.request_validator.as_deref(), Some("all"));
    assert_eq!(m.request_parameters.get("method.request.path.id"), Some(&true));
    assert_eq!(m.request_parameters.get("method.request.querystring.q"), Some(&false));
    assert_eq!(m.request_models["application/json"], "Pet");
    assert_eq!(m.method_responses["200"].response_models["application/json"], "Pet");
    let i = m.integration.as_ref().unwrap();
    assert_eq!(
        (i.integration_type.as_str(), i.passthrough_behavior.as_deref()),
        ("HTTP_PROXY", Some("WHEN_NO_TEMPLATES"))
    );
    assert_eq!(i.integration_responses["400"].selection_pattern.as_deref(), Some("4\\d{2}"));
    assert_eq!(i.integration_responses["200"].selection_pattern, None);
    assert_eq!(i.response_transfer_mode.as_deref(), Some("STREAM"));
    let warnings: Vec<String> = loaded
        .import_diagnostics
        .iter()
        .map(|d| format!("{} {}", loaded.pointer(d), d.message))
        .collect();
    // AWS's example of the extension, with its status code written as a number.
    let g = &d.gateway_responses["INVALID_API_KEY"];
    assert_eq!(g.status_code.as_deref(), Some("456"));
    assert_eq!(
        g.response_parameters["gatewayresponse.header.api-key"],
        "method.request.header.api-key"
    );
    assert_eq!(g.response_templates["application/json"], "{\"message\": \"Bad api-key\" }");
    assert!(warnings.iter().any(|w| w.starts_with(
        "/x-amazon-apigateway-gateway-responses/INVALID_API_KEY/defaultResponse `defaultResponse` in a gateway response is not part of a design"
    )), "{warnings:#?}");
    for named in ["vpcEndpointIds", "oauth", "formData", "frob"] {
        assert!(warnings.iter().any(|w| w.contains(named)), "{named} not reported: {warnings:#?}");
    }
    assert!(warnings.iter().any(|w| w.starts_with("/paths/~1pets~1{id}/x-amazon-apigateway-any-method/x-amazon-apigateway-integration/frob")), "{warnings:#?}");
}

#[test]
fn gateway_responses_round_trip_through_openapi_and_yaml() {
    let mut design = document::design_from_str(
        &std::fs::read_to_string(root().join("fixtures/designs/petstore.json")).unwrap(),
    )
    .unwrap();
    let responses = r#"{
      "DEFAULT_4XX": {"responseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
                      "responseTemplates": {"application/json": "{\"message\":$context.error.messageString}"}},
      "MISSING_AUTHENTICATION_TOKEN": {"statusCode": "404"},
      "UNAUTHORIZED": {"statusCode": "401", "responseParameters": {"gatewayresponse.header.WWW-Authenticate": "'Bearer'"}}
    }"#;
    design.gateway_responses = serde_json::from_str(responses).unwrap();
    let exported = openapi::export(&design);
    let value: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(
        value["x-amazon-apigateway-gateway-responses"],
        serde_json::from_str::<serde_json::Value>(responses).unwrap(),
        "the extension holds the responses as AWS's examples write them"
    );
    let back = load(&exported);
    assert_eq!(back, normalise(design.clone()));
    assert_eq!(openapi::export(&back), exported, "a fixed point");

    // The same document in YAML, its status codes unquoted as YAML writers leave them.
    let yaml = "openapi: 3.0.1\ninfo:\n  title: PetStore\npaths: {}\nx-amazon-apigateway-gateway-responses:\n  MISSING_AUTHENTICATION_TOKEN:\n    statusCode: 404\n  UNAUTHORIZED:\n    statusCode: 401\n    responseParameters:\n      gatewayresponse.header.WWW-Authenticate: \"'Bearer'\"\n  DEFAULT_4XX:\n    responseParameters:\n      gatewayresponse.header.Access-Control-Allow-Origin: \"'*'\"\n    responseTemplates:\n      application/json: '{\"message\":$context.error.messageString}'\n";
    assert_eq!(load(yaml).gateway_responses, design.gateway_responses);

    // A problem of a gateway response points into the OpenAPI document.
    let bad = exported.replace("\"401\"", "\"4O1\"");
    let loaded = document::load(&bad).unwrap();
    let problem = loaded
        .diagnostics()
        .into_iter()
        .find(|d| d.name == "gateway-response-status-code-invalid")
        .expect("the bad status code is found");
    assert_eq!(
        loaded.pointer(&problem),
        "/x-amazon-apigateway-gateway-responses/UNAUTHORIZED/statusCode"
    );
    let at = document::position(&bad, &loaded.pointer(&problem));
    assert!(bad.lines().nth(at.line - 1).unwrap().contains("\"4O1\""), "{at:?}");
}

//! No silent drops on import: everything a file holds either loads or is named in a diagnostic
//! with its JSON Pointer into the file. Each test is one way a file could lose something.

use apigw_core::document::{self, Kind, Loaded};

fn load(text: &str) -> Loaded {
    document::load(text).unwrap_or_else(|e| panic!("does not load: {e}\n{text}"))
}

/// The import diagnostics of a file: `(pointer, code, message)`.
fn reported(text: &str) -> Vec<(String, &'static str, String)> {
    let loaded = load(text);
    loaded
        .import_diagnostics
        .iter()
        .map(|d| (loaded.pointer(d), d.code, d.message.clone()))
        .collect()
}

#[track_caller]
fn names(text: &str, pointer: &str, code: &str, words: &str) {
    let all = reported(text);
    assert!(
        all.iter().any(|(p, c, m)| p == pointer && *c == code && m.contains(words)),
        "expected {code} at {pointer} saying {words:?}; got {all:#?}"
    );
}

#[test]
fn wrong_types_inside_the_integration_extension_are_named() {
    let doc = r#"{"openapi": "3.0.1", "info": {"title": "t"}, "paths": {"/p": {"get": {
        "responses": {"200": {"description": "ok"}},
        "x-amazon-apigateway-integration": {
            "type": "http", "httpMethod": "GET", "uri": "https://example.com",
            "responses": ["not", "an", "object"],
            "requestParameters": {"integration.request.header.a": true, "integration.request.header.b": "method.request.header.b"},
            "requestTemplates": {"application/json": {"a": 1}},
            "passthroughBehavior": ["when_no_match"],
            "timeoutInMillis": "soon"
        }}}}}"#;
    let at = "/paths/~1p/get/x-amazon-apigateway-integration";
    names(doc, &format!("{at}/responses"), "AG701", "must be an object");
    names(
        doc,
        &format!("{at}/requestParameters/integration.request.header.a"),
        "AG701",
        "it is true",
    );
    names(doc, &format!("{at}/requestTemplates/application~1json"), "AG701", "must be text");
    names(doc, &format!("{at}/passthroughBehavior"), "AG701", "it is a list");
    names(doc, &format!("{at}/timeoutInMillis"), "AG701", "a whole number");
    // What was of the right kind loaded; a number where text is expected reads as its text
    // (YAML writes `200` unquoted), and the rules judge it from there.
    let design = load(doc).design;
    let integration = design.method("/p", "GET").unwrap().integration.as_ref().unwrap();
    assert_eq!(integration.request_parameters.len(), 1);
    assert!(integration.request_parameters.contains_key("integration.request.header.b"));
}

#[test]
fn an_integration_response_of_the_wrong_kind_or_a_second_for_one_status_is_named() {
    let doc = r#"{"openapi": "3.0.1", "info": {"title": "t"}, "paths": {"/p": {"get": {
        "x-amazon-apigateway-integration": {"type": "mock", "responses": {
            "default": {"statusCode": "200"},
            "4\\d{2}": {"statusCode": "200"},
            "5\\d{2}": "500",
            "x": {"statusCode": "400", "responseTemplates": {"application/json": [1]}, "extra": true}
        }}}}}}"#;
    let at = "/paths/~1p/get/x-amazon-apigateway-integration/responses";
    names(doc, &format!("{at}/4\\d{{2}}"), "AG701", "both answer with status 200");
    names(doc, &format!("{at}/5\\d{{2}}"), "AG701", "must be an object");
    names(doc, &format!("{at}/x/responseTemplates/application~1json"), "AG701", "must be text");
    names(doc, &format!("{at}/x/extra"), "AG701", "not part of a design");
}

#[test]
fn a_misspelt_extension_is_named_with_the_nearest_known_one() {
    let doc = r#"{"openapi": "3.0.1", "info": {"title": "t"}, "paths": {"/p": {"get": {
        "x-amazon-apigateway-integratoin": {"type": "mock"}}}}}"#;
    names(
        doc,
        "/paths/~1p/get/x-amazon-apigateway-integratoin",
        "AG701",
        "did you mean `x-amazon-apigateway-integration`?",
    );
}

#[test]
fn a_key_written_twice_is_named_in_every_format() {
    // OpenAPI in JSON: two GET methods on one path.
    let doc = "{\"openapi\": \"3.0.1\", \"info\": {\"title\": \"t\"}, \"paths\": {\"/p\": {\n\"get\": {\"operationId\": \"first\"},\n\"get\": {\"operationId\": \"second\"}}}}";
    names(doc, "/paths/~1p/get", "AG702", "line 2 column 1, and again at line 3 column 1");
    assert_eq!(
        load(doc).design.method("/p", "GET").unwrap().operation_name.as_deref(),
        Some("second")
    );
    // OpenAPI in YAML.
    let yaml = "openapi: 3.0.1\ninfo:\n  title: t\npaths:\n  /p:\n    get:\n      operationId: first\n    get:\n      operationId: second\n";
    names(yaml, "/paths/~1p/get", "AG702", "line 6 column 5, and again at line 8 column 5");
    // A YAML flow mapping.
    names(
        "openapi: 3.0.1\ninfo: {title: a, title: b}\npaths: {}\n",
        "/info/title",
        "AG702",
        "written twice",
    );
    // The design document.
    let design = r#"{"format": "apigw-design/1", "resources": {"/a": {}, "/a": {"methods": {}}}}"#;
    names(design, "/resources/~1a", "AG702", "written twice");
    // A plan.
    let plan = r#"{"format": "apigw-plan/1", "calls": [{"operation": "CreateResource", "params": {"restApiId": "@api", "parentId": "@/", "pathPart": "a", "pathPart": "b"}}]}"#;
    names(plan, "/calls/0/params/pathPart", "AG702", "written twice");
    // get-resources output.
    let items = r#"{"items": [{"id": "r", "path": "/", "resourceMethods": {"GET": {}, "GET": {"httpMethod": "GET"}}}]}"#;
    names(items, "/items/0/resourceMethods/GET", "AG702", "written twice");
    // A duplicate is an error: the file does not say which of the two it means.
    assert!(load(items).diagnostics().iter().any(|d| d.code == "AG702" && d.is_error()));
}

#[test]
fn get_resources_whose_ids_disagree_with_the_paths_is_named() {
    let items = r#"{"items": [
        {"id": "root", "path": "/"},
        {"id": "a", "parentId": "root", "pathPart": "a", "path": "/a"},
        {"id": "a", "parentId": "root", "pathPart": "b", "path": "/b"},
        {"id": "self", "parentId": "self", "pathPart": "s", "path": "/s"},
        {"id": "lost", "parentId": "nowhere", "pathPart": "l", "path": "/l"},
        {"id": "wrong", "parentId": "root", "pathPart": "w", "path": "/x/w"},
        {"id": "part", "parentId": "root", "pathPart": "q", "path": "/r"},
        {"id": "c1", "parentId": "c2", "pathPart": "c1", "path": "/c1"},
        {"id": "c2", "parentId": "c1", "pathPart": "c2", "path": "/c1/c2"},
        {"id": "dup", "path": "/a"}
    ]}"#;
    names(items, "/items/2/id", "AG703", "item 1 has the id `a` too");
    names(items, "/items/3/parentId", "AG703", "names itself as its parent");
    names(
        items,
        "/items/4/parentId",
        "AG703",
        "the parent `nowhere` of `/l` is not among the items",
    );
    names(items, "/items/5/parentId", "AG703", "is `/`, not `/x`");
    names(
        items,
        "/items/6/pathPart",
        "AG703",
        "pathPart `q` is not the last part of the path `/r`",
    );
    names(items, "/items/7/parentId", "AG703", "form a cycle");
    names(items, "/items/9/path", "AG701", "item 1 has the path `/a` too");
    // Every resource is still placed by its path.
    let design = load(items).design;
    for path in ["/a", "/b", "/s", "/l", "/x/w", "/r", "/c1", "/c1/c2"] {
        assert!(design.resources.contains_key(path), "{path}");
    }
}

#[test]
fn yaml_documents_after_the_first_are_named() {
    let yaml = "openapi: 3.0.1\ninfo:\n  title: first\npaths: {}\n---\nopenapi: 3.0.1\ninfo:\n  title: second\npaths: {}\n";
    names(
        yaml,
        "",
        "AG701",
        "this file holds 2 YAML documents; only the first was read (the second begins at line 5)",
    );
    assert_eq!(load(yaml).design.api.name, "first");
    // A lone end marker, or a trailing `---` with nothing after it, is one document.
    for one in [
        "openapi: 3.0.1\ninfo: {title: t}\npaths: {}\n...\n",
        "openapi: 3.0.1\ninfo: {title: t}\npaths: {}\n---\n",
    ] {
        assert!(reported(one).iter().all(|(_, _, m)| !m.contains("YAML documents")), "{one}");
    }
}

#[test]
fn a_json_file_that_starts_with_a_byte_order_mark_reads_as_json() {
    for text in [
        "\u{feff}{\"format\": \"apigw-design/1\", \"api\": {\"name\": \"bom\"}}",
        "\u{feff}{\"openapi\": \"3.0.1\", \"info\": {\"title\": \"bom\"}, \"paths\": {}}",
        "\u{feff}openapi: 3.0.1\ninfo:\n  title: bom\npaths: {}\n",
    ] {
        assert_eq!(load(text).design.api.name, "bom", "{text}");
    }
    assert_eq!(load("\u{feff}{\"items\": [{\"path\": \"/\"}]}").kind, Kind::GetResources);
}

#[test]
fn a_quoted_key_in_a_yaml_flow_mapping_is_a_key_not_a_merge() {
    // It was once read as a merge key (`<<`), and its mapping's keys spread into the parent.
    let value = apigw_core::yaml::parse("x: {\"a\": {\"b\": 1}, c: 2}\n").unwrap();
    assert_eq!(value, serde_json::json!({"x": {"a": {"b": 1}, "c": 2}}));
}

#[test]
fn swagger_server_fields_get_a_fix_that_fits_them() {
    let doc = r#"{"swagger": "2.0", "info": {"title": "t"}, "host": "api.example.com", "basePath": "/v1", "schemes": ["https"], "paths": {}}"#;
    let loaded = load(doc);
    let d = loaded.import_diagnostics.iter().find(|d| d.message.contains("`host`")).unwrap();
    assert!(d.message.contains("`basePath`") && d.message.contains("`schemes`"), "{}", d.message);
    assert!(
        d.fix.contains("custom domain name") && d.fix.contains("base path mapping"),
        "{}",
        d.fix
    );
    assert!(!d.message.contains("documentation"), "{}", d.message);
}

#[test]
fn paths_that_cannot_be_resources_are_named_not_half_read() {
    let doc = r#"{"openapi": "3.0.1", "info": {"title": "t"}, "paths": {"/a//b": {}, "pets": {}, "/ok": {}}}"#;
    names(doc, "/paths/~1a~1~1b", "AG701", "has an empty part");
    names(doc, "/paths/pets", "AG701", "must start with `/`");
    let design = load(doc).design;
    assert_eq!(design.resources.keys().collect::<Vec<_>>(), ["/", "/ok"]);
    let long = format!(r#"{{"items": [{{"path": "/{}"}}]}}"#, "a/".repeat(6_000) + "a");
    names(&long, "/items/0/path", "AG701", "longer than the longest URL API Gateway accepts");
    let error = document::load(&format!(
        r#"{{"format": "apigw-design/1", "resources": {{"/{}": {{}}}}}}"#,
        "x".repeat(10_240)
    ))
    .unwrap_err();
    assert!(error.message.contains("10240"), "{error}");
    assert!(error.line > 0);
}

#[test]
fn a_plan_path_part_that_is_not_one_part_is_refused_as_api_gateway_refuses_it() {
    let plan = r#"{"format": "apigw-plan/1", "calls": [
        {"operation": "CreateResource", "params": {"restApiId": "@api", "parentId": "@/", "pathPart": "a/b"}},
        {"operation": "CreateResource", "params": {"restApiId": "@api", "parentId": "@/", "pathPart": ""}}]}"#;
    let loaded = load(plan);
    let pointers: Vec<String> = loaded
        .diagnostics()
        .iter()
        .filter(|d| d.code == "AG603")
        .map(|d| loaded.pointer(d))
        .collect();
    assert_eq!(pointers, ["/calls/0/params/pathPart", "/calls/1/params/pathPart"]);
    assert_eq!(loaded.design.resources.len(), 1);
}

/// A plan that creates one of everything a plan may hold, with every enum and pattern set.
fn every_operation() -> serde_json::Value {
    serde_json::json!({"format": "apigw-plan/1", "calls": [
        {"operation": "CreateAuthorizer", "params": {"restApiId": "@api", "name": "A", "type": "TOKEN",
            "authorizerUri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations",
            "identitySource": "method.request.header.Authorization", "authorizerResultTtlInSeconds": 300}},
        {"operation": "CreateRequestValidator", "params": {"restApiId": "@api", "name": "V", "validateRequestBody": true}},
        {"operation": "CreateModel", "params": {"restApiId": "@api", "name": "Pet", "contentType": "application/json", "schema": "{\"type\": \"object\"}"}},
        {"operation": "PutGatewayResponse", "params": {"restApiId": "@api", "responseType": "DEFAULT_4XX", "statusCode": "400"}},
        {"operation": "CreateResource", "params": {"restApiId": "@api", "parentId": "@/", "pathPart": "pets"}},
        {"operation": "PutMethod", "params": {"restApiId": "@api", "resourceId": "@/pets", "httpMethod": "POST",
            "authorizationType": "CUSTOM", "authorizerId": "@authorizer:A", "apiKeyRequired": true,
            "requestValidatorId": "@validator:V", "requestModels": {"application/json": "Pet"}}},
        {"operation": "PutMethodResponse", "params": {"restApiId": "@api", "resourceId": "@/pets", "httpMethod": "POST", "statusCode": "200"}},
        {"operation": "PutIntegration", "params": {"restApiId": "@api", "resourceId": "@/pets", "httpMethod": "POST",
            "type": "HTTP", "integrationHttpMethod": "POST", "uri": "https://example.com/pets", "connectionType": "INTERNET",
            "passthroughBehavior": "WHEN_NO_MATCH", "contentHandling": "CONVERT_TO_TEXT", "timeoutInMillis": 5000,
            "responseTransferMode": "BUFFERED", "tlsConfig": {"insecureSkipVerification": false}}},
        {"operation": "PutIntegrationResponse", "params": {"restApiId": "@api", "resourceId": "@/pets", "httpMethod": "POST",
            "statusCode": "200", "contentHandling": "CONVERT_TO_TEXT"}}
    ]})
}

/// The errors of `every_operation` with one parameter of one call replaced: `(pointer, code)`.
fn errors_with(call: usize, param: &str, value: serde_json::Value) -> Vec<(String, &'static str)> {
    let mut plan = every_operation();
    plan["calls"][call]["params"][param] = value;
    let loaded = load(&plan.to_string());
    loaded
        .diagnostics()
        .iter()
        .filter(|d| d.severity == apigw_core::diagnostic::Severity::Error)
        .map(|d| (loaded.pointer(d), d.code))
        .collect()
}

#[test]
fn a_plan_of_every_operation_is_clean() {
    let loaded = load(&every_operation().to_string());
    let errors: Vec<_> = loaded
        .diagnostics()
        .iter()
        .filter(|d| d.severity == apigw_core::diagnostic::Severity::Error)
        .map(|d| format!("{} {} {}", loaded.pointer(d), d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Every enum and pattern a plan's calls carry: a value API Gateway's request validation
/// refuses ("Member must satisfy enum value set", "Member must satisfy regular expression
/// pattern") is an error on that very parameter, never taken as some other value. The design
/// rules judge them, once, and point back at the call.
#[test]
fn a_plan_value_outside_an_enum_or_pattern_is_an_error_at_its_parameter() {
    use serde_json::json;
    let cases: &[(usize, &str, serde_json::Value, &str)] = &[
        (0, "type", json!("token"), "AG504"),
        (0, "authorizerResultTtlInSeconds", json!(4000), "AG508"),
        (3, "responseType", json!("default_4xx"), "AG513"),
        (3, "statusCode", json!("600"), "AG514"),
        (5, "authorizationType", json!("custom"), "AG202"),
        (6, "statusCode", json!("20"), "AG401"),
        (7, "type", json!("http"), "AG301"),
        (7, "connectionType", json!("internet"), "AG308"),
        (7, "passthroughBehavior", json!("when_no_match"), "AG317"),
        (7, "contentHandling", json!("CONVERT_TO_JSON"), "AG318"),
        (7, "responseTransferMode", json!("stream"), "AG313"),
        (7, "integrationHttpMethod", json!("post"), "AG303"),
        (7, "timeoutInMillis", json!(10), "AG315"),
        (8, "contentHandling", json!("convert_to_text"), "AG318"),
        (8, "statusCode", json!("2xx"), "AG401"),
        (2, "contentType", json!("json"), "AG530"),
    ];
    for (call, param, value, code) in cases {
        let errors = errors_with(*call, param, value.clone());
        let at = format!("/calls/{call}/params/{param}");
        assert!(
            errors.iter().any(|(p, c)| *p == at && c == code),
            "{param} = {value} in call {call}: expected {code} at {at}; got {errors:?}"
        );
    }
}

/// A value of the wrong JSON type is refused as botocore and the service refuse it, never read
/// as what it looks like: text for a number or a boolean, a number for text, a fraction for
/// an integer, an integer past the service's 32 bits.
#[test]
fn a_plan_value_of_the_wrong_type_is_refused_not_converted() {
    use serde_json::json;
    let cases: &[(usize, &str, serde_json::Value)] = &[
        (7, "timeoutInMillis", json!("5000")),
        (7, "timeoutInMillis", json!(5000.5)),
        (7, "timeoutInMillis", json!(4_294_967_296_i64)),
        (0, "authorizerResultTtlInSeconds", json!("300")),
        (5, "apiKeyRequired", json!("true")),
        (5, "apiKeyRequired", json!(1)),
        (1, "validateRequestBody", json!("false")),
        (6, "statusCode", json!(200)),
        (7, "type", json!(null)),
        (7, "tlsConfig", json!({"insecureSkipVerification": "yes"})),
        (5, "requestParameters", json!({"method.request.header.a": "true"})),
        (7, "cacheKeyParameters", json!("method.request.header.a")),
    ];
    for (call, param, value) in cases {
        let errors = errors_with(*call, param, value.clone());
        let at = format!("/calls/{call}/params/{param}");
        assert!(
            errors.iter().any(|(p, c)| *p == at && *c == "AG603"),
            "{param} = {value} in call {call}: expected AG603 at {at}; got {errors:?}"
        );
    }
}

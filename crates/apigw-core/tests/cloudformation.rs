//! CloudFormation both ways: every fixture (the project's designs, every rule fixture, and
//! AWS's OpenAPI exports from ../shared, imported first and skipped with a notice when absent)
//! goes design → template (JSON and YAML) → design unchanged; intrinsic functions read from a
//! template are kept, leave the rules quiet and are written back; what a template holds that a
//! design does not is named; bad templates are errors with a line and column.

use apigw_core::cloudformation::{self, is_expression};
use apigw_core::document::{self, Kind};
use apigw_core::model::Design;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, pick: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| pick(p)).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// Every design fixture: fixtures/designs, the rule fixtures, AWS's OpenAPI exports imported.
fn fixtures() -> Vec<(String, Design)> {
    let mut out = Vec::new();
    let json = |p: &Path| p.extension().is_some_and(|e| e == "json");
    for path in files(&root().join("fixtures/designs"), json) {
        let text = std::fs::read_to_string(&path).unwrap();
        out.push((path.display().to_string(), document::load(&text).unwrap().design));
    }
    for dir in files(&root().join("crates/apigw-core/tests/rules"), |p| p.is_dir()) {
        for path in files(&dir, json) {
            let text = std::fs::read_to_string(&path).unwrap();
            // Rule fixtures of readers (plans, OpenAPI) are imported first, as a user would.
            if let Ok(loaded) = document::load(&text) {
                out.push((path.display().to_string(), loaded.design));
            }
        }
    }
    let shared = root().join("../shared/fixtures/openapi");
    if shared.is_dir() {
        for path in files(&shared, |p| p.is_file()) {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), document::load(&text).unwrap().design));
        }
    } else {
        println!("notice: {} is absent; AWS's OpenAPI exports skipped", shared.display());
    }
    out.push(("the example".into(), apigw_core::example::petstore()));
    out
}

fn reload(text: &str) -> document::Loaded {
    let loaded = document::load(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(loaded.kind, Kind::CloudFormation);
    loaded
}

#[test]
fn every_fixture_round_trips_through_json_and_yaml() {
    let fixtures = fixtures();
    assert!(fixtures.len() > 100, "{} fixtures", fixtures.len());
    for (name, mut design) in fixtures {
        // A method's saved test request is the designer's own input: AWS exports leave it out.
        design.clear_test_requests();
        for text in [cloudformation::to_json(&design), cloudformation::to_yaml(&design)] {
            let loaded = reload(&text);
            assert_eq!(loaded.design, design, "{name}\n{text}");
            // Nothing of our own template is reported as left out.
            assert!(
                loaded.import_diagnostics.is_empty(),
                "{name}: {:?}",
                loaded.import_diagnostics
            );
            // YAML reads back the same value as JSON.
            let json: Value = serde_json::from_str(&cloudformation::to_json(&design)).unwrap();
            let (value, _) = document::parse_value(&text).unwrap();
            assert_eq!(value, json, "{name}");
        }
    }
}

#[test]
fn the_template_has_the_resources_and_references_cloudformation_needs() {
    let design = apigw_core::example::petstore();
    let template = cloudformation::export(&design).template;
    assert_eq!(template["AWSTemplateFormatVersion"], "2010-09-09");
    let resources = template["Resources"].as_object().unwrap();
    for id in resources.keys() {
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()) && id.len() <= 255, "{id}");
    }
    assert_eq!(resources["RestApi"]["Type"], "AWS::ApiGateway::RestApi");
    let pets = &resources["ResourcePets"]["Properties"];
    assert_eq!(pets["ParentId"], json!({"Fn::GetAtt": ["RestApi", "RootResourceId"]}));
    assert_eq!(pets["RestApiId"], json!({"Ref": "RestApi"}));
    let pet = &resources["ResourcePetsPetId"]["Properties"];
    assert_eq!(pet["ParentId"], json!({"Ref": "ResourcePets"}));
    assert_eq!(pet["PathPart"], "{petId}");
    let get = &resources["MethodPetsGET"]["Properties"];
    assert_eq!(get["ResourceId"], json!({"Ref": "ResourcePets"}));
    assert_eq!(get["HttpMethod"], "GET");
    assert!(get["Integration"]["Type"].is_string());
    assert_eq!(template["Outputs"]["RestApiId"]["Value"], json!({"Ref": "RestApi"}));
}

fn lambda_design() -> Design {
    let text = std::fs::read_to_string(root().join("fixtures/designs/lambda-proxy.json")).unwrap();
    document::load(&text).unwrap().design
}

#[test]
fn each_lambda_function_gets_one_permission_narrowed_where_one_method_calls_it() {
    let mut design = lambda_design();
    let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:only-one/invocations";
    let method = apigw_core::model::Method {
        integration: Some(apigw_core::model::Integration {
            integration_type: "AWS_PROXY".into(),
            integration_http_method: Some("POST".into()),
            uri: Some(uri.into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    design.resources.insert("/one/{id}".into(), Default::default());
    design.resources.get_mut("/one/{id}").unwrap().methods.insert("DELETE".into(), method);
    design.fill_ancestors();
    let template = cloudformation::export(&design).template;
    let permissions: Vec<&Value> = template["Resources"]
        .as_object()
        .unwrap()
        .values()
        .filter(|r| r["Type"] == "AWS::Lambda::Permission")
        .collect();
    let functions: Vec<&Value> =
        permissions.iter().map(|p| &p["Properties"]["FunctionName"]).collect();
    let mut distinct = functions.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), functions.len(), "one permission per function");
    let one = permissions
        .iter()
        .find(|p| {
            p["Properties"]["FunctionName"]
                == "arn:aws:lambda:us-east-1:123456789012:function:only-one"
        })
        .expect("a permission for only-one");
    assert_eq!(one["Properties"]["Principal"], "apigateway.amazonaws.com");
    assert_eq!(one["Properties"]["Action"], "lambda:InvokeFunction");
    assert_eq!(
        one["Properties"]["SourceArn"],
        json!({"Fn::Join": ["", [
            {"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${RestApi}/*/"},
            "DELETE/one/*"
        ]]})
    );
}

const WITH_INTRINSICS: &str = r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage:
    Type: String
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: !Sub "${AWS::StackName}-api"
      EndpointConfiguration:
        Types: [REGIONAL]
  Items:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: items
  Item:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !Ref Items
      PathPart: "{id}"
  GetItem:
    Type: AWS::ApiGateway::Method
    DependsOn: Fn
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Item
      HttpMethod: GET
      AuthorizationType: NONE
      RequestParameters:
        method.request.path.id: true
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"
        TimeoutInMillis: !Ref Timeout
        ConnectionId: !ImportValue shared-vpc-link
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Fn.Arn
      Principal: apigateway.amazonaws.com
"#;

#[test]
fn intrinsics_are_kept_quiet_and_written_back() {
    // The crate's YAML reader takes the short forms (`!Sub`) as tagged values; a template
    // written with long forms reads the same.
    let long = WITH_INTRINSICS
        .replace("!Sub \"${AWS::StackName}-api\"", "{\"Fn::Sub\": \"${AWS::StackName}-api\"}")
        .replace("!Ref Api", "{\"Ref\": \"Api\"}")
        .replace("!GetAtt Api.RootResourceId", "{\"Fn::GetAtt\": [Api, RootResourceId]}")
        .replace("!Ref Items", "{\"Ref\": \"Items\"}")
        .replace("!Ref Item\n", "{\"Ref\": \"Item\"}\n")
        .replace(
            "!Sub \"arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations\"",
            "{\"Fn::Sub\": \"arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations\"}",
        )
        .replace("!Ref Timeout", "{\"Ref\": \"Timeout\"}")
        .replace("!ImportValue shared-vpc-link", "{\"Fn::ImportValue\": shared-vpc-link}")
        .replace("!GetAtt Fn.Arn", "{\"Fn::GetAtt\": [Fn, Arn]}");
    for text in [WITH_INTRINSICS.to_string(), long] {
        let loaded = reload(&text);
        let design = &loaded.design;
        assert_eq!(design.api.name, "${AWS::StackName}-api");
        let method = design.method("/items/{id}", "GET").expect("the method");
        let integration = method.integration.as_ref().unwrap();
        assert_eq!(
            integration.uri.as_deref(),
            Some(
                "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"
            )
        );
        assert_eq!(integration.timeout_in_millis, None);
        assert_eq!(
            integration.connection_id.as_deref(),
            Some(r#"{"Fn::ImportValue":"shared-vpc-link"}"#)
        );
        // Each is named at its place in the file, as known only at deploy time.
        let messages: Vec<String> = loaded
            .import_diagnostics
            .iter()
            .map(|d| format!("{} {}", loaded.pointer(d), d.message))
            .collect();
        for at in [
            "/Resources/Api/Properties/Name",
            "/Resources/GetItem/Properties/Integration/Uri",
            "/Resources/GetItem/Properties/Integration/TimeoutInMillis",
            "/Resources/GetItem/Properties/Integration/ConnectionId",
        ] {
            assert!(
                messages
                    .iter()
                    .any(|m| m.starts_with(at) && m.contains("known only at deploy time")),
                "{at} in {messages:#?}"
            );
        }
        // The function and DependsOn are named; our own kind of permission is not.
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("/Resources ") && m.contains("Fn (AWS::Lambda::Function)")),
            "{messages:#?}"
        );
        assert!(!messages.iter().any(|m| m.contains("Permission (")), "{messages:#?}");
        assert!(messages.iter().any(|m| m.contains("DependsOn")), "{messages:#?}");
        // The rules do not judge an expression's text: no error about the URI or the link.
        let errors: Vec<_> = loaded.diagnostics().into_iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        // Written back as the same expressions, with the parameters.
        let template = cloudformation::export(design).template;
        let m = &template["Resources"]["MethodItemsIdGET"]["Properties"]["Integration"];
        assert_eq!(
            m["Uri"],
            json!({"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"})
        );
        assert_eq!(m["TimeoutInMillis"], json!({"Ref": "Timeout"}));
        assert_eq!(m["ConnectionId"], json!({"Fn::ImportValue": "shared-vpc-link"}));
        assert_eq!(
            template["Resources"]["RestApi"]["Properties"]["Name"],
            json!({"Fn::Sub": "${AWS::StackName}-api"})
        );
        assert_eq!(template["Parameters"]["Stage"]["Type"], "String");
        let permission = template["Resources"]
            .as_object()
            .unwrap()
            .values()
            .find(|r| r["Type"] == "AWS::Lambda::Permission")
            .expect("a permission");
        assert_eq!(permission["Properties"]["FunctionName"], json!({"Fn::GetAtt": ["Fn", "Arn"]}));
        // And the design round-trips again, through both forms.
        for again in [cloudformation::to_json(design), cloudformation::to_yaml(design)] {
            assert_eq!(&reload(&again).design, design);
        }
        // Once edited, a field holds a value of its own: written as such, and judged again.
        let mut edited = design.clone();
        let i = edited.method_mut("/items/{id}", "GET").unwrap().integration.as_mut().unwrap();
        i.uri = Some("not a uri".into());
        let template = cloudformation::export(&edited).template;
        assert_eq!(
            template["Resources"]["MethodItemsIdGET"]["Properties"]["Integration"]["Uri"],
            "not a uri"
        );
        assert!(apigw_core::validate(&edited).iter().any(|d| d.is_error()));
    }
}

#[test]
fn bad_templates_are_errors_with_a_line_and_column() {
    let cases = [
        ("AWSTemplateFormatVersion: '2010-09-09'\nResources: []\n", "no `Resources` object"),
        (
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n",
            "no AWS::ApiGateway::RestApi",
        ),
        (
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Api:\n    Properties: {}\n",
            "no `Type`",
        ),
        (
            "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"Api\": 3}}",
            "must be an object",
        ),
        ("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Api: [\n", ""),
    ];
    for (text, words) in cases {
        let error = document::load(text).expect_err(text);
        assert!(error.line > 0 && error.column > 0, "{text}: {error}");
        assert!(error.message.contains(words), "{text}: {error}");
        assert!(!error.message.contains("serde") && !error.message.contains("Value"), "{error}");
    }
}

#[test]
fn what_a_design_does_not_carry_is_named_and_broken_trees_are_reported() {
    let text = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Transform": "AWS::Serverless-2016-10-31",
        "Resources": {
            "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "x", "Policy": {}}},
            "Orphan": {"Type": "AWS::ApiGateway::Resource", "Properties": {
                "RestApiId": {"Ref": "Api"}, "ParentId": {"Ref": "Nowhere"}, "PathPart": "a"}},
            "Loop1": {"Type": "AWS::ApiGateway::Resource", "Properties": {
                "RestApiId": {"Ref": "Api"}, "ParentId": {"Ref": "Loop2"}, "PathPart": "b"}},
            "Loop2": {"Type": "AWS::ApiGateway::Resource", "Properties": {
                "RestApiId": {"Ref": "Api"}, "ParentId": {"Ref": "Loop1"}, "PathPart": "c"}},
            "Deployment": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": {"Ref": "Api"}}},
            "Sam": {"Type": "AWS::Serverless::Api", "Properties": {}},
            "Get": {"Type": "AWS::ApiGateway::Method", "Properties": {
                "RestApiId": {"Ref": "Api"}, "ResourceId": {"Ref": "Orphan"}, "HttpMethod": "GET"}}
        }
    })
    .to_string();
    let loaded = reload(&text);
    let said: Vec<String> = loaded
        .import_diagnostics
        .iter()
        .map(|d| format!("{} {} {}", d.code, loaded.pointer(d), d.message))
        .collect();
    let has = |at: &str, words: &str| said.iter().any(|s| s.contains(at) && s.contains(words));
    assert!(has("/Transform", "not imported"), "{said:#?}");
    assert!(has("/Resources/Api/Properties/Policy", "not part of a design"), "{said:#?}");
    assert!(has("/Resources/Orphan/Properties/ParentId", "not imported"), "{said:#?}");
    assert!(has("/Resources/Loop1/Properties/ParentId", "not imported"), "{said:#?}");
    assert!(has("/Resources/Get/Properties/ResourceId", "not imported"), "{said:#?}");
    assert!(
        has("/Resources ", "Deployment (AWS::ApiGateway::Deployment), Sam (AWS::Serverless::Api)"),
        "{said:#?}"
    );
    assert_eq!(loaded.design.api.endpoint_type, "EDGE", "CloudFormation's default");
    assert_eq!(loaded.design.resources.len(), 1);
}

#[test]
fn hostile_names_stay_values() {
    let corpus: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/hostile/corpus.json")).unwrap(),
    )
    .unwrap();
    for value in corpus["values"].as_array().unwrap() {
        let value = value.as_str().unwrap();
        let hostile = format!("{value}${{AWS::Region}}\"'\n\u{0}$(touch x)");
        let mut design = apigw_core::example::petstore();
        design.api.name = hostile.clone();
        design.api.description = Some(hostile.clone());
        let part: String = hostile.replace('/', "_");
        let path = format!("/{part}");
        let mut method = design.method("/pets", "GET").unwrap().clone();
        method.operation_name = Some(hostile.clone());
        if let Some(i) = method.integration.as_mut() {
            i.request_templates.insert(hostile.clone(), hostile.clone());
        }
        design.resources.insert(path.clone(), Default::default());
        design.resources.get_mut(&path).unwrap().methods.insert("GET".into(), method);
        design.authorizers.insert(hostile.clone(), Default::default());
        design.models.insert(hostile.clone(), Default::default());
        for text in [cloudformation::to_json(&design), cloudformation::to_yaml(&design)] {
            let (template, _) = document::parse_value(&text).unwrap();
            for (id, resource) in template["Resources"].as_object().unwrap() {
                assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()), "{id:?}");
                // No user text inside an expression: every Fn::Sub is ours.
                let mut stack = vec![resource];
                while let Some(v) = stack.pop() {
                    if is_expression(v) {
                        if let Some(Value::String(sub)) = v.get("Fn::Sub") {
                            assert!(
                                !sub.contains(value)
                                    || value.is_empty()
                                    || value.len() < 2 && sub.contains(value),
                                "{sub}"
                            );
                            assert!(!sub.contains("$(touch"), "{sub}");
                        }
                    }
                    match v {
                        Value::Object(o) => stack.extend(o.values()),
                        Value::Array(a) => stack.extend(a),
                        _ => {}
                    }
                }
            }
            assert_eq!(reload(&text).design, design, "{value:?}");
        }
    }
}

#[test]
fn kept_expressions_the_template_cannot_place_ride_in_metadata() {
    let mut design = apigw_core::example::petstore();
    let values = &mut design.deploy_time_values;
    values.insert("/api/restApiId".into(), r#"{"Ref":"Id"}"#.into());
    values.insert("/api/name".into(), r#"{ "Ref": "Spaced" }"#.into());
    values.insert("/nowhere".into(), "not json".into());
    values.insert("Parameters".into(), "[]".into());
    for text in [cloudformation::to_json(&design), cloudformation::to_yaml(&design)] {
        assert_eq!(reload(&text).design, design, "{text}");
    }
    let template = cloudformation::export(&design).template;
    assert_eq!(template["Resources"]["RestApi"]["Properties"]["Name"], design.api.name.as_str());
}

/// A name that reads as a CloudFormation function (a map's one key `Ref` or `Fn::…`) is never
/// written where CloudFormation would run it: the map and the stages ride in Metadata as text,
/// and the design comes back whole.
#[test]
fn names_that_read_as_functions_stay_text() {
    let mut design = apigw_core::example::petstore();
    let method = design.method_mut("/pets/{petId}", "GET").unwrap();
    let integration = method.integration.as_mut().unwrap();
    integration.request_parameters = [("Fn::Join".to_string(), "'x'".to_string())].into();
    method.request_parameters = [("Ref".to_string(), true)].into();
    design.stages.insert(
        "dev".into(),
        apigw_core::model::Stage {
            description: None,
            variables: [("Fn::ImportValue".to_string(), "v".to_string())].into(),
        },
    );
    for text in [cloudformation::to_json(&design), cloudformation::to_yaml(&design)] {
        let (value, _) = apigw_core::document::parse_value(&text).unwrap();
        fn no_function_of_ours(value: &serde_json::Value) -> bool {
            match value {
                serde_json::Value::Object(o) => {
                    !o.keys().any(|k| k == "Fn::Join" || k == "Fn::ImportValue")
                        && !o.get("Ref").is_some_and(|r| r == true)
                        && o.values().all(no_function_of_ours)
                }
                serde_json::Value::Array(a) => a.iter().all(no_function_of_ours),
                _ => true,
            }
        }
        assert!(no_function_of_ours(&value), "{text}");
        assert_eq!(reload(&text).design, design, "{text}");
    }
}

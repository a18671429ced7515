//! The seeds the fuzzer starts from: the project's fixtures, files derived from them with
//! apigw-core's own writers (plans, get-resources output, OpenAPI in JSON and YAML), generated
//! designs, and a few hand-written files for what the fixtures lack (YAML anchors, merge keys
//! and block scalars; the wire form of get-resources).
//!
//! Every seed is classified by what `document::load` reads it as, so that each target draws from
//! the files it is meant for.

use crate::yaml_out;
use apigw_core::document::{self, Kind};
use apigw_core::model::Design;
use apigw_core::{cloudformation, generate, openapi, path, plan};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

/// What a seed is, and so which targets draw from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SeedKind {
    Design,
    Plan,
    GetResources,
    OpenApiJson,
    OpenApiYaml,
    /// Anything `document::load` refuses.
    Other,
    /// A CloudFormation template, in JSON or YAML.
    CloudFormation,
}

impl SeedKind {
    /// Every kind, in the order of [`SeedKind::index`].
    pub const ALL: [SeedKind; 7] = [
        SeedKind::Design,
        SeedKind::Plan,
        SeedKind::GetResources,
        SeedKind::OpenApiJson,
        SeedKind::OpenApiYaml,
        SeedKind::Other,
        SeedKind::CloudFormation,
    ];

    /// The position of the kind in [`SeedKind::ALL`], for per-kind tables.
    pub fn index(self) -> usize {
        match self {
            SeedKind::Design => 0,
            SeedKind::Plan => 1,
            SeedKind::GetResources => 2,
            SeedKind::OpenApiJson => 3,
            SeedKind::OpenApiYaml => 4,
            SeedKind::Other => 5,
            SeedKind::CloudFormation => 6,
        }
    }

    /// Whether mutants of this kind are written back as YAML rather than JSON.
    pub fn is_yaml(self) -> bool {
        self == SeedKind::OpenApiYaml
    }
}

/// One seed: where it came from, what it is, and its bytes.
#[derive(Clone, Debug)]
pub struct Seed {
    pub name: String,
    pub kind: SeedKind,
    pub bytes: Vec<u8>,
}

/// All seeds, and the notices to print about folders that were missing.
#[derive(Debug, Default)]
pub struct Corpus {
    pub seeds: Vec<Seed>,
    pub notices: Vec<String>,
}

impl Corpus {
    /// How many seeds there are of each kind, for the banner.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        for kind in SeedKind::ALL {
            let count = self.seeds.iter().filter(|s| s.kind == kind).count();
            parts.push(format!("{count} {kind:?}"));
        }
        parts.join(", ")
    }

    fn add(&mut self, name: impl Into<String>, text: String) {
        let kind = classify(&text);
        self.seeds.push(Seed { name: name.into(), kind, bytes: text.into_bytes() });
    }

    /// Adds a design as a design document, a plan, get-resources output and OpenAPI (JSON, and
    /// YAML in both string styles when `yaml` is set).
    fn add_design(&mut self, name: &str, design: &Design, yaml: bool) {
        self.add(format!("{name} (design)"), document::design_to_string(design));
        let calls = plan::build(design);
        self.add(format!("{name} (plan)"), plan::to_plan_json(&design.api, &calls));
        self.add(format!("{name} (get-resources)"), get_resources_json(design));
        let export = openapi::export(design);
        if yaml {
            if let Ok(value) = serde_json::from_str::<Value>(&export) {
                self.add(format!("{name} (OpenAPI YAML)"), yaml_out::to_yaml(&value, false));
                self.add(format!("{name} (OpenAPI YAML, plain)"), yaml_out::to_yaml(&value, true));
            }
        }
        self.add(format!("{name} (OpenAPI)"), export);
        self.add(format!("{name} (CloudFormation)"), cloudformation::to_json(design));
        if yaml {
            self.add(format!("{name} (CloudFormation YAML)"), cloudformation::to_yaml(design));
        }
    }
}

/// What `document::load` reads a text as; YAML OpenAPI is told apart from JSON OpenAPI by its
/// first character.
pub fn classify(text: &str) -> SeedKind {
    match document::load(text) {
        Ok(loaded) => match loaded.kind {
            Kind::Design => SeedKind::Design,
            Kind::Plan => SeedKind::Plan,
            Kind::GetResources => SeedKind::GetResources,
            Kind::OpenApi if text.trim_start().starts_with('{') => SeedKind::OpenApiJson,
            Kind::OpenApi => SeedKind::OpenApiYaml,
            Kind::CloudFormation => SeedKind::CloudFormation,
        },
        Err(_) => SeedKind::Other,
    }
}

/// The files of a folder, sorted by name; None when the folder cannot be read.
fn files_in(dir: &Path) -> Option<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).ok()?;
    let mut files: Vec<PathBuf> =
        entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    Some(files)
}

/// The files of the folders of a folder (`tests/rules/*/*`), sorted.
fn files_in_subfolders(dir: &Path) -> Option<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).ok()?;
    let mut folders: Vec<PathBuf> =
        entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    folders.sort();
    Some(folders.iter().filter_map(|f| files_in(f)).flatten().collect())
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e))
}

/// Reads every seed: the fixtures under `root`, the files derived from the fixture designs, two
/// generated designs (from `seed`) in every form, and the hand-written ones.
pub fn load(root: &Path, seed: u64) -> Corpus {
    let mut corpus = Corpus::default();
    let folders: [(PathBuf, bool, &[&str]); 4] = [
        (root.join("fixtures/designs"), false, &["json"]),
        (root.join("fixtures/openapi"), false, &["json", "yaml", "yml"]),
        (root.join("crates/apigw-core/tests/rules"), true, &["json"]),
        (root.join("../shared/fixtures/openapi"), false, &["json", "yaml", "yml"]),
    ];
    for (dir, nested, extensions) in folders {
        let files = if nested { files_in_subfolders(&dir) } else { files_in(&dir) };
        let Some(files) = files else {
            let shown = dir.canonicalize().unwrap_or(dir);
            corpus
                .notices
                .push(format!("notice: {} is absent; going on without its seeds", shown.display()));
            continue;
        };
        for file in files.iter().filter(|f| has_extension(f, extensions)) {
            let Ok(text) = std::fs::read_to_string(file) else { continue };
            let name = file.strip_prefix(root).unwrap_or(file).display().to_string();
            corpus.add(name, text);
        }
    }

    // Every design seed in the other forms: the rule fixtures are small designs that break one
    // rule each, which makes varied plans, get-resources output and OpenAPI documents.
    let designs: Vec<(String, Design)> = corpus
        .seeds
        .iter()
        .filter(|s| s.kind == SeedKind::Design)
        .filter_map(|s| {
            let text = String::from_utf8_lossy(&s.bytes);
            document::load(&text).ok().map(|loaded| (s.name.clone(), loaded.design))
        })
        .collect();
    for (i, (name, design)) in designs.iter().enumerate() {
        // YAML for every fourth one only, so that the YAML pool is not all rule fixtures.
        corpus.add_design(name, design, i % 4 == 0);
    }
    for offset in 0..2 {
        let s = seed.wrapping_add(offset);
        let design = generate::generate(40, s);
        corpus.add_design(&format!("generate(40, {s})"), &design, true);
    }
    // The OpenAPI JSON files, in YAML as people write it.
    let openapi_json: Vec<(String, Vec<u8>)> = corpus
        .seeds
        .iter()
        .filter(|s| s.kind == SeedKind::OpenApiJson && !s.name.contains('('))
        .map(|s| (s.name.clone(), s.bytes.clone()))
        .collect();
    for (name, bytes) in openapi_json {
        if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
            corpus.add(format!("{name} (as YAML)"), yaml_out::to_yaml(&value, true));
        }
    }
    for (name, text) in HAND_WRITTEN {
        corpus.add(*name, (*text).to_string());
    }
    corpus
}

/// What `aws apigateway get-resources --embed methods` would print for a design (boto3's
/// `items`): ids made up from the order of the paths, methods in their wire form.
pub fn get_resources_json(design: &Design) -> String {
    let ids: Map<String, Value> = design
        .resources
        .keys()
        .enumerate()
        .map(|(i, p)| (p.clone(), Value::String(format!("r{i:04}"))))
        .collect();
    let mut items = Vec::new();
    for (p, resource) in &design.resources {
        let mut item = Map::new();
        item.insert("id".into(), ids.get(p).cloned().unwrap_or(Value::Null));
        if let Some(parent) = path::parent(p).and_then(|parent| ids.get(parent)) {
            item.insert("parentId".into(), parent.clone());
        }
        item.insert("path".into(), json!(p));
        if p != "/" {
            item.insert("pathPart".into(), json!(path::path_part(p)));
        }
        let mut methods = Map::new();
        for (verb, method) in &resource.methods {
            let Ok(Value::Object(mut wire)) = serde_json::to_value(method) else { continue };
            wire.insert("httpMethod".into(), json!(verb));
            rename(&mut wire, "authorizer", "authorizerId");
            rename(&mut wire, "requestValidator", "requestValidatorId");
            add_status_codes(&mut wire, "methodResponses");
            if let Some(Value::Object(mut integration)) = wire.remove("integration") {
                rename(&mut integration, "integrationHttpMethod", "httpMethod");
                add_status_codes(&mut integration, "integrationResponses");
                wire.insert("methodIntegration".into(), Value::Object(integration));
            }
            methods.insert(verb.clone(), Value::Object(wire));
        }
        if !methods.is_empty() {
            item.insert("resourceMethods".into(), Value::Object(methods));
        }
        items.push(Value::Object(item));
    }
    let text = serde_json::to_string_pretty(&json!({ "items": items })).unwrap_or_default();
    text + "\n"
}

fn rename(map: &mut Map<String, Value>, from: &str, to: &str) {
    if let Some(value) = map.remove(from) {
        map.insert(to.into(), value);
    }
}

/// The wire form repeats each response's status code inside it.
fn add_status_codes(map: &mut Map<String, Value>, key: &str) {
    if let Some(Value::Object(responses)) = map.get_mut(key) {
        for (status, response) in responses.iter_mut() {
            if let Value::Object(response) = response {
                response.insert("statusCode".into(), json!(status));
            }
        }
    }
}

/// Seeds for what the fixtures do not show: YAML's anchors, aliases, merge keys, block scalars,
/// flow collections, tags and comments in an OpenAPI document; Swagger 2.0 in YAML; and the raw
/// wire answer of get-resources (`item`).
const HAND_WRITTEN: &[(&str, &str)] = &[
    (
        "hand-written OpenAPI 3.0 YAML with anchors",
        r#"# An OpenAPI document that uses the YAML features people use.
openapi: 3.0.1
info: {title: Anchors, version: "1.0"}
x-common: &integration
  type: http_proxy
  httpMethod: ANY
  passthroughBehavior: when_no_match
paths:
  /pets/{petId}:
    get:
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: >-
            A pet,
            folded onto one line.
      x-amazon-apigateway-integration:
        <<: *integration
        uri: "https://example.com/pets/{petId}"
        requestParameters:
          integration.request.path.petId: method.request.path.petId
    x-amazon-apigateway-any-method:
      responses: {default: {description: !!str any}}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            {"statusCode": 200}
  /{proxy+}:
    x-amazon-apigateway-any-method:
      x-amazon-apigateway-integration: *integration
components:
  schemas:
    Pet: &pet
      type: object
      properties:
        id: {type: integer}
        name: {type: string}
    Pets:
      type: array
      items: {$ref: '#/components/schemas/Pet'}
"#,
    ),
    (
        "hand-written Swagger 2.0 YAML",
        r#"swagger: '2.0'
info:
  title: Swagger YAML
  version: '1'
basePath: /v1
securityDefinitions:
  api_key: {type: apiKey, name: x-api-key, in: header}
  authorizer:
    type: apiKey
    name: Authorization
    in: header
    x-amazon-apigateway-authtype: custom
    x-amazon-apigateway-authorizer:
      type: token
      authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
      authorizerResultTtlInSeconds: 300
paths:
  /items:
    post:
      security: [{authorizer: []}]
      parameters:
        - in: body
          name: body
          schema: {$ref: '#/definitions/Item'}
      responses:
        '201': {description: created, headers: {Location: {type: string}}}
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:items/invocations
definitions:
  Item:
    type: object
    properties:
      id: {type: string}
"#,
    ),
    (
        "hand-written get-resources wire answer",
        r#"{"item": [
  {"id": "abc123", "path": "/"},
  {"id": "def456", "parentId": "abc123", "path": "/orders", "pathPart": "orders",
   "resourceMethods": {"GET": {"httpMethod": "GET", "authorizationType": "CUSTOM",
     "authorizerId": "zz9", "apiKeyRequired": true,
     "requestParameters": {"method.request.querystring.page": false},
     "methodResponses": {"200": {"statusCode": "200",
       "responseParameters": {"method.response.header.X-Id": true}}},
     "methodIntegration": {"type": "HTTP", "httpMethod": "GET", "uri": "https://example.com/orders",
       "timeoutInMillis": 29000, "cacheKeyParameters": [], "cacheNamespace": "def456",
       "integrationResponses": {"200": {"statusCode": "200", "selectionPattern": "2\\d{2}",
         "responseParameters": {"method.response.header.X-Id": "integration.response.header.id"}}}}}}}
]}
"#,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_seeds() {
        let corpus = load(&crate::workspace_root(), 1);
        for kind in SeedKind::ALL {
            if kind == SeedKind::Other {
                continue;
            }
            assert!(corpus.seeds.iter().any(|s| s.kind == kind), "no {kind:?} seed");
        }
        let hand_written =
            corpus.seeds.iter().filter(|s| s.name.starts_with("hand-written")).collect::<Vec<_>>();
        assert_eq!(hand_written.len(), 3);
        assert!(hand_written.iter().all(|s| s.kind != SeedKind::Other), "{hand_written:?}");
    }
}

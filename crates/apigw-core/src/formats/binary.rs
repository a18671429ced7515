//! The design in a compact binary form, for the browser's storage.
//!
//! The browser keeps the design between visits, and reads it back before the first paint.
//! JSON is slow to read there (a 3,000-method design took about 80 ms to parse cold, most of
//! it the engine running serde_json's code before it had optimised it), and large: the binary
//! form is a few small loops over bytes, with no text to tokenise and nothing to look up.
//!
//! The layout: the magic `APIGWD`, a version byte, then the design field by field in the
//! model's order. Texts and lists are a length (LEB128) and their items; an optional value is a
//! byte (0 or 1) and the value; a whole number is a zigzag LEB128. Maps are written in key
//! order. Reading checks every length against what is left, refuses trailing bytes, and checks
//! resource paths as the design document's reader does, so bytes from anywhere are a
//! [`LoadError`], never a panic. The design document (JSON) stays the exchange format: this
//! form is private to the browser's storage and may change with [`VERSION`]; a design stored
//! by an earlier layout still reads.
//!
//! Layouts: 1 has no gateway responses; 2 adds them after the models; 3 adds each resource's
//! live id (an optional text) after its path; 4 adds the stages (description, variables) after
//! the gateway responses, and the values known only at deploy time (a map of texts) after the
//! resources; 5 adds each method's saved test request (optional) after its integration.

use crate::load_error::LoadError;
use crate::map::Map;
use crate::model::*;
use std::collections::BTreeMap;

const MAGIC: &[u8] = b"APIGWD";
/// The layout's version, which [`encode`] writes. [`decode`] reads it and every earlier one,
/// and refuses any other.
pub const VERSION: u8 = 5;

/// The first layout with gateway responses.
const GATEWAY_RESPONSES_SINCE: u8 = 2;

/// The first layout with resources' live ids.
const RESOURCE_IDS_SINCE: u8 = 3;

/// The first layout with values known only at deploy time.
const DEPLOY_TIME_VALUES_SINCE: u8 = 4;
/// The first layout with stages.
const STAGES_SINCE: u8 = 4;
/// The first layout with methods' saved test requests.
const TEST_REQUESTS_SINCE: u8 = 5;

/// The design, encoded.
pub fn encode(design: &Design) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(4096));
    w.0.extend_from_slice(MAGIC);
    w.0.push(VERSION);
    let api = &design.api;
    w.text(&api.name);
    w.opt(&api.description);
    w.text(&api.endpoint_type);
    w.opt(&api.rest_api_id);
    w.opt(&api.api_key_source);
    w.list(&api.binary_media_types);
    w.map(&design.authorizers, |w, a| {
        w.text(&a.authorizer_type);
        w.list(&a.provider_arns);
        w.opt(&a.auth_type);
        w.opt(&a.authorizer_uri);
        w.opt(&a.authorizer_credentials);
        w.opt(&a.identity_source);
        w.opt(&a.identity_validation_expression);
        w.opt_number(a.authorizer_result_ttl_in_seconds);
    });
    w.map(&design.request_validators, |w, v| {
        w.flag(v.validate_request_body);
        w.flag(v.validate_request_parameters);
    });
    w.map(&design.models, |w, m| {
        w.text(&m.content_type);
        w.text(&m.schema);
        w.opt(&m.description);
    });
    w.map(&design.gateway_responses, |w, g| {
        w.opt(&g.status_code);
        w.map(&g.response_parameters, |w, s| w.text(s));
        w.map(&g.response_templates, |w, s| w.text(s));
    });
    w.map(&design.stages, |w, s| {
        w.opt(&s.description);
        w.map(&s.variables, |w, v| w.text(v));
    });
    w.count(design.resources.len());
    for (path, resource) in &design.resources {
        w.text(path);
        w.opt(&resource.id);
        w.map(&resource.methods, write_method);
    }
    w.map(&design.deploy_time_values, |w, s| w.text(s));
    w.0
}

fn write_method(w: &mut Writer, m: &Method) {
    w.text(&m.authorization_type);
    w.opt(&m.authorizer);
    w.flag(m.api_key_required);
    w.opt(&m.operation_name);
    w.map(&m.request_parameters, |w, b| w.flag(*b));
    w.map(&m.request_models, |w, s| w.text(s));
    w.opt(&m.request_validator);
    w.list(&m.authorization_scopes);
    w.map(&m.method_responses, |w, r| {
        w.map(&r.response_parameters, |w, b| w.flag(*b));
        w.map(&r.response_models, |w, s| w.text(s));
    });
    match &m.integration {
        None => w.flag(false),
        Some(i) => {
            w.flag(true);
            write_integration(w, i);
        }
    }
    match &m.test_request {
        None => w.flag(false),
        Some(t) => {
            w.flag(true);
            write_test_request(w, t);
        }
    }
}

fn write_test_request(w: &mut Writer, t: &TestRequest) {
    w.map(&t.path_parameters, |w, s| w.text(s));
    w.text(&t.query_string);
    w.text(&t.headers);
    w.map(&t.stage_variables, |w, s| w.text(s));
    w.text(&t.body);
    match &t.backend {
        None => w.flag(false),
        Some(b) => {
            w.flag(true);
            w.count(usize::from(b.status));
            w.text(&b.headers);
            w.text(&b.body);
            w.opt(&b.error);
        }
    }
}

fn write_integration(w: &mut Writer, i: &Integration) {
    w.text(&i.integration_type);
    w.opt(&i.integration_http_method);
    w.opt(&i.uri);
    w.opt(&i.connection_type);
    w.opt(&i.connection_id);
    w.opt(&i.credentials);
    w.map(&i.request_parameters, |w, s| w.text(s));
    w.map(&i.request_templates, |w, s| w.text(s));
    w.opt(&i.passthrough_behavior);
    w.opt(&i.cache_namespace);
    w.list(&i.cache_key_parameters);
    w.opt(&i.content_handling);
    w.opt_number(i.timeout_in_millis);
    match &i.tls_config {
        None => w.flag(false),
        Some(t) => {
            w.flag(true);
            w.flag(t.insecure_skip_verification);
        }
    }
    w.opt(&i.response_transfer_mode);
    w.opt(&i.integration_target);
    w.map(&i.integration_responses, |w, r| {
        w.opt(&r.selection_pattern);
        w.map(&r.response_parameters, |w, s| w.text(s));
        w.map(&r.response_templates, |w, s| w.text(s));
        w.opt(&r.content_handling);
    });
}

/// Reads what [`encode`] wrote.
pub fn decode(bytes: &[u8]) -> Result<Design, LoadError> {
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return Err(LoadError::new("not a stored design (its first bytes are not apigw's)"));
    };
    let mut r = Reader { bytes: rest, at: 0, failure: None };
    let version = r.byte();
    if !(1..=VERSION).contains(&version) {
        return Err(LoadError::new(format!(
            "a stored design of layout {version}, which this version of apigw does not read (it reads 1 to {VERSION})"
        )));
    }
    let api = ApiSettings {
        name: r.text(),
        description: r.opt(),
        endpoint_type: r.text(),
        rest_api_id: r.opt(),
        api_key_source: r.opt(),
        binary_media_types: r.list(),
    };
    let authorizers = r.map(|r| Authorizer {
        authorizer_type: r.text(),
        provider_arns: r.list(),
        auth_type: r.opt(),
        authorizer_uri: r.opt(),
        authorizer_credentials: r.opt(),
        identity_source: r.opt(),
        identity_validation_expression: r.opt(),
        authorizer_result_ttl_in_seconds: r.opt_number(),
    });
    let request_validators = r.map(|r| RequestValidator {
        validate_request_body: r.flag(),
        validate_request_parameters: r.flag(),
    });
    let models =
        r.map(|r| Model { content_type: r.text(), schema: r.text(), description: r.opt() });
    let gateway_responses = if version >= GATEWAY_RESPONSES_SINCE {
        r.map(|r| GatewayResponse {
            status_code: r.opt(),
            response_parameters: r.map(Reader::text),
            response_templates: r.map(Reader::text),
        })
    } else {
        Map::new()
    };
    let stages = if version >= STAGES_SINCE {
        r.map(|r| Stage { description: r.opt(), variables: r.map(Reader::text) })
    } else {
        Map::new()
    };
    let mut resources = BTreeMap::new();
    for _ in 0..r.count() {
        let path = r.text();
        if r.failure.is_none() {
            if let Some(problem) = crate::path::key_problem(&path) {
                r.fail(format!("a bad path: {problem}"));
            }
        }
        let id = if version >= RESOURCE_IDS_SINCE { r.opt() } else { None };
        resources.insert(path, Resource { id, methods: r.map(|r| read_method(r, version)) });
    }
    let deploy_time_values =
        if version >= DEPLOY_TIME_VALUES_SINCE { r.map(Reader::text) } else { Map::new() };
    if r.at != r.bytes.len() {
        r.fail("bytes after its end".into());
    }
    if let Some(failure) = r.failure {
        return Err(LoadError::new(format!("a stored design with {failure}")));
    }
    let mut design = Design {
        api,
        authorizers,
        request_validators,
        models,
        gateway_responses,
        stages,
        resources,
        deploy_time_values,
    };
    design.fill_ancestors();
    Ok(design)
}

fn read_method(r: &mut Reader, version: u8) -> Method {
    Method {
        authorization_type: r.text(),
        authorizer: r.opt(),
        api_key_required: r.flag(),
        operation_name: r.opt(),
        request_parameters: r.map(Reader::flag),
        request_models: r.map(Reader::text),
        request_validator: r.opt(),
        authorization_scopes: r.list(),
        method_responses: r.map(|r| MethodResponse {
            response_parameters: r.map(Reader::flag),
            response_models: r.map(Reader::text),
        }),
        integration: if r.flag() { Some(read_integration(r)) } else { None },
        test_request: if version >= TEST_REQUESTS_SINCE && r.flag() {
            Some(Box::new(read_test_request(r)))
        } else {
            None
        },
    }
}

fn read_test_request(r: &mut Reader) -> TestRequest {
    TestRequest {
        path_parameters: r.map(Reader::text),
        query_string: r.text(),
        headers: r.text(),
        stage_variables: r.map(Reader::text),
        body: r.text(),
        backend: if r.flag() {
            Some(TestBackend {
                status: r.status(),
                headers: r.text(),
                body: r.text(),
                error: r.opt(),
            })
        } else {
            None
        },
    }
}

fn read_integration(r: &mut Reader) -> Integration {
    Integration {
        integration_type: r.text(),
        integration_http_method: r.opt(),
        uri: r.opt(),
        connection_type: r.opt(),
        connection_id: r.opt(),
        credentials: r.opt(),
        request_parameters: r.map(Reader::text),
        request_templates: r.map(Reader::text),
        passthrough_behavior: r.opt(),
        cache_namespace: r.opt(),
        cache_key_parameters: r.list(),
        content_handling: r.opt(),
        timeout_in_millis: r.opt_number(),
        tls_config: if r.flag() {
            Some(TlsConfig { insecure_skip_verification: r.flag() })
        } else {
            None
        },
        response_transfer_mode: r.opt(),
        integration_target: r.opt(),
        integration_responses: r.map(|r| IntegrationResponse {
            selection_pattern: r.opt(),
            response_parameters: r.map(Reader::text),
            response_templates: r.map(Reader::text),
            content_handling: r.opt(),
        }),
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn count(&mut self, mut n: usize) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn text(&mut self, text: &str) {
        self.count(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn flag(&mut self, flag: bool) {
        self.0.push(u8::from(flag));
    }

    fn opt(&mut self, text: &Option<String>) {
        match text {
            None => self.flag(false),
            Some(text) => {
                self.flag(true);
                self.text(text);
            }
        }
    }

    fn opt_number(&mut self, number: Option<i64>) {
        match number {
            None => self.flag(false),
            Some(n) => {
                self.flag(true);
                // Zigzag: small numbers of either sign stay small.
                self.count(((n << 1) ^ (n >> 63)) as u64 as usize);
            }
        }
    }

    fn list(&mut self, items: &[String]) {
        self.count(items.len());
        for item in items {
            self.text(item);
        }
    }

    fn map<V>(&mut self, map: &Map<String, V>, mut value: impl FnMut(&mut Writer, &V)) {
        self.count(map.len());
        for (key, v) in map {
            self.text(key);
            value(self, v);
        }
    }
}

/// Reads the bytes. A read past the end or of a bad value records the first failure and
/// answers an empty value, so reading goes on to the end without an early exit at every field
/// (which would be code to drop each half-built value, at every field, in the browser's
/// bundle); `decode` then reports the failure. Every count is checked against the bytes left,
/// so a broken count ends reading at once.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    failure: Option<String>,
}

impl Reader<'_> {
    #[cold]
    #[inline(never)]
    fn fail(&mut self, what: String) {
        self.failure.get_or_insert(what);
        // Nothing more is read.
        self.at = self.bytes.len();
    }

    #[inline(never)]
    fn byte(&mut self) -> u8 {
        match self.bytes.get(self.at) {
            Some(&byte) => {
                self.at += 1;
                byte
            }
            None => {
                self.fail("an end that comes too early".into());
                0
            }
        }
    }

    #[inline(never)]
    fn varint(&mut self) -> u64 {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte();
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return value;
            }
        }
        self.fail("a number too large".into());
        0
    }

    /// A count of items, each at least one byte: never more than the bytes left.
    #[inline(never)]
    fn count(&mut self) -> usize {
        let n = self.varint();
        if n > (self.bytes.len() - self.at) as u64 {
            self.fail("an end that comes too early".into());
            return 0;
        }
        n as usize
    }

    #[inline(never)]
    fn text(&mut self) -> String {
        let len = self.count();
        let bytes = &self.bytes[self.at..self.at + len];
        self.at += len;
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => {
                self.fail("text that is not UTF-8".into());
                String::new()
            }
        }
    }

    #[inline(never)]
    fn flag(&mut self) -> bool {
        match self.byte() {
            0 => false,
            1 => true,
            _ => {
                self.fail("a flag that is neither 0 nor 1".into());
                false
            }
        }
    }

    #[inline(never)]
    fn opt(&mut self) -> Option<String> {
        self.flag().then(|| self.text())
    }

    #[inline(never)]
    fn opt_number(&mut self) -> Option<i64> {
        if !self.flag() {
            return None;
        }
        let zigzag = self.varint();
        Some(((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64))
    }

    /// An HTTP status (a `u16`).
    fn status(&mut self) -> u16 {
        let n = self.varint();
        u16::try_from(n).unwrap_or_else(|_| {
            self.fail("a status code too large".into());
            0
        })
    }

    #[inline(never)]
    fn list(&mut self) -> Vec<String> {
        (0..self.count()).map(|_| self.text()).collect()
    }

    fn map<V>(&mut self, mut value: impl FnMut(&mut Self) -> V) -> Map<String, V> {
        let n = self.count();
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            let key = self.text();
            entries.push((key, value(self)));
        }
        entries.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_survives_and_every_number() {
        let design = crate::schema::sample_design();
        assert_eq!(decode(&encode(&design)).unwrap(), design);
        let mut design = crate::example::petstore();
        for ttl in [0, 1, -1, 63, -64, 300, i64::MAX, i64::MIN] {
            design.authorizers.entry("a".into()).or_default().authorizer_result_ttl_in_seconds =
                Some(ttl);
            assert_eq!(decode(&encode(&design)).unwrap(), design, "{ttl}");
        }
        let big = crate::generate::generate(500, 3);
        assert_eq!(decode(&encode(&big)).unwrap(), big);
    }

    #[test]
    fn any_bytes_are_an_error_or_a_design_never_a_panic() {
        let bytes = encode(&crate::example::petstore());
        // Every prefix, and every byte changed in turn.
        for end in 0..bytes.len() {
            assert!(decode(&bytes[..end]).is_err(), "a prefix of {end} bytes");
        }
        for i in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[i] ^= 0x5a;
            let _ = decode(&changed);
        }
        assert!(decode(b"APIGWD\x09").unwrap_err().message.contains("layout 9"));
        assert!(decode(b"APIGWD\x00").unwrap_err().message.contains("layout 0"));
        let mut trailing = bytes;
        trailing.push(0);
        assert!(decode(&trailing).is_err());
    }

    /// The design that [`V1_BYTES`] holds.
    fn stored_by_layout_1() -> Design {
        let mut d = Design::named("Stored before gateway responses");
        d.api.description = Some("kept".into());
        d.authorizers.insert(
            "Auth".into(),
            Authorizer {
                authorizer_type: "TOKEN".into(),
                authorizer_uri: Some("arn:x".into()),
                authorizer_result_ttl_in_seconds: Some(300),
                ..Default::default()
            },
        );
        d.request_validators.insert(
            "body".into(),
            RequestValidator { validate_request_body: true, validate_request_parameters: false },
        );
        d.models.insert("Pet".into(), Model::default());
        let mut m = Method { request_validator: Some("body".into()), ..Method::default() };
        m.method_responses.insert("200".into(), MethodResponse::default());
        let mut i = Integration { integration_type: "MOCK".into(), ..Default::default() };
        i.request_templates.insert("application/json".into(), "{\"statusCode\": 200}".into());
        i.integration_responses.insert("200".into(), IntegrationResponse::default());
        m.integration = Some(i);
        d.resources.insert(
            "/pets".into(),
            Resource { id: None, methods: [("GET".to_string(), m)].into_iter().collect() },
        );
        d
    }

    /// What layout 1 (before gateway responses) wrote for [`stored_by_layout_1`], kept as it
    /// was written then: a browser may hold such a design.
    const V1_BYTES: &str = "415049475744011f53746f726564206265666f7265206761746577617920726573706f6e73657301046b65707408524547494f4e414c00000001044175746805544f4b454e0000010561726e3a7800000001d8040104626f647901000103506574106170706c69636174696f6e2f6a736f6e167b0a20202274797065223a20226f626a656374220a7d0002012f00052f706574730103474554044e4f4e4500000000000104626f6479000103323030000001044d4f434b00000000000001106170706c69636174696f6e2f6a736f6e137b22737461747573436f6465223a203230307d0000000000000000010332303000000000";

    fn from_hex(hex: &str) -> Vec<u8> {
        (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn a_design_stored_by_layout_1_still_reads() {
        let bytes = from_hex(V1_BYTES);
        assert_eq!(bytes[MAGIC.len()], 1);
        let design = decode(&bytes).unwrap();
        assert_eq!(design, stored_by_layout_1());
        assert!(design.gateway_responses.is_empty());
        // Written again, it is in the current layout, and reads back the same.
        let again = encode(&design);
        assert_eq!(again[MAGIC.len()], VERSION);
        assert_eq!(decode(&again).unwrap(), design);
        // Every prefix of the old bytes is still an error.
        for end in 0..bytes.len() {
            assert!(decode(&bytes[..end]).is_err(), "a prefix of {end} bytes");
        }
    }

    #[test]
    fn gateway_responses_survive() {
        let mut design = stored_by_layout_1();
        let mut cors = GatewayResponse::default();
        cors.response_parameters
            .insert("gatewayresponse.header.Access-Control-Allow-Origin".into(), "'*'".into());
        cors.response_templates
            .insert("application/json".into(), "{\"message\":$context.error.messageString}".into());
        design.gateway_responses.insert("DEFAULT_4XX".into(), cors);
        design.gateway_responses.insert(
            "UNAUTHORIZED".into(),
            GatewayResponse { status_code: Some("401".into()), ..Default::default() },
        );
        assert_eq!(decode(&encode(&design)).unwrap(), design);
    }

    /// The design that [`V2_BYTES`] holds.
    fn stored_by_layout_2() -> Design {
        let mut d = Design::named("Stored before live ids");
        let mut r = GatewayResponse { status_code: Some("404".into()), ..Default::default() };
        r.response_parameters.insert("gatewayresponse.header.X-Kept".into(), "'yes'".into());
        d.gateway_responses.insert("MISSING_AUTHENTICATION_TOKEN".into(), r);
        let m = Method { operation_name: Some("ListPets".into()), ..Default::default() };
        d.resources.insert(
            "/pets".into(),
            Resource { id: None, methods: [("GET".to_string(), m)].into_iter().collect() },
        );
        d.resources.insert("/pets/{petId}".into(), Resource::default());
        d
    }

    /// What layout 2 (before resources' live ids) wrote for [`stored_by_layout_2`], kept as it
    /// was written then.
    const V2_BYTES: &str = "415049475744021653746f726564206265666f7265206c697665206964730008524547494f4e414c000000000000011c4d495353494e475f41555448454e5449434154494f4e5f544f4b454e0103343034011d67617465776179726573706f6e73652e6865616465722e582d4b6570740527796573270003012f00052f706574730103474554044e4f4e45000001084c697374506574730000000000000d2f706574732f7b70657449647d00";

    #[test]
    fn a_design_stored_by_layout_2_still_reads_without_ids() {
        let bytes = from_hex(V2_BYTES);
        assert_eq!(bytes[MAGIC.len()], 2);
        let design = decode(&bytes).unwrap();
        assert_eq!(design, stored_by_layout_2());
        assert!(design.resources.values().all(|r| r.id.is_none()));
        for end in 0..bytes.len() {
            assert!(decode(&bytes[..end]).is_err(), "a prefix of {end} bytes");
        }
    }

    #[test]
    fn resources_live_ids_survive() {
        let mut design = stored_by_layout_2();
        design.resources.get_mut("/").unwrap().id = Some("r00t1d".into());
        design.resources.get_mut("/pets").unwrap().id = Some("a1b2c3".into());
        let bytes = encode(&design);
        assert_eq!(bytes[MAGIC.len()], VERSION);
        let back = decode(&bytes).unwrap();
        assert_eq!(back, design);
        assert_eq!(back.resources["/pets/{petId}"].id, None);
    }

    #[test]
    fn deploy_time_values_survive() {
        let mut design = stored_by_layout_2();
        design.resources.get_mut("/pets").unwrap().id = Some("a1b2c3".into());
        design.deploy_time_values.insert(
            "/resources/~1pets/methods/GET/operationName".into(),
            r#"{"Ref":"OperationName"}"#.into(),
        );
        assert_eq!(decode(&encode(&design)).unwrap(), design);
    }

    /// The design that [`V3_BYTES`] holds.
    fn stored_by_layout_3() -> Design {
        let mut d = Design::named("Stored before stages");
        let mut i = Integration { integration_type: "HTTP_PROXY".into(), ..Default::default() };
        i.integration_http_method = Some("GET".into());
        i.uri = Some("http://${stageVariables.backend}/pets".into());
        let m = Method { integration: Some(i), ..Default::default() };
        d.resources.insert(
            "/pets".into(),
            Resource {
                id: Some("p3ts".into()),
                methods: [("GET".to_string(), m)].into_iter().collect(),
            },
        );
        d
    }

    /// What layout 3 (before stages) wrote for [`stored_by_layout_3`], kept as it was written
    /// then.
    const V3_BYTES: &str = "415049475744031453746f726564206265666f7265207374616765730008524547494f4e414c0000000000000002012f0000052f706574730104703374730103474554044e4f4e450000000000000000010a485454505f50524f585901034745540125687474703a2f2f247b73746167655661726961626c65732e6261636b656e647d2f706574730000000000000000000000000000";

    #[test]
    fn a_design_stored_by_layout_3_still_reads_without_stages() {
        let bytes = from_hex(V3_BYTES);
        assert_eq!(bytes[MAGIC.len()], 3);
        let design = decode(&bytes).unwrap();
        assert_eq!(design, stored_by_layout_3());
        assert!(design.stages.is_empty());
        for end in 0..bytes.len() {
            assert!(decode(&bytes[..end]).is_err(), "a prefix of {end} bytes");
        }
    }

    #[test]
    fn stages_survive() {
        let mut design = stored_by_layout_3();
        let mut dev = Stage { description: Some("for tests".into()), ..Default::default() };
        dev.variables.insert("backend".into(), "api.example.com".into());
        dev.variables.insert("alias".into(), "v2".into());
        design.stages.insert("dev".into(), dev);
        design.stages.insert("prod".into(), Stage::default());
        let bytes = encode(&design);
        assert_eq!(bytes[MAGIC.len()], VERSION);
        assert_eq!(decode(&bytes).unwrap(), design);
        for end in 0..bytes.len() {
            assert!(decode(&bytes[..end]).is_err(), "a prefix of {end} bytes");
        }
    }

    /// The design that [`V4_BYTES`] holds.
    fn stored_by_layout_4() -> Design {
        let mut d = Design::named("Stored before test requests");
        let mut dev = Stage { description: Some("dev".into()), ..Default::default() };
        dev.variables.insert("backend".into(), "api.example.com".into());
        d.stages.insert("dev".into(), dev);
        let mut i = Integration { integration_type: "MOCK".into(), ..Default::default() };
        i.request_templates.insert("application/json".into(), "{\"statusCode\": 200}".into());
        let m = Method { integration: Some(i), ..Default::default() };
        d.resources.insert(
            "/pets".into(),
            Resource { id: None, methods: [("GET".to_string(), m)].into_iter().collect() },
        );
        d
    }

    /// What layout 4 (before saved test requests) wrote for [`stored_by_layout_4`], kept as
    /// it was written then.
    const V4_BYTES: &str = "415049475744041b53746f726564206265666f726520746573742072657175657374730008524547494f4e414c000000000000000103646576010364657601076261636b656e640f6170692e6578616d706c652e636f6d02012f0000052f70657473000103474554044e4f4e45000000000000000001044d4f434b00000000000001106170706c69636174696f6e2f6a736f6e137b22737461747573436f6465223a203230307d00000000000000000000";

    #[test]
    fn a_design_stored_by_layout_4_still_reads_without_test_requests() {
        let bytes = from_hex(V4_BYTES);
        assert_eq!(bytes[MAGIC.len()], 4);
        let design = decode(&bytes).unwrap();
        assert_eq!(design, stored_by_layout_4());
        assert!(design.method("/pets", "GET").unwrap().test_request.is_none());
        for end in 0..bytes.len() {
            assert!(decode(&bytes[..end]).is_err(), "a prefix of {end} bytes");
        }
    }

    #[test]
    fn test_requests_survive() {
        let mut design = stored_by_layout_4();
        let mut first = TestRequest {
            query_string: "a=1&a=2&b=".into(),
            headers: "Accept: application/json\nX-Trace: <b>\u{2028}".into(),
            body: "{\"name\": \"Rex\"}".into(),
            ..Default::default()
        };
        first.path_parameters.insert("petId".into(), "7".into());
        first.stage_variables.insert("backend".into(), "api.example.com".into());
        let method = design.method_mut("/pets", "GET").unwrap();
        method.test_request = Some(Box::new(first.clone()));
        let bytes = encode(&design);
        assert_eq!(bytes[MAGIC.len()], VERSION);
        assert_eq!(decode(&bytes).unwrap(), design);
        // With a back end's answer, a failed Lambda function's included, and every status.
        for (status, error) in [(200, None), (502, Some("boom")), (0, Some("")), (u16::MAX, None)] {
            let backend = TestBackend {
                status,
                headers: "Content-Type: text/plain".into(),
                body: "ok".into(),
                error: error.map(String::from),
            };
            let with = TestRequest { backend: Some(backend), ..first.clone() };
            design.method_mut("/pets", "GET").unwrap().test_request = Some(Box::new(with));
            let bytes = encode(&design);
            assert_eq!(decode(&bytes).unwrap(), design, "{status}");
            for end in 0..bytes.len() {
                assert!(decode(&bytes[..end]).is_err(), "a prefix of {end} bytes");
            }
        }
        // An empty test request is kept as one, not dropped.
        design.method_mut("/pets", "GET").unwrap().test_request = Some(Box::default());
        assert_eq!(decode(&encode(&design)).unwrap(), design);
    }

    #[test]
    fn a_status_past_the_largest_is_an_error() {
        let mut design = stored_by_layout_4();
        let backend = TestBackend { status: 0x7fff, ..Default::default() };
        design.method_mut("/pets", "GET").unwrap().test_request =
            Some(Box::new(TestRequest { backend: Some(backend), ..Default::default() }));
        let bytes = encode(&design);
        // 0x7fff is ff ff 01 in LEB128; 0x1ffff (ff ff 07) is past a u16.
        let at = bytes.windows(3).position(|w| w == [0xff, 0xff, 0x01]).unwrap();
        let mut changed = bytes;
        changed[at + 2] = 0x07;
        let error = decode(&changed).unwrap_err();
        assert!(error.message.contains("status code too large"), "{}", error.message);
    }
}

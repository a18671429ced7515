//! The mutator: turns a seed into a new input by byte-level, token-level and structure-aware
//! changes.
//!
//! - Byte level: flip a bit, set or insert bytes, delete, duplicate or splice in a range.
//! - Token level (JSON and YAML): insert or swap in syntax (`{`, `: `, `&a`, `<<:`, `---`, `|`,
//!   `!!str`, tabs, unicode escapes such as `\ud800`, `1e999`, very long numbers…), edit whole
//!   lines (duplicate, delete, swap, re-indent), which is how YAML breaks, and now and then
//!   append a ladder of doubling YAML aliases.
//! - Structure: parse the seed into a `serde_json::Value`, change the tree (another type, a
//!   dictionary string from API Gateway's vocabulary, a deleted, renamed or duplicated key, a
//!   100,000-character string, nesting of up to 300 levels, a `$ref`, a subtree of another seed),
//!   and write it back as JSON (compact or pretty) or, for YAML seeds, as YAML.
//!
//! Every choice comes from the [`Rng`], so the same seed gives the same inputs.

use crate::MAX_INPUT;
use crate::corpus::SeedKind;
use crate::rng::Rng;
use crate::yaml_out;
use serde_json::{Map, Number, Value};

/// Strings of API Gateway's vocabulary, and strings that break naive code, swapped into keys and
/// values by the structure-aware mutations.
pub const DICTIONARY: &[&str] = &[
    "GET",
    "ANY",
    "POST",
    "OPTIONS",
    "HEAD",
    "get",
    "any",
    "FETCH",
    "{proxy+}",
    "/{proxy+}",
    "/",
    "//",
    "",
    "{a}{b}",
    "/a/",
    "/a//b",
    "/a/{b}/{b}",
    "/{a+}/b",
    "/pets/{petId}",
    "a,b",
    "AWS",
    "AWS_PROXY",
    "HTTP",
    "HTTP_PROXY",
    "MOCK",
    "VPC_LINK",
    "INTERNET",
    "NONE",
    "AWS_IAM",
    "CUSTOM",
    "COGNITO_USER_POOLS",
    "TOKEN",
    "REQUEST",
    "EDGE",
    "REGIONAL",
    "PRIVATE",
    "HEADER",
    "AUTHORIZER",
    "STREAM",
    "BUFFERED",
    "CONVERT_TO_TEXT",
    "CONVERT_TO_BINARY",
    "WHEN_NO_MATCH",
    "when_no_templates",
    "method.request.path.x",
    "method.request.querystring.q",
    "method.request.header.y",
    "method.request.multivaluequerystring.",
    "integration.request.header.y",
    "integration.request.path.x",
    "method.response.header.Access-Control-Allow-Origin",
    "integration.response.body.$.x",
    "context.requestId",
    "stageVariables.v",
    "'*'",
    "'",
    "200",
    "2xx",
    "default",
    "599",
    "099",
    "-1",
    "2\\d{2}",
    "([",
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/x/invocations",
    "arn:aws:apigateway:us-east-1:s3:path/bucket/{key}",
    "arn:aws:apigateway:us-east-1:dynamodb:action/PutItem",
    "arn:aws:iam::123456789012:role/x",
    "arn:aws:iam::*:user/*",
    "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x",
    "https://example.com/{x}",
    "http://",
    "@api",
    "@/pets",
    "@/",
    "@",
    "@/{proxy+}",
    "$(touch x)",
    "`id`",
    "'; rm -rf / #",
    "\n",
    "\r\n",
    "\u{0}",
    "\u{2028}",
    "\u{feff}",
    "\u{7f}",
    "é",
    "😀",
    "\u{10ffff}",
    "~",
    "~1",
    "a~0b/c",
    "#/components/schemas/Pet",
    "#/definitions/Pet",
    "#/",
    "#",
    "application/json",
    "*/*",
    "text/html",
    "application/x-www-form-urlencoded",
    "$input.json('$')",
    "#set($x = 1)",
    "$ref",
    "<<",
    "2.0",
    "3.0.1",
    "3.1.0",
    "1.0",
    "apigw-design/1",
    "apigw-plan/1",
    "format",
    "openapi",
    "swagger",
    "items",
    "item",
    "paths",
    "resources",
    "methods",
    "calls",
    "operation",
    "params",
    "x-amazon-apigateway-any-method",
    "x-amazon-apigateway-integration",
    "x-amazon-apigateway-authorizer",
    "x-amazon-apigateway-request-validators",
    "x-amazon-apigateway-request-validator",
    "x-amazon-apigateway-binary-media-types",
    "x-amazon-apigateway-gateway-responses",
    "CreateResource",
    "PutMethod",
    "PutIntegration",
    "PutMethodResponse",
    "PutIntegrationResponse",
    "CreateAuthorizer",
    "CreateModel",
    "CreateRequestValidator",
    "CreateDeployment",
    "UpdateMethod",
    "DeleteResource",
    "restApiId",
    "resourceId",
    "parentId",
    "pathPart",
    "httpMethod",
    "statusCode",
];

/// Syntax that the token-level mutations insert.
pub const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ": ",
    ",",
    "-",
    "- ",
    "&a",
    "&a ",
    "*a",
    "*a ",
    "<<:",
    "<<: *a",
    "---",
    "---\n",
    "...",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "!!str",
    "!!str ",
    "!!binary ",
    "!local ",
    "!<tag:yaml.org,2002:str> ",
    "|",
    "|-",
    "|+",
    "|2",
    ">",
    ">-",
    "? ",
    "#",
    " #",
    "'",
    "''",
    "%YAML 1.2\n",
    "null",
    "~",
    "true",
    "false",
    "1e999",
    "-1e999",
    "-0",
    "-0.0",
    "0x1F",
    "0o17",
    ".inf",
    ".nan",
    "1_000",
    "+1",
    "0777",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890.5e-3",
    "\\ud800",
    "\\udc00",
    "\\ud800\\u0041",
    "\\ud83d\\ude00",
    "\\u0000",
    "\\uffff",
    "\\u00",
    "\\x41",
    "\\",
    "\\\"",
    "\\U0001F600",
    "\\N",
    "\\_",
    "\u{feff}",
    "\u{2028}",
    "\u{0}",
    "é",
    "{}",
    "[]",
    "\"\"",
    "{\"\":{}}",
    " ",
    "  ",
    "\n  ",
    "\n    ",
    "\n- ",
    "\n  - ",
    "@api",
    "{proxy+}",
    "$ref",
];

/// Numbers that sit on edges: zero, signs, the integer limits, what f64 cannot hold exactly,
/// and API Gateway's limits (29,000 ms, 3,600 s).
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "-0.0",
    "0.5",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "9007199254740993",
    "1e308",
    "5e-324",
    "29000",
    "30000",
    "300000",
    "3600",
    "3601",
    "50",
    "2147483648",
];

/// The mutator: the random source and the dictionary (the fixed one plus the keys and short
/// strings of the corpus).
pub struct Mutator {
    rng: Rng,
    words: Vec<String>,
}

impl Mutator {
    /// A mutator whose choices are fixed by `seed`, with `harvested` words added to the
    /// dictionary.
    pub fn new(seed: u64, harvested: Vec<String>) -> Mutator {
        let mut words: Vec<String> = DICTIONARY.iter().map(|w| w.to_string()).collect();
        words.extend(harvested);
        words.sort();
        words.dedup();
        Mutator { rng: Rng::new(seed), words }
    }

    /// How many words the dictionary holds.
    pub fn dictionary_len(&self) -> usize {
        self.words.len()
    }

    /// A new input made from `input` (a seed of `kind`), with `donor` (another seed) as the
    /// source of spliced material. The result is at most [`MAX_INPUT`] bytes.
    pub fn mutate(&mut self, input: &[u8], kind: SeedKind, donor: &[u8]) -> Vec<u8> {
        let mut out = match self.rng.below(10) {
            0..=3 => self.structured(input, kind, donor).unwrap_or_else(|| self.tokens(input)),
            4..=6 => self.tokens(input),
            7..=8 => self.bytes(input, donor),
            _ => {
                let first = self.structured(input, kind, donor).unwrap_or_else(|| input.to_vec());
                if self.rng.one_in(2) { self.tokens(&first) } else { self.bytes(&first, donor) }
            }
        };
        out.truncate(MAX_INPUT);
        out
    }

    fn word(&mut self) -> String {
        let index = self.rng.below(self.words.len());
        self.words.get(index).cloned().unwrap_or_default()
    }

    // Byte level.

    /// One to four byte-level changes.
    pub fn bytes(&mut self, input: &[u8], donor: &[u8]) -> Vec<u8> {
        let mut data = input.to_vec();
        for _ in 0..self.rng.range(1, 4) {
            self.byte_op(&mut data, donor);
        }
        data
    }

    fn byte_op(&mut self, data: &mut Vec<u8>, donor: &[u8]) {
        let len = data.len();
        let at = self.rng.below(len + 1);
        match self.rng.below(9) {
            0 if len > 0 => {
                let i = self.rng.below(len);
                data[i] ^= 1 << self.rng.below(8);
            }
            1 if len > 0 => {
                let i = self.rng.below(len);
                data[i] = self.rng.byte();
            }
            2 => {
                let count = self.rng.range(1, 8);
                let bytes: Vec<u8> = (0..count).map(|_| self.rng.byte()).collect();
                data.splice(at..at, bytes);
            }
            3 if len > 0 => {
                let end = (at + self.rng.range(1, (len / 4).max(1))).min(len);
                data.drain(at.min(end)..end);
            }
            4 if len > 0 => {
                // Duplicate a range somewhere else.
                let start = self.rng.below(len);
                let end = (start + self.rng.range(1, 256)).min(len);
                let piece = data[start..end].to_vec();
                data.splice(at..at, piece);
            }
            5 if !donor.is_empty() => {
                // Splice in a range of another seed.
                let start = self.rng.below(donor.len());
                let end = (start + self.rng.range(1, 512)).min(donor.len());
                if self.rng.one_in(3) {
                    data.truncate(at);
                    data.extend_from_slice(&donor[start..]);
                } else {
                    data.splice(at..at, donor[start..end].iter().copied());
                }
            }
            6 => {
                const SPECIAL: &[u8] = &[0x00, 0xff, 0x80, 0xc3, 0xed, 0x7f, 0x0b, 0x0c, 0x85];
                let byte = self.rng.pick(SPECIAL).copied().unwrap_or(0);
                data.insert(at, byte);
            }
            7 if len > 0 => data.truncate(at),
            _ => {
                let token = self.rng.pick(TOKENS).copied().unwrap_or("{");
                data.splice(at..at, token.bytes());
            }
        }
    }

    // Token level.

    /// One to four token-level changes.
    pub fn tokens(&mut self, input: &[u8]) -> Vec<u8> {
        let mut data = input.to_vec();
        // Rare: until apigw-core bounds alias expansion by size, a long ladder exhausts memory
        // and costs the run a worker.
        if !data.starts_with(b"{") && self.rng.one_in(2000) {
            self.alias_ladder(&mut data);
            return data;
        }
        for _ in 0..self.rng.range(1, 4) {
            self.token_op(&mut data);
        }
        data
    }

    /// YAML only: appends top-level keys that anchor a string and then alias it in sequences
    /// that double at each level (`ladder1: &ladder1 [*ladder0, *ladder0]`…), the shape of the
    /// "billion laughs" attack, with a random number of levels and a string length spread
    /// evenly over the powers of two up to 16,384 (so that most ladders are cheap).
    fn alias_ladder(&mut self, data: &mut Vec<u8>) {
        let len = (1_usize << self.rng.below(15)) + self.rng.below(64);
        let levels = self.rng.range(1, 20);
        let mut text = format!("\nladder0: &ladder0 \"{}\"\n", "x".repeat(len));
        for i in 1..=levels {
            let previous = i - 1;
            text.push_str(&format!(
                "ladder{i}: &ladder{i} [*ladder{previous}, *ladder{previous}]\n"
            ));
        }
        data.extend_from_slice(text.as_bytes());
    }

    /// A position at a character boundary: just after a structural character when there is one
    /// nearby, since that is where syntax matters.
    fn position(&mut self, data: &[u8]) -> usize {
        let mut at = self.rng.below(data.len() + 1);
        if self.rng.one_in(2) {
            let stop = (at + 64).min(data.len());
            if let Some(offset) = data[at..stop].iter().position(|b| b"{}[]:,\n\"'-".contains(b)) {
                at += offset + 1;
            }
        }
        while at < data.len() && (data[at] & 0xC0) == 0x80 {
            at += 1;
        }
        at
    }

    fn token_op(&mut self, data: &mut Vec<u8>) {
        let at = self.position(data);
        match self.rng.below(12) {
            0..=3 => {
                let token = self.rng.pick(TOKENS).copied().unwrap_or("{");
                data.splice(at..at, token.bytes());
            }
            4 => {
                // Replace a few characters with a token.
                let end = (at + self.rng.range(1, 8)).min(data.len());
                let token = self.rng.pick(TOKENS).copied().unwrap_or("}");
                data.splice(at..end, token.bytes());
            }
            5 => {
                // A very long number.
                let digits = self.rng.range(20, 400);
                let mut number: Vec<u8> =
                    (0..digits).map(|_| b'0' + (self.rng.below(10) as u8)).collect();
                if self.rng.one_in(2) {
                    number.extend_from_slice(b".5e-99999");
                }
                data.splice(at..at, number);
            }
            6 => {
                // A dictionary word, quoted or not.
                let word = self.word();
                let text = if self.rng.one_in(2) {
                    serde_json::to_string(&word).unwrap_or_default()
                } else {
                    word
                };
                data.splice(at..at, text.into_bytes());
            }
            7 => {
                // Swap the quote style of one quote.
                if let Some(i) = find_from(data, at, |b| b == b'"' || b == b'\'') {
                    data[i] = if data[i] == b'"' { b'\'' } else { b'"' };
                }
            }
            _ => self.line_op(data),
        }
    }

    /// Line edits: duplicate, delete, swap, move, or re-indent a line.
    fn line_op(&mut self, data: &mut Vec<u8>) {
        let mut lines: Vec<Vec<u8>> = data.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
        if lines.is_empty() {
            return;
        }
        let i = self.rng.below(lines.len());
        let j = self.rng.below(lines.len());
        match self.rng.below(6) {
            0 => {
                let line = lines[i].clone();
                let copies = if self.rng.one_in(4) { self.rng.range(2, 64) } else { 1 };
                for _ in 0..copies {
                    lines.insert(j, line.clone());
                }
            }
            1 => {
                lines.remove(i);
            }
            2 => lines.swap(i, j),
            3 => {
                let line = lines.remove(i);
                let j = j.min(lines.len());
                lines.insert(j, line);
            }
            4 => {
                let spaces = self.rng.range(1, 4);
                let indent: &[u8] = if self.rng.one_in(5) { b"\t" } else { b"    " };
                let take = spaces.min(indent.len());
                lines[i].splice(0..0, indent[..take].iter().copied());
            }
            _ => {
                let remove = lines[i].iter().take_while(|b| **b == b' ').count();
                let remove = remove.min(self.rng.range(1, 4));
                lines[i].drain(..remove);
            }
        }
        *data = lines.join(&b'\n');
    }

    // Structure level.

    /// Parses the input as JSON (or YAML, for YAML seeds), changes the tree one to three times,
    /// and writes it back; None when the input does not parse.
    pub fn structured(&mut self, input: &[u8], kind: SeedKind, donor: &[u8]) -> Option<Vec<u8>> {
        let mut value = parse_value(input, kind)?;
        for _ in 0..self.rng.range(1, 3) {
            self.tree_op(&mut value, donor);
        }
        Some(self.write(&value, kind))
    }

    /// Writes a tree in the seed's own format: YAML for YAML seeds (quoted or plain), JSON
    /// otherwise (compact or pretty); now and then the other format.
    fn write(&mut self, value: &Value, kind: SeedKind) -> Vec<u8> {
        let yaml = kind.is_yaml() != self.rng.one_in(10);
        let text = if yaml {
            yaml_out::to_yaml(value, self.rng.one_in(2))
        } else if self.rng.one_in(2) {
            serde_json::to_string_pretty(value).unwrap_or_default()
        } else {
            serde_json::to_string(value).unwrap_or_default()
        };
        text.into_bytes()
    }

    /// A random node of the tree for which `wanted` holds.
    fn pick_node<'a>(
        &mut self,
        root: &'a mut Value,
        wanted: fn(&Value) -> bool,
    ) -> Option<&'a mut Value> {
        let total = count(root, wanted);
        if total == 0 {
            return None;
        }
        let mut n = self.rng.below(total);
        nth_mut(root, &mut n, wanted)
    }

    /// A random scalar, dictionary string or small collection.
    fn random_value(&mut self) -> Value {
        match self.rng.below(9) {
            0 => Value::Null,
            1 => Value::Bool(self.rng.one_in(2)),
            2 | 3 => self.number(),
            4..=6 => Value::String(self.word()),
            7 => {
                if self.rng.one_in(2) {
                    Value::Array(Vec::new())
                } else {
                    Value::Array(vec![Value::String(self.word())])
                }
            }
            _ => {
                let mut map = Map::new();
                if self.rng.one_in(2) {
                    map.insert(self.word(), Value::Null);
                }
                Value::Object(map)
            }
        }
    }

    fn number(&mut self) -> Value {
        let text = self.rng.pick(NUMBERS).copied().unwrap_or("0");
        let number: Option<Number> = serde_json::from_str(text).ok();
        number.map(Value::Number).unwrap_or(Value::Null)
    }

    /// A string of 100,000 characters (or a string repeated to about that length).
    fn huge_string(&mut self, base: Option<&str>) -> String {
        match base {
            Some(s) if !s.is_empty() && self.rng.one_in(2) => s.repeat(100_000 / s.len() + 1),
            _ => {
                const CHARS: &[char] = &['a', '/', '{', 'é', '\n', '\\', '"', ' ', '\u{2028}'];
                let c = self.rng.pick(CHARS).copied().unwrap_or('a');
                std::iter::repeat_n(c, 100_000).collect()
            }
        }
    }

    fn tree_op(&mut self, root: &mut Value, donor: &[u8]) {
        match self.rng.below(15) {
            0 => {
                // Another type.
                let value = self.random_value();
                if let Some(node) = self.pick_node(root, any) {
                    *node = value;
                }
            }
            1 | 2 => {
                // A dictionary string in place of a string.
                let word = self.word();
                if let Some(node) = self.pick_node(root, Value::is_string) {
                    *node = Value::String(word);
                }
            }
            3 | 4 => {
                // Rename a key to a dictionary word.
                let word = self.word();
                let index = self.rng.next_u64() as usize;
                if let Some(Value::Object(map)) = self.pick_node(root, non_empty_object) {
                    rename_key(map, index % map.len().max(1), word);
                }
            }
            5 => {
                // Delete a key or an element.
                let index = self.rng.next_u64() as usize;
                match self.pick_node(root, non_empty_collection) {
                    Some(Value::Object(map)) => {
                        let key = map.keys().nth(index % map.len().max(1)).cloned();
                        if let Some(key) = key {
                            map.remove(&key);
                        }
                    }
                    Some(Value::Array(items)) if !items.is_empty() => {
                        items.remove(index % items.len());
                    }
                    _ => {}
                }
            }
            6 => self.duplicate_key(root),
            7 => {
                // A huge string.
                if let Some(node) = self.pick_node(root, any) {
                    let base = node.as_str().map(str::to_string);
                    *node = Value::String(self.huge_string(base.as_deref()));
                }
            }
            8 => {
                // Deep nesting around a node.
                let depth = self.rng.range(50, 300);
                let key = self.word();
                let in_arrays = self.rng.one_in(2);
                if let Some(node) = self.pick_node(root, any) {
                    let mut value = node.take();
                    for _ in 0..depth {
                        value = if in_arrays {
                            Value::Array(vec![value])
                        } else {
                            let mut map = Map::new();
                            map.insert(key.clone(), value);
                            Value::Object(map)
                        };
                    }
                    *node = value;
                }
            }
            9 => {
                // A number on an edge, or a number turned into a string and back.
                let number = self.number();
                if let Some(node) = self.pick_node(root, scalar) {
                    *node = match node {
                        Value::Number(n) if self.rng.one_in(2) => Value::String(n.to_string()),
                        Value::String(s) if self.rng.one_in(2) => {
                            serde_json::from_str::<Number>(s).map(Value::Number).unwrap_or(number)
                        }
                        _ => number,
                    };
                }
            }
            10 => self.inject_ref(root),
            11 => {
                // A subtree of another seed.
                let Some(mut other) = parse_value(donor, SeedKind::Other) else { return };
                let Some(piece) = self.pick_node(&mut other, any).map(Value::take) else {
                    return;
                };
                self.place(root, piece);
            }
            12 => {
                // A subtree copied elsewhere in the same tree.
                let Some(piece) = self.pick_node(root, any).map(|v| v.clone()) else { return };
                self.place(root, piece);
            }
            13 => {
                // An array grown by copies of one element.
                let copies = self.rng.range(2, 64);
                let index = self.rng.next_u64() as usize;
                if let Some(Value::Array(items)) = self.pick_node(root, non_empty_array) {
                    if let Some(item) = items.get(index % items.len().max(1)).cloned() {
                        for _ in 0..copies {
                            items.push(item.clone());
                        }
                    }
                }
            }
            _ => {
                // A collection emptied.
                if let Some(node) = self.pick_node(root, non_empty_collection) {
                    *node = match node {
                        Value::Object(_) => Value::Object(Map::new()),
                        _ => Value::Array(Vec::new()),
                    };
                }
            }
        }
    }

    /// Puts a value in the tree: in place of a node, or under a new key of an object.
    fn place(&mut self, root: &mut Value, piece: Value) {
        let word = self.word();
        if self.rng.one_in(2) {
            if let Some(Value::Object(map)) = self.pick_node(root, Value::is_object) {
                map.insert(word, piece);
                return;
            }
        }
        if let Some(node) = self.pick_node(root, any) {
            *node = piece;
        }
    }

    /// Copies a key's value under another key, or nests a copy of an object inside itself one
    /// to four times.
    fn duplicate_key(&mut self, root: &mut Value) {
        let word = self.word();
        let index = self.rng.next_u64() as usize;
        let nest = self.rng.range(1, 4);
        let deep = self.rng.one_in(2);
        let Some(Value::Object(map)) = self.pick_node(root, non_empty_object) else { return };
        let Some((key, value)) = map.iter().nth(index % map.len().max(1)) else { return };
        let (key, mut value) = (key.clone(), value.clone());
        if deep {
            if value.is_object() {
                for _ in 0..nest {
                    let copy = value.clone();
                    if let Value::Object(inner) = &mut value {
                        inner.insert(key.clone(), copy);
                    }
                }
            }
            map.insert(key, value);
        } else {
            let new_key = if word.is_empty() { format!("{key}2") } else { word };
            map.insert(new_key, value);
        }
    }

    /// Adds a `$ref` to an object: to a schema the document has (which may make a cycle), or to
    /// one it lacks.
    fn inject_ref(&mut self, root: &mut Value) {
        let mut names: Vec<String> = Vec::new();
        for pointer in ["/components/schemas", "/definitions"] {
            if let Some(Value::Object(schemas)) = root.pointer(pointer) {
                names.extend(schemas.keys().map(|k| format!("#{pointer}/{k}")));
            }
        }
        names.extend(
            ["#/components/schemas/Missing", "#/", "#", "other.json#/x", "#/paths"]
                .map(String::from),
        );
        let target = self.rng.pick(&names).cloned().unwrap_or_default();
        if let Some(Value::Object(map)) = self.pick_node(root, Value::is_object) {
            map.insert("$ref".into(), Value::String(target));
        }
    }
}

fn any(_: &Value) -> bool {
    true
}

fn scalar(value: &Value) -> bool {
    !value.is_object() && !value.is_array()
}

fn non_empty_object(value: &Value) -> bool {
    value.as_object().is_some_and(|m| !m.is_empty())
}

fn non_empty_array(value: &Value) -> bool {
    value.as_array().is_some_and(|a| !a.is_empty())
}

fn non_empty_collection(value: &Value) -> bool {
    non_empty_object(value) || non_empty_array(value)
}

/// How many nodes of the tree satisfy `wanted`.
pub fn count(value: &Value, wanted: fn(&Value) -> bool) -> usize {
    let own = usize::from(wanted(value));
    own + match value {
        Value::Array(items) => items.iter().map(|v| count(v, wanted)).sum(),
        Value::Object(map) => map.values().map(|v| count(v, wanted)).sum(),
        _ => 0,
    }
}

/// The `n`th node (in pre-order) that satisfies `wanted`; `n` counts down as nodes are passed.
pub fn nth_mut<'a>(
    value: &'a mut Value,
    n: &mut usize,
    wanted: fn(&Value) -> bool,
) -> Option<&'a mut Value> {
    if wanted(value) {
        if *n == 0 {
            return Some(value);
        }
        *n -= 1;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                if let Some(found) = nth_mut(item, n, wanted) {
                    return Some(found);
                }
            }
            None
        }
        Value::Object(map) => {
            for (_, item) in map.iter_mut() {
                if let Some(found) = nth_mut(item, n, wanted) {
                    return Some(found);
                }
            }
            None
        }
        _ => None,
    }
}

/// Renames the `index`th key of a map, keeping the order of the others.
fn rename_key(map: &mut Map<String, Value>, index: usize, new_key: String) {
    let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
    for (i, (key, value)) in entries.into_iter().enumerate() {
        let key = if i == index { new_key.clone() } else { key };
        map.insert(key, value);
    }
}

/// The index of the first byte at or after `from` that satisfies `wanted`.
fn find_from(data: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    data.get(from..)?.iter().position(|b| wanted(*b)).map(|i| i + from)
}

/// Parses a seed as JSON, or, for YAML seeds, with apigw-core's YAML reader (guarded, since the
/// reader is under test: a panic there is found by the targets, not by the mutator).
pub fn parse_value(input: &[u8], kind: SeedKind) -> Option<Value> {
    if let Ok(value) = serde_json::from_slice::<Value>(input) {
        return Some(value);
    }
    if !kind.is_yaml() {
        return None;
    }
    let text = std::str::from_utf8(input).ok()?;
    crate::runner::quietly(|| apigw_core::yaml::parse(text).ok()).ok().flatten()
}

/// The keys and short strings of a set of seeds, for the dictionary.
pub fn harvest(seeds: &[&[u8]]) -> Vec<String> {
    fn walk(value: &Value, out: &mut std::collections::BTreeSet<String>) {
        match value {
            Value::String(s) if s.len() <= 120 => {
                out.insert(s.clone());
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            Value::Object(map) => {
                for (key, v) in map {
                    if key.len() <= 120 {
                        out.insert(key.clone());
                    }
                    walk(v, out);
                }
            }
            _ => {}
        }
    }
    let mut words = std::collections::BTreeSet::new();
    for seed in seeds {
        if let Ok(value) = serde_json::from_slice::<Value>(seed) {
            walk(&value, &mut words);
        }
    }
    words.into_iter().take(20_000).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutants_differ_and_stay_bounded() {
        let seed = br#"{"format":"apigw-design/1","api":{"name":"x"},"resources":{"/":{}}}"#;
        let mut mutator = Mutator::new(3, vec!["extra".into()]);
        let mut changed = 0;
        for _ in 0..500 {
            let out = mutator.mutate(seed, SeedKind::Design, b"{\"a\": [1, 2]}");
            assert!(out.len() <= MAX_INPUT);
            if out != seed {
                changed += 1;
            }
        }
        assert!(changed > 400, "{changed} of 500 mutants differ from the seed");
    }

    #[test]
    fn nth_mut_visits_in_pre_order() {
        let mut value = serde_json::json!({"a": [1, {"b": 2}], "c": "x"});
        assert_eq!(count(&value, any), 6);
        let mut n = 3;
        let node = nth_mut(&mut value, &mut n, any).cloned();
        assert_eq!(node, Some(serde_json::json!({"b": 2})));
    }

    #[test]
    fn rename_key_keeps_the_order() {
        let mut value = serde_json::json!({"a": 1, "b": 2, "c": 3});
        if let Value::Object(map) = &mut value {
            rename_key(map, 1, "z".into());
        }
        assert_eq!(serde_json::to_string(&value).ok().as_deref(), Some(r#"{"a":1,"z":2,"c":3}"#));
    }
}

use super::*;
use serde_json::json;

fn no_models(_: &str) -> Option<Value> {
    None
}

/// The messages for `instance` against `schema`, as `pointer: message`.
fn check(schema: Value, instance: Value) -> Vec<String> {
    validate(&schema, &instance, &no_models)
        .into_iter()
        .map(|e| format!("{}: {}", e.pointer, e.message))
        .collect()
}

fn ok(schema: Value, instance: Value) {
    assert_eq!(
        check(schema.clone(), instance.clone()),
        Vec::<String>::new(),
        "{schema} / {instance}"
    );
}

fn fails(schema: Value, instance: Value, expected: &[&str]) {
    assert_eq!(check(schema, instance), expected);
}

#[test]
fn type_and_draft_4_integers() {
    ok(json!({"type": "integer"}), json!(3));
    ok(json!({"type": "number"}), json!(3));
    ok(json!({"type": "number"}), json!(3.5));
    ok(json!({"type": ["string", "null"]}), json!(null));
    // draft 4: an integer is a number without fraction or exponent, so 1.0 is a number.
    let one_point_zero: Value = serde_json::from_str("1.0").unwrap();
    fails(
        json!({"type": "integer"}),
        one_point_zero,
        &[
            r#": instance type (number) does not match any allowed primitive type (allowed: ["integer"])"#,
        ],
    );
    fails(
        json!({"type": "integer"}),
        json!("3"),
        &[
            r#": instance type (string) does not match any allowed primitive type (allowed: ["integer"])"#,
        ],
    );
    fails(
        json!({"type": "number"}),
        json!("x"),
        &[
            r#": instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])"#,
        ],
    );
    fails(
        json!({"type": ["string", "boolean"]}),
        json!({}),
        &[
            r#": instance type (object) does not match any allowed primitive type (allowed: ["boolean","string"])"#,
        ],
    );
}

#[test]
fn enum_compares_numbers_by_value() {
    ok(json!({"enum": ["a", "b"]}), json!("a"));
    ok(json!({"enum": [1, {"x": [true]}]}), serde_json::from_str("1.0").unwrap());
    ok(json!({"enum": [1, {"x": [true]}]}), json!({"x": [true]}));
    fails(
        json!({"enum": ["a", "b"]}),
        json!("x"),
        &[r#": instance value ("x") not found in enum (possible values: ["a","b"])"#],
    );
}

#[test]
fn properties_required_and_additional_properties() {
    let schema = json!({
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}},
        "additionalProperties": false
    });
    ok(schema.clone(), json!({"name": "Rex", "age": 3}));
    fails(
        schema.clone(),
        json!({"age": 3}),
        &[r#": object has missing required properties (["name"])"#],
    );
    fails(
        schema.clone(),
        json!({"name": "Rex", "zeta": 1, "extra": 2}),
        &[
            r#": object instance has properties which are not allowed by the schema: ["extra","zeta"]"#,
        ],
    );
    fails(
        schema.clone(),
        json!({"name": 7, "age": -1}),
        &[
            "/age: numeric instance is lower than the required minimum (minimum: 0, found: -1)",
            r#"/name: instance type (integer) does not match any allowed primitive type (allowed: ["string"])"#,
        ],
    );
    fails(
        schema,
        json!({"name": 7}),
        &[
            r#"/name: instance type (integer) does not match any allowed primitive type (allowed: ["string"])"#,
        ],
    );
    // additionalProperties as a schema.
    let schema = json!({"properties": {"a": {}}, "additionalProperties": {"type": "string"}});
    ok(schema.clone(), json!({"a": 1, "b": "x"}));
    fails(
        schema,
        json!({"a": 1, "b/c~": 2}),
        &[
            r#"/b~1c~0: instance type (integer) does not match any allowed primitive type (allowed: ["string"])"#,
        ],
    );
}

#[test]
fn once_something_fails_no_further_container_is_descended_into() {
    let schema = json!({"required": ["id"], "properties": {"name": {"type": "string"}}});
    fails(schema, json!({"name": 7}), &[r#": object has missing required properties (["id"])"#]);
    // Members in sorted order: `a` fails inside, so `b`'s own keywords run but not its members'.
    let inner = json!({"required": ["x"], "properties": {"y": {"type": "string"}}});
    let schema = json!({"properties": {"a": &inner, "b": &inner}});
    fails(
        schema.clone(),
        json!({"b": {"y": 1}, "a": {"x": 1, "y": 2}}),
        &[
            r#"/a/y: instance type (integer) does not match any allowed primitive type (allowed: ["string"])"#,
            r#"/b: object has missing required properties (["x"])"#,
        ],
    );
    fails(
        schema,
        json!({"b": {"x": 1, "y": 1}, "a": {"x": 1, "y": 2}}),
        &[
            r#"/a/y: instance type (integer) does not match any allowed primitive type (allowed: ["string"])"#,
        ],
    );
}

#[test]
fn pattern_properties_search_and_override_additional_properties() {
    let schema = json!({
        "patternProperties": {"^x-": {"type": "string"}, "id": {"type": "integer"}},
        "additionalProperties": false
    });
    ok(schema.clone(), json!({"x-trace": "t", "user_id": 4}));
    fails(
        schema.clone(),
        json!({"x-trace": 1}),
        &[
            r#"/x-trace: instance type (integer) does not match any allowed primitive type (allowed: ["string"])"#,
        ],
    );
    fails(
        schema,
        json!({"other": 1}),
        &[r#": object instance has properties which are not allowed by the schema: ["other"]"#],
    );
}

#[test]
fn property_counts_and_dependencies() {
    ok(json!({"minProperties": 1, "maxProperties": 2}), json!({"a": 1}));
    fails(
        json!({"minProperties": 2}),
        json!({"a": 1}),
        &[": object has too few properties (found 1 but schema requires at least 2)"],
    );
    fails(
        json!({"maxProperties": 1}),
        json!({"a": 1, "b": 2}),
        &[": object has too many properties (found 2 but schema requires at most 1)"],
    );
    let schema =
        json!({"dependencies": {"card": ["billing", "name"], "gift": {"required": ["to"]}}});
    ok(schema.clone(), json!({"name": "x"}));
    ok(schema.clone(), json!({"card": 1, "billing": 2, "name": 3}));
    fails(
        schema.clone(),
        json!({"card": 1, "name": 3}),
        &[
            r#": property "card" of object has missing property dependencies (schema requires ["billing","name"]; missing: ["billing"])"#,
        ],
    );
    fails(schema, json!({"gift": true}), &[r#": object has missing required properties (["to"])"#]);
}

#[test]
fn items_additional_items_counts_and_uniqueness() {
    let schema =
        json!({"items": {"type": "integer"}, "minItems": 1, "maxItems": 3, "uniqueItems": true});
    ok(schema.clone(), json!([1, 2]));
    fails(
        schema.clone(),
        json!([1, "2"]),
        &[
            r#"/1: instance type (string) does not match any allowed primitive type (allowed: ["integer"])"#,
        ],
    );
    fails(
        schema.clone(),
        json!([]),
        &[": array is too short: must have at least 1 elements but instance has 0 elements"],
    );
    fails(
        schema.clone(),
        json!([1, 2, 3, 4]),
        &[": array is too long: must have at most 3 elements but instance has 4 elements"],
    );
    fails(schema, json!([1, 2, 1]), &[": array must not contain duplicate elements"]);
    let tuple =
        json!({"items": [{"type": "string"}, {"type": "integer"}], "additionalItems": false});
    ok(tuple.clone(), json!(["a", 1]));
    ok(tuple.clone(), json!(["a"]));
    fails(
        tuple,
        json!(["a", 1, 2]),
        &[": schema only allows 2 elements in array but instance has 3 elements"],
    );
    let rest = json!({"items": [{"type": "string"}], "additionalItems": {"type": "boolean"}});
    ok(rest.clone(), json!(["a", true, false]));
    fails(
        rest,
        json!(["a", true, 3]),
        &[
            r#"/2: instance type (integer) does not match any allowed primitive type (allowed: ["boolean"])"#,
        ],
    );
}

#[test]
fn numbers_bounds_and_multiples() {
    ok(json!({"minimum": 1, "maximum": 10}), json!(10));
    fails(
        json!({"maximum": 10}),
        json!(11),
        &[": numeric instance is greater than the required maximum (maximum: 10, found: 11)"],
    );
    fails(
        json!({"maximum": 10, "exclusiveMaximum": true}),
        json!(10),
        &[": numeric instance is not strictly lower than the required maximum 10"],
    );
    fails(
        json!({"minimum": 1.5}),
        json!(1),
        &[": numeric instance is lower than the required minimum (minimum: 1.5, found: 1)"],
    );
    fails(
        json!({"minimum": 0, "exclusiveMinimum": true}),
        json!(0),
        &[": numeric instance is not strictly greater than the required minimum 0"],
    );
    ok(json!({"multipleOf": 0.01}), json!(19.99));
    ok(json!({"multipleOf": 3}), json!(9));
    fails(json!({"multipleOf": 3}), json!(10), &[": remainder of division is not zero (10 / 3)"]);
    // Bounds do not apply to other types.
    ok(json!({"maximum": 1, "minLength": 3}), json!(true));
}

#[test]
fn strings_lengths_in_code_points_and_patterns_search() {
    ok(json!({"minLength": 2, "maxLength": 2}), json!("é😀"));
    fails(
        json!({"minLength": 3}),
        json!("ab"),
        &[r#": string "ab" is too short (length: 2, required minimum: 3)"#],
    );
    fails(
        json!({"maxLength": 1}),
        json!("ab"),
        &[r#": string "ab" is too long (length: 2, maximum allowed: 1)"#],
    );
    ok(json!({"pattern": "b"}), json!("abc"));
    fails(
        json!({"pattern": "^a"}),
        json!("b"),
        &[r#": ECMA 262 regex "^a" does not match input string "b""#],
    );
    // format is not checked.
    ok(json!({"format": "email"}), json!("not an email"));
}

#[test]
fn combinators() {
    let any = json!({"anyOf": [{"type": "string"}, {"type": "integer"}]});
    ok(any.clone(), json!(1));
    fails(any, json!(true), &[": instance failed to match at least one required schema among 2"]);
    let all = json!({"allOf": [{"type": "integer"}, {"minimum": 5}]});
    ok(all.clone(), json!(6));
    fails(
        all,
        json!(4),
        &[": instance failed to match all required schemas (matched only 1 out of 2)"],
    );
    let one = json!({"oneOf": [{"type": "integer"}, {"minimum": 5}]});
    ok(one.clone(), json!(4));
    fails(
        one.clone(),
        json!(6),
        &[": instance failed to match exactly one schema (matched 2 out of 2)"],
    );
    fails(
        json!({"oneOf": [{"type": "integer"}, {"type": "string"}]}),
        json!(true),
        &[": instance failed to match exactly one schema (matched 0 out of 2)"],
    );
    ok(one, json!("x"));
    let not = json!({"not": {"type": "null"}});
    ok(not.clone(), json!(0));
    fails(not, json!(null), &[": instance matched a schema which it should not have"]);
}

#[test]
fn refs_to_definitions_and_to_other_models() {
    let schema = json!({
        "definitions": {"Pet": {"type": "object", "required": ["name"]}, "a/b": {"type": "string"}},
        "type": "array",
        "items": {"$ref": "#/definitions/Pet"},
        "properties": {}
    });
    ok(schema.clone(), json!([{"name": "Rex"}]));
    fails(schema, json!([{}]), &[r#"/0: object has missing required properties (["name"])"#]);
    fails(
        json!({"definitions": {"a/b": {"type": "string"}}, "$ref": "#/definitions/a~1b"}),
        json!(1),
        &[
            r#": instance type (integer) does not match any allowed primitive type (allowed: ["string"])"#,
        ],
    );
    let models = |name: &str| match name {
        "Pet" => Some(
            json!({"type": "object", "properties": {"owner": {"$ref": "https://apigateway.amazonaws.com/restapis/abc123/models/Person"}}}),
        ),
        "Person" => Some(
            json!({"type": "object", "required": ["email"], "definitions": {"Email": {"type": "string"}}, "properties": {"email": {"$ref": "#/definitions/Email"}}}),
        ),
        _ => None,
    };
    let schema = json!({"$ref": "https://apigateway.amazonaws.com/restapis/abc123/models/Pet"});
    assert!(validate(&schema, &json!({"owner": {"email": "a@b"}}), &models).is_empty());
    let errors = validate(&schema, &json!({"owner": {"email": 5}}), &models);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].pointer, "/owner/email");
    let errors = validate(&schema, &json!({"owner": {}}), &models);
    assert_eq!(errors[0].message, r#"object has missing required properties (["email"])"#);
    let missing = json!({"$ref": "https://apigateway.amazonaws.com/restapis/abc123/models/Nope"});
    let errors = validate(&missing, &json!({}), &models);
    assert!(errors[0].message.contains("\"Nope\""), "{errors:?}");
    let errors = validate(&json!({"$ref": "#/definitions/none"}), &json!({}), &models);
    assert!(errors[0].message.contains("points to nothing"));
}

#[test]
fn ref_cycles_and_deep_recursion_stop_with_one_error() {
    let cycle = json!({"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"});
    let errors = validate(&cycle, &json!(1), &no_models);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("loops back"), "{errors:?}");
    let selfish = json!({"allOf": [{"$ref": "#"}]});
    assert_eq!(validate(&selfish, &json!(1), &no_models).len(), 1);
    let models = |name: &str| match name {
        "A" => Some(json!({"$ref": "https://apigateway.amazonaws.com/restapis/x/models/B"})),
        "B" => Some(json!({"$ref": "https://apigateway.amazonaws.com/restapis/x/models/A"})),
        _ => None,
    };
    let errors = validate(
        &json!({"$ref": "https://apigateway.amazonaws.com/restapis/x/models/A"}),
        &json!(1),
        &models,
    );
    assert_eq!(errors.len(), 1);
    // A recursive schema over a deep instance is bounded.
    let tree = json!({"type": "object", "properties": {"child": {"$ref": "#"}}});
    let mut deep = json!({});
    // The deepest body API Gateway's JSON reader (and serde_json) accepts: 128 levels.
    for _ in 0..127 {
        deep = json!({"child": deep});
    }
    assert!(validate(&tree, &deep, &no_models).is_empty());
    for _ in 0..200 {
        deep = json!({"child": deep});
    }
    let errors = validate(&tree, &deep, &no_models);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("too deeply"));
    // Exponential combinators stop on the step budget instead of running away.
    let mut definitions = serde_json::Map::new();
    definitions.insert("d0".into(), json!({"type": "integer"}));
    for i in 1..=40 {
        let previous = json!({"$ref": format!("#/definitions/d{}", i - 1)});
        definitions.insert(
            format!("d{i}"),
            json!({"anyOf": [{"not": previous.clone()}, {"not": {"not": previous}}]}),
        );
    }
    let blowup = json!({"definitions": definitions, "$ref": "#/definitions/d40"});
    let errors = validate(&blowup, &json!(1), &no_models);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("too many steps"), "{errors:?}");
}

use super::*;
use serde_json::json;

/// The document of Jayway's README, <https://github.com/json-path/JsonPath#path-examples>.
fn store() -> Value {
    json!({
        "store": {
            "book": [
                {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
                {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
                {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
                {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
        },
        "expensive": 10
    })
}

fn many(path: &str) -> Vec<Value> {
    match select(&store(), path) {
        Ok(Selected::Many(values)) => values,
        other => panic!("{path}: {other:?}"),
    }
}

fn one(path: &str) -> Option<Value> {
    match select(&store(), path) {
        Ok(Selected::One(value)) => value,
        other => panic!("{path}: {other:?}"),
    }
}

fn titles(values: &[Value]) -> Vec<&str> {
    values.iter().map(|b| b["title"].as_str().unwrap_or("?")).collect()
}

const ALL: [&str; 4] =
    ["Sayings of the Century", "Sword of Honour", "Moby Dick", "The Lord of the Rings"];

#[test]
fn jayway_readme_path_examples() {
    let authors = json!(["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]);
    assert_eq!(Value::Array(many("$.store.book[*].author")), authors);
    assert_eq!(Value::Array(many("$..author")), authors);
    let store_all = many("$.store.*");
    assert_eq!(store_all.len(), 2);
    assert_eq!(store_all[1], json!({"color": "red", "price": 19.95}));
    let mut prices: Vec<f64> = many("$.store..price").iter().filter_map(Value::as_f64).collect();
    prices.sort_by(f64::total_cmp);
    assert_eq!(prices, [8.95, 8.99, 12.99, 19.95, 22.99]);
    assert_eq!(titles(&many("$..book[2]")), ["Moby Dick"]);
    assert_eq!(titles(&many("$..book[-2]")), ["Moby Dick"]);
    assert_eq!(titles(&many("$..book[0,1]")), ALL[..2]);
    assert_eq!(titles(&many("$..book[:2]")), ALL[..2]);
    assert_eq!(titles(&many("$..book[1:2]")), ALL[1..2]);
    assert_eq!(titles(&many("$..book[-2:]")), ALL[2..]);
    assert_eq!(titles(&many("$..book[2:]")), ALL[2..]);
    assert_eq!(titles(&many("$..book[?(@.isbn)]")), ALL[2..]);
    assert_eq!(
        titles(&many("$.store.book[?(@.price < 10)]")),
        ["Sayings of the Century", "Moby Dick"]
    );
    assert_eq!(
        titles(&many("$..book[?(@.price <= $['expensive'])]")),
        ["Sayings of the Century", "Moby Dick"]
    );
    assert_eq!(titles(&many("$..book[?(@.author =~ /.*REES/i)]")), ["Sayings of the Century"]);
    assert!(many("$..*").len() > 20);
    // Jayway's own test (Issue_786): `$..book.length()` reads 4.
    assert_eq!(one("$..book.length()"), Some(json!(4)));
    assert_eq!(one("$.store.book.length()"), Some(json!(4)));
}

#[test]
fn definite_paths_give_one_value_or_none() {
    assert_eq!(one("$.expensive"), Some(json!(10)));
    assert_eq!(one("$['store']['bicycle']['color']"), Some(json!("red")));
    assert_eq!(one("$[\"store\"].bicycle.color"), Some(json!("red")));
    assert_eq!(one("$.store.book[-1].title"), Some(json!("The Lord of the Rings")));
    assert_eq!(one("$.store.book[9].title"), None);
    assert_eq!(one("$.nothing.here"), None);
    assert_eq!(one("$"), Some(store()));
    assert_eq!(one("expensive"), Some(json!(10)));
    assert_eq!(select(&json!([1, 2]), "$[1]"), Ok(Selected::One(Some(json!(2)))));
}

#[test]
fn filters() {
    assert_eq!(
        titles(&many("$.store.book[?(@.category == 'reference')]")),
        ["Sayings of the Century"]
    );
    assert_eq!(
        titles(&many("$.store.book[?(@.category != \"fiction\")]")),
        ["Sayings of the Century"]
    );
    assert_eq!(titles(&many("$.store.book[?(@.price > 12.99)]")), ["The Lord of the Rings"]);
    assert_eq!(
        titles(&many("$.store.book[?(@.price >= 12.99)]")),
        ALL[1..2].iter().chain(&ALL[3..]).copied().collect::<Vec<_>>()
    );
    assert_eq!(titles(&many("$.store.book[?(@.isbn && @.price < 10)]")), ["Moby Dick"]);
    assert_eq!(
        titles(&many("$.store.book[?(@.price < 9 || @.price > 20)]")),
        ["Sayings of the Century", "Moby Dick", "The Lord of the Rings"]
    );
    assert_eq!(titles(&many("$.store.book[?(!@.isbn)]")), ALL[..2]);
    assert_eq!(
        titles(&many("$.store.book[?(!(@.price < 10) && @.isbn)]")),
        ["The Lord of the Rings"]
    );
    assert_eq!(
        titles(&many("$.store.book[?(@.author in ['Nigel Rees', 'Evelyn Waugh'])]")),
        ALL[..2]
    );
    assert_eq!(titles(&many("$.store.book[?(@.author nin ['Nigel Rees'])]")), ALL[1..]);
    // `=~` matches the whole string, as Java's `Matcher.matches`.
    assert!(many("$.store.book[?(@.author =~ /Rees/)]").is_empty());
    // A number is not equal to a string.
    assert!(many("$[?(@.expensive == '10')]").is_empty());
    assert_eq!(many("$[?(@.expensive == 10.0)]").len(), 1);
    assert_eq!(
        Value::Array(many("$.store.book[?(@.price < 10)].title")),
        json!(["Sayings of the Century", "Moby Dick"])
    );
    assert_eq!(
        many("$.store.book[0]['author','title']"),
        vec![json!({"author": "Nigel Rees", "title": "Sayings of the Century"})]
    );
}

#[test]
fn api_gateway_developer_guide_examples() {
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html:
    // "$input.path('$.pets').size() would return "3"".
    let body = json!({"pets": [
        {"id": 1, "type": "dog", "price": 249.99},
        {"id": 2, "type": "cat", "price": 124.99},
        {"id": 3, "type": "fish", "price": 0.99}
    ]});
    let Ok(Selected::One(Some(Value::Array(pets)))) = select(&body, "$.pets") else { panic!() };
    assert_eq!(pets.len(), 3);
    assert_eq!(select(&body, "$.pets.length()"), Ok(Selected::One(Some(json!(3)))));
    assert_eq!(select(&body, "$"), Ok(Selected::One(Some(body.clone()))));
    assert_eq!(select(&body, "$.pets[0].type"), Ok(Selected::One(Some(json!("dog")))));
    assert_eq!(
        select(&body, "$.pets[?(@.price < 200)].id"),
        Ok(Selected::Many(vec![json!(2), json!(3)]))
    );
}

#[test]
fn errors_name_the_position_and_the_problem() {
    let error = |p: &str| select(&store(), p).unwrap_err();
    assert_eq!(error("$.a]"), "unexpected `]` at character 4 of the path");
    assert_eq!(error("$.store.book[0"), "the path ends before `]`");
    assert_eq!(error("$."), "the path must not end with `.`");
    assert_eq!(error("$.."), "the path must not end with `..`");
    assert_eq!(error(""), "the path is empty: it should start with `$`");
    assert_eq!(error("$['a"), "the quoted name at character 3 of the path is not closed");
    assert!(error("$[?(@.a = 1)]").contains("`==`"));
    assert!(error("$[?(@.a =~ /[/)]").contains("regular expression"));
    assert!(error("$.a.nope()").contains("unknown function"));
    assert!(error("$[a]").contains("character 3"));
    let deep = format!("$[?({}@.a{})]", "(".repeat(200), ")".repeat(200));
    assert!(error(&deep).contains("nests"));
}

#[test]
fn deep_documents_and_large_scans_stay_bounded() {
    let mut value = json!(1);
    for _ in 0..300 {
        value = json!({"a": value});
    }
    let Ok(Selected::Many(found)) = select(&value, "$..a") else { panic!() };
    assert!(!found.is_empty());
    let wide = Value::Array((0..100_000).map(|i| json!({"n": i})).collect());
    let Ok(Selected::Many(found)) = select(&wide, "$[?(@.n >= 99998)].n") else { panic!() };
    assert_eq!(found, vec![json!(99998), json!(99999)]);
}

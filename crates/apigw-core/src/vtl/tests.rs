use super::*;

fn env() -> Env {
    Env {
        body: r#"{"name":"Rex","price":12.5,"tags":["a","b"],"owner":{"id":7,"nick":"x"},"n":3}"#
            .into(),
        path: vec![("petId".into(), "42".into())],
        querystring: vec![("q".into(), "cats".into()), ("petId".into(), "fromquery".into())],
        header: vec![("X-Trace".into(), "abc".into())],
        context: serde_json::json!({"stage": "dev", "requestId": "r-1", "identity": {"sourceIp": "1.2.3.4"}}),
        stage_variables: vec![("color".into(), "blue".into())],
    }
}

fn run(t: &str) -> Result<Rendered, VtlError> {
    render_text(t, &env(), Limits::default())
}

fn r(t: &str) -> String {
    match run(t) {
        Ok(r) => r.output,
        Err(e) => panic!("{t}: {}:{} {}", e.line, e.column, e.message),
    }
}

fn err(t: &str) -> VtlError {
    match run(t) {
        Ok(r) => panic!("{t} rendered {:?}", r.output),
        Err(e) => e,
    }
}

#[test]
fn vtl_references() {
    assert_eq!(r("#set($a = 'x')$a ${a} $!a $!{a}"), "x x x x");
    assert_eq!(r("${a}b"), "b");
    assert_eq!(r("#set($a = 'x')${a}b"), "xb");
    // API Gateway prints a missing or null reference as nothing.
    assert_eq!(r("[$nope][$!nope][${nope}][$nope.bar()]"), "[][][][]");
    assert_eq!(r("$ 5 $. #"), "$ 5 $. #");
    assert_eq!(
        r("#set($m = {'a': 1, 'b': {'c': 'd'}})$m.a $m.b.c $m['b']['c'] $m.get('a') $m.b.get('c')"),
        "1 d d 1 d"
    );
    assert_eq!(r("#set($l = [1, 'two', 3.5])$l[0] $l[1] $l.get(2) $l[-1]"), "1 two 3.5 3.5");
    assert_eq!(r("$a.b."), ".");
    assert_eq!(r("user@example.com"), "user@example.com");
}

#[test]
fn vtl_literals_and_printing() {
    assert_eq!(
        r("#set($m = {\"a\": 1, \"b\": [1, 2], \"c\": {\"d\": true}})$m"),
        "{a=1, b=[1, 2], c={d=true}}"
    );
    assert_eq!(r("#set($l = [1, 'a', [2, 3]])$l"), "[1, a, [2, 3]]");
    assert_eq!(r("#set($l = [1..4])$l,#set($d = [3..1])$d"), "[1, 2, 3, 4],[3, 2, 1]");
    assert_eq!(r("#set($n = 3)#set($l = [1..$n])$l"), "[1, 2, 3]");
    assert_eq!(
        r("#set($f = 1.0)$f,#set($g = 10000000.0)$g,#set($h = 0.0001)$h,#set($i = 2.5)$i"),
        "1.0,1.0E7,1.0E-4,2.5"
    );
    assert_eq!(r("#set($s = 'a $b \"c\"')$s"), "a $b \"c\"");
    assert_eq!(r("#set($b = 'B')#set($s = \"a $b\")$s"), "a B");
    assert_eq!(r("#set($s = \"say \"\"hi\"\"\")$s"), "say \"hi\"");
    assert_eq!(r("#set($s = 'it''s')$s"), "it's");
    assert_eq!(r("#set($b = true)$b,#set($c = false)$c"), "true,false");
    assert_eq!(r("#set($s = \"#if(true)yes#end\")$s"), "yes");
}

#[test]
fn vtl_escapes_and_comments() {
    // https://velocity.apache.org/engine/1.7/user-guide.html#escaping-valid-vtl-references
    assert_eq!(r("#set($email = 'foo')\\$email \\\\$email"), "$email \\foo");
    assert_eq!(r("\\$nope \\\\$nope"), "\\$nope \\\\$nope");
    assert_eq!(r("\\#if(true)x\\#end"), "#if(true)x#end");
    assert_eq!(r("a ## comment\nb"), "a b");
    assert_eq!(r("a #* block\n comment *#b"), "a b");
    assert_eq!(r("#[[ $a #if( ]]#"), " $a #if( ");
    assert_eq!(r("color: #333;"), "color: #333;");
    assert_eq!(r("\\n \\t"), "\\n \\t");
}

#[test]
fn vtl_directives() {
    assert_eq!(r("#if(true)a#elseif(true)b#else c#end"), "a");
    assert_eq!(r("#if(false)a#elseif(true)b#else c#end"), "b");
    assert_eq!(r("#if(false)a#elseif(false)b#{else}c#{end}"), "c");
    assert_eq!(r("#{if}(true)x#{end}"), "x");
    assert_eq!(r("#foreach($x in [1, 2, 3])$x#if($foreach.hasNext),#end#end"), "1,2,3");
    assert_eq!(
        r(
            "#foreach($x in ['a', 'b'])$foreach.index$foreach.count$velocityCount$foreach.first$foreach.last #end"
        ),
        "011truefalse 122falsetrue "
    );
    assert_eq!(r("#foreach($x in [1..10])#if($x > 3)#break#end$x#end"), "123");
    assert_eq!(r("#foreach($v in {'a': 1, 'b': 2})$v#end"), "12");
    assert_eq!(
        r("#set($m = {'a': 1, 'b': 2})#foreach($e in $m.entrySet())$e.key=$e.value;#end"),
        "a=1;b=2;"
    );
    assert_eq!(r("#foreach($k in $m.keySet())$k#end"), "");
    assert_eq!(r("a#stop b"), "a");
    assert_eq!(r("#define($d)hi $n#end#set($n = 1)$d,#set($n = 2)$d"), "hi 1,hi 2");
    assert_eq!(
        r("#macro(greet $who $p)Hello, $who$p#end#greet('Ann' '!') #greet(\"Bob\", '?')"),
        "Hello, Ann! Hello, Bob?"
    );
    assert_eq!(r("#unknown('x') #nomacro"), "#unknown('x') #nomacro");
    assert_eq!(r("#set($x = 'outer')#foreach($x in [1])#end$x"), "outer");
}

#[test]
fn vtl_whitespace_like_velocity_1_7() {
    // Velocity 1.7's Parser.jjt: a directive's `)`, `#else` and `#end` take the spaces and the
    // newline after them; the indentation before them stays.
    assert_eq!(r("#set($a = 1)\n{\n  #set($b = 2)\n  \"a\": $a\n}"), "{\n    \"a\": 1\n}");
    assert_eq!(
        r("<ul>\n  #foreach($i in [1..2])\n    <li>$i</li>\n  #end\n</ul>"),
        "<ul>\n      <li>1</li>\n      <li>2</li>\n  </ul>"
    );
    assert_eq!(r("#if(true)\nyes\n#else\nno\n#end\nafter"), "yes\nafter");
    assert_eq!(r("#if(true) x #end y"), " x  y");
}

#[test]
fn vtl_operators() {
    assert_eq!(
        r(
            "#set($a = 7)#set($b = 2)${a}/${b}=#set($c = $a / $b)$c,#set($d = $a % $b)$d,#set($e = $a * $b)$e,#set($f = $a - $b)$f"
        ),
        "7/2=3,1,14,5"
    );
    assert_eq!(r("#set($a = 7.0)#set($c = $a / 2)$c"), "3.5");
    assert_eq!(r("#set($c = 1 / 0)[$c]"), "[]");
    assert_eq!(r("#set($s = 'a' + 1)$s"), "a1");
    assert_eq!(r("#if(1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3 && 1 != 2 && !false)y#end"), "y");
    assert_eq!(
        r("#if(1 lt 2 and 2 le 2 and 3 gt 2 and 3 ge 3 and 1 ne 2 and not false)y#end"),
        "y"
    );
    assert_eq!(r("#if(false || true)y#end#if(false or false)n#end"), "y");
    assert_eq!(r("#set($a = 'x')#if($a == 'x' && $a eq \"x\")y#end"), "y");
    assert_eq!(r("#if(1 == 1.0)y#end#if('1' == 1)s#end"), "ys");
    assert_eq!(r("#if($nope)a#else b#end#if('')c#end#if(!$nope)d#end"), " bcd");
    assert_eq!(r("#set($a = 1 + 2 * 3)$a,#set($b = (1 + 2) * 3)$b,#set($c = -2 + 5)$c"), "7,9,3");
    assert_eq!(r("#set($big = 9223372036854775807)#set($c = $big + 1)$c"), "9.223372036854776E18");
}

#[test]
fn vtl_java_methods() {
    assert_eq!(
        r(
            "#set($s = ' Hello ')$s.trim().length() $s.isEmpty() $s.contains('ell') $s.trim().startsWith('He') $s.trim().endsWith('lo')"
        ),
        "5 false true true true"
    );
    assert_eq!(
        r(
            "#set($s = 'Hello')$s.toUpperCase() $s.toLowerCase() $s.indexOf('l') $s.lastIndexOf('l') $s.indexOf('z') $s.charAt(1)"
        ),
        "HELLO hello 2 3 -1 e"
    );
    assert_eq!(
        r(
            "#set($s = 'Hello')$s.substring(1) $s.substring(1, 3) $s.replace('l', 'L') $s.concat('!') $s.equals('Hello') $s.equalsIgnoreCase('hello') $s.toString()"
        ),
        "ello el HeLLo Hello! true true Hello"
    );
    assert_eq!(
        err("#set($s = 'Hello')$s.substring(9)").message,
        "substring(9, 5) is outside the string of 5"
    );
    assert_eq!(
        r(
            "#set($l = [])#set($ok = $l.add(1))$l.add(2) $l $l.size() $l.isEmpty() $l.contains(2) $l.get(0)"
        ),
        "true [1, 2] 2 false true 1"
    );
    assert_eq!(
        r("#set($l = [1, 2, 3])#set($x = $l.remove(0))$x $l,#set($x = $l.set(0, 9))$l"),
        "1 [2, 3],[9, 3]"
    );
    assert_eq!(
        r(
            "#set($m = {})#set($x = $m.put('a', 1))$m.put('b', 2)$m $m.size() $m.containsKey('a') $m.containsValue(2) $m.keySet() $m.values()"
        ),
        "{a=1, b=2} 2 true true [a, b] [1, 2]"
    );
    assert_eq!(r("#set($m = {'a': 1})$m.remove('a') $m $m.isEmpty()"), "1 {} true");
    assert_eq!(r("#set($m = {})#set($m.a = 1)#set($m['b'] = 2)$m"), "{a=1, b=2}");
    assert_eq!(r("#set($n = 3)$n.toString(),#set($f = 3.7)$f.intValue()"), "3,3");
    assert_eq!(r("#set($s = 'x')[$s.noSuchMethod()]"), "[]");
    assert_eq!(r("#set($s = '')$s.empty"), "true");
}

#[test]
fn vtl_api_gateway_variables() {
    assert_eq!(
        r(
            "$input.params('petId') $input.params('q') $input.params('X-Trace') [$input.params('none')]"
        ),
        "42 cats abc []"
    );
    assert_eq!(
        r("$input.params().path.get('petId') $input.params().querystring.q $input.params().header"),
        "42 cats {X-Trace=abc}"
    );
    assert_eq!(
        r("$context.stage $context.identity.sourceIp $stageVariables.color"),
        "dev 1.2.3.4 blue"
    );
    assert_eq!(r("$input.body"), env().body);
    let empty = Env { body: String::new(), ..env() };
    assert_eq!(
        render_text("$input.body", &empty, Limits::default()).map(|r| r.output),
        Ok("{}".to_string())
    );
    assert_eq!(r("$util.escapeJavaScript('it''s \"q\" a/b\\')"), "it\\'s \\\"q\\\" a\\/b\\\\");
    assert_eq!(r("#set($s = \"é\ttab\")$util.escapeJavaScript($s)"), "\\u00E9\\ttab");
    assert_eq!(
        r("$util.urlEncode('a b&c=d/é') $util.urlDecode('a+b%26c')"),
        "a+b%26c%3Dd%2F%C3%A9 a b&c"
    );
    assert_eq!(r("$util.base64Encode('hello') $util.base64Decode('aGVsbG8=')"), "aGVsbG8= hello");
    assert_eq!(
        r("#set($j = $util.parseJson('{\"a\": {\"b\": [1, 2]}, \"c\": \"d\"}'))$j.a.b $j.c $j"),
        "[1,2] d {a={b=[1,2]}, c=d}"
    );
    assert_eq!(err("$util.parseJson('nope')").line, 1);
}

#[test]
fn vtl_overrides() {
    let t = "#set($context.requestOverride.header.X-Id = 'h1')\n#set($context.requestOverride.querystring['q'] = 'v')\n#set($context.requestOverride.path.p = 3)\n#set($context.responseOverride.status = 444)\n#set($context.responseOverride.header.foo = \"bar\")\n#set($context.responseOverride.custom = 'c')$context.responseOverride.custom";
    let out = run(t).unwrap_or_default();
    assert_eq!(out.output, "c");
    assert_eq!(out.overrides.request_header, vec![("X-Id".to_string(), "h1".to_string())]);
    assert_eq!(out.overrides.request_querystring, vec![("q".to_string(), "v".to_string())]);
    assert_eq!(out.overrides.request_path, vec![("p".to_string(), "3".to_string())]);
    assert_eq!(out.overrides.response_status.as_deref(), Some("444"));
    assert_eq!(out.overrides.response_header, vec![("foo".to_string(), "bar".to_string())]);
    // LocalStack's test_integration_mock_with_vtl_map_assignation, recorded against AWS.
    let t = "#set($paramName = \"foo\")\n#set($context.requestOverride.querystring[$paramName] = \"bar\")\n#set($paramPutName = \"putfoo\")\n$context.requestOverride.querystring.put($paramPutName, \"putBar\")\n#set($context[\"requestOverride\"].querystring[\"nestedfoo\"] = \"nestedFoo\")\n";
    let out = run(t).unwrap_or_default();
    assert_eq!(out.overrides.request_querystring.len(), 3);
}

#[test]
fn vtl_errors_have_positions() {
    let e = err("line one\n  #if($a");
    assert_eq!((e.line, e.column), (2, 3));
    assert_eq!(e.message, "this #if( is never closed with )");
    let e = err("#foreach($x in [1])\nx");
    assert_eq!((e.line, e.column, e.message.as_str()), (1, 1, "this #foreach has no #end"));
    let e = err("ok\n#end");
    assert_eq!((e.line, e.column), (2, 1));
    let e = err("#if($a == null)x#end");
    assert_eq!(
        (e.column, e.message.as_str()),
        (11, "Velocity has no null; compare with a reference that is not set, such as $null")
    );
    let e = err("é #set($a = )");
    assert_eq!((e.line, e.column), (1, 13));
}

#[test]
fn vtl_limits() {
    let small = Limits { steps: 1000, output: 300 * 1024, depth: 64 };
    let e = render_text("\n  #foreach($i in [1..100000000])x#end", &env(), small)
        .err()
        .unwrap_or(VtlError { line: 0, column: 0, message: String::new() });
    assert_eq!((e.line, e.column), (2, 3));
    assert_eq!(e.message, "the template ran more than 1000 steps; an endless #foreach?");
    let e = err("#foreach($i in [1..100000000])xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx#end");
    assert!(e.message.starts_with("the output grew past 307200 bytes"), "{}", e.message);
    let e = err("#set($s = 'ab')#foreach($i in [1..40])#set($s = \"$s$s\")#end");
    assert!(e.message.starts_with("the output grew past"), "{}", e.message);
    let e = err("#macro(f $n)#f($n)#end#f(1)");
    assert!(e.message.starts_with("the template nests deeper than 64 levels"), "{}", e.message);
    let e = err("#macro(g)#g()#g()#end#g()");
    assert!(!e.message.is_empty());
    let deep = "(".repeat(500);
    assert!(parse(&format!("#set($a = {deep}1)")).is_err());
    let deep = "#if(true)".repeat(500);
    assert!(parse(&deep).is_err());
    // Java's AbstractCollection.toString names a list that holds itself.
    assert_eq!(r("#set($l = [])#set($x = $l.add($l))$l"), "[(this Collection)]");
    assert_eq!(r("#set($a = [])#set($b = [$a])#set($x = $a.add($b))#if($a == $b)same#end"), "");
}

#[test]
fn vtl_param_reads() {
    let t = parse("{\n \"a\": \"$input.params('a')\",\n #set($b = $input.params(\"b\"))\n $input.params().path.get('c') $input.params().header.get(\"d\") $input.params($x)\n}").ok();
    let reads = t.as_ref().map(param_reads).unwrap_or_default();
    assert_eq!(
        reads,
        vec![
            ("a".to_string(), 2, 8),
            ("b".to_string(), 3, 12),
            ("c".to_string(), 4, 2),
            ("d".to_string(), 4, 32)
        ]
    );
}

/// Random and truncated templates never panic, and always end.
#[test]
fn vtl_never_panics() {
    let seeds = [
        "#set($a = {'k': [1, 2.5, \"s$x\"]})#foreach($i in $a.k)#if($i > 1 && $foreach.hasNext)$i.toString()#elseif(!$i)x#else\\$i#end#end",
        "#macro(m $x)#if($x < 3)#m($x)#end#end#m(1)${a.b(1, 'c')[0]}$!{d}#define($q)#[[raw]]#$q#end##c\n#*b*#",
        "$input.params().header.get('X') $util.escapeJavaScript($input.body) $context.requestOverride.header.put('a', 1) #stop",
        "#set($r = $input.path('$.a[*].b'))$input.json('$..c') $r.get(0).split('[,;]') $r.toString().replaceAll('(a|b)+', '$1') \\u00e9",
        PETSTORE,
    ];
    let alphabet: Vec<char> =
        "#$!{}()[]'\".,=<>&|+-*/%\\ \nabcdefinstopmacro0123456789@é".chars().collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let lim = Limits { steps: 20_000, output: 20_000, depth: 32 };
    let e =
        Env { body: r#"{"a": [{"b": "x,y;z", "c": 1}, {"b": [1, {"c": 2}]}]}"#.into(), ..env() };
    for seed in seeds {
        let chars: Vec<char> = seed.chars().collect();
        for cut in 0..=chars.len() {
            let t: String = chars[..cut].iter().collect();
            let _ = render_text(&t, &e, lim);
        }
        for _ in 0..400 {
            let mut c = chars.clone();
            for _ in 0..(next() % 6 + 1) {
                let at = (next() % (c.len() as u64 + 1)) as usize;
                let ch = alphabet[(next() % alphabet.len() as u64) as usize];
                match next() % 3 {
                    0 if at < c.len() => c[at] = ch,
                    1 if at < c.len() => {
                        c.remove(at);
                    }
                    _ => c.insert(at, ch),
                }
            }
            let t: String = c.iter().collect();
            let _ = render_text(&t, &e, lim);
        }
    }
    for _ in 0..2000 {
        let len = (next() % 60) as usize;
        let t: String =
            (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
        let _ = render_text(&t, &e, lim);
    }
}

#[test]
fn vtl_params_and_null() {
    // Header names are case-insensitive.
    assert_eq!(r("$input.params('x-trace')"), "abc");
    // AWS takes a null as equal to "".
    assert_eq!(
        r("#if($nope == '')empty#end#if($nope == $null)null#end#if('' == $nope)e#end"),
        "emptynulle"
    );
}

#[test]
fn vtl_regex_methods() {
    assert_eq!(
        r(
            "#set($s = 'a1b22c')$s.replaceAll('[0-9]+', '-') $s.replaceFirst('[0-9]+', '-') $s.matches('[a-c0-9]+') $s.matches('b.*')"
        ),
        "a-b-c a-b22c true false"
    );
    assert_eq!(
        r("#set($s = 'a,b,,c,,')$s.split(',') $s.split(',').size() $s.split(',', -1).size()"),
        "[a, b, , c] 4 6"
    );
    assert_eq!(r("$util.escapeJavaScript('x').replaceAll(\"\\\\'\", \"'\")"), "x");
    assert_eq!(r("#set($s = 'John Smith')$s.replaceAll('(\\w+) (\\w+)', '$2, $1')"), "Smith, John");
    let e = err("#set($s = 'x')\n$s.matches('(')");
    assert_eq!((e.line, e.column), (2, 1));
}

#[test]
fn vtl_velocity_1_7_lexing() {
    // Parser.jjt of Velocity 1.7: #set takes the spaces before it only where they start a token.
    assert_eq!(r("{\n  #set($b = 2)\n  \"a\": $b\n}"), "{\n    \"a\": 2\n}");
    assert_eq!(r("#if(true)\n  #set($b = 2)\n  $b\n#end"), "  2\n");
    assert_eq!(r("$nope  #set($b = 2)$b"), "2");
    assert_eq!(r("a ## note\n  #set($b = 2)$b"), "a 2");
    // In a double-quoted string only "" and \\uXXXX are escapes; a backslash is itself.
    assert_eq!(r("#set($s = \"a\\u00e9b\")$s"), "a\u{e9}b");
    assert_eq!(r("#set($x = 1)#set($s = \"$x\\u0041\")$s"), "1A");
    assert_eq!(r("#set($s = \"a\\nb\")$s"), "a\\nb");
    // A property starts with a letter.
    assert_eq!(r("#set($m = {'_a': 1})$m._a"), "{_a=1}._a");
    assert_eq!(r("#set($a-b = 1)$a-b"), "1");
}

#[test]
fn vtl_string_plus_null() {
    assert_eq!(r("#set($s = 'a' + $nope.x)$s"), "a$nope.x");
    assert_eq!(r("#set($s = $nope + 1)[$s]"), "[]");
}

fn with_body(body: &str, t: &str) -> String {
    let e = Env { body: body.into(), ..env() };
    match render_text(t, &e, Limits::default()) {
        Ok(r) => r.output,
        Err(e) => panic!("{t}: {}:{} {}", e.line, e.column, e.message),
    }
}

pub(super) const PETSTORE: &str = "#set($inputRoot = $input.path('$'))\n[\n#foreach($elem in $inputRoot)\n  {\n    \"description\" : \"Item $elem.id is a $elem.type.\",\n    \"askingPrice\" : $elem.price\n  }#if($foreach.hasNext),#end\n\n#end\n]";
pub(super) const PETS: &str = r#"[{"id": 1, "type": "dog", "price": 249.99}, {"id": 2, "type": "cat", "price": 124.99}, {"id": 3, "type": "fish", "price": 0.99}]"#;

#[test]
fn vtl_developer_guide_petstore() {
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings.html
    assert_eq!(
        with_body(PETS, PETSTORE),
        "[\n  {\n    \"description\" : \"Item 1 is a dog.\",\n    \"askingPrice\" : 249.99\n  },\n  {\n    \"description\" : \"Item 2 is a cat.\",\n    \"askingPrice\" : 124.99\n  },\n  {\n    \"description\" : \"Item 3 is a fish.\",\n    \"askingPrice\" : 0.99\n  }\n]"
    );
    // The same guide's request example: "dog_"$elem.id with no $elem prints nothing for it.
    assert_eq!(
        with_body(
            r#"{"id": 1, "type": "dog", "Age": 11}"#,
            "#set($inputRoot = $input.path('$'))\n{\n  \"dogId\" : \"dog_$inputRoot.id\",\n  \"Age\": $inputRoot.Age\n}"
        ),
        "{\n  \"dogId\" : \"dog_1\",\n  \"Age\": 11\n}"
    );
}

/// AWS's recordings in LocalStack's test_apigateway_common.py::TestApiGatewayCommon::
/// test_input_path_template_formatting (last validated 2025-06-18).
#[test]
fn vtl_input_path_as_aws_recorded() {
    let path = "#set($result = $input.path(\"$.json\"))$result";
    let cases = [
        (r#"{"json": {"foo": "bar"}}"#, path, "{foo=bar}"),
        (r#"{"json": [{"foo": "bar"}]}"#, path, r#"[{"foo":"bar"}]"#),
        (
            r#"{"json": {"nested": {"foo": "bar"}}}"#,
            "#set($result = $input.path(\"$.json\"))$result.nested",
            "{foo=bar}",
        ),
        (
            r#"{"json": {"nested": [{"foo": "bar"}]}}"#,
            "#set($result = $input.path(\"$.json\"))$result.nested",
            r#"[{"foo":"bar"}]"#,
        ),
        (
            r#"{"json": [{"foo": "bar"}]}"#,
            "#set($result = $input.path(\"$.json\"))$result[0]",
            "{foo=bar}",
        ),
        (
            r#"{"json": [[{"foo": "bar"}]]}"#,
            "#set($result = $input.path(\"$.json\"))$result[0]",
            r#"[{"foo":"bar"}]"#,
        ),
        (r#"{"json": {"foo": [{"nested": "bar"}]}}"#, path, r#"{foo=[{"nested":"bar"}]}"#),
        (
            r#"{"json": {"bigger": "dict", "to": "test", "with": "separators"}}"#,
            path,
            "{bigger=dict, to=test, with=separators}",
        ),
        (
            r#"{"json": {"foo": "bar"}}"#,
            "#set($result = $input.path(\"$.json\"))$result.toString()",
            "{foo=bar}",
        ),
        (
            r#"{"json": {"list": [{"foo": "bar"}]}}"#,
            "#set($result = $input.path(\"$.json\"))$result.toString()",
            r#"{list=[{"foo":"bar"}]}"#,
        ),
    ];
    for (body, t, want) in cases {
        assert_eq!(with_body(body, t), want, "{body} {t}");
    }
    let probe = "#set($result = $input.path(\"$.nonExisting\")){\"body\": $result, \"nested\": $result.nested, \"isNull\": #if( $result == $null )\"true\"#else\"false\"#end, \"isEmptyString\": #if( $result == \"\" )\"true\"#else\"false\"#end}";
    assert_eq!(
        with_body("", probe),
        r#"{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}"#
    );
    let probe = probe.replace("$.nonExisting", "$.json.listValue");
    assert_eq!(
        with_body(r#"{"json": {"listValue": []}}"#, &probe),
        r#"{"body": [], "nested": , "isNull": "false", "isEmptyString": "false"}"#
    );
    assert_eq!(
        with_body(r#"{"json": {"listValue": null}}"#, &probe),
        r#"{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}"#
    );
}

/// AWS's recordings in LocalStack's test_apigateway_common.py::TestApiGatewayCommon::
/// test_input_body_formatting (last validated 2025-03-19).
#[test]
fn vtl_input_body_as_aws_recorded() {
    let t = "EncodedBody=$util.urlEncode($input.body)&EncodedBodyAccess=$util.urlEncode($input.body.testAccess)";
    assert_eq!(with_body("", t), "EncodedBody=%7B%7D&EncodedBodyAccess=");
    assert_eq!(
        with_body(r#"{"some": "value"}"#, t),
        "EncodedBody=%7B%22some%22%3A+%22value%22%7D&EncodedBodyAccess="
    );
    assert_eq!(with_body("some raw data", t), "EncodedBody=some+raw+data&EncodedBodyAccess=");
    assert_eq!(
        with_body("", "Action=SendMessage&MessageBody=$input.body"),
        "Action=SendMessage&MessageBody={}"
    );
    assert_eq!(with_body("some raw data", "#set($result = $input.body.testAccess)$result"), "");
}

#[test]
fn vtl_input_json() {
    let body = r#"{"a": {"b": [1, 2.5, "x/y"]}, "s": "t\"q"}"#;
    assert_eq!(with_body(body, "$input.json('$.a')"), r#"{"b":[1,2.5,"x/y"]}"#);
    assert_eq!(with_body(body, "$input.json('$.s')"), r#""t\"q""#);
    assert_eq!(with_body(body, "$input.json('$.a.b[0]')"), "1");
    assert_eq!(with_body(body, "$input.json('$.nope')"), r#""""#);
    assert_eq!(with_body("not json", "$input.json('$')"), r#""""#);
    assert_eq!(
        with_body(body, "$input.path('$.a.b').size() $input.path('$.a.b')[1] $input.path('$..b')"),
        r#"3 2.5 [[1,2.5,"x/y"]]"#
    );
    let e = Env { body: body.into(), ..env() };
    let err = render_text("\n $input.json('$[')", &e, Limits::default())
        .err()
        .map(|e| (e.line, e.column));
    assert_eq!(err, Some((2, 2)));
}

/// The console's "Method Request passthrough" template, about 1.5 KB.
pub(super) const PASSTHROUGH: &str = "##  See https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html\n##  This template will pass through all parameters including path, querystring, header, stage variables, and context through to the integration endpoint via the body/payload\n#set($allParams = $input.params())\n{\n\"body-json\" : $input.json('$'),\n\"params\" : {\n#foreach($type in $allParams.keySet())\n    #set($params = $allParams.get($type))\n\"$type\" : {\n    #foreach($paramName in $params.keySet())\n    \"$paramName\" : \"$util.escapeJavaScript($params.get($paramName))\"\n        #if($foreach.hasNext),#end\n    #end\n}\n    #if($foreach.hasNext),#end\n#end\n},\n\"stage-variables\" : {\n#foreach($key in $stageVariables.keySet())\n\"$key\" : \"$util.escapeJavaScript($stageVariables.get($key))\"\n    #if($foreach.hasNext),#end\n#end\n},\n\"context\" : {\n    \"account-id\" : \"$context.identity.accountId\",\n    \"api-id\" : \"$context.apiId\",\n    \"api-key\" : \"$context.identity.apiKey\",\n    \"authorizer-principal-id\" : \"$context.authorizer.principalId\",\n    \"caller\" : \"$context.identity.caller\",\n    \"cognito-authentication-provider\" : \"$context.identity.cognitoAuthenticationProvider\",\n    \"cognito-authentication-type\" : \"$context.identity.cognitoAuthenticationType\",\n    \"cognito-identity-id\" : \"$context.identity.cognitoIdentityId\",\n    \"cognito-identity-pool-id\" : \"$context.identity.cognitoIdentityPoolId\",\n    \"http-method\" : \"$context.httpMethod\",\n    \"stage\" : \"$context.stage\",\n    \"source-ip\" : \"$context.identity.sourceIp\",\n    \"user\" : \"$context.identity.user\",\n    \"user-agent\" : \"$context.identity.userAgent\",\n    \"user-arn\" : \"$context.identity.userArn\",\n    \"request-id\" : \"$context.requestId\",\n    \"resource-id\" : \"$context.resourceId\",\n    \"resource-path\" : \"$context.resourcePath\"\n    }\n}\n";

#[test]
fn vtl_passthrough_template() {
    let out = with_body(r#"{"a": 1}"#, PASSTHROUGH);
    let v: Result<serde_json::Value, _> = serde_json::from_str(&out);
    let v = v.unwrap_or_default();
    assert_eq!(v["body-json"], serde_json::json!({"a": 1}), "{out}");
    assert_eq!(v["params"]["path"]["petId"], "42");
    assert_eq!(v["params"]["header"]["X-Trace"], "abc");
    assert_eq!(v["stage-variables"]["color"], "blue");
    assert_eq!(v["context"]["stage"], "dev");
    assert_eq!(v["context"]["caller"], "");
}

/// The template of `cargo xtask bench` (crates/apigw-core/benches/core.rs) and its body.
pub(super) const BENCH_2KB: &str = include_str!("../../benches/vtl/list-2kb.vtl");
pub(super) const BENCH_BODY: &str = include_str!("../../benches/vtl/list-2kb.json");

#[test]
fn vtl_bench_template() {
    let out = with_body(BENCH_BODY, BENCH_2KB);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(v["count"], 5, "{out}");
    assert_eq!(v["filter"]["limit"], 25);
    assert_eq!(v["pets"][1]["owner"], serde_json::Value::Null);
    assert_eq!(v["pets"][0]["kind"], "CAT");
    assert_eq!(v["summary"]["counts"], "{cat=2, fish=2, dog=1}");
    assert_eq!(v["summary"]["cheapest"], 27.5);
    assert_eq!(v["summary"]["names"], "pet-1|pet-2|pet-3|pet-4|pet-5");
    assert_eq!(v["summary"]["encoded"], "cGFnZSAy");
    assert_eq!(v["raw"]["tags"], serde_json::json!(["a", "b"]));
}

/// `cargo test --release -p apigw-core --lib vtl_speed -- --ignored --nocapture`
#[test]
#[ignore]
fn vtl_speed() {
    for (name, src, body) in [
        ("petstore", PETSTORE, PETS),
        ("passthrough", PASSTHROUGH, PETS),
        ("bench", BENCH_2KB, BENCH_BODY),
    ] {
        let e = Env { body: body.into(), ..env() };
        let Ok(t) = parse(src) else { return };
        let n = 20_000u32;
        let start = std::time::Instant::now();
        for _ in 0..n {
            let _ = render(&t, &e, Limits::default());
        }
        let per = start.elapsed() / n;
        let start = std::time::Instant::now();
        for _ in 0..n {
            let _ = parse(src);
        }
        let parse_per = start.elapsed() / n;
        println!("{name}: {} bytes, render {per:?}, parse {parse_per:?}", src.len());
    }
}

#[test]
fn vtl_authorizer_claims() {
    let e = Env { context: serde_json::json!({"authorizer": {"claims": {"sub": "u1"}}}), ..env() };
    let out = render_text(
        "[$context.authorizer.claims][$context.authorizer.claims.sub]",
        &e,
        Limits::default(),
    );
    assert_eq!(out.map(|r| r.output), Ok("[][u1]".to_string()));
}

#[test]
fn vtl_shared_structures_stay_bounded() {
    let lim = Limits { steps: 100_000, output: 300 * 1024, depth: 64 };
    let go = |t: &str| render_text(t, &env(), lim);
    // Doubling a list by addAll counts every copied item.
    let e = go("#set($l = [1])#foreach($i in [1..40])#set($x = $l.addAll($l))#end$l.size()").err();
    assert!(e.is_some_and(|e| e.message.starts_with("the template ran more than")));
    // Lists of shared lists print and compare within the limits.
    let e = go("#set($a = [1])#foreach($i in [1..60])#set($a = [$a, $a])#end$a").err();
    assert!(e.is_some_and(|e| e.message.starts_with("the output grew past")));
    let e = go("#set($a = [1])#set($b = [1])#foreach($i in [1..30])#set($a = [$a, $a])#set($b = [$b, $b])#end#if($a == $b)same#end").err();
    assert!(e.is_some_and(|e| e.message.starts_with("the template ran more than")));
    let huge = Limits { steps: u64::MAX, output: 1000, depth: 64 };
    let e = render_text(
        "#foreach($i in [9223372036854775807..9223372036854775806])$i#end",
        &env(),
        huge,
    );
    assert_eq!(e.map(|r| r.output), Ok("92233720368547758079223372036854775806".to_string()));
    let e = render_text("#set($r = [1..100000000])", &env(), huge).err();
    assert!(e.is_some());
}

/// Templates stitched from VTL fragments, many more than `vtl_never_panics` runs:
/// `cargo test --release -p apigw-core --lib vtl_fuzz_long -- --ignored`.
#[test]
#[ignore]
fn vtl_fuzz_long() {
    let fragments = [
        "#set($a = ",
        "$a",
        "$!a",
        "${a}",
        ".b",
        ".c(",
        ")",
        "(",
        "[",
        "]",
        "{",
        "}",
        "'s'",
        "\"d$a\"",
        "1",
        "2.5",
        "-3",
        "[1..5]",
        "[5..1]",
        "#if(",
        "#elseif(",
        "#else",
        "#end",
        "#foreach($x in ",
        "$x",
        "$foreach.hasNext",
        "#break",
        "#stop",
        "#define($d)",
        "$d",
        "#macro(m $p)",
        "#m(",
        "$p",
        " == ",
        " && ",
        " || ",
        "!",
        " + ",
        " / ",
        " % ",
        "$input.path('$.a')",
        "$input.json('$..b')",
        "$input.params()",
        "$input.params('q')",
        "$util.escapeJavaScript(",
        "$util.parseJson('{\"a\":[1]}')",
        "$context.requestOverride.header.X",
        "$l.add($l)",
        "$l.addAll($l)",
        "#set($l = [])",
        "#set($m = {})",
        "$m.put('k', $m)",
        ".split(',')",
        ".replaceAll('a+', '$0$0')",
        ".matches('(a|b)*c')",
        ".substring(1)",
        "\\",
        "\\$a",
        "\\#if",
        "##c\n",
        "#*",
        "*#",
        "#[[",
        "]]#",
        "\n",
        "  ",
        ",",
        ".",
        "$",
        "#",
        "'",
        "\"",
        "é",
        "\u{1F600}",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let lim = Limits { steps: 50_000, output: 50_000, depth: 64 };
    let e = Env { body: r#"{"a": [{"b": "x,y"}, {"b": [1, {"b": 2}]}]}"#.into(), ..env() };
    let mut rendered = 0;
    for _ in 0..200_000 {
        let n = (next() % 24) as usize + 1;
        let t: String =
            (0..n).map(|_| fragments[(next() % fragments.len() as u64) as usize]).collect();
        rendered += usize::from(render_text(&t, &e, lim).is_ok());
    }
    // Enough of them get past the parser for the renderer to be exercised too.
    assert!(rendered > 20_000, "{rendered}");
}

#[test]
fn vtl_java_double_to_string() {
    let cases = [
        (1.0, "1.0"),
        (0.001, "0.001"),
        (0.0001, "1.0E-4"),
        (1e7, "1.0E7"),
        (9999999.0, "9999999.0"),
        (123.456, "123.456"),
        (-2.5, "-2.5"),
        (1.5e-10, "1.5E-10"),
        (1.2345e20, "1.2345E20"),
        (0.1, "0.1"),
        (100.0, "100.0"),
        (0.0, "0.0"),
        (f64::MAX, "1.7976931348623157E308"),
        (1e16, "1.0E16"),
        (12345678.9, "1.23456789E7"),
    ];
    for (d, want) in cases {
        let mut out = String::new();
        super::java::double(d, &mut out);
        assert_eq!(out, want, "{d}");
    }
    assert_eq!(r("#set($a = 2e3)$a,#set($b = -0.5)$b"), "2000.0,-0.5");
}

#[test]
fn vtl_output_limit_without_loops() {
    let lim = Limits { steps: 1_000_000, output: 1000, depth: 64 };
    let text = "x".repeat(1500);
    let e = render_text(&text, &env(), lim).err().map(|e| (e.line, e.column));
    assert_eq!(e, Some((1, 1501)));
    let t =
        format!("#macro(m $n){}#if($n < 25)#set($k = $n + 1)#m($k)#end#end#m(0)", "y".repeat(100));
    let e = render_text(&t, &env(), lim);
    assert!(
        e.as_ref().is_err_and(|e| e.message.starts_with("the output grew past 1000 bytes")),
        "{e:?}"
    );
}

//! Running a parsed template: values as Velocity's Java objects (maps keep insertion order as
//! `LinkedHashMap` does, lists are shared and mutable as `ArrayList` is), printing as Java's
//! `toString`, and every step, byte and level counted against [`Limits`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::Value;

use super::parse::{Expr, Lit, Macro, Node, Op, Part, RefExpr};
use super::regex::JavaRegex;
use super::{Env, Limits, Overrides, Rendered, Template, VtlError, java, jsonpath};

type Map = Rc<RefCell<Vec<(Rc<str>, V)>>>;
type List = Rc<RefCell<Vec<V>>>;

/// Nesting of values printed or compared (a list that contains itself stops here).
const VALUE_DEPTH: u32 = 40;

/// Where printing a value stops (lists that share their items can stand for more text than
/// memory holds); the output limit, checked after, reports it.
const TEXT_CAP: usize = 4 << 20;

#[derive(Clone)]
pub(crate) enum V {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    /// A list; `true` when it came from JSON (`$input.path`, `$util.parseJson`), which prints
    /// as JSON, as Jayway JsonPath's `JSONArray` does.
    List(List, bool),
    Map(Map),
    Entry(Rc<(Rc<str>, V)>),
    /// `$foreach`: index and whether another turn follows.
    Loop(i64, bool),
    Block(Rc<Vec<Node>>),
    Input,
    Util,
}

fn s(v: &str) -> V {
    V::Str(v.into())
}

fn new_map() -> V {
    V::Map(Rc::new(RefCell::new(Vec::new())))
}

pub(crate) fn from_json(v: &Value) -> V {
    match v {
        Value::Null => V::Null,
        Value::Bool(b) => V::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => V::Int(i),
            None => V::Float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(t) => s(t),
        Value::Array(a) => V::List(Rc::new(RefCell::new(a.iter().map(from_json).collect())), true),
        Value::Object(o) => V::Map(Rc::new(RefCell::new(
            o.iter().map(|(k, v)| (Rc::from(k.as_str()), from_json(v))).collect(),
        ))),
    }
}

fn map_get(m: &Map, k: &str) -> V {
    m.try_borrow()
        .ok()
        .and_then(|m| m.iter().find(|(n, _)| &**n == k).map(|(_, v)| v.clone()))
        .unwrap_or(V::Null)
}

/// `Map.put`: the previous value.
fn map_put(m: &Map, k: Rc<str>, v: V) -> V {
    let Ok(mut m) = m.try_borrow_mut() else { return V::Null };
    if let Some(slot) = m.iter_mut().find(|(n, _)| *n == k) {
        return std::mem::replace(&mut slot.1, v);
    }
    m.push((k, v));
    V::Null
}

fn list_of(items: Vec<V>) -> V {
    V::List(Rc::new(RefCell::new(items)), false)
}

fn truthy(v: &V) -> bool {
    !matches!(v, V::Null | V::Bool(false))
}

fn num(v: &V) -> Option<f64> {
    match v {
        V::Int(i) => Some(*i as f64),
        V::Float(f) => Some(*f),
        _ => None,
    }
}

enum Flow {
    Go,
    Break,
    Stop,
}

pub(crate) struct Run<'t> {
    t: &'t Template,
    env: &'t Env,
    lim: Limits,
    depth_cap: u32,
    vars: HashMap<Rc<str>, V>,
    steps: u64,
    depth: u32,
    body: Option<Option<Value>>,
    params: Option<V>,
    regexes: Vec<(Rc<str>, Rc<JavaRegex>)>,
}

type R<T> = Result<T, VtlError>;

pub(crate) fn render(t: &Template, env: &Env, lim: Limits) -> R<Rendered> {
    let mut vars = HashMap::new();
    let context = match &env.context {
        Value::Object(_) => from_json(&env.context),
        _ => new_map(),
    };
    if let V::Map(m) = &context {
        for (name, subs) in [
            ("requestOverride", &["header", "querystring", "path"][..]),
            ("responseOverride", &["header"][..]),
        ] {
            let o = match map_get(m, name) {
                V::Map(o) => o,
                _ => {
                    let o = Rc::new(RefCell::new(Vec::new()));
                    map_put(m, name.into(), V::Map(o.clone()));
                    o
                }
            };
            for sub in subs {
                if !matches!(map_get(&o, sub), V::Map(_)) {
                    map_put(&o, (*sub).into(), new_map());
                }
            }
        }
    }
    vars.insert(Rc::from("context"), context);
    let stage = env.stage_variables.iter().map(|(k, v)| (Rc::from(k.as_str()), s(v))).collect();
    vars.insert(Rc::from("stageVariables"), V::Map(Rc::new(RefCell::new(stage))));
    vars.insert(Rc::from("input"), V::Input);
    vars.insert(Rc::from("util"), V::Util);
    let mut run = Run {
        t,
        env,
        lim,
        depth_cap: lim.depth.min(200),
        vars,
        steps: 0,
        depth: 0,
        body: None,
        params: None,
        regexes: Vec::new(),
    };
    let mut out = String::new();
    run.nodes(&t.nodes, &mut out)?;
    let overrides = run.overrides();
    Ok(Rendered { output: out, overrides })
}

impl Run<'_> {
    fn err<T>(&self, pos: u32, message: String) -> R<T> {
        let (line, column) = super::line_col(&self.t.src, pos);
        Err(VtlError { line, column, message })
    }

    fn step(&mut self, pos: u32) -> R<()> {
        self.steps += 1;
        if self.steps > self.lim.steps {
            return self.err(
                pos,
                format!(
                    "the template ran more than {} steps; an endless #foreach?",
                    self.lim.steps
                ),
            );
        }
        Ok(())
    }

    fn check_len(&self, len: usize, pos: u32) -> R<()> {
        if len > self.lim.output {
            return self.err(
                pos,
                format!(
                    "the output grew past {} bytes, more than API Gateway allows",
                    self.lim.output
                ),
            );
        }
        Ok(())
    }

    /// The steps left, for work that counts as it goes (comparisons, copies).
    fn budget(&self) -> u64 {
        self.lim.steps.saturating_sub(self.steps)
    }

    /// Takes back what is left of [`Run::budget`]; an error when it ran out.
    fn spend(&mut self, left: u64, pos: u32) -> R<()> {
        self.steps = self.lim.steps.saturating_sub(left);
        if left == 0 {
            self.steps = self.lim.steps;
            return self.step(pos);
        }
        Ok(())
    }

    fn grown(&self, x: String, pos: u32) -> R<V> {
        self.check_len(x.len(), pos)?;
        Ok(V::Str(x.into()))
    }

    fn enter(&mut self, pos: u32) -> R<()> {
        self.depth += 1;
        if self.depth > self.depth_cap {
            return self.err(
                pos,
                format!(
                    "the template nests deeper than {} levels; a macro that calls itself?",
                    self.depth_cap
                ),
            );
        }
        Ok(())
    }

    fn overrides(&self) -> Overrides {
        let mut o = Overrides::default();
        let Some(V::Map(ctx)) = self.vars.get("context") else { return o };
        let pairs = |m: &V| -> Vec<(String, String)> {
            match m {
                V::Map(m) => m.try_borrow().map_or(Vec::new(), |m| {
                    m.iter()
                        .filter(|(_, v)| !matches!(v, V::Null))
                        .map(|(k, v)| (k.to_string(), plain(v)))
                        .collect()
                }),
                _ => Vec::new(),
            }
        };
        if let V::Map(req) = map_get(ctx, "requestOverride") {
            o.request_header = pairs(&map_get(&req, "header"));
            o.request_querystring = pairs(&map_get(&req, "querystring"));
            o.request_path = pairs(&map_get(&req, "path"));
        }
        if let V::Map(res) = map_get(ctx, "responseOverride") {
            o.response_header = pairs(&map_get(&res, "header"));
            match map_get(&res, "status") {
                V::Null => {}
                v => o.response_status = Some(plain(&v)),
            }
        }
        o
    }

    fn nodes(&mut self, nodes: &[Node], out: &mut String) -> R<Flow> {
        for n in nodes {
            match self.node(n, out)? {
                Flow::Go => {}
                f => return Ok(f),
            }
        }
        Ok(Flow::Go)
    }

    fn node(&mut self, n: &Node, out: &mut String) -> R<Flow> {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Ref(r) => {
                let v = self.reference(r)?;
                self.print(&v, out, r.pos)?;
            }
            Node::Escaped(n, r, src) => {
                let v = self.reference(r)?;
                if matches!(v, V::Null) {
                    for _ in 0..*n {
                        out.push('\\');
                    }
                    out.push_str(src);
                } else {
                    for _ in 0..n / 2 {
                        out.push('\\');
                    }
                    if n % 2 == 1 {
                        out.push_str(src);
                    } else {
                        self.print(&v, out, r.pos)?;
                    }
                }
            }
            Node::Set(target, e) => {
                let v = self.expr(e)?;
                self.set(target, v)?;
            }
            Node::If(branches, otherwise) => {
                for (cond, body) in branches {
                    if truthy(&self.expr(cond)?) {
                        return self.block(body, out, 0);
                    }
                }
                if let Some(body) = otherwise {
                    return self.block(body, out, 0);
                }
            }
            Node::Foreach(f) => return self.foreach(f, out),
            Node::Break => return Ok(Flow::Break),
            Node::Stop => return Ok(Flow::Stop),
            Node::Define(name, body) => {
                self.vars.insert(name.clone(), V::Block(body.clone()));
            }
            Node::Call(name, args, src, pos) => {
                let Some(m) =
                    self.t.macros.iter().rev().find(|(n, _)| n == name).map(|(_, m)| m.clone())
                else {
                    out.push_str(src);
                    return Ok(Flow::Go);
                };
                return self.call(&m, args, out, *pos);
            }
        }
        Ok(Flow::Go)
    }

    fn block(&mut self, body: &[Node], out: &mut String, pos: u32) -> R<Flow> {
        self.enter(pos)?;
        let f = self.nodes(body, out);
        self.depth -= 1;
        f
    }

    fn call(&mut self, m: &Macro, args: &[Expr], out: &mut String, pos: u32) -> R<Flow> {
        self.step(pos)?;
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(self.expr(a)?);
        }
        let mut saved = Vec::with_capacity(m.params.len());
        for (k, p) in m.params.iter().enumerate() {
            let v = values.get(k).cloned().unwrap_or(V::Null);
            let old = if matches!(v, V::Null) {
                self.vars.remove(p)
            } else {
                self.vars.insert(p.clone(), v)
            };
            saved.push((p.clone(), old));
        }
        self.enter(pos)?;
        let f = self.nodes(&m.body, out);
        self.depth -= 1;
        for (p, old) in saved.into_iter().rev() {
            match old {
                Some(v) => self.vars.insert(p, v),
                None => self.vars.remove(&p),
            };
        }
        match f? {
            Flow::Stop => Ok(Flow::Stop),
            _ => Ok(Flow::Go),
        }
    }

    fn foreach(&mut self, f: &super::parse::Foreach, out: &mut String) -> R<Flow> {
        enum Items {
            Range(i64, i64),
            List(Vec<V>),
        }
        let items = if let Expr::Range(ends, pos) = &f.iter {
            let (a, b) = (self.expr(&ends.0)?, self.expr(&ends.1)?);
            match (range_end(&a), range_end(&b)) {
                (Some(a), Some(b)) => Items::Range(a, b),
                _ => {
                    return self
                        .err(*pos, "a range [a..b] needs whole numbers at both ends".to_string());
                }
            }
        } else {
            match self.expr(&f.iter)? {
                V::List(l, _) => Items::List(l.try_borrow().map(|l| l.clone()).unwrap_or_default()),
                V::Map(m) => Items::List(
                    m.try_borrow()
                        .map(|m| m.iter().map(|(_, v)| v.clone()).collect())
                        .unwrap_or_default(),
                ),
                _ => return Ok(Flow::Go),
            }
        };
        let len = match &items {
            Items::Range(a, b) => a.abs_diff(*b).saturating_add(1),
            Items::List(l) => l.len() as u64,
        };
        let names: [Rc<str>; 3] = [f.var.clone(), "foreach".into(), "velocityCount".into()];
        let saved: Vec<Option<V>> = names.iter().map(|n| self.vars.get(n).cloned()).collect();
        self.enter(f.pos)?;
        let mut flow = Ok(Flow::Go);
        let mut k: u64 = 0;
        while k < len {
            if let Err(e) = self.step(f.pos) {
                flow = Err(e);
                break;
            }
            let item = match &items {
                Items::Range(a, b) => {
                    let v =
                        if a <= b { a.checked_add_unsigned(k) } else { a.checked_sub_unsigned(k) };
                    V::Int(v.unwrap_or(*b))
                }
                Items::List(l) => l[k as usize].clone(),
            };
            if matches!(item, V::Null) {
                self.vars.remove(&f.var);
            } else {
                self.vars.insert(f.var.clone(), item);
            }
            self.vars.insert(names[1].clone(), V::Loop(k as i64, k + 1 < len));
            self.vars.insert(names[2].clone(), V::Int(k as i64 + 1));
            match self.nodes(&f.body, out) {
                Ok(Flow::Go) => {}
                Ok(Flow::Break) => break,
                other => {
                    flow = other;
                    break;
                }
            }
            if let Err(e) = self.check_len(out.len(), f.pos) {
                flow = Err(e);
                break;
            }
            k += 1;
        }
        self.depth -= 1;
        for (n, old) in names.into_iter().zip(saved) {
            match old {
                Some(v) => self.vars.insert(n, v),
                None => self.vars.remove(&n),
            };
        }
        flow
    }

    /// `#set`: a variable, or a map's key, or a list's index, at the end of a reference.
    fn set(&mut self, target: &RefExpr, v: V) -> R<()> {
        // Velocity 1.7 leaves the target as it was when the value is null
        // (https://velocity.apache.org/engine/1.7/user-guide.html#set).
        if matches!(v, V::Null) {
            return Ok(());
        }
        let Some((last, path)) = target.parts.split_last() else {
            self.vars.insert(target.root.clone(), v);
            return Ok(());
        };
        let mut cur = self.vars.get(&target.root).cloned().unwrap_or(V::Null);
        for p in path {
            if matches!(cur, V::Null) {
                return Ok(());
            }
            cur = self.part(cur, p, target.pos)?;
        }
        match (last, &cur) {
            (Part::Prop(k), V::Map(m)) => {
                map_put(m, k.clone(), v);
            }
            (Part::Index(e), V::Map(m)) => {
                let k = self.expr(e)?;
                map_put(m, plain(&k).into(), v);
            }
            (Part::Index(e), V::List(l, _)) => {
                let i = self.expr(e)?;
                if let (V::Int(i), Ok(mut l)) = (i, l.try_borrow_mut()) {
                    let n = l.len() as i64;
                    let i = if i < 0 { i + n } else { i };
                    if (0..n).contains(&i) {
                        l[i as usize] = v;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn reference(&mut self, r: &RefExpr) -> R<V> {
        self.step(r.pos)?;
        // "Calling $context.authorizer.claims returns null" (the mapping template reference,
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html).
        if let [Part::Prop(a), Part::Prop(c)] = r.parts.as_slice() {
            if &*r.root == "context" && &**a == "authorizer" && &**c == "claims" {
                return Ok(V::Null);
            }
        }
        let mut cur = self.vars.get(&r.root).cloned().unwrap_or(V::Null);
        for p in &r.parts {
            if matches!(cur, V::Null) {
                return Ok(V::Null);
            }
            cur = self.part(cur, p, r.pos)?;
        }
        Ok(cur)
    }

    fn part(&mut self, cur: V, p: &Part, pos: u32) -> R<V> {
        match p {
            Part::Prop(name) => Ok(self.prop(&cur, name)),
            Part::Method(name, args) => {
                let mut a = Vec::with_capacity(args.len());
                for e in args {
                    a.push(self.expr(e)?);
                }
                self.step(pos)?;
                self.method(cur, name, &a, pos)
            }
            Part::Index(e) => {
                let i = self.expr(e)?;
                Ok(match (&cur, &i) {
                    (V::List(l, _), V::Int(i)) => {
                        let l = l.try_borrow().map(|l| l.clone()).unwrap_or_default();
                        let n = l.len() as i64;
                        let k = if *i < 0 { i + n } else { *i };
                        if k < 0 || k >= n {
                            return self.err(pos, format!("index {i} is outside the list of {n}"));
                        }
                        l[k as usize].clone()
                    }
                    (V::Map(m), k) => map_get(m, &plain(k)),
                    _ => self.prop(&cur, &plain(&i)),
                })
            }
        }
    }

    /// `$a.name`: a map's key, or a Java getter (`getName()`, `isName()`).
    fn prop(&mut self, cur: &V, name: &str) -> V {
        match cur {
            V::Map(m) => map_get(m, name),
            V::Entry(e) => match name {
                "key" => s(&e.0),
                "value" => e.1.clone(),
                _ => V::Null,
            },
            V::Loop(i, next) => match name {
                "index" => V::Int(*i),
                "count" => V::Int(i + 1),
                "hasNext" => V::Bool(*next),
                "first" => V::Bool(*i == 0),
                "last" => V::Bool(!*next),
                _ => V::Null,
            },
            V::Input if name == "body" => self.body_text(),
            V::Str(t) if name == "empty" => V::Bool(t.is_empty()),
            V::List(l, _) if name == "empty" => V::Bool(l.try_borrow().is_ok_and(|l| l.is_empty())),
            V::Input if name == "params" => self.params(),
            _ => V::Null,
        }
    }

    fn body_text(&self) -> V {
        // An empty body reads as `{}` (recorded against AWS in LocalStack's
        // test_apigateway_common.py::TestApigatewayTemplating, see docs/vtl.md).
        if self.env.body.is_empty() { s("{}") } else { s(&self.env.body) }
    }

    fn params(&mut self) -> V {
        if let Some(p) = &self.params {
            return p.clone();
        }
        let m = |pairs: &[(String, String)]| -> V {
            let mut v: Vec<(Rc<str>, V)> = Vec::with_capacity(pairs.len());
            for (k, val) in pairs {
                if let Some(slot) = v.iter_mut().find(|(n, _)| **n == **k) {
                    slot.1 = s(val);
                } else {
                    v.push((k.as_str().into(), s(val)));
                }
            }
            V::Map(Rc::new(RefCell::new(v)))
        };
        let p = V::Map(Rc::new(RefCell::new(vec![
            ("path".into(), m(&self.env.path)),
            ("querystring".into(), m(&self.env.querystring)),
            ("header".into(), m(&self.env.header)),
        ])));
        self.params = Some(p.clone());
        p
    }

    fn json_body(&mut self) -> Option<&Value> {
        if self.body.is_none() {
            let parsed = if self.env.body.trim().is_empty() {
                None
            } else {
                serde_json::from_str(&self.env.body).ok()
            };
            self.body = Some(parsed);
        }
        self.body.as_ref().and_then(|b| b.as_ref())
    }

    fn select(&mut self, path: &str, pos: u32) -> R<Option<Value>> {
        let Some(root) = self.json_body() else { return Ok(None) };
        match jsonpath::select(root, path) {
            Ok(jsonpath::Selected::One(v)) => Ok(v),
            Ok(jsonpath::Selected::Many(v)) => Ok(Some(Value::Array(v))),
            Err(e) => self.err(pos, format!("the JSONPath {path} is not valid: {e}")),
        }
    }

    fn regex(&mut self, pattern: &str, pos: u32) -> R<Rc<JavaRegex>> {
        if let Some((_, r)) = self.regexes.iter().find(|(p, _)| &**p == pattern) {
            return Ok(r.clone());
        }
        match JavaRegex::new(pattern) {
            Ok(r) => {
                let r = Rc::new(r);
                if self.regexes.len() < 32 {
                    self.regexes.push((pattern.into(), r.clone()));
                }
                Ok(r)
            }
            Err(e) => self.err(pos, format!("{pattern} is not a Java regular expression: {}", e.0)),
        }
    }

    fn method(&mut self, cur: V, name: &str, a: &[V], pos: u32) -> R<V> {
        let arg_str = |k: usize| -> Option<String> {
            match a.get(k) {
                Some(V::Null) | None => None,
                Some(v) => Some(plain(v)),
            }
        };
        let v = match (&cur, name, a.len()) {
            (V::Input, "json", 1) | (V::Input, "path", 1) => {
                let Some(p) = arg_str(0) else { return Ok(V::Null) };
                let sel = self.select(&p, pos)?;
                if name == "path" {
                    return Ok(sel.as_ref().map_or(V::Null, from_json));
                }
                // A path that selects nothing gives an empty JSON string, `""`.
                return Ok(V::Str(
                    serde_json::to_string(&sel.unwrap_or(Value::String(String::new())))
                        .unwrap_or_default()
                        .into(),
                ));
            }
            (V::Input, "params", 0) => return Ok(self.params()),
            (V::Input, "params", 1) => {
                let Some(want) = arg_str(0) else { return Ok(s("")) };
                for list in [&self.env.path, &self.env.querystring] {
                    if let Some((_, v)) = list.iter().rev().find(|(k, _)| *k == want) {
                        return Ok(s(v));
                    }
                }
                // Header names are case-insensitive (RFC 9110); the exact spelling wins.
                let h = &self.env.header;
                let found = h
                    .iter()
                    .rev()
                    .find(|(k, _)| *k == want)
                    .or_else(|| h.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(&want)));
                return Ok(found.map_or_else(|| s(""), |(_, v)| s(v)));
            }
            (V::Input, "getBody", 0) => return Ok(self.body_text()),
            (V::Util, _, 1) => {
                let Some(t) = arg_str(0) else { return Ok(V::Null) };
                return match name {
                    "escapeJavaScript" => Ok(V::Str(java::escape_js(&t).into())),
                    "urlEncode" => Ok(V::Str(java::url_encode(&t).into())),
                    "urlDecode" => match java::url_decode(&t) {
                        Some(d) => Ok(V::Str(d.into())),
                        None => self.err(
                            pos,
                            "$util.urlDecode: the text has a % not followed by two hex digits"
                                .into(),
                        ),
                    },
                    "base64Encode" => Ok(V::Str(java::base64_encode(t.as_bytes()).into())),
                    "base64Decode" => match java::base64_decode(&t) {
                        Some(d) => Ok(V::Str(String::from_utf8_lossy(&d).into())),
                        None => self.err(pos, "$util.base64Decode: the text is not Base64".into()),
                    },
                    "parseJson" => match serde_json::from_str::<Value>(&t) {
                        Ok(j) => Ok(from_json(&j)),
                        Err(e) => {
                            self.err(pos, format!("$util.parseJson: the text is not JSON ({e})"))
                        }
                    },
                    _ => Ok(V::Null),
                };
            }
            (V::Str(t), _, _) => return self.string_method(t, name, a, pos),
            (V::List(l, _), _, _) => return self.list_method(l, name, a, pos),
            (V::Map(m), _, _) => {
                let mut b = self.budget();
                let v = map_method(m, name, a, &mut b);
                self.spend(b, pos)?;
                return Ok(v);
            }
            (V::Entry(e), "getKey", 0) => s(&e.0),
            (V::Entry(e), "getValue", 0) => e.1.clone(),
            (V::Loop(..), _, 0) => {
                let prop = match name {
                    "hasNext" => "hasNext",
                    "getIndex" => "index",
                    "getCount" => "count",
                    "isFirst" => "first",
                    "isLast" => "last",
                    _ => return Ok(V::Null),
                };
                self.prop(&cur, prop)
            }
            (V::Int(i), "intValue" | "longValue", 0) => {
                V::Int(if name == "intValue" { *i as i32 as i64 } else { *i })
            }
            (V::Float(f), "intValue" | "longValue", 0) => {
                V::Int(if name == "intValue" { *f as i32 as i64 } else { *f as i64 })
            }
            (V::Int(_) | V::Float(_), "doubleValue", 0) => V::Float(num(&cur).unwrap_or(0.0)),
            (_, "toString", 0) if !matches!(cur, V::Input | V::Util | V::Block(_)) => {
                V::Str(plain(&cur).into())
            }
            (_, "equals", 1) => {
                let mut b = self.budget();
                let eq = java_equals(&cur, &a[0], &mut b);
                self.spend(b, pos)?;
                V::Bool(eq)
            }
            _ => V::Null,
        };
        Ok(v)
    }

    fn string_method(&mut self, t: &Rc<str>, name: &str, a: &[V], pos: u32) -> R<V> {
        let sarg = |k: usize| -> Option<String> {
            match a.get(k) {
                Some(V::Str(x)) => Some(x.to_string()),
                _ => None,
            }
        };
        let iarg = |k: usize| -> Option<i64> {
            match a.get(k) {
                Some(V::Int(i)) => Some(*i),
                _ => None,
            }
        };
        let units = || t.encode_utf16().collect::<Vec<u16>>();
        Ok(match (name, a.len()) {
            ("length", 0) => V::Int(t.encode_utf16().count() as i64),
            ("isEmpty", 0) => V::Bool(t.is_empty()),
            ("toString" | "trim" | "toLowerCase" | "toUpperCase", 0) => match name {
                "trim" => s(t.trim_matches(|c: char| c <= ' ')),
                "toLowerCase" => s(&t.to_lowercase()),
                "toUpperCase" => s(&t.to_uppercase()),
                _ => V::Str(t.clone()),
            },
            ("contains", 1) => sarg(0).map_or(V::Null, |x| V::Bool(t.contains(x.as_str()))),
            ("startsWith", 1) => sarg(0).map_or(V::Null, |x| V::Bool(t.starts_with(x.as_str()))),
            ("endsWith", 1) => sarg(0).map_or(V::Null, |x| V::Bool(t.ends_with(x.as_str()))),
            ("equals", 1) => V::Bool(matches!(&a[0], V::Str(x) if x == t)),
            ("equalsIgnoreCase", 1) => {
                V::Bool(matches!(&a[0], V::Str(x) if x.to_lowercase() == t.to_lowercase()))
            }
            ("concat", 1) => match sarg(0) {
                Some(x) => self.grown(format!("{t}{x}"), pos)?,
                None => return self.err(pos, "concat needs a string".into()),
            },
            ("indexOf" | "lastIndexOf", 1 | 2) => {
                let Some(x) = sarg(0) else { return Ok(V::Null) };
                let (hay, needle) = (units(), x.encode_utf16().collect::<Vec<u16>>());
                let n = hay.len() as i64;
                let from = iarg(1);
                let fits = |i: usize| {
                    i + needle.len() <= hay.len() && hay[i..i + needle.len()] == needle[..]
                };
                let found = if name == "indexOf" {
                    let from = from.unwrap_or(0).max(0);
                    (from..=n).map(|i| i as usize).find(|&i| fits(i))
                } else {
                    let from = from.unwrap_or(n).min(n);
                    (0..=from.max(-1)).rev().map(|i| i as usize).find(|&i| fits(i))
                };
                V::Int(found.map_or(-1, |i| i as i64))
            }
            ("charAt", 1) => {
                let u = units();
                match iarg(0) {
                    Some(i) if i >= 0 && (i as usize) < u.len() => {
                        V::Str(String::from_utf16_lossy(&u[i as usize..=i as usize]).into())
                    }
                    Some(i) => {
                        return self
                            .err(pos, format!("charAt({i}) is outside the string of {}", u.len()));
                    }
                    None => V::Null,
                }
            }
            ("substring", 1 | 2) => {
                let u = units();
                let n = u.len() as i64;
                let (Some(b), e) = (iarg(0), if a.len() == 2 { iarg(1) } else { Some(n) }) else {
                    return Ok(V::Null);
                };
                let Some(e) = e else { return Ok(V::Null) };
                if b < 0 || e > n || b > e {
                    return self
                        .err(pos, format!("substring({b}, {e}) is outside the string of {n}"));
                }
                V::Str(String::from_utf16_lossy(&u[b as usize..e as usize]).into())
            }
            ("replace", 2) => match (sarg(0), sarg(1)) {
                (Some(x), Some(y)) => self.grown(t.replace(x.as_str(), &y), pos)?,
                _ => V::Null,
            },
            ("replaceAll" | "replaceFirst", 2) => match (sarg(0), sarg(1)) {
                (Some(x), Some(y)) => {
                    let re = self.regex(&x, pos)?;
                    let r = if name == "replaceAll" {
                        re.replace_all(t, &y)
                    } else {
                        re.replace_first(t, &y)
                    };
                    match r {
                        Ok(r) => self.grown(r, pos)?,
                        Err(e) => return self.err(pos, format!("{name}: {}", e.0)),
                    }
                }
                _ => V::Null,
            },
            ("matches", 1) => match sarg(0) {
                Some(x) => match self.regex(&x, pos)?.matches(t) {
                    Ok(b) => V::Bool(b),
                    Err(e) => return self.err(pos, format!("matches: {}", e.0)),
                },
                None => V::Null,
            },
            ("split", 1 | 2) => match sarg(0) {
                Some(x) => match self.regex(&x, pos)?.split_limit(t, iarg(1).unwrap_or(0)) {
                    Ok(parts) => list_of(parts.iter().map(|p| s(p)).collect()),
                    Err(e) => return self.err(pos, format!("split: {}", e.0)),
                },
                None => V::Null,
            },
            ("hashCode", 0) => {
                let mut h: i32 = 0;
                for u in t.encode_utf16() {
                    h = h.wrapping_mul(31).wrapping_add(i32::from(u));
                }
                V::Int(i64::from(h))
            }
            _ => V::Null,
        })
    }

    fn list_method(&mut self, l: &List, name: &str, a: &[V], pos: u32) -> R<V> {
        let mut b = self.budget();
        let v = self.list_method_in(l, name, a, pos, &mut b);
        self.spend(b, pos)?;
        v
    }

    fn list_method_in(
        &mut self,
        l: &List,
        name: &str,
        a: &[V],
        pos: u32,
        budget: &mut u64,
    ) -> R<V> {
        let Ok(mut items) = l.try_borrow_mut() else { return Ok(V::Null) };
        let n = items.len() as i64;
        let index = |i: &V| -> Option<i64> {
            match i {
                V::Int(i) => Some(*i),
                _ => None,
            }
        };
        Ok(match (name, a.len()) {
            ("size", 0) => V::Int(n),
            ("isEmpty", 0) => V::Bool(n == 0),
            ("get", 1) => match index(&a[0]) {
                Some(i) if (0..n).contains(&i) => items[i as usize].clone(),
                Some(i) => {
                    drop(items);
                    return self.err(pos, format!("get({i}) is outside the list of {n}"));
                }
                None => V::Null,
            },
            ("contains", 1) => V::Bool(items.iter().any(|x| java_equals(x, &a[0], budget))),
            ("indexOf", 1) => V::Int(
                items.iter().position(|x| java_equals(x, &a[0], budget)).map_or(-1, |i| i as i64),
            ),
            ("add", 1) => {
                items.push(a[0].clone());
                V::Bool(true)
            }
            ("add", 2) => match index(&a[0]) {
                Some(i) if (0..=n).contains(&i) => {
                    items.insert(i as usize, a[1].clone());
                    return Ok(V::Null);
                }
                _ => {
                    drop(items);
                    return self.err(pos, format!("add at an index outside the list of {n}"));
                }
            },
            ("addAll", 1) => match &a[0] {
                V::List(other, _) => {
                    let more: Vec<V> = if Rc::ptr_eq(other, l) {
                        items.clone()
                    } else {
                        other.try_borrow().map(|o| o.clone()).unwrap_or_default()
                    };
                    let changed = !more.is_empty();
                    *budget = budget.saturating_sub(more.len() as u64);
                    items.extend(more);
                    V::Bool(changed)
                }
                _ => V::Null,
            },
            ("set", 2) => match index(&a[0]) {
                Some(i) if (0..n).contains(&i) => {
                    std::mem::replace(&mut items[i as usize], a[1].clone())
                }
                _ => {
                    drop(items);
                    return self.err(pos, format!("set at an index outside the list of {n}"));
                }
            },
            ("remove", 1) => match &a[0] {
                V::Int(i) => {
                    if (0..n).contains(i) {
                        items.remove(*i as usize)
                    } else {
                        drop(items);
                        return self.err(pos, format!("remove({i}) is outside the list of {n}"));
                    }
                }
                x => match items.iter().position(|y| java_equals(y, x, budget)) {
                    Some(k) => {
                        items.remove(k);
                        V::Bool(true)
                    }
                    None => V::Bool(false),
                },
            },
            ("clear", 0) => {
                items.clear();
                return Ok(V::Null);
            }
            ("toString", 0) => {
                drop(items);
                V::Str(plain(&V::List(l.clone(), false)).into())
            }
            _ => V::Null,
        })
    }

    fn print(&mut self, v: &V, out: &mut String, pos: u32) -> R<()> {
        match v {
            // API Gateway prints a null or missing reference as nothing (see docs/vtl.md).
            V::Null => {}
            V::Block(body) => {
                self.step(pos)?;
                let body = body.clone();
                self.block(&body, out, pos)?;
            }
            _ => text(v, out, 0),
        }
        self.check_len(out.len(), pos)
    }

    fn expr(&mut self, e: &Expr) -> R<V> {
        Ok(match e {
            Expr::Lit(l) => match l {
                Lit::Int(i) => V::Int(*i),
                Lit::Float(f) => V::Float(*f),
                Lit::Bool(b) => V::Bool(*b),
                Lit::Str(t) => V::Str(t.clone()),
            },
            Expr::Str(nodes) => {
                let mut buf = String::new();
                self.nodes(nodes, &mut buf)?;
                V::Str(buf.into())
            }
            Expr::Ref(r) => self.reference(r)?,
            Expr::List(items) => {
                let mut v = Vec::with_capacity(items.len());
                for i in items {
                    v.push(self.expr(i)?);
                }
                list_of(v)
            }
            Expr::Range(ends, pos) => {
                let (a, b) = (self.expr(&ends.0)?, self.expr(&ends.1)?);
                let (Some(a), Some(b)) = (range_end(&a), range_end(&b)) else {
                    return self
                        .err(*pos, "a range [a..b] needs whole numbers at both ends".into());
                };
                let n = a.abs_diff(b).saturating_add(1);
                if n > self.budget().min(1 << 24) {
                    return self.err(
                        *pos,
                        format!(
                            "the template ran more than {} steps; an endless #foreach?",
                            self.lim.steps
                        ),
                    );
                }
                self.steps += n;
                list_of(if a <= b {
                    (a..=b).map(V::Int).collect()
                } else {
                    (b..=a).rev().map(V::Int).collect()
                })
            }
            Expr::Map(entries) => {
                let mut v: Vec<(Rc<str>, V)> = Vec::with_capacity(entries.len());
                for (k, val) in entries {
                    let k: Rc<str> = plain(&self.expr(k)?).into();
                    let val = self.expr(val)?;
                    if let Some(slot) = v.iter_mut().find(|(n, _)| *n == k) {
                        slot.1 = val;
                    } else {
                        v.push((k, val));
                    }
                }
                V::Map(Rc::new(RefCell::new(v)))
            }
            Expr::Not(x) => V::Bool(!truthy(&self.expr(x)?)),
            Expr::Neg(x) => match self.expr(x)? {
                V::Int(i) => i.checked_neg().map_or(V::Float(-(i as f64)), V::Int),
                V::Float(f) => V::Float(-f),
                _ => V::Null,
            },
            Expr::Bin(op, sides, pos) => {
                let l = self.expr(&sides.0)?;
                match op {
                    Op::And if !truthy(&l) => return Ok(V::Bool(false)),
                    Op::Or if truthy(&l) => return Ok(V::Bool(true)),
                    _ => {}
                }
                let r = self.expr(&sides.1)?;
                if *op == Op::Add
                    && (matches!((&l, &r), (V::Str(_), V::Null) | (V::Null, V::Str(_))))
                {
                    // Velocity 1.7's ASTAddNode: a null beside a string joins as its own text.
                    let (a, b) = (self.literal(&sides.0, &l), self.literal(&sides.1, &r));
                    return self.grown(a + &b, *pos);
                }
                self.binary(*op, l, r, *pos)?
            }
        })
    }

    /// A value's text, or, for a null, the text of the expression that gave it.
    fn literal(&self, e: &Expr, v: &V) -> String {
        match (v, e) {
            (V::Null, Expr::Ref(r)) => {
                self.t.src.get(r.pos as usize..r.end as usize).unwrap_or("").to_string()
            }
            (V::Null, _) => String::new(),
            _ => plain(v),
        }
    }

    fn binary(&mut self, op: Op, l: V, r: V, pos: u32) -> R<V> {
        Ok(match op {
            Op::And | Op::Or => V::Bool(truthy(&r)),
            Op::Eq | Op::Ne => {
                let mut b = self.budget();
                let eq = velocity_equals(&l, &r, &mut b);
                self.spend(b, pos)?;
                V::Bool(eq == (op == Op::Eq))
            }
            Op::Lt | Op::Le | Op::Gt | Op::Ge => match (num(&l), num(&r)) {
                (Some(a), Some(b)) => {
                    let c = match (&l, &r) {
                        (V::Int(x), V::Int(y)) => x.cmp(y),
                        _ => a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal),
                    };
                    V::Bool(match op {
                        Op::Lt => c.is_lt(),
                        Op::Le => c.is_le(),
                        Op::Gt => c.is_gt(),
                        _ => c.is_ge(),
                    })
                }
                _ => V::Bool(false),
            },
            Op::Add if matches!(l, V::Str(_)) || matches!(r, V::Str(_)) => {
                let mut t = plain(&l);
                text(&r, &mut t, 0);
                self.check_len(t.len(), pos)?;
                V::Str(t.into())
            }
            _ => arith(op, &l, &r),
        })
    }
}

fn range_end(v: &V) -> Option<i64> {
    match v {
        V::Int(i) => Some(*i),
        V::Str(t) => t.trim().parse().ok(),
        _ => None,
    }
}

/// Velocity's `+ - * / %`: whole numbers stay whole (Java's integer division), a decimal makes
/// the result decimal, and dividing by zero gives null.
fn arith(op: Op, l: &V, r: &V) -> V {
    match (l, r) {
        (V::Int(a), V::Int(b)) => {
            let (a, b) = (*a, *b);
            let v = match op {
                Op::Add => a.checked_add(b),
                Op::Sub => a.checked_sub(b),
                Op::Mul => a.checked_mul(b),
                Op::Div if b == 0 => return V::Null,
                Op::Div => a.checked_div(b),
                Op::Mod if b == 0 => return V::Null,
                Op::Mod => a.checked_rem(b),
                _ => return V::Null,
            };
            v.map_or_else(|| arith(op, &V::Float(a as f64), &V::Float(b as f64)), V::Int)
        }
        _ => match (num(l), num(r)) {
            (Some(a), Some(b)) => match op {
                Op::Add => V::Float(a + b),
                Op::Sub => V::Float(a - b),
                Op::Mul => V::Float(a * b),
                Op::Div if b == 0.0 => V::Null,
                Op::Div => V::Float(a / b),
                Op::Mod if b == 0.0 => V::Null,
                Op::Mod => V::Float(a % b),
                _ => V::Null,
            },
            _ => V::Null,
        },
    }
}

/// Velocity 1.7's `==`: numbers by value, same kinds by Java's `equals`, other pairs by their
/// text (https://velocity.apache.org/engine/1.7/vtl-reference.html#aifelseifelse_-_output_conditional_on_truth_of_statements).
///
/// API Gateway also takes null as equal to the empty string: AWS's recording in LocalStack's
/// test_apigateway_common.py::TestApiGatewayCommon::test_input_path_template_formatting
/// (`isEmptyString` is true for a path that selects nothing).
fn velocity_equals(l: &V, r: &V, budget: &mut u64) -> bool {
    match (l, r) {
        (V::Null, V::Null) => true,
        (V::Null, V::Str(t)) | (V::Str(t), V::Null) => t.is_empty(),
        (V::Null, _) | (_, V::Null) => false,
        _ => match (num(l), num(r)) {
            (Some(a), Some(b)) => match (l, r) {
                (V::Int(x), V::Int(y)) => x == y,
                _ => a == b,
            },
            _ => {
                if std::mem::discriminant(l) == std::mem::discriminant(r) {
                    java_equals(l, r, budget)
                } else {
                    plain(l) == plain(r)
                }
            }
        },
    }
}

/// Java's `equals`, counting each value it visits against `budget` (shared lists make
/// structures whose naive comparison would never end); false once the budget is spent.
fn java_equals(l: &V, r: &V, budget: &mut u64) -> bool {
    equals_at(l, r, budget, 0)
}

fn equals_at(l: &V, r: &V, budget: &mut u64, depth: u32) -> bool {
    if *budget == 0 || depth > VALUE_DEPTH {
        return false;
    }
    *budget -= 1;
    match (l, r) {
        (V::Null, V::Null) => true,
        (V::Bool(a), V::Bool(b)) => a == b,
        (V::Int(a), V::Int(b)) => a == b,
        (V::Float(a), V::Float(b)) => a == b,
        (V::Str(a), V::Str(b)) => a == b,
        (V::List(a, _), V::List(b, _)) => {
            if Rc::ptr_eq(a, b) {
                return true;
            }
            let (Ok(a), Ok(b)) = (a.try_borrow(), b.try_borrow()) else { return false };
            a.len() == b.len()
                && a.iter().zip(b.iter()).all(|(x, y)| equals_at(x, y, budget, depth + 1))
        }
        (V::Map(a), V::Map(b)) => {
            if Rc::ptr_eq(a, b) {
                return true;
            }
            let (Ok(a), Ok(b)) = (a.try_borrow(), b.try_borrow()) else { return false };
            a.len() == b.len()
                && a.iter().all(|(k, x)| {
                    b.iter().any(|(k2, y)| k == k2 && equals_at(x, y, budget, depth + 1))
                })
        }
        (V::Entry(a), V::Entry(b)) => a.0 == b.0 && equals_at(&a.1, &b.1, budget, depth + 1),
        _ => false,
    }
}

fn map_method(m: &Map, name: &str, a: &[V], budget: &mut u64) -> V {
    let key = |k: usize| -> Rc<str> { plain(&a[k]).into() };
    match (name, a.len()) {
        ("size", 0) => V::Int(m.try_borrow().map_or(0, |m| m.len() as i64)),
        ("isEmpty", 0) => V::Bool(m.try_borrow().is_ok_and(|m| m.is_empty())),
        ("get", 1) => map_get(m, &key(0)),
        ("getOrDefault", 2) => match map_get(m, &key(0)) {
            V::Null => a[1].clone(),
            v => v,
        },
        ("containsKey", 1) => {
            let k = key(0);
            V::Bool(m.try_borrow().is_ok_and(|m| m.iter().any(|(n, _)| *n == k)))
        }
        ("containsValue", 1) => V::Bool(
            m.try_borrow().is_ok_and(|m| m.iter().any(|(_, v)| java_equals(v, &a[0], budget))),
        ),
        ("keySet", 0) => list_of(
            m.try_borrow()
                .map(|m| m.iter().map(|(k, _)| V::Str(k.clone())).collect())
                .unwrap_or_default(),
        ),
        ("values", 0) => list_of(
            m.try_borrow().map(|m| m.iter().map(|(_, v)| v.clone()).collect()).unwrap_or_default(),
        ),
        ("entrySet", 0) => list_of(
            m.try_borrow()
                .map(|m| m.iter().map(|(k, v)| V::Entry(Rc::new((k.clone(), v.clone())))).collect())
                .unwrap_or_default(),
        ),
        ("put", 2) => map_put(m, key(0), a[1].clone()),
        ("putAll", 1) => {
            if let V::Map(other) = &a[0] {
                let pairs: Vec<(Rc<str>, V)> =
                    other.try_borrow().map(|o| o.clone()).unwrap_or_default();
                for (k, v) in pairs {
                    map_put(m, k, v);
                }
            }
            V::Null
        }
        ("remove", 1) => {
            let k = key(0);
            let Ok(mut m) = m.try_borrow_mut() else { return V::Null };
            match m.iter().position(|(n, _)| *n == k) {
                Some(i) => m.remove(i).1,
                None => V::Null,
            }
        }
        ("clear", 0) => {
            if let Ok(mut m) = m.try_borrow_mut() {
                m.clear();
            }
            V::Null
        }
        ("toString", 0) => V::Str(plain(&V::Map(m.clone())).into()),
        _ => V::Null,
    }
}

/// A value's Java `toString`, as one string.
pub(crate) fn plain(v: &V) -> String {
    let mut out = String::new();
    text(v, &mut out, 0);
    out
}

/// Java's `toString`: `{a=1, b=2}` for maps, `[1, 2]` for lists (JSON for JSON arrays),
/// `Double.toString` for decimals, `null` for a null inside a collection.
fn text(v: &V, out: &mut String, depth: u32) {
    if out.len() > TEXT_CAP {
        return;
    }
    if depth > VALUE_DEPTH {
        out.push_str("...");
        return;
    }
    match v {
        V::Null => out.push_str("null"),
        V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        V::Int(i) => out.push_str(&i.to_string()),
        V::Float(f) => java::double(*f, out),
        V::Str(t) => out.push_str(t),
        V::List(l, true) => json(&V::List(l.clone(), true), out, depth),
        V::List(list, false) => {
            let Ok(l) = list.try_borrow() else { return };
            out.push('[');
            for (k, x) in l.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                match x {
                    V::List(inner, _) if Rc::ptr_eq(inner, list) => {
                        out.push_str("(this Collection)")
                    }
                    _ => text(x, out, depth + 1),
                }
            }
            out.push(']');
        }
        V::Map(map) => {
            let Ok(m) = map.try_borrow() else { return };
            out.push('{');
            for (k, (key, x)) in m.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                out.push_str(key);
                out.push('=');
                match x {
                    V::Map(inner) if Rc::ptr_eq(inner, map) => out.push_str("(this Map)"),
                    _ => text(x, out, depth + 1),
                }
            }
            out.push('}');
        }
        V::Entry(e) => {
            out.push_str(&e.0);
            out.push('=');
            text(&e.1, out, depth + 1);
        }
        V::Loop(..) | V::Block(_) | V::Input | V::Util => {}
    }
}

/// Compact JSON, as Jayway JsonPath's `JSONArray.toString` writes it.
fn json(v: &V, out: &mut String, depth: u32) {
    if out.len() > TEXT_CAP {
        return;
    }
    if depth > VALUE_DEPTH {
        out.push_str("null");
        return;
    }
    match v {
        V::Null => out.push_str("null"),
        V::Bool(_) | V::Int(_) | V::Float(_) => text(v, out, depth),
        V::List(l, _) => {
            let Ok(l) = l.try_borrow() else { return };
            out.push('[');
            for (k, x) in l.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                json(x, out, depth + 1);
            }
            out.push(']');
        }
        V::Map(m) => {
            let Ok(m) = m.try_borrow() else { return };
            out.push('{');
            for (k, (key, x)) in m.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                java::json_string(key, out);
                out.push(':');
                json(x, out, depth + 1);
            }
            out.push('}');
        }
        _ => java::json_string(&plain(v), out),
    }
}

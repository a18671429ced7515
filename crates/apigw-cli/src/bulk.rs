//! `apigw bulk`: one change applied to every method a query matches, as the app's bulk panel
//! does, with apigw-core's `bulk` deciding what changes.

use crate::output::{self, Stop, eprint, print, show};
use crate::{Args, load};
use apigw_core::bulk::{self, Access, Change, Query};
use apigw_core::cors::CorsOptions;
use apigw_core::document;

pub(crate) const HELP: &str = "\
usage: apigw bulk FILE [--where QUERY] CHANGE [--out PATH] [--dry-run]

Applies one change to every method QUERY matches (every method when --where is left out) and
writes the design document to PATH, or to standard output. Each change is listed on standard
error first (`GET /pets: authorizer Cognito (COGNITO_USER_POOLS)`), with the methods left alone
and why, and the errors and warnings of the methods reached, before and after.

QUERY is the designer's filter: words that must all match a method (part of a path, a verb, an
integration type or kind such as mock or lambda, an authorization type, an authorizer's name,
error, warning, or a rule code such as AG301) and the phrases `under /admin`, `no authorizer`,
`no validator`, `no integration` and `no key`.

CHANGE is one of:
  --set authorization=none|iam     open the methods, or require IAM credentials
  --set authorizer=NAME            the design's authorizer NAME (CUSTOM or COGNITO_USER_POOLS)
  --set validator=NAME|none        a request validator, or none
  --set api-key-required=true|false
  --set header=NAME[=SOURCE]       pass a header to the back end, mapped from SOURCE (default:
                                   the method request header NAME, which is declared)
  --set timeout=MS|default         the integration timeout
  --cors ORIGIN                    enable CORS on the methods' resources ('*' or an origin)
  --paste 'VERB /path'             copy that method onto every resource QUERY matches
  --replace TEXT --with TEXT       find and replace in integration URIs, mappings and templates
  --dry-run                        list the changes only; write nothing
Exit status: 0 applied (or nothing to change), 2 unreadable input or bad usage.
";

pub(crate) const OPTIONS: &[&str] =
    &["--where", "--set", "--cors", "--paste", "--replace", "--with", "--out", "--dry-run"];

pub(crate) fn run(args: &Args) -> Result<u8, Stop> {
    let Some(file) = args.files.first() else {
        return Err("missing FILE: the design to change (use - for standard input)".into());
    };
    let loaded = load(file)?;
    let design = loaded.design;
    let query = match args.option("--where") {
        Some(text) => Some(Query::parse(text).ok_or("--where is empty: give words to match")?),
        None => None,
    };
    let checker = apigw_core::Checker::new(&design);
    let keys: Vec<bulk::MethodKey> = match &query {
        Some(q) => q.matching(&design, &checker),
        None => design
            .resources
            .iter()
            .flat_map(|(p, r)| r.methods.keys().map(move |v| (p.clone(), v.clone())))
            .collect(),
    };
    let actions = ["--set", "--cors", "--paste", "--replace"]
        .iter()
        .filter(|o| args.option(o).is_some())
        .count();
    if actions != 1 {
        return Err(
            "give exactly one change: --set, --cors, --paste or --replace (see `apigw bulk --help`)"
                .into(),
        );
    }
    let preview = if let Some(set) = args.option("--set") {
        bulk::change(&design, &keys, &setting(set)?)
    } else if let Some(origin) = args.option("--cors") {
        let options = CorsOptions { allow_origin: origin.to_string(), ..CorsOptions::default() };
        bulk::change(&design, &keys, &Change::Cors(options))
    } else if let Some(source) = args.option("--paste") {
        let Some((verb, path)) = source.trim().split_once(' ') else {
            return Err(
                format!("--paste takes a method as `VERB /path`, not `{}`", show(source)).into()
            );
        };
        let source = (path.trim().to_string(), verb.to_ascii_uppercase());
        let mut resources: Vec<String> = keys.iter().map(|(p, _)| p.clone()).collect();
        if let Some(q) = &query {
            resources.extend(
                design
                    .resources
                    .keys()
                    .filter(|p| q.resource_matches(&p.to_ascii_lowercase()))
                    .cloned(),
            );
        }
        bulk::paste(&design, &source, &resources)
    } else {
        let find = args.option("--replace").unwrap_or_default();
        if find.is_empty() {
            return Err("--replace needs the text to find".into());
        }
        let Some(with) = args.option("--with") else {
            return Err("--replace needs --with TEXT, the text to put in its place".into());
        };
        bulk::replace(&design, &keys, find, with)
    };
    if keys.is_empty() && args.option("--paste").is_none() {
        eprint("apigw: no method matches --where; nothing to change");
    }
    for line in &preview.lines {
        eprint(&show(line));
    }
    for line in &preview.skipped {
        eprint(&format!("left alone: {}", show(line)));
    }
    eprint(&format!("apigw: {}", preview.summary()));
    if args.option("--dry-run").is_some() {
        return Ok(0);
    }
    let mut design = design;
    if let Some(edit) = preview.edit {
        edit.apply(&mut design).map_err(|e| e.to_string())?;
    }
    let text = document::design_to_string(&design);
    match args.option("--out") {
        Some(path) => std::fs::write(path, &text)
            .map_err(|e| format!("{path}: cannot write it: {}", output::describe(&e)))?,
        None => print(&text)?,
    }
    Ok(0)
}

/// The change a `--set NAME=VALUE` asks for.
fn setting(text: &str) -> Result<Change, String> {
    let Some((name, value)) = text.split_once('=') else {
        return Err(format!(
            "--set takes NAME=VALUE, such as authorizer=Cognito, not `{}`",
            show(text)
        ));
    };
    let value = value.trim();
    let flag = |value: &str| match value {
        "true" | "yes" => Ok(true),
        "false" | "no" => Ok(false),
        _ => Err(format!("{name} is true or false, not `{}`", show(value))),
    };
    Ok(match name.trim() {
        "authorization" => match value.to_ascii_lowercase().as_str() {
            "none" | "open" => Change::Access(Access::Open),
            "iam" | "aws_iam" => Change::Access(Access::Iam),
            _ => {
                return Err(format!(
                    "authorization is none or iam, not `{}`; for an authorizer use --set authorizer=NAME",
                    show(value)
                ));
            }
        },
        "authorizer" => Change::Access(Access::Authorizer(value.to_string())),
        "validator" => {
            Change::Validator((value != "none" && !value.is_empty()).then(|| value.to_string()))
        }
        "api-key-required" => Change::ApiKeyRequired(flag(value)?),
        "header" => {
            let (header, source) = value.split_once('=').unwrap_or((value, ""));
            if header.trim().is_empty() {
                return Err("header needs a name: --set header=X-Tenant".into());
            }
            Change::HeaderMapping { header: header.trim().into(), source: source.trim().into() }
        }
        "timeout" => Change::Timeout(match value {
            "default" => None,
            ms => Some(ms.parse::<i64>().map_err(|_| {
                format!("timeout is a whole number of milliseconds or default, not `{}`", show(ms))
            })?),
        }),
        other => {
            let names = [
                "authorization",
                "authorizer",
                "validator",
                "api-key-required",
                "header",
                "timeout",
            ];
            return Err(match apigw_core::schema::suggest(other, &names) {
                Some(near) => format!("--set cannot set `{}`; did you mean `{near}`?", show(other)),
                None => format!("--set cannot set `{}`; it sets {}", show(other), names.join(", ")),
            });
        }
    })
}

//! `apigw`: the apigw-designer model on files, for scripts and CI.
//!
//! Exit codes: 0 no errors, 1 errors found, 2 unreadable input or bad usage.

// The CLI builds a JSON tree of a whole document and then a design from it: millions of small
// allocations, a third of `apigw validate`'s time under the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use apigw_core::diagnostic::{Phase, Severity};
use apigw_core::document::{self, Loaded};
use apigw_core::merge::Mode;
use apigw_core::plan;
use output::{Stop, eprint, print, show};
use std::io::Read;
use std::process::ExitCode;

mod bulk;
mod invoke;
mod output;
mod template;

const USAGE: &str = "\
apigw: design, check and export Amazon API Gateway REST APIs

usage: apigw <command> [options]

commands:
  validate FILE [--format text|json]    report problems; exit 1 when there are errors
  plan FILE [--form boto3|wire] [--stage NAME]
                                        print the ordered API Gateway calls that create the design
  export FILE --to plan|design|openapi|cloudformation|cli-script [--format json|yaml] [--stage NAME]
                                        convert: design document, plan, OpenAPI 3.0, or an AWS CLI script
  rules [--format text|markdown]        list every validation rule
  generate --methods N [--seed S] [--to design|openapi]
                                        print a large realistic design, the same for the same seed
  deploy FILE --endpoint URL --token T [--rest-api-id ID] [--stage NAME] [--dry-run]
                                        make a live API equal to the design, through apigw-proxy
  pull --endpoint URL --token T --rest-api-id ID
                                        print a live API as a design document
  merge BASE FILE [--mode merge|overwrite] [--out PATH] [--format text|json]
                                        update a design with a file, as API Gateway's import does
  bulk FILE [--where QUERY] CHANGE [--out PATH] [--dry-run]
                                        one change to many methods: authorizer, validator, API key,
                                        header mapping, timeout, CORS, paste, find and replace
  invoke FILE --method VERB --path PATH [--query K=V]… [--header K:V]… [--body TEXT|@FILE]
                                        simulate one request, as the console's Test does
  template TEMPLATE [--body TEXT|@FILE] [--query N=V]... [--format text|json]
                                        render a mapping template against a request, as API
                                        Gateway does; or --cases FILE.json for many at once

FILE (and BASE) is a design document (\"format\": \"apigw-design/1\"), a plan (\"apigw-plan/1\"),
`aws apigateway get-resources` output, or OpenAPI 2.0/3.0 (JSON or YAML) with API Gateway's
extensions, detected from the content;
`-` reads standard input. Run `apigw <command> --help` for details.
";

const VALIDATE_HELP: &str = "\
usage: apigw validate FILE [--format text|json]

Reports every problem API Gateway would reject (errors) or that is likely wrong (warnings).
Text output reads `FILE:POINTER: severity[CODE name]: message`, then the fix, then for an
error when API Gateway fails on it (API Gateway rejects the call, deploy will fail, or callers
will get an error) with AWS's own error text where it is on record.
JSON output is {\"diagnostics\":[{\"code\",\"name\",\"severity\",\"phase\",\"pointer\",\"message\",
\"fix\",\"aws_message\"}]}; phase is call, deploy, invoke, advice or file;
`pointer` is an RFC 6901 JSON Pointer into FILE (for a plan, /calls/N/params/<field>, the call
API Gateway rejects; empty for what fails at deploy, which is the plan as a whole).
Exit status: 0 no errors, 1 errors found, 2 unreadable input.
";

const PLAN_HELP: &str = "\
usage: apigw plan FILE [--form boto3|wire] [--stage NAME]
       apigw plan --operations

Prints the calls that create the design in an empty REST API, in order:
authorizers, validators, models and gateway responses; resources, parents first; then per
method PutMethod, PutMethodResponse, PutIntegration, PutIntegrationResponse.
  --form boto3   (default) the plan file: {\"format\":\"apigw-plan/1\",\"calls\":[{operation, params}]}
  --form wire    REST requests: [{operation, method, path, body}]
  --stage NAME   end with a CreateDeployment to stage NAME, with that stage's description
                 and variables when the design defines it
Ids not known yet are placeholders: @api, @/path, @authorizer:NAME, @validator:NAME.
  --operations   prints, as JSON, every operation a plan file may hold and the parameters
                 apigw accepts for it: {\"PutIntegration\":{\"type\":{\"type\":\"string\",
                 \"required\":true,\"enum\":[…]},…},…}, types in botocore's terms
";

const EXPORT_HELP: &str = "\
usage: apigw export FILE --to plan|design|openapi|cloudformation|cli-script [--format json|yaml]
                                                                               [--stage NAME]

Converts FILE into another format and prints it. A design with errors is exported too, with a
warning on standard error that counts them.
  --to plan        the plan file (same as `apigw plan FILE`)
  --to design      the design document (apigw-design/1)
  --to openapi     OpenAPI 3.0 with x-amazon-apigateway-* extensions, as AWS's export shapes it
  --to cloudformation
                   a CloudFormation template: AWS::ApiGateway::* resources, and the
                   AWS::Lambda::Permission each Lambda function needs; `--format yaml` writes
                   YAML (JSON by default). What CloudFormation cannot say is named on
                   standard error and kept in the resources' Metadata.
  --to cli-script  a bash script of `aws apigateway` commands that recreates the design in an
                   existing REST API: `bash deploy.sh REST_API_ID`
  --stage NAME     (plan and cli-script) end with a deployment to stage NAME, with that
                   stage's description and variables when the design defines it
";

const RULES_HELP: &str = "\
usage: apigw rules [--format text|markdown]

Lists every validation rule with its code, name and severity (markdown: the full reference).
";

const GENERATE_HELP: &str = "\
usage: apigw generate --methods N [--seed S] [--to design|openapi]

Prints a realistic design with exactly N methods, for load tests and benchmarks: services of
collections, items and sub-collections, mostly Lambda proxy integrations, then HTTP with
mappings, templates and responses, HTTP proxy, MOCK, AWS service calls and VPC links, with
TOKEN, REQUEST and Cognito authorizers, validators, models, and gateway responses for API
Gateway's own 4XX and 5XX errors. It has no errors. The same N and seed (default 1) always give
the same design.
  --to design    (default) the design document
  --to openapi   OpenAPI 3.0 with x-amazon-apigateway-* extensions
";

const MERGE_HELP: &str = "\
usage: apigw merge BASE FILE [--mode merge|overwrite] [--out PATH] [--format text|json]

Updates the design in BASE with FILE, as API Gateway's PutRestApi (import to update) does, and
writes the resulting design document to PATH, or to standard output. BASE and FILE are any
file apigw reads (one of them may be `-`, standard input).
  --mode merge      (default, as API Gateway's) FILE's methods replace their namesakes whole,
                    its resources are added with their parents, its authorizers, validators,
                    models and gateway responses replace their namesakes, and the API settings
                    it states replace BASE's; nothing else changes
  --mode overwrite  the design becomes FILE: what FILE lacks is removed
In both modes the design keeps BASE's endpoint type and REST API id (import never changes an
API's endpoint configuration), and a file that names no API keeps BASE's name.
  --format text     (default) one line per change on standard error: `+ GET /orders` added,
                    `~ POST /pets` replaced, `- /legacy` removed
  --format json     {\"changes\":[{\"mark\",\"what\"}],\"design\":{…}} on standard output; with
                    --out, the design document goes to PATH and `design` is left out
A merged design with errors is written all the same, with a warning that counts them.
Exit status: 0 merged (or nothing to change), 2 unreadable input or bad usage.
";

fn main() -> ExitCode {
    // Arguments that are not UTF-8 are read lossily: they can only name files or values.
    let args: Vec<String> =
        std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Stop::Closed) => ExitCode::SUCCESS,
        Err(Stop::Failed(message)) => {
            eprint(&format!("apigw: {}", show_lines(&message)));
            ExitCode::from(2)
        }
    }
}

/// A message's lines, each made safe to show (a usage text keeps its own line breaks).
fn show_lines(message: &str) -> String {
    message.split('\n').map(|line| show(line).into_owned()).collect::<Vec<_>>().join("\n")
}

fn run(args: &[String]) -> Result<u8, Stop> {
    let Some(command) = args.first() else {
        eprint(USAGE.trim_end());
        return Ok(2);
    };
    let rest = &args[1..];
    let (help, options) = match command.as_str() {
        "validate" => (VALIDATE_HELP, &["--format"][..]),
        "plan" => (PLAN_HELP, &["--form", "--stage"][..]),
        "export" => (EXPORT_HELP, &["--to", "--format", "--stage"][..]),
        "rules" => (RULES_HELP, &["--format"][..]),
        "generate" => (GENERATE_HELP, &["--methods", "--seed", "--to"][..]),
        "deploy" => (remote::DEPLOY_HELP, remote::DEPLOY_OPTIONS),
        "pull" => (remote::PULL_HELP, remote::PULL_OPTIONS),
        "merge" => (MERGE_HELP, &["--mode", "--out", "--format"][..]),
        "bulk" => (bulk::HELP, bulk::OPTIONS),
        "invoke" => (invoke::HELP, invoke::OPTIONS),
        "template" => (template::HELP, template::OPTIONS),
        "-h" | "--help" | "help" => {
            print(USAGE)?;
            return Ok(0);
        }
        other => {
            let commands = [
                "validate", "plan", "export", "rules", "generate", "deploy", "pull", "merge",
                "bulk", "invoke", "template",
            ];
            let hint = match apigw_core::schema::suggest(other, &commands) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the commands are {}", commands.join(", ")),
            };
            return Err(format!("unknown command `{other}`; {hint} (see `apigw --help`)").into());
        }
    };
    if rest.iter().any(|a| a == "-h" || a == "--help") {
        print(help)?;
        return Ok(0);
    }
    if command == "plan" && rest.first().is_some_and(|a| a == "--operations") {
        if rest.len() > 1 {
            return Err(
                format!("--operations takes no file or option\n\n{}", help.trim_end()).into()
            );
        }
        let operations = apigw_core::plan_import::operations();
        print(&serde_json::to_string_pretty(&operations).unwrap_or_default())?;
        return Ok(0);
    }
    let files = if command == "merge" { 2 } else { 1 };
    let parsed =
        Args::parse(rest, options, files).map_err(|e| format!("{e}\n\n{}", help.trim_end()))?;
    match command.as_str() {
        "validate" => validate(&parsed),
        "plan" => plan_command(&parsed, parsed.option("--form").unwrap_or("boto3")),
        "export" => export(&parsed),
        "deploy" => remote::deploy(&parsed),
        "pull" => remote::pull(&parsed),
        "generate" => generate(&parsed),
        "merge" => merge(&parsed),
        "bulk" => bulk::run(&parsed),
        "invoke" => invoke::run(&parsed),
        "template" => template::run(&parsed),
        _ => rules(&parsed),
    }
}

mod remote;

fn generate(args: &Args) -> Result<u8, Stop> {
    let number = |name: &str, default: Option<u64>| -> Result<u64, String> {
        match args.option(name) {
            Some(text) => {
                text.parse().map_err(|_| format!("{name} must be a whole number, not `{text}`"))
            }
            None => default.ok_or_else(|| format!("missing {name}")),
        }
    };
    let methods = number("--methods", None)?;
    if methods > 1_000_000 {
        return Err("--methods is at most 1000000".into());
    }
    let design = apigw_core::generate::generate(methods as usize, number("--seed", Some(1))?);
    match args.option("--to").unwrap_or("design") {
        "design" => print(&document::design_to_string(&design))?,
        "openapi" => print(&apigw_core::openapi::export(&design))?,
        other => return Err(format!("--to must be design or openapi, not `{other}`").into()),
    }
    Ok(0)
}

/// Options that take no value.
const FLAGS: &[&str] = &["--dry-run"];

pub(crate) struct Args {
    /// The positional arguments: FILE, or BASE and FILE.
    files: Vec<String>,
    options: Vec<(String, String)>,
}

impl Args {
    /// Reads options (of `known`) and up to `files` positional arguments.
    fn parse(args: &[String], known: &[&str], files: usize) -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if arg.starts_with("--") {
                let (name, value) = match arg.split_once('=') {
                    Some((n, v)) => (n.to_string(), v.to_string()),
                    None if FLAGS.contains(&arg.as_str()) => (arg.clone(), "true".to_string()),
                    None => {
                        (arg.clone(), iter.next().ok_or(format!("{arg} needs a value"))?.clone())
                    }
                };
                if !known.contains(&name.as_str()) {
                    return Err(match apigw_core::schema::suggest(&name, known) {
                        Some(near) => format!("unknown option `{name}`; did you mean `{near}`?"),
                        None if known.is_empty() => format!("unknown option `{name}`"),
                        None => {
                            format!("unknown option `{name}`; the options are {}", known.join(", "))
                        }
                    });
                }
                options.push((name, value));
            } else if positional.len() < files {
                positional.push(arg.clone());
            } else {
                return Err(format!("unexpected argument `{arg}`"));
            }
        }
        Ok(Args { files: positional, options })
    }

    pub(crate) fn option(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub(crate) fn file(&self) -> Result<&str, String> {
        self.files
            .first()
            .map(String::as_str)
            .ok_or_else(|| "missing FILE (use - for standard input)".to_string())
    }
}

/// The largest input read, so a runaway file cannot exhaust memory.
const MAX_INPUT: u64 = 256 * 1024 * 1024;

fn read(file: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let result = if file == "-" {
        std::io::stdin().take(MAX_INPUT + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(MAX_INPUT + 1).read_to_end(&mut bytes))
    };
    let name = display_name(file);
    result.map_err(|e| format!("{name}: cannot read it: {}", output::describe(&e)))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(format!("{name}: larger than {} MB", MAX_INPUT / 1024 / 1024));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let at = apigw_core::json_text::Position::of(
            std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default(),
            valid,
        );
        format!(
            "{name}:{}:{}: not UTF-8 text: byte {valid} cannot start or continue a character (save the file as UTF-8)",
            at.line, at.column
        )
    })
}

pub(crate) fn display_name(file: &str) -> &str {
    if file == "-" { "<stdin>" } else { file }
}

pub(crate) fn load(file: &str) -> Result<Loaded, String> {
    let text = read(file)?;
    document::load(&text).map_err(|e| {
        // Every position is known but that of an empty file, which is at its start.
        let (line, column) = if e.line > 0 { (e.line, e.column) } else { (1, 1) };
        format!("{}:{line}:{column}: {}", display_name(file), e.message)
    })
}

/// Warns on standard error when a design that is being converted has errors: the file is
/// written all the same, as asked, and the count says what API Gateway would reject.
fn warn_errors(file: &str, loaded: &Loaded, what: &str) {
    let errors = loaded.diagnostics().iter().filter(|d| d.severity == Severity::Error).count();
    if errors > 0 {
        eprint(&format!(
            "apigw: warning: {} has {errors} error{} that API Gateway would reject; the {what} was written anyway (`apigw validate {}` lists them)",
            show(display_name(file)),
            if errors == 1 { "" } else { "s" },
            show(display_name(file)),
        ));
    }
}

fn validate(args: &Args) -> Result<u8, Stop> {
    let format = args.option("--format").unwrap_or("text");
    if !matches!(format, "text" | "json") {
        return Err(format!("--format must be text or json, not `{format}`").into());
    }
    let file = args.file()?;
    let loaded = load(file)?;
    let diagnostics = loaded.diagnostics();
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if format == "json" {
        let items: Vec<serde_json::Value> =
            diagnostics.iter().map(|d| diagnostic_json(&loaded, d)).collect();
        let doc = serde_json::json!({ "diagnostics": items });
        let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        text.push('\n');
        print(&text)?;
    } else {
        let name = show(display_name(file));
        let mut text = String::new();
        for d in &diagnostics {
            // A problem of the whole file (in a plan, one that fails at deploy) has no pointer.
            let pointer = loaded.pointer(d);
            let at =
                if pointer.is_empty() { String::new() } else { format!(":{}", show(&pointer)) };
            text.push_str(&format!(
                "{name}{at}: {}[{} {}]: {}\n    fix: {}\n",
                d.severity.as_str(),
                d.code,
                d.name,
                show(&d.message),
                show(&d.fix)
            ));
            // When it fails, and in AWS's words where they are on record.
            if d.phase != Phase::Advice {
                text.push_str(&format!("    {}.", d.phase.words()));
                if let Some(aws) = d.aws_message {
                    text.push_str(&format!(" AWS says: \"{aws}\""));
                }
                text.push('\n');
            }
        }
        let warnings = diagnostics.len() - errors;
        // The verdict of the earliest phase that fails: a call refused, then the deploy, then
        // the callers.
        let verdict = match apigw_core::diagnostic::first_failure(&diagnostics) {
            None | Some(Phase::Advice) => "accepted",
            Some(Phase::Deploy) => "accepted, but deploy fails",
            Some(Phase::Invoke) => "accepted and deploys, but callers get errors",
            Some(Phase::Call | Phase::File) => "rejected",
        };
        text.push_str(&format!(
            "{name}: {} {verdict}, {}, {}\n",
            loaded.kind.as_str(),
            count(errors, "error"),
            count(warnings, "warning")
        ));
        print(&text)?;
    }
    Ok(if errors > 0 { 1 } else { 0 })
}

/// "1 error", "3 warnings".
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn plan_command(args: &Args, form: &str) -> Result<u8, Stop> {
    if !matches!(form, "boto3" | "wire") {
        return Err(format!("--form must be boto3 or wire, not `{form}`").into());
    }
    let file = args.file()?;
    let stage = stage_option(args)?;
    let loaded = load(file)?;
    let mut calls = plan::build(&loaded.design);
    if let Some(stage) = stage {
        calls.push(plan::deployment(&loaded.design, stage, None));
    }
    warn_errors(file, &loaded, "plan");
    match form {
        "boto3" => print(&plan::to_plan_json(&loaded.design.api, &calls))?,
        _ => print(&plan::to_wire_json(&calls))?,
    }
    Ok(0)
}

/// `--stage NAME`, checked as API Gateway checks a stage name.
fn stage_option(args: &Args) -> Result<Option<&str>, Stop> {
    let Some(stage) = args.option("--stage") else { return Ok(None) };
    match apigw_core::grammar::stage_name(stage) {
        Ok(()) => Ok(Some(stage)),
        Err(problem) => Err(format!("--stage: {}", apigw_core::text::printable(&problem)).into()),
    }
}

/// What `export --to` takes.
const EXPORT_FORMATS: &str = "plan, design, openapi, cloudformation or cli-script";

fn export(args: &Args) -> Result<u8, Stop> {
    let to = args.option("--to").ok_or_else(|| {
        format!(
            "export needs --to {EXPORT_FORMATS}; for example `apigw export api.json --to openapi`"
        )
    })?;
    let what = match to {
        "plan" => "plan",
        "design" => "design document",
        "cli-script" => "CLI script",
        "openapi" => "OpenAPI document",
        "cloudformation" => "CloudFormation template",
        other => {
            return Err(format!("--to must be {EXPORT_FORMATS}, not `{other}`").into());
        }
    };
    let format = args.option("--format");
    match (to, format) {
        (_, None) | ("cloudformation", Some("json" | "yaml")) => {}
        ("cloudformation", Some(other)) => {
            return Err(format!("--format must be json or yaml, not `{other}`").into());
        }
        (_, Some(_)) => {
            return Err("--format only applies to --to cloudformation (json or yaml)".into());
        }
    }
    let file = args.file()?;
    let stage = stage_option(args)?;
    if stage.is_some() && !matches!(to, "plan" | "cli-script") {
        return Err(format!(
            "--stage goes with --to plan or --to cli-script: a {what} holds no deployment"
        )
        .into());
    }
    let loaded = load(file)?;
    let text = match to {
        "plan" => {
            let mut calls = plan::build(&loaded.design);
            if let Some(stage) = stage {
                calls.push(plan::deployment(&loaded.design, stage, None));
            }
            plan::to_plan_json(&loaded.design.api, &calls)
        }
        "cloudformation" => {
            let export = apigw_core::cloudformation::export(&loaded.design);
            for note in &export.notes {
                eprint(&format!("apigw: note: {note}"));
            }
            export.text(format == Some("yaml"))
        }
        "design" => document::design_to_string(&loaded.design),
        "cli-script" => apigw_core::cli_script::to_cli_script_for_stage(&loaded.design, stage),
        _ => apigw_core::openapi::export(&loaded.design),
    };
    warn_errors(file, &loaded, what);
    print(&text)?;
    Ok(0)
}

fn rules(args: &Args) -> Result<u8, Stop> {
    let text = match args.option("--format").unwrap_or("text") {
        "markdown" => apigw_core::rules::rules_markdown(),
        "text" => apigw_core::rules::RULES
            .iter()
            .map(|rule| {
                format!(
                    "{} {:<46} {:<8} {:<7} {}\n",
                    rule.code,
                    rule.name,
                    rule.severity().as_str(),
                    rule.phase.as_str(),
                    rule.summary
                )
            })
            .collect(),
        other => return Err(format!("--format must be text or markdown, not `{other}`").into()),
    };
    print(&text)?;
    Ok(0)
}

fn merge(args: &Args) -> Result<u8, Stop> {
    let mode = args.option("--mode").unwrap_or("merge");
    let Some(mode) = Mode::from_name(mode) else {
        return Err(format!("--mode must be merge or overwrite, not `{mode}`").into());
    };
    let format = args.option("--format").unwrap_or("text");
    if !matches!(format, "text" | "json") {
        return Err(format!("--format must be text or json, not `{format}`").into());
    }
    let [base_file, file] = args.files.as_slice() else {
        return Err(match args.files.len() {
            0 => "missing BASE and FILE: the design to update, and the file to update it with",
            _ => "missing FILE: the file to update BASE with (use - for standard input)",
        }
        .into());
    };
    if base_file == "-" && file == "-" {
        return Err("BASE and FILE cannot both be standard input (-)".into());
    }
    let base = load(base_file)?;
    let incoming = load(file)?;
    let (design, changes) = apigw_core::merge::merge(&base.design, &incoming.design, mode);
    let document = document::design_to_string(&design);
    let out = args.option("--out");
    if let Some(path) = out {
        std::fs::write(path, &document)
            .map_err(|e| format!("{path}: cannot write it: {}", output::describe(&e)))?;
    }
    if format == "json" {
        let changes: Vec<serde_json::Value> = changes
            .iter()
            .map(|c| serde_json::json!({ "mark": c.mark.to_string(), "what": c.what }))
            .collect();
        let mut report = serde_json::json!({ "changes": changes });
        if out.is_none() {
            let value: serde_json::Value =
                serde_json::from_str(&document).map_err(|e| e.to_string())?;
            report["design"] = value;
        }
        let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
        text.push('\n');
        print(&text)?;
    } else {
        if changes.is_empty() {
            let (base_name, name) = (show(display_name(base_file)), show(display_name(file)));
            eprint(&match mode {
                Mode::Merge => format!(
                    "apigw: nothing to change: {name} merged into {base_name} is {base_name}"
                ),
                Mode::Overwrite => {
                    format!("apigw: nothing to change: {base_name} is already what {name} says")
                }
            });
        }
        for change in &changes {
            eprint(&show(&change.to_string()));
        }
        if out.is_none() {
            print(&document)?;
        }
    }
    // What the readers could not carry, and what API Gateway would refuse in the result, are
    // said; the design is written all the same, as export does.
    for (name, loaded) in [(base_file, &base), (file, &incoming)] {
        let errors =
            loaded.import_diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        if errors > 0 {
            eprint(&format!(
                "apigw: warning: reading {} found {}; the merge was written anyway (`apigw validate {}` lists them)",
                show(display_name(name)),
                count(errors, "error"),
                show(display_name(name)),
            ));
        }
    }
    let errors =
        apigw_core::validate(&design).iter().filter(|d| d.severity == Severity::Error).count();
    if errors > 0 {
        let check = match out {
            Some(path) => format!("`apigw validate {}` lists them", show(path)),
            None => "`apigw validate` of it lists them".to_string(),
        };
        eprint(&format!(
            "apigw: warning: the merged design has {} that API Gateway would reject; it was written anyway ({check})",
            count(errors, "error"),
        ));
    }
    Ok(0)
}

/// One diagnostic as `--format json` gives it, with its pointer into the input.
fn diagnostic_json(loaded: &Loaded, d: &apigw_core::Diagnostic) -> serde_json::Value {
    serde_json::json!({
        "code": d.code,
        "name": d.name,
        "severity": d.severity.as_str(),
        "phase": d.phase.as_str(),
        "pointer": loaded.pointer(d),
        "message": d.message,
        "fix": d.fix,
        "aws_message": d.aws_message,
    })
}

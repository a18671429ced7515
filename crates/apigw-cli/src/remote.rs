//! `apigw deploy` and `apigw pull`: the core's load, diff and deploy machines, driven over
//! HTTP through apigw-proxy (which signs and forwards to API Gateway or an emulator).

use super::{Args, display_name, load};
use crate::output::{Stop, eprint, print, show};
use apigw_core::deploy::{self, Deploy, Status};
use apigw_core::diagnostic::Severity;
use apigw_core::document;
use apigw_core::exchange::{Exchange, HttpRequest, Outcome, Step, parse_retry_after};
use apigw_core::live::{LiveApi, Loader};
use apigw_core::review;
use std::time::Duration;

pub const DEPLOY_OPTIONS: &[&str] =
    &["--endpoint", "--token", "--rest-api-id", "--stage", "--dry-run"];
pub const PULL_OPTIONS: &[&str] = &["--endpoint", "--token", "--rest-api-id"];

pub const DEPLOY_HELP: &str = "\
usage: apigw deploy FILE --endpoint URL --token T [--rest-api-id ID] [--stage NAME] [--dry-run]

Makes a live REST API equal to the design in FILE, through apigw-proxy at URL (the proxy
signs and forwards to API Gateway or to a local emulator). The token is the one apigw-proxy
printed; APIGW_PROXY_TOKEN works too.

  --rest-api-id ID  the API to update; without it a new API is created (CreateRestApi)
  --stage NAME      create a deployment to this stage at the end; when the design defines
                    the stage, with its variables (set before, removed after the deployment)
  --dry-run         print the changes and send nothing

It loads the live API, prints what differs (+ create or put, ~ update, - delete), then
sends only that. Throttling and server errors are retried with backoff. On a failure it
stops and reports the call; fix the design and run the same command again: what already
succeeded is not sent twice. Exit status: 0 deployed, 1 the design has errors or a call
failed, 2 bad usage.
";

pub const PULL_HELP: &str = "\
usage: apigw pull --endpoint URL --token T --rest-api-id ID

Loads a live REST API through apigw-proxy and prints it as a design document.
";

struct Client {
    endpoint: String,
    token: String,
    agent: ureq::Agent,
    seed: u64,
}

impl Client {
    fn from(args: &Args) -> Result<Client, String> {
        let endpoint = args
            .option("--endpoint")
            .ok_or("missing --endpoint URL (the address apigw-proxy printed)")?
            .trim_end_matches('/')
            .to_string();
        let token = args
            .option("--token")
            .map(str::to_string)
            .or_else(|| std::env::var("APIGW_PROXY_TOKEN").ok())
            .ok_or("missing --token (the token apigw-proxy printed, or APIGW_PROXY_TOKEN)")?;
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout(Duration::from_secs(90))
            .build();
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(7);
        Ok(Client { endpoint, token, agent, seed })
    }

    fn send(&self, request: &HttpRequest) -> Outcome {
        let url = format!("{}{}", self.endpoint, request.path);
        let call = self
            .agent
            .request(&request.method, &url)
            .set("Authorization", &format!("Bearer {}", self.token))
            .set("Accept", "application/json");
        let result = match &request.body {
            Some(body) => call.set("Content-Type", "application/json").send_string(body),
            None => call.call(),
        };
        let response = match result {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(ureq::Error::Transport(t)) => return Outcome::Transport(t.to_string()),
        };
        let status = response.status();
        let retry_after = response.header("retry-after").and_then(parse_retry_after);
        let body = response.into_string().unwrap_or_default();
        Outcome::Response { status, body, retry_after }
    }

    /// A random number in [0, 1) for backoff jitter (xorshift; no crate needed for this).
    fn jitter(&mut self) -> f64 {
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        (self.seed % 10_000) as f64 / 10_000.0
    }

    /// Runs a machine to its end.
    fn drive(&mut self, machine: &mut impl Exchange) -> Result<(), String> {
        while let Some(request) = machine.next() {
            let outcome = self.send(&request);
            let jitter = self.jitter();
            match machine.receive(outcome, jitter) {
                Step::Continue => {}
                Step::Wait(ms) => std::thread::sleep(Duration::from_millis(ms)),
                Step::Failed(error) => return Err(error.to_string()),
            }
        }
        Ok(())
    }

    fn load(&mut self, rest_api_id: &str) -> Result<LiveApi, String> {
        let mut loader = Loader::new(rest_api_id);
        self.drive(&mut loader)
            .map_err(|e| format!("loading REST API {rest_api_id} failed: {e}"))?;
        Ok(loader.finish())
    }
}

pub fn pull(args: &Args) -> Result<u8, Stop> {
    let mut client = Client::from(args)?;
    let id = args.option("--rest-api-id").ok_or("missing --rest-api-id ID")?;
    let live = client.load(id)?;
    for w in &live.warnings {
        eprint(&format!("warning[{}]: {}", w.code, show(&w.message)));
    }
    print(&document::design_to_string(&live.design))?;
    Ok(0)
}

pub fn deploy(args: &Args) -> Result<u8, Stop> {
    let file = args.file()?;
    let loaded = load(file)?;
    let design = loaded.design;
    let errors: Vec<_> = apigw_core::validate(&design)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        for e in &errors {
            eprint(&format!(
                "{}: error[{} {}]: {}",
                show(display_name(file)),
                e.code,
                e.name,
                show(&e.message)
            ));
        }
        eprint(&format!(
            "apigw: not deploying: {} error(s); `apigw validate {}` shows where",
            errors.len(),
            show(display_name(file))
        ));
        return Ok(1);
    }
    let mut client = Client::from(args)?;
    let dry_run = args.option("--dry-run").is_some();

    let base = match args.option("--rest-api-id") {
        Some(id) => client.load(id)?,
        // A new API: created by the deploy's first call.
        None => deploy::fresh_api(&design.api),
    };
    let calls = deploy::changes(&base, &design, args.option("--stage"), "apigw deploy");
    let target = if base.rest_api_id.is_empty() {
        "a new REST API".to_string()
    } else {
        format!("REST API {}", base.rest_api_id)
    };
    eprint(&format!("{target}: {}", review::tally(&calls)));
    for call in &calls {
        eprint(&format!("  {}", show(&review::line(call))));
    }
    if dry_run {
        return Ok(0);
    }

    let total = calls.len();
    let mut run = Deploy::new(calls, base.ids.clone());
    let mut reported = 0;
    let result = client.drive(&mut run);
    for (index, (call, record)) in run.calls.iter().zip(&run.records).enumerate() {
        if record.status == Status::Pending {
            continue;
        }
        for note in &record.notes {
            eprint(&format!("      {}", show(note)));
        }
        eprint(&format!(
            "[{}/{total}] {} {}: {}",
            index + 1,
            call.operation(),
            show(&review::describe(call)),
            record.status.label()
        ));
        reported += 1;
    }
    // The API's id: the one deployed to, or the one the deploy created (if it got that far).
    let id = run.ids.get(apigw_core::plan::API).cloned();
    if base.rest_api_id.is_empty() {
        if let Some(id) = &id {
            eprint(&format!("created REST API {} ({})", show(id), show(&design.api.name)));
        }
    }
    match result {
        Ok(()) => {
            let id = id.unwrap_or_default();
            eprint(&format!("deployed: {reported} call(s) to REST API {}", show(&id)));
            print(&format!("{id}\n"))?;
            Ok(0)
        }
        Err(error) => {
            // The call, unless the error names it already (an upstream that lacks it).
            let named = run.failure.as_ref().is_some_and(|f| f.unsupported());
            let call = run.calls.get(run.index).filter(|_| !named);
            eprint(&format!(
                "apigw: stopped at call {} of {total}{}: {}",
                run.index + 1,
                call.map(|c| format!(" ({} {})", c.operation(), show(&review::describe(c))))
                    .unwrap_or_default(),
                show(&error)
            ));
            match id {
                Some(id) => {
                    eprint(&format!(
                        "nothing in {} was changed; fix the problem and run the same command with --rest-api-id {}: calls that succeeded are not sent again",
                        show(display_name(file)),
                        show(&id)
                    ));
                    print(&format!("{id}\n"))?;
                }
                None => eprint(&format!(
                    "nothing in {} was changed, and no API was created; fix the problem and run the same command again",
                    show(display_name(file))
                )),
            }
            Ok(1)
        }
    }
}

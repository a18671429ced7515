//! `apigw-fuzz`: fuzzes apigw-core's readers, rules and exporters for a while, then prints what
//! it ran and what it found.
//!
//! ```text
//! apigw-fuzz [--seconds N] [--target NAME] [--seed S] [--out DIR]
//! apigw-fuzz --minimize FILE [--target NAME] [--seconds N]
//! apigw-fuzz --run FILE [--target NAME]
//! ```
//!
//! `--slow-ms MS` changes the slow limit (2,000 ms), for debug builds, which are slower.
//!
//! The targets take turns (or one runs alone with `--target`) for N seconds (default 60).
//!
//! How a run is organised: this process is a supervisor that starts a worker process (itself,
//! with `--worker`) under a 4 GiB memory limit. The worker fuzzes on a thread with the 8 MiB
//! stack of a main thread, while its main thread watches the clock: it records an input that
//! runs longer than 2 s as a slow finding while it runs, gives up on an input after 3 s (a
//! thread cannot be stopped, so the worker exits and the supervisor starts another for the time
//! left), and ends the worker about a second after the deadline. Before each input the worker
//! writes it to a journal file, so that when it dies (out of memory, stack overflow) the
//! supervisor saves that input as a crash finding and starts another worker. The supervisor adds
//! up the workers' counts and findings and prints one report.
//!
//! Findings are saved, one per distinct bug (a panic by its location, a slow input by its
//! target, a crash by its target and message, a round-trip failure by its message), to DIR
//! (default `target/fuzz/findings/` under the workspace root) as `<target>-<hash>.input`. The exit status is 0 without findings,
//! 1 with some, 2 on a usage error.
//!
//! `--minimize FILE` shrinks a saved input while the target (from `--target`, or from the file
//! name) still finds the same bug, and writes `FILE.min` next to it. `--run FILE` runs one
//! input on one target (or on every target) and prints what happened and how long it took.

use apigw_fuzz::corpus;
use apigw_fuzz::runner::{self, Finding, FindingKind, Fuzzer, SLOW, Shared};
use apigw_fuzz::targets::{self, TARGETS, Target};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const USAGE: &str = "\
usage: apigw-fuzz [--seconds N] [--target NAME] [--seed S] [--out DIR]
       apigw-fuzz --minimize FILE [--target NAME] [--seconds N]
       apigw-fuzz --run FILE [--target NAME]
options: --slow-ms MS (the slow limit, 2000 by default)";

/// The command line.
struct Options {
    seconds: Option<u64>,
    target: Option<&'static Target>,
    seed: Option<u64>,
    out: Option<PathBuf>,
    minimize: Option<PathBuf>,
    run: Option<PathBuf>,
    /// Internal: run as a worker process of the supervisor, for this many milliseconds.
    worker: bool,
    millis: Option<u64>,
    quiet: bool,
    slow_ms: Option<u64>,
}

impl Options {
    /// The slow limit: `--slow-ms`, or [`SLOW`].
    fn slow(&self) -> Duration {
        self.slow_ms.map(Duration::from_millis).unwrap_or(SLOW)
    }
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        seconds: None,
        target: None,
        seed: None,
        out: None,
        minimize: None,
        run: None,
        worker: false,
        millis: None,
        quiet: false,
        slow_ms: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next().cloned().ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--seconds" => {
                let text = value("--seconds")?;
                let seconds =
                    text.parse().map_err(|_| format!("--seconds: not a number: {text}"))?;
                options.seconds = Some(seconds);
            }
            "--target" => {
                let name = value("--target")?;
                let target = targets::by_name(&name).ok_or_else(|| {
                    format!("--target: no target `{name}`; the targets are {}", targets::names())
                })?;
                options.target = Some(target);
            }
            "--seed" => {
                let text = value("--seed")?;
                options.seed =
                    Some(text.parse().map_err(|_| format!("--seed: not a number: {text}"))?);
            }
            "--out" => options.out = Some(PathBuf::from(value("--out")?)),
            "--minimize" => options.minimize = Some(PathBuf::from(value("--minimize")?)),
            "--run" => options.run = Some(PathBuf::from(value("--run")?)),
            "--worker" => options.worker = true,
            "--slow-ms" => {
                let text = value("--slow-ms")?;
                let millis =
                    text.parse().map_err(|_| format!("--slow-ms: not a number: {text}"))?;
                options.slow_ms = Some(millis);
            }
            "--quiet" => options.quiet = true,
            "--millis" => {
                let text = value("--millis")?;
                options.millis =
                    Some(text.parse().map_err(|_| format!("--millis: not a number: {text}"))?);
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    // Every mode runs inputs that may make apigw-core allocate without bound.
    if !options.worker {
        if let Some(notice) = apigw_fuzz::limit_memory() {
            eprintln!("{notice}");
        }
    }
    let result = match (&options.minimize, &options.run) {
        (Some(file), _) => minimize(file, &options),
        (None, Some(file)) => run(file, &options),
        (None, None) if options.worker => worker(&options),
        (None, None) => fuzz(&options),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("apigw-fuzz: {message}");
            ExitCode::from(2)
        }
    }
}

/// The supervisor: runs the fuzzing in a worker process (this binary with `--worker`) until the
/// deadline, and when a worker dies on an input (out of memory, stack overflow), saves that input
/// from the worker's journal as a crash finding and starts another worker for the time left.
/// Prints the report of all workers together; Ok(true) when nothing was found.
fn fuzz(options: &Options) -> Result<bool, String> {
    let root = apigw_fuzz::workspace_root();
    let seconds = options.seconds.unwrap_or(60);
    let seed = options.seed.unwrap_or_else(|| {
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
    });
    let out = options.out.clone().unwrap_or_else(|| root.join("target/fuzz/findings"));
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let chosen: Vec<&'static Target> = match options.target {
        Some(target) => vec![target],
        None => TARGETS.iter().collect(),
    };
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let shared = Shared::new(chosen, Some(out.clone()));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut notes = Vec::new();

    for attempt in 0..MAX_WORKERS {
        let left = deadline.saturating_duration_since(Instant::now());
        if attempt > 0 && left < Duration::from_secs(1) {
            break;
        }
        let worker_seed = seed.wrapping_add(attempt);
        let mut cmd = Command::new(&exe);
        cmd.arg("--worker")
            .arg("--millis")
            .arg(left.as_millis().to_string())
            .arg("--seed")
            .arg(worker_seed.to_string())
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(target) = options.target {
            cmd.arg("--target").arg(target.name);
        }
        if let Some(millis) = options.slow_ms {
            cmd.arg("--slow-ms").arg(millis.to_string());
        }
        if attempt > 0 {
            cmd.arg("--quiet");
        }
        let mut child = cmd.spawn().map_err(|e| format!("cannot start a worker: {e}"))?;
        let pid = child.id();
        // The worker's stderr is passed on, its last lines kept to tell why it died.
        let stderr = child.stderr.take().map(|pipe| {
            std::thread::spawn(move || {
                let mut last: Vec<String> = Vec::new();
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    eprintln!("{line}");
                    last.push(line);
                    if last.len() > 20 {
                        last.remove(0);
                    }
                }
                last
            })
        });
        if let Some(pipe) = child.stdout.take() {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                take_worker_line(&shared, &line, &mut notes);
            }
        }
        let status = child.wait().map_err(|e| format!("worker {pid}: {e}"))?;
        let last_lines = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
        let journal = out.join(format!(".running-{pid}"));
        let running = std::fs::read(&journal).ok();
        let _ = std::fs::remove_file(&journal);
        if status.success() || status.code() == Some(1) {
            break;
        }
        if status.code() == Some(RESTART) {
            println!("apigw-fuzz: worker {pid} was stuck on a slow input; starting another");
            continue;
        }
        // The worker died: the input it was running is a crash finding.
        let why = last_lines
            .iter()
            .find(|l| CRASH_MESSAGES.iter().any(|m| l.contains(m)))
            .or_else(|| last_lines.iter().find(|l| !l.trim().is_empty()))
            .cloned()
            .unwrap_or_else(|| "no message".into());
        let message = format!("the process died ({status}): {why}");
        match running.as_deref().and_then(runner::read_journal) {
            Some((name, input)) => {
                let target = targets::by_name(&name).map(|t| t.name).unwrap_or("unknown");
                let key = runner::finding_key(target, FindingKind::Crash, &message, "");
                shared.record(Finding {
                    target,
                    kind: FindingKind::Crash,
                    message,
                    location: String::new(),
                    key,
                    input,
                    elapsed: Duration::ZERO,
                    saved: None,
                });
            }
            None => return Err(format!("a worker died without a journal: {message}")),
        }
        println!("apigw-fuzz: worker {pid} died; starting another for the time left");
    }
    print!("{}", runner::report(&shared, started.elapsed()));
    for note in notes {
        println!("{note}");
    }
    Ok(shared.findings().is_empty())
}

/// At most this many workers per run (each crash or hung input starts a new one).
const MAX_WORKERS: u64 = 200;

/// What the Rust runtime prints when a process dies: the line that says why.
const CRASH_MESSAGES: &[&str] = &["memory allocation of", "overflowed its stack", "panicked at"];

/// Reads one line of a worker's output: `@stat`, `@finding` and `@note` lines are its results;
/// anything else (its banner) is printed.
fn take_worker_line(shared: &Shared, line: &str, notes: &mut Vec<String>) {
    if let Some(rest) = line.strip_prefix("@stat ") {
        let fields: Vec<&str> = rest.split(' ').collect();
        if let [name, runs, accepted, busy] = fields.as_slice() {
            let index = shared.targets.iter().position(|t| t.name == *name);
            if let (Some(index), Ok(runs), Ok(accepted), Ok(busy)) =
                (index, runs.parse(), accepted.parse(), busy.parse())
            {
                shared.add_stats(index, runs, accepted, busy);
            }
        }
    } else if let Some(rest) = line.strip_prefix("@finding ") {
        if let Some(finding) = Finding::from_json(rest) {
            shared.record(finding);
        }
    } else if let Some(rest) = line.strip_prefix("@note ") {
        notes.push(rest.to_string());
    } else {
        println!("{line}");
    }
}

/// A worker process: fuzzes on a thread until the deadline, while this thread watches for slow
/// inputs, then prints its counts and findings as `@` lines for the supervisor.
fn worker(options: &Options) -> Result<bool, String> {
    let root = apigw_fuzz::workspace_root();
    let seed = options.seed.unwrap_or(1);
    let out = options.out.clone().unwrap_or_else(|| root.join("target/fuzz/findings"));
    let chosen: Vec<&'static Target> = match options.target {
        Some(target) => vec![target],
        None => TARGETS.iter().collect(),
    };
    let corpus = corpus::load(&root, seed);
    let shared = Arc::new(Shared::new(chosen, Some(out.clone())));
    let journal = out.join(format!(".running-{}", std::process::id()));
    let file =
        std::fs::File::create(&journal).map_err(|e| format!("{}: {e}", journal.display()))?;
    shared.set_journal(file);
    let slow = options.slow();
    let mut fuzzer = Fuzzer::new(&corpus, seed, slow, shared.clone());
    if !options.quiet {
        if let Some(notice) = apigw_fuzz::limit_memory() {
            println!("{notice}");
        }
        for notice in &corpus.notices {
            println!("{notice}");
        }
        println!(
            "apigw-fuzz: seed {seed} (repeat with --seed {seed}), {:.0} s, {} seeds ({}), {} dictionary words, findings to {}",
            options.millis.unwrap_or(0) as f64 / 1000.0,
            corpus.seeds.len(),
            corpus.summary(),
            fuzzer.dictionary_len(),
            out.display()
        );
    }

    let deadline = Instant::now() + Duration::from_millis(options.millis.unwrap_or(60_000));
    // The fuzzing thread gets the 8 MiB stack of a main thread, as the `apigw` CLI has.
    let thread = std::thread::Builder::new()
        .name("apigw-fuzz".into())
        .stack_size(8 << 20)
        .spawn(move || fuzzer.run(Some(deadline), None))
        .map_err(|e| format!("cannot start the fuzzing thread: {e}"))?;
    // Stuck: the fuzzing thread is still on one input at the deadline, or has been on one for
    // longer than HANG; a thread cannot be stopped, so the worker ends and the supervisor starts
    // another for the time left.
    let mut stuck = false;
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let late = shared.watch(slow);
        if thread.is_finished() {
            break;
        }
        let hang = HANG.max(slow + Duration::from_secs(1));
        if Instant::now() > deadline + Duration::from_secs(1) || late.is_some_and(|t| t > hang) {
            stuck = true;
            break;
        }
    }
    if !stuck && thread.join().is_err() {
        return Err("the fuzzing thread panicked outside a target (a harness bug)".into());
    }
    for (target, stats) in shared.targets.iter().zip(&shared.stats) {
        println!(
            "@stat {} {} {} {}",
            target.name,
            stats.runs.load(Ordering::Relaxed),
            stats.accepted.load(Ordering::Relaxed),
            stats.busy_nanos.load(Ordering::Relaxed)
        );
    }
    for finding in shared.findings() {
        println!("@finding {}", finding.to_json());
    }
    let _ = std::fs::remove_file(&journal);
    if stuck && Instant::now() < deadline {
        // Exiting ends the stuck fuzzing thread; the supervisor starts another worker.
        std::process::exit(RESTART);
    }
    if stuck {
        println!("@note the last input was still running at the deadline; it is reported as slow");
    }
    // Returning from main ends the process, and with it a stuck fuzzing thread.
    Ok(shared.findings().is_empty())
}

/// How long one input may run before its worker gives up on it (it is a slow finding by then).
const HANG: Duration = Duration::from_secs(3);

/// The exit status of a worker that stopped early on a hung input and wants to be replaced.
const RESTART: i32 = 3;

/// Shrinks a saved input; Ok(true) when the input no longer shows a bug.
fn minimize(file: &PathBuf, options: &Options) -> Result<bool, String> {
    let input = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let target = match options.target {
        Some(target) => target,
        None => TARGETS
            .iter()
            .filter(|t| name.starts_with(&format!("{}-", t.name)))
            .max_by_key(|t| t.name.len())
            .ok_or_else(|| {
                format!(
                    "cannot tell the target from `{name}`; give --target ({})",
                    targets::names()
                )
            })?,
    };
    let budget = Duration::from_secs(options.seconds.unwrap_or(120));
    println!("minimising {} ({} bytes) on target {}", file.display(), input.len(), target.name);
    let Some((small, key)) = runner::minimize(target, &input, options.slow(), budget) else {
        println!("the input shows no bug on target {}", target.name);
        return Ok(true);
    };
    let mut out = file.clone().into_os_string();
    out.push(".min");
    let out = PathBuf::from(out);
    std::fs::write(&out, &small).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("{key}");
    println!("{} bytes -> {} ({} bytes)", input.len(), out.display(), small.len());
    if small.len() <= 2000 {
        println!("---\n{}\n---", String::from_utf8_lossy(&small));
    }
    Ok(false)
}

/// Runs one saved input on one target, or on every target; Ok(true) when nothing is found.
fn run(file: &PathBuf, options: &Options) -> Result<bool, String> {
    let input = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let chosen: Vec<&Target> = match options.target {
        Some(target) => vec![target],
        None => TARGETS.iter().collect(),
    };
    let mut clean = true;
    for target in chosen {
        // The name first, so that a crash shows which target it happened in.
        print!("{:<14}", target.name);
        let _ = std::io::stdout().flush();
        let (verdict, elapsed) = runner::run_one(target, &input, options.slow());
        println!(" {:>9.3} s  {verdict:?}", elapsed.as_secs_f64());
        clean &= matches!(verdict, runner::Verdict::Accepted | runner::Verdict::Refused);
    }
    Ok(clean)
}

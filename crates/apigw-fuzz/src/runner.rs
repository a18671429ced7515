//! Running inputs: one input on one target with its panic caught ([`run_one`]), the fuzzing
//! loop ([`Fuzzer`]), the findings and statistics it shares with a watchdog ([`Shared`]), the
//! report, and a delta-debugging minimiser ([`minimize`]).
//!
//! Panics are caught with `std::panic::catch_unwind`. While an input runs, a process-wide panic
//! hook keeps the first panic's message and location instead of printing them (the first,
//! because a panic on one of `validate`'s worker threads is re-raised by the scope that joins
//! it). Outside those moments the hook hands panics to the previous hook, so the harness's own
//! failures and test assertions print as usual.

use crate::MAX_INPUT;
use crate::corpus::{Corpus, SeedKind};
use crate::mutate::{self, Mutator};
use crate::rng::Rng;
use crate::targets::Target;
use serde_json::Value;
use std::collections::HashSet;
use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Once, PoisonError};
use std::time::{Duration, Instant};

/// An input that keeps one target busy longer than this is a "slow" finding.
pub const SLOW: Duration = Duration::from_secs(2);

/// Kept mutants per seed kind, on top of the seeds themselves.
const MAX_KEPT: usize = 512;

/// Kept mutants are at most this large, so that the pools do not drift towards huge inputs.
const MAX_KEPT_LEN: usize = 256 * 1024;

static CAPTURING: AtomicBool = AtomicBool::new(false);
static LAST_PANIC: Mutex<Option<Caught>> = Mutex::new(None);
static HOOK: Once = Once::new();

/// A caught panic: its message and where it was raised (`file:line:column`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caught {
    pub message: String,
    pub location: String,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Installs the quiet panic hook once per process.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CAPTURING.load(Ordering::SeqCst) {
                previous(info);
                return;
            }
            let mut last = lock(&LAST_PANIC);
            if last.is_none() {
                let location = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                    .unwrap_or_else(|| "unknown location".into());
                *last = Some(Caught { message: payload_text(info.payload()), location });
            }
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".into()
    }
}

/// Runs `f` with panics caught and not printed; a panic comes back as its message and location.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, Caught> {
    install_hook();
    *lock(&LAST_PANIC) = None;
    CAPTURING.store(true, Ordering::SeqCst);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CAPTURING.store(false, Ordering::SeqCst);
    let caught = lock(&LAST_PANIC).take();
    result.map_err(|payload| {
        caught.unwrap_or_else(|| Caught {
            message: payload_text(payload.as_ref()),
            location: "unknown location".into(),
        })
    })
}

/// What kind of bug a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingKind {
    /// apigw-core panicked.
    Panic,
    /// One input kept a target busy longer than the slow limit.
    Slow,
    /// An export that our own reader refuses or reads back differently.
    RoundTrip,
    /// The process died on the input (out of memory, stack overflow, abort).
    Crash,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Panic => "panic",
            FindingKind::Slow => "slow",
            FindingKind::RoundTrip => "round-trip",
            FindingKind::Crash => "crash",
        }
    }
}

/// What one run of one input found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The target accepted the input.
    Accepted,
    /// The target refused the input cleanly (a load error).
    Refused,
    /// A bug.
    Found { kind: FindingKind, message: String, location: String },
}

/// A bug, with the input that shows it.
#[derive(Clone, Debug)]
pub struct Finding {
    pub target: &'static str,
    pub kind: FindingKind,
    pub message: String,
    /// Where apigw-core panicked (`file:line:column`); empty for other kinds.
    pub location: String,
    /// What deduplicates findings: the panic location, the round-trip message, or the target.
    pub key: String,
    pub input: Vec<u8>,
    pub elapsed: Duration,
    /// Where the input was saved, when it was.
    pub saved: Option<PathBuf>,
}

impl Finding {
    /// The finding as one line of JSON, without its input (which is saved apart): how a worker
    /// process hands its findings to the supervisor.
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "target": self.target,
            "kind": self.kind.as_str(),
            "message": self.message,
            "location": self.location,
            "key": self.key,
            "elapsedMs": u64::try_from(self.elapsed.as_millis()).unwrap_or(u64::MAX),
            "saved": self.saved.as_ref().map(|p| p.display().to_string()),
        })
        .to_string()
    }

    /// Reads [`Finding::to_json`] back; None for anything else.
    pub fn from_json(line: &str) -> Option<Finding> {
        let value: Value = serde_json::from_str(line).ok()?;
        let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
        let name = text("target")?;
        let target = crate::targets::by_name(&name)?.name;
        let kind = match text("kind")?.as_str() {
            "panic" => FindingKind::Panic,
            "slow" => FindingKind::Slow,
            "round-trip" => FindingKind::RoundTrip,
            _ => FindingKind::Crash,
        };
        Some(Finding {
            target,
            kind,
            message: text("message")?,
            location: text("location").unwrap_or_default(),
            key: text("key")?,
            input: Vec::new(),
            elapsed: Duration::from_millis(value.get("elapsedMs").and_then(Value::as_u64)?),
            saved: text("saved").map(PathBuf::from),
        })
    }
}

/// The key that deduplicates findings: a panic by its location (across targets), a slow input
/// by its target, a round-trip finding by its message without the parts that vary (quoted
/// names, numbers).
pub fn finding_key(target: &str, kind: FindingKind, message: &str, location: &str) -> String {
    match kind {
        FindingKind::Panic => format!("panic at {location}"),
        FindingKind::Slow => format!("slow in {target}"),
        FindingKind::RoundTrip => format!("round-trip: {}", generalise(message)),
        FindingKind::Crash => format!("crash in {target}: {}", generalise(message)),
    }
}

/// A message with quoted parts emptied and digits dropped.
fn generalise(message: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None if c == '`' || c == '"' => {
                out.push(c);
                quote = Some(c);
            }
            None if c.is_ascii_digit() => {}
            None => out.push(c),
        }
    }
    out
}

/// Runs one input on one target: what it found, and how long it took. An input that took
/// longer than `slow` is a slow finding, unless it found something worse.
pub fn run_one(target: &Target, input: &[u8], slow: Duration) -> (Verdict, Duration) {
    let started = Instant::now();
    let result = quietly(|| (target.run)(input));
    let elapsed = started.elapsed();
    let verdict = match result {
        Ok(Ok(true)) => Verdict::Accepted,
        Ok(Ok(false)) => Verdict::Refused,
        Ok(Err(message)) => {
            Verdict::Found { kind: FindingKind::RoundTrip, message, location: String::new() }
        }
        Err(caught) => Verdict::Found {
            kind: FindingKind::Panic,
            message: caught.message,
            location: caught.location,
        },
    };
    if elapsed > slow && !matches!(verdict, Verdict::Found { .. }) {
        let message = format!("one input took {:.1} s", elapsed.as_secs_f64());
        return (
            Verdict::Found { kind: FindingKind::Slow, message, location: String::new() },
            elapsed,
        );
    }
    (verdict, elapsed)
}

/// Counts for one target, updated as inputs run (atomics, so the watchdog can read them while
/// the fuzzing thread is stuck on an input).
#[derive(Debug, Default)]
pub struct TargetStats {
    pub runs: AtomicU64,
    pub accepted: AtomicU64,
    pub busy_nanos: AtomicU64,
}

/// The input being run right now.
#[derive(Debug)]
struct Current {
    target: usize,
    started: Instant,
    input: Arc<[u8]>,
    flagged: bool,
}

/// What the fuzzing thread shares with whoever watches it: the targets, their counts, the
/// findings, and the input being run.
#[derive(Debug)]
pub struct Shared {
    pub targets: Vec<&'static Target>,
    pub stats: Vec<TargetStats>,
    /// Where findings are saved; None to keep them in memory only.
    pub out: Option<PathBuf>,
    findings: Mutex<(Vec<Finding>, HashSet<String>)>,
    current: Mutex<Option<Current>>,
    /// A file that always holds the input being run (its target's name on the first line), so
    /// that a supervisor can save it when the process dies on it.
    journal: Mutex<Option<File>>,
}

impl Shared {
    pub fn new(targets: Vec<&'static Target>, out: Option<PathBuf>) -> Shared {
        let stats = targets.iter().map(|_| TargetStats::default()).collect();
        Shared {
            targets,
            stats,
            out,
            findings: Mutex::new((Vec::new(), HashSet::new())),
            current: Mutex::new(None),
            journal: Mutex::new(None),
        }
    }

    /// Keeps every input in `file` while it runs (see [`Shared::begin`]).
    pub fn set_journal(&self, file: File) {
        *lock(&self.journal) = Some(file);
    }

    /// Adds counts from elsewhere (a worker process) to a target's.
    pub fn add_stats(&self, target: usize, runs: u64, accepted: u64, busy_nanos: u64) {
        if let Some(stats) = self.stats.get(target) {
            stats.runs.fetch_add(runs, Ordering::Relaxed);
            stats.accepted.fetch_add(accepted, Ordering::Relaxed);
            stats.busy_nanos.fetch_add(busy_nanos, Ordering::Relaxed);
        }
    }

    /// Every finding so far.
    pub fn findings(&self) -> Vec<Finding> {
        lock(&self.findings).0.clone()
    }

    /// Records a finding unless one with the same key exists; saves its input when there is an
    /// output folder and it was not saved yet. Returns whether it was new.
    pub fn record(&self, mut finding: Finding) -> bool {
        let mut findings = lock(&self.findings);
        if !findings.1.insert(finding.key.clone()) {
            return false;
        }
        if let (Some(out), None) = (&self.out, &finding.saved) {
            match save(out, &finding) {
                Ok(path) => finding.saved = Some(path),
                Err(error) => eprintln!("apigw-fuzz: cannot save a finding: {error}"),
            }
        }
        findings.0.push(finding);
        true
    }

    fn begin(&self, target: usize, input: Arc<[u8]>) {
        if let Some(file) = lock(&self.journal).as_mut() {
            let name = self.targets.get(target).map(|t| t.name).unwrap_or("");
            // A failed write only loses the input of a crash, so it is not worth stopping for.
            let _ = write_journal(file, name, &input);
        }
        *lock(&self.current) =
            Some(Current { target, started: Instant::now(), input, flagged: false });
    }

    fn end(&self, target: usize, accepted: bool, elapsed: Duration) {
        *lock(&self.current) = None;
        if let Some(stats) = self.stats.get(target) {
            stats.runs.fetch_add(1, Ordering::Relaxed);
            stats.accepted.fetch_add(u64::from(accepted), Ordering::Relaxed);
            let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
            stats.busy_nanos.fetch_add(nanos, Ordering::Relaxed);
        }
    }

    /// Called by the watchdog: an input running for longer than `slow` is recorded as a slow
    /// finding now, in case it never ends. Returns how long the current input has been running
    /// when it is that late.
    pub fn watch(&self, slow: Duration) -> Option<Duration> {
        let mut current = lock(&self.current);
        let running = current.as_mut()?;
        let elapsed = running.started.elapsed();
        if elapsed <= slow {
            return None;
        }
        if !running.flagged {
            running.flagged = true;
            if let Some(target) = self.targets.get(running.target) {
                let finding = Finding {
                    target: target.name,
                    kind: FindingKind::Slow,
                    message: format!(
                        "one input was still running after {:.1} s",
                        elapsed.as_secs_f64()
                    ),
                    location: String::new(),
                    key: finding_key(target.name, FindingKind::Slow, "", ""),
                    input: running.input.to_vec(),
                    elapsed,
                    saved: None,
                };
                drop(current);
                self.record(finding);
            }
        }
        Some(elapsed)
    }
}

/// Overwrites the journal with a target's name and an input.
fn write_journal(file: &mut File, target: &str, input: &[u8]) -> std::io::Result<()> {
    file.seek(SeekFrom::Start(0))?;
    file.write_all(target.as_bytes())?;
    file.write_all(b"\n")?;
    file.write_all(input)?;
    file.set_len((target.len() + 1 + input.len()) as u64)
}

/// Reads a journal back: the target's name and the input.
pub fn read_journal(bytes: &[u8]) -> Option<(String, Vec<u8>)> {
    let newline = bytes.iter().position(|b| *b == b'\n')?;
    let name = String::from_utf8_lossy(&bytes[..newline]).into_owned();
    Some((name, bytes[newline + 1..].to_vec()))
}

/// A short, stable hash (FNV-1a, 32 bits shown) for file names.
pub fn short_hash(text: &str) -> String {
    let hash = text
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{:08x}", hash >> 32)
}

/// Saves a finding's input as `<target>-<hash of its key>.input`.
fn save(out: &Path, finding: &Finding) -> Result<PathBuf, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let path = out.join(format!("{}-{}.input", finding.target, short_hash(&finding.key)));
    std::fs::write(&path, &finding.input).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The fuzzing loop: takes the targets in turn, mutates a seed suited to each, runs it, records
/// findings, and keeps accepted mutants as new seeds.
pub struct Fuzzer {
    shared: Arc<Shared>,
    rng: Rng,
    mutator: Mutator,
    /// Seeds per kind (index of `SeedKind::index`): the corpus's, then kept mutants.
    pools: Vec<Vec<Arc<[u8]>>>,
    /// How many of each pool are the corpus's own (never replaced).
    originals: Vec<usize>,
    /// Every corpus seed, as splice donors.
    donors: Vec<Arc<[u8]>>,
    slow: Duration,
    turn: usize,
}

impl Fuzzer {
    /// A fuzzer over the corpus, its random choices fixed by `seed`.
    pub fn new(corpus: &Corpus, seed: u64, slow: Duration, shared: Arc<Shared>) -> Fuzzer {
        let mut pools: Vec<Vec<Arc<[u8]>>> = SeedKind::ALL.iter().map(|_| Vec::new()).collect();
        let mut donors = Vec::new();
        for s in &corpus.seeds {
            let bytes: Arc<[u8]> = Arc::from(s.bytes.as_slice());
            if let Some(pool) = pools.get_mut(s.kind.index()) {
                pool.push(bytes.clone());
            }
            donors.push(bytes);
        }
        let originals = pools.iter().map(Vec::len).collect();
        let texts: Vec<&[u8]> = corpus.seeds.iter().map(|s| s.bytes.as_slice()).collect();
        let mutator = Mutator::new(seed ^ 0x6d75_7461_7465, mutate::harvest(&texts));
        Fuzzer { shared, rng: Rng::new(seed), mutator, pools, originals, donors, slow, turn: 0 }
    }

    /// How many words the mutator's dictionary holds.
    pub fn dictionary_len(&self) -> usize {
        self.mutator.dictionary_len()
    }

    /// Runs one mutated input on the next target in turn.
    pub fn step(&mut self) {
        let count = self.shared.targets.len();
        if count == 0 {
            return;
        }
        let index = self.turn % count;
        self.turn += 1;
        let Some(target) = self.shared.targets.get(index).copied() else { return };
        let kind = self.rng.pick(target.seeds).copied().unwrap_or(SeedKind::Other);
        let pool = self.pools.get(kind.index()).filter(|p| !p.is_empty()).unwrap_or(&self.donors);
        let Some(parent) = self.rng.pick(pool).cloned() else { return };
        let donor = self.rng.pick(&self.donors).cloned().unwrap_or_else(|| parent.clone());
        let mut input = self.mutator.mutate(&parent, kind, &donor);
        input.truncate(MAX_INPUT);
        let input: Arc<[u8]> = Arc::from(input);

        self.shared.begin(index, input.clone());
        let (verdict, elapsed) = run_one(target, &input, self.slow);
        self.shared.end(index, verdict == Verdict::Accepted, elapsed);

        match verdict {
            Verdict::Accepted => self.keep(kind, input),
            Verdict::Refused => {}
            Verdict::Found { kind, message, location } => {
                let key = finding_key(target.name, kind, &message, &location);
                self.shared.record(Finding {
                    target: target.name,
                    kind,
                    message,
                    location,
                    key,
                    input: input.to_vec(),
                    elapsed,
                    saved: None,
                });
            }
        }
    }

    /// Keeps an accepted mutant as a seed, now and then, replacing an older kept one when the
    /// pool is full.
    fn keep(&mut self, kind: SeedKind, input: Arc<[u8]>) {
        if input.len() > MAX_KEPT_LEN || !self.rng.one_in(4) {
            return;
        }
        let originals = self.originals.get(kind.index()).copied().unwrap_or(0);
        let Some(pool) = self.pools.get_mut(kind.index()) else { return };
        if pool.len() < originals + MAX_KEPT {
            pool.push(input);
        } else {
            let slot = originals + self.rng.below(MAX_KEPT);
            if let Some(entry) = pool.get_mut(slot) {
                *entry = input;
            }
        }
    }

    /// Runs until the deadline passes, or until every target has run `per_target` inputs,
    /// whichever comes first (checking the clock between inputs).
    pub fn run(&mut self, deadline: Option<Instant>, per_target: Option<u64>) {
        let count = self.shared.targets.len() as u64;
        let limit = per_target.map(|n| n.saturating_mul(count));
        let mut done = 0_u64;
        loop {
            if deadline.is_some_and(|d| Instant::now() >= d) || limit.is_some_and(|l| done >= l) {
                return;
            }
            self.step();
            done += 1;
        }
    }
}

/// The report: per target and in total, inputs run, inputs per second, accepted share and
/// findings; then one line per finding.
pub fn report(shared: &Shared, wall: Duration) -> String {
    let findings = shared.findings();
    let mut out = String::new();
    out.push_str(&format!(
        "{:<14} {:>10} {:>10} {:>9} {:>9}\n",
        "target", "inputs", "inputs/s", "accepted", "findings"
    ));
    let (mut total_runs, mut total_accepted) = (0_u64, 0_u64);
    for (target, stats) in shared.targets.iter().zip(&shared.stats) {
        let runs = stats.runs.load(Ordering::Relaxed);
        let accepted = stats.accepted.load(Ordering::Relaxed);
        let busy = Duration::from_nanos(stats.busy_nanos.load(Ordering::Relaxed));
        total_runs += runs;
        total_accepted += accepted;
        let own = findings.iter().filter(|f| f.target == target.name).count();
        out.push_str(&format!(
            "{:<14} {:>10} {:>10.0} {:>8.0}% {:>9}\n",
            target.name,
            runs,
            per_second(runs, busy),
            percent(accepted, runs),
            own
        ));
    }
    out.push_str(&format!(
        "{:<14} {:>10} {:>10.0} {:>8.0}% {:>9}\n",
        "total",
        total_runs,
        per_second(total_runs, wall),
        percent(total_accepted, total_runs),
        findings.len()
    ));
    out.push_str(
        "(a target's inputs/s is per second of its own running time; the total's is per second of \
         the whole run)\n",
    );
    for f in &findings {
        out.push_str(&finding_line(f));
        out.push('\n');
    }
    out
}

/// One line for a finding: target, kind, message (shortened), location, saved input.
pub fn finding_line(f: &Finding) -> String {
    let mut message: String = f.message.chars().take(300).collect();
    if message.len() < f.message.len() {
        message.push('…');
    }
    let message = message.replace('\n', "\\n");
    let location =
        if f.location.is_empty() { String::new() } else { format!(" at {}", f.location) };
    let saved = match &f.saved {
        Some(path) => path.display().to_string(),
        None => "(not saved)".into(),
    };
    format!("FINDING {} [{}]: {message}{location} -> {saved}", f.target, f.kind.as_str())
}

fn per_second(runs: u64, time: Duration) -> f64 {
    let seconds = time.as_secs_f64();
    if seconds > 0.0 { runs as f64 / seconds } else { 0.0 }
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 { 0.0 } else { 100.0 * part as f64 / whole as f64 }
}

/// Shrinks an input while `target` still finds the same bug (same key) on it: first whole
/// JSON subtrees (when it parses as JSON), then lines, then byte ranges, halving the range each
/// round (delta debugging). Stops when nothing more can go, or when `budget` is spent. Returns
/// None when the input does not show a bug at all.
pub fn minimize(
    target: &Target,
    input: &[u8],
    slow: Duration,
    budget: Duration,
) -> Option<(Vec<u8>, String)> {
    let started = Instant::now();
    let key_of = |candidate: &[u8]| match run_one(target, candidate, slow).0 {
        Verdict::Found { kind, message, location } => {
            Some(finding_key(target.name, kind, &message, &location))
        }
        _ => None,
    };
    let key = key_of(input)?;
    let keeps = |candidate: &[u8]| key_of(candidate).as_deref() == Some(key.as_str());
    let in_time = || started.elapsed() < budget;
    let mut best = input.to_vec();

    // Subtrees of the JSON tree: remove members and elements, empty collections, shorten
    // strings; kept compact, so the byte passes have less to do.
    if let Ok(mut value) = serde_json::from_slice::<Value>(&best) {
        let compact = serde_json::to_vec(&value).unwrap_or_default();
        if keeps(&compact) {
            best = compact;
            let mut progress = true;
            while progress && in_time() {
                progress = false;
                let nodes = mutate::count(&value, |_| true);
                let mut n = 0;
                while n < nodes && in_time() {
                    let mut improved = false;
                    for edit in 0..4 {
                        let mut candidate = value.clone();
                        if !shrink_node(&mut candidate, n, edit) {
                            continue;
                        }
                        let bytes = serde_json::to_vec(&candidate).unwrap_or_default();
                        if bytes.len() < best.len() && keeps(&bytes) {
                            value = candidate;
                            best = bytes;
                            improved = true;
                            progress = true;
                            break;
                        }
                    }
                    if !improved {
                        n += 1;
                    }
                    if mutate::count(&value, |_| true) <= n {
                        break;
                    }
                }
            }
        }
    }

    // Whole lines, then byte ranges.
    let mut lines_removed = true;
    while lines_removed && in_time() {
        lines_removed = false;
        let lines: Vec<&[u8]> = best.split(|b| *b == b'\n').collect();
        for i in 0..lines.len() {
            let candidate: Vec<u8> = lines
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join(&b'\n');
            if keeps(&candidate) {
                best = candidate;
                lines_removed = true;
                break;
            }
            if !in_time() {
                break;
            }
        }
    }
    let mut chunk = best.len() / 2;
    while chunk >= 1 && in_time() {
        let mut at = 0;
        while at < best.len() && in_time() {
            let end = (at + chunk).min(best.len());
            let mut candidate = best.clone();
            candidate.drain(at..end);
            if keeps(&candidate) {
                best = candidate;
            } else {
                at += chunk;
            }
        }
        chunk /= 2;
    }

    // Pretty-printed JSON reads better, when it still shows the bug.
    if let Ok(value) = serde_json::from_slice::<Value>(&best) {
        if let Ok(mut pretty) = serde_json::to_vec_pretty(&value) {
            pretty.push(b'\n');
            if keeps(&pretty) {
                best = pretty;
            }
        }
    }
    Some((best, key))
}

/// One shrinking edit of the `n`th node (pre-order): 0 removes it from its parent, 1 empties
/// it, 2 halves a string, 3 makes it null. Returns whether anything changed.
fn shrink_node(root: &mut Value, n: usize, edit: usize) -> bool {
    if edit == 0 {
        return remove_nth(root, &mut n.clone());
    }
    let mut counter = n;
    let Some(node) = mutate::nth_mut(root, &mut counter, |_| true) else { return false };
    match (edit, &mut *node) {
        (1, Value::Object(map)) if !map.is_empty() => map.clear(),
        (1, Value::Array(items)) if !items.is_empty() => items.clear(),
        (2, Value::String(s)) if s.chars().count() > 1 => {
            let half = s.chars().count() / 2;
            *s = s.chars().take(half).collect();
        }
        (3, value) if !value.is_null() => *value = Value::Null,
        _ => return false,
    }
    true
}

/// Removes the `n`th node (pre-order, the root being 0) from its parent.
fn remove_nth(value: &mut Value, n: &mut usize) -> bool {
    if *n == 0 {
        return false;
    }
    *n -= 1;
    match value {
        Value::Array(items) => {
            for i in 0..items.len() {
                if *n == 0 {
                    items.remove(i);
                    return true;
                }
                if remove_nth(&mut items[i], n) {
                    return true;
                }
            }
            false
        }
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                if *n == 0 {
                    map.shift_remove(&key);
                    return true;
                }
                if let Some(child) = map.get_mut(&key) {
                    if remove_nth(child, n) {
                        return true;
                    }
                }
            }
            false
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boom(data: &[u8]) -> crate::targets::Outcome {
        if data.windows(4).any(|w| w == b"BOOM") {
            panic!("found BOOM");
        }
        Ok(true)
    }

    const BOOM: Target = Target { name: "boom", run: boom, seeds: &[] };

    #[test]
    fn a_panic_is_caught_with_its_location() {
        let (verdict, _) = run_one(&BOOM, b"xxBOOMxx", SLOW);
        match verdict {
            Verdict::Found { kind, message, location } => {
                assert_eq!(kind, FindingKind::Panic);
                assert_eq!(message, "found BOOM");
                assert!(location.contains("runner.rs"), "{location}");
            }
            other => panic!("expected a finding, got {other:?}"),
        }
        assert_eq!(run_one(&BOOM, b"fine", SLOW).0, Verdict::Accepted);
    }

    #[test]
    fn the_minimiser_keeps_only_what_matters() {
        let input = br#"{"a": [1, 2, {"b": "xxBOOMxx"}], "c": "long string here"}"#;
        let (small, key) = minimize(&BOOM, input, SLOW, Duration::from_secs(10))
            .unwrap_or_else(|| panic!("the input shows the bug"));
        assert!(key.starts_with("panic at "));
        assert_eq!(small, b"BOOM");
    }

    #[test]
    fn round_trip_messages_generalise() {
        let a = finding_key("t", FindingKind::RoundTrip, "path `/a/` at line 3 column 12", "");
        let b = finding_key("t", FindingKind::RoundTrip, "path `/bb/` at line 9 column 1", "");
        assert_eq!(a, b);
    }
}

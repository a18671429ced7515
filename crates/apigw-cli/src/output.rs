//! Standard output and standard error, written without ever panicking.
//!
//! `print!` panics when standard output is closed (`apigw rules | head -1`) or cannot be
//! written (a full disk). Here a closed pipe ends the command quietly, as Unix tools do, and
//! any other failure to write becomes one line naming it, with exit status 2. Standard error is
//! best effort: a message that cannot be shown is dropped, never a panic.
//!
//! User text in the text outputs goes through [`show`], so a name holding a line break or a
//! terminal escape cannot break the one-line `FILE:POINTER:` format or colour the terminal.

use std::io::Write;

/// Why a command stopped before it finished.
#[derive(Debug)]
pub(crate) enum Stop {
    /// A message for standard error, and exit status 2.
    Failed(String),
    /// Standard output was closed by the reader: end quietly, with status 0.
    Closed,
}

impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Failed(message)
    }
}

impl From<&str> for Stop {
    fn from(message: &str) -> Stop {
        Stop::Failed(message.to_string())
    }
}

/// Writes `text` to standard output.
pub(crate) fn print(text: &str) -> Result<(), Stop> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(|error| {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            Stop::Closed
        } else {
            Stop::Failed(format!("cannot write to standard output: {}", describe(&error)))
        }
    })
}

/// Writes a line to standard error, best effort.
pub(crate) fn eprint(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(line.as_bytes()).and_then(|()| err.write_all(b"\n"));
}

/// User text as one safe line of terminal output (see `apigw_core::text::printable`).
pub(crate) fn show(text: &str) -> std::borrow::Cow<'_, str> {
    apigw_core::text::printable(text)
}

/// An IO error in plain words: "no space left on device", without "(os error 28)".
pub(crate) fn describe(error: &std::io::Error) -> String {
    let text = error.to_string();
    let text = match text.find(" (os error") {
        Some(index) => &text[..index],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "unknown error".into(),
    }
}

//! A file that could not be read: what is wrong, in the user's words, and where (line and
//! column, and the JSON Pointer when the reader knew one).
//!
//! A leaf module: the document loader and every reader use it, and it uses none of them.

/// A file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub message: String,
    /// 1-based; 0 when the position is not known (yet).
    pub line: usize,
    pub column: usize,
    /// Where the problem lies as a JSON Pointer into the input, when the reader knew that rather
    /// than the line: `document::load` turns it into a line and column.
    pub pointer: Option<String>,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "line {} column {}: {}", self.line, self.column, self.message)
        } else {
            write!(f, "{}", self.message)
        }
    }
}

impl LoadError {
    /// An error about the input as a whole (an empty file, say).
    pub fn new(message: impl Into<String>) -> LoadError {
        LoadError { message: message.into(), line: 0, column: 0, pointer: None }
    }

    /// An error at a line and column.
    pub fn located(message: impl Into<String>, line: usize, column: usize) -> LoadError {
        LoadError { message: message.into(), line, column, pointer: None }
    }

    /// An error at the value a JSON Pointer names; the loader finds its line and column.
    pub fn at(pointer: impl Into<String>, message: impl Into<String>) -> LoadError {
        LoadError { message: message.into(), line: 0, column: 0, pointer: Some(pointer.into()) }
    }

    /// serde_json's syntax error, in plain words, at its line and column.
    pub fn json(error: &serde_json::Error) -> LoadError {
        LoadError::located(json_message(error), error.line(), error.column())
    }
}

/// What serde_json says of broken JSON, said plainly: where it says "EOF while parsing an
/// object", this says which bracket is missing. Messages about values (which only a typed read
/// gives) are left to the caller, who knows the field.
pub fn json_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; the position is reported apart.
    let text = match text.rfind(" at line ") {
        Some(index) => &text[..index],
        None => &text,
    };
    let plain = match text {
        "EOF while parsing a list" => "the file ends inside a list: a closing `]` is missing",
        "EOF while parsing an object" => "the file ends inside an object: a closing `}` is missing",
        "EOF while parsing a string" => "the file ends inside a text: a closing `\"` is missing",
        "EOF while parsing a value" => {
            if error.line() <= 1 && error.column() == 0 {
                "the file is empty"
            } else {
                "the file ends where a value was expected"
            }
        }
        "expected `:`" => "expected `:` between a key and its value",
        "expected `,` or `]`" => {
            "expected `,` before the next item of the list, or `]` to close it"
        }
        "expected `,` or `}`" => {
            "expected `,` before the next member of the object, or `}` to close it"
        }
        "expected value" => {
            "expected a value: text in double quotes, a number, true, false, null, an object or a list"
        }
        "expected ident" => "expected true, false or null (JSON writes them in lower case)",
        "invalid escape" => {
            "an invalid escape in a text: JSON allows \\\\, \\\", \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX"
        }
        "invalid number" => "not a valid number",
        "number out of range" => "a number too large to read",
        "invalid unicode code point"
        | "lone leading surrogate in hex escape"
        | "unexpected end of hex escape" => "an invalid \\u escape in a text",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "a text holds a raw control character (a line break or a tab, say): write it as \\n, \\t or \\u00XX"
        }
        "key must be a string" => "an object's keys must be text in double quotes",
        "trailing comma" => {
            "a comma before a closing bracket: JSON allows no comma after the last item"
        }
        "trailing characters" => "more text after the end of the JSON value",
        "recursion limit exceeded" => "objects and lists nest more than 128 levels deep",
        other => return other.to_string(),
    };
    plain.to_string()
}

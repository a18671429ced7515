//! Talking to API Gateway's REST wire protocol without doing any IO.
//!
//! The load ([`crate::live::Loader`]) and the deploy ([`crate::deploy::Deploy`]) are state
//! machines: they say which request to send next ([`Exchange::next`]), and are told what came
//! back ([`Exchange::receive`]). The browser app and the CLI each own one small driver loop that
//! sends the requests (through the proxy) and sleeps when told to, so both share the paging,
//! retry, placeholder and failure logic, and tests can drive the machines with scripted answers.

use serde_json::Value;

/// A request to send: method, path (with query) and JSON body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: String,
    pub path: String,
    pub body: Option<String>,
}

/// What came back: a response, or a transport failure (refused, reset, timed out).
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Response { status: u16, body: String, retry_after: Option<f64> },
    Transport(String),
}

/// What the driver does next.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// Send the next request now.
    Continue,
    /// Wait this many milliseconds, then send the next request (a retry).
    Wait(u64),
    /// Stop: the machine has failed; the error says why.
    Failed(ApiError),
}

/// A state machine that exchanges requests with API Gateway.
pub trait Exchange {
    /// The next request, or `None` when finished (or failed).
    fn next(&mut self) -> Option<HttpRequest>;
    /// Takes the outcome of the request `next` gave. `jitter` is a random number in `[0, 1)`.
    fn receive(&mut self, outcome: Outcome, jitter: f64) -> Step;
}

/// An error as API Gateway (or the proxy) reported it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status; 0 when nothing came back.
    pub status: u16,
    /// `NotFoundException`, `BadRequestException`…, or `NetworkError`.
    pub error_type: String,
    pub message: String,
}

/// The error type apigw-proxy gives an upstream answer that is not API Gateway's JSON (an
/// emulator's HTML error page, say): its message says what came back instead.
pub const NOT_API_GATEWAY: &str = "UpstreamNotApiGateway";

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.error_type == NOT_API_GATEWAY {
            // The message says it all ("the upstream answered 500 with an HTML page…").
            write!(f, "{}", self.message)
        } else if self.status == 0 {
            write!(f, "{}: {}", self.error_type, self.message)
        } else {
            write!(f, "{} {}: {}", self.status, self.error_type, self.message)
        }
    }
}

impl ApiError {
    /// Reads an error answer: API Gateway's `{"message"}` with `x-amzn-ErrorType` (passed in
    /// the body as `__type` by emulators, or by the proxy), or any other text.
    pub fn from_response(status: u16, body: &str) -> ApiError {
        let json: Option<Value> = serde_json::from_str(body).ok();
        let field = |keys: &[&str]| {
            let json = json.as_ref()?;
            keys.iter().find_map(|k| json.get(*k).and_then(Value::as_str)).map(str::to_string)
        };
        let error_type = field(&["__type", "errorType", "code"])
            .map(|t| t.rsplit(['#', ':']).next().unwrap_or(&t).to_string())
            .unwrap_or_else(|| default_type(status).to_string());
        let message = field(&["message", "Message", "error"]).unwrap_or_else(|| {
            let text = body.trim();
            if text.is_empty() || text.starts_with('<') {
                format!("HTTP {status} with no error message")
            } else {
                text.chars().take(300).collect()
            }
        });
        ApiError { status, error_type, message }
    }

    pub fn transport(message: &str) -> ApiError {
        ApiError { status: 0, error_type: "NetworkError".into(), message: message.into() }
    }

    /// Whether the upstream lacks the operation: 501 Not Implemented (LocalStack), or an
    /// answer that is not API Gateway's at all (moto's HTML page for an operation it lacks).
    /// Such an answer is the same every time, so it is not retried.
    pub fn unsupported(&self) -> bool {
        self.status == 501 || self.error_type == NOT_API_GATEWAY
    }
}

fn default_type(status: u16) -> &'static str {
    match status {
        400 => "BadRequestException",
        401 => "UnauthorizedException",
        403 => "ForbiddenException",
        404 => "NotFoundException",
        409 => "ConflictException",
        413 => "PayloadTooLarge",
        429 => "TooManyRequestsException",
        502 => "BadGateway",
        _ if status >= 500 => "ServiceUnavailableException",
        _ => "Error",
    }
}

/// How many times one request is tried before the machine gives up.
pub const MAX_ATTEMPTS: u32 = 6;

/// Whether an outcome is worth retrying: throttling, a server error, or a transport failure;
/// not an upstream that lacks the operation ([`ApiError::unsupported`]).
pub fn retryable(outcome: &Outcome) -> bool {
    match outcome {
        Outcome::Transport(_) => true,
        Outcome::Response { status: 429, .. } => true,
        Outcome::Response { status, body, .. } if *status >= 500 => {
            !ApiError::from_response(*status, body).unsupported()
        }
        Outcome::Response { .. } => false,
    }
}

/// The delay before retry number `attempt` (1 for the first retry): exponential from 250 ms,
/// capped at 8 s, with jitter over the upper half, and never shorter than `Retry-After`.
pub fn backoff_ms(attempt: u32, retry_after: Option<f64>, jitter: f64) -> u64 {
    let base = (250.0 * 2f64.powi(attempt.saturating_sub(1).min(10) as i32)).min(8000.0);
    let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.5 };
    let delay = base / 2.0 + base / 2.0 * jitter;
    let floor =
        retry_after.filter(|s| s.is_finite() && *s >= 0.0).map(|s| (s * 1000.0).min(60_000.0));
    delay.max(floor.unwrap_or(0.0)).round() as u64
}

/// Parses a `Retry-After` header given in seconds, whole or decimal (the HTTP-date form is not
/// used by AWS). Read by hand: a float parser would add 10 KB to the wasm for this one header.
pub fn parse_retry_after(header: &str) -> Option<f64> {
    let (whole, fraction) = header.trim().split_once('.').unwrap_or((header.trim(), ""));
    if whole.is_empty() || whole.len() > 9 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut seconds = whole.parse::<u32>().ok()? as f64;
    let mut scale = 0.1;
    for digit in fraction.bytes().take(6) {
        seconds += f64::from(digit - b'0') * scale;
        scale /= 10.0;
    }
    Some(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_caps_and_honours_retry_after() {
        assert_eq!(backoff_ms(1, None, 0.0), 125);
        assert_eq!(backoff_ms(1, None, 1.0), 250);
        assert_eq!(backoff_ms(3, None, 1.0), 1000);
        assert_eq!(backoff_ms(30, None, 1.0), 8000);
        assert_eq!(backoff_ms(1, Some(2.0), 0.0), 2000);
        assert_eq!(backoff_ms(1, Some(f64::NAN), f64::NAN), 188);
    }

    #[test]
    fn retry_after_reads_whole_and_decimal_seconds() {
        assert_eq!(parse_retry_after(" 3 "), Some(3.0));
        assert_eq!(parse_retry_after("0"), Some(0.0));
        assert_eq!(parse_retry_after("1.5"), Some(1.5));
        assert_eq!(parse_retry_after("2."), Some(2.0));
        for bad in ["", "-1", ".5", "1e3", "inf", "NaN", "1.5.2", "Wed, 21 Oct 2015 07:28:00 GMT"] {
            assert_eq!(parse_retry_after(bad), None, "{bad}");
        }
    }

    #[test]
    fn errors_name_type_and_message() {
        let e = ApiError::from_response(
            404,
            r#"{"__type":"com.amazonaws#NotFoundException","message":"Invalid Rest API Id specified"}"#,
        );
        assert_eq!(e.to_string(), "404 NotFoundException: Invalid Rest API Id specified");
        let e = ApiError::from_response(500, "<html>boom</html>");
        assert_eq!(e.error_type, "ServiceUnavailableException");
        assert!(e.message.contains("HTTP 500"));
    }
}

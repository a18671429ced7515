//! `apigw-proxy`: the local endpoint that signs the designer's API Gateway REST requests with
//! the user's AWS credentials (SigV4) and forwards them to API Gateway or to a local emulator.
//!
//! It holds the user's credentials, so it is strict: it binds loopback, answers CORS only for
//! the allowed origins, requires the random token it prints at start on every request,
//! forwards only `/restapis…` paths with the methods the designer uses and bodies up to 1 MiB,
//! and never logs credentials or the token.

use aws_config::BehaviorVersion;
use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::Mutex;

const USAGE: &str = "\
usage: apigw-proxy [--port N] [--upstream URL] [--allow-origin ORIGIN]... [--region R] [--profile P]

Signs API Gateway REST requests from apigw-designer with SigV4 and forwards them to
https://apigateway.{region}.amazonaws.com, or to --upstream (a local emulator such as moto).

  --port N               port on 127.0.0.1 (default 8787; 0 picks a free one)
  --upstream URL         forward here instead of AWS (credentials may be dummies)
  --allow-origin ORIGIN  a page origin allowed to call the proxy (repeatable;
                         default http://127.0.0.1:8080 and http://localhost:8080)
  --region R             signing region (default: AWS_REGION, the profile's, or us-east-1)
  --profile P            the AWS profile to take credentials from (default chain otherwise)

On start it prints its URL and a random token; every request needs
`Authorization: Bearer TOKEN`.
";

/// Largest request body forwarded: far above any API Gateway call the designer makes.
const MAX_BODY: usize = 1024 * 1024;
const METHODS: &[Method] = &[Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE];
const EXPOSED: &str = "x-amzn-ErrorType, x-amzn-RequestId, Retry-After";

/// The options the proxy accepts.
#[derive(Debug, Default, PartialEq)]
struct Options {
    port: u16,
    upstream: Option<String>,
    allow_origins: Vec<String>,
    region: Option<String>,
    profile: Option<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options { port: 8787, ..Options::default() };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || iter.next().cloned().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--port" => {
                options.port = value()?
                    .parse()
                    .map_err(|_| "--port needs a number from 0 to 65535".to_string())?
            }
            "--upstream" => {
                let url = value()?;
                reqwest::Url::parse(&url)
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                    .ok_or_else(|| format!("--upstream `{url}` is not an http(s) URL"))?;
                options.upstream = Some(url.trim_end_matches('/').to_string())
            }
            "--allow-origin" => options.allow_origins.push(value()?.trim_end_matches('/').into()),
            "--region" => options.region = Some(value()?),
            "--profile" => options.profile = Some(value()?),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if options.allow_origins.is_empty() {
        options.allow_origins =
            vec!["http://127.0.0.1:8080".into(), "http://localhost:8080".into()];
    }
    Ok(options)
}

struct Proxy {
    upstream: String,
    region: String,
    token: String,
    origins: Vec<String>,
    provider: aws_credential_types::provider::SharedCredentialsProvider,
    cached: Mutex<Option<Credentials>>,
    client: reqwest::Client,
}

fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness for the token: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares without an early exit, so the token cannot be guessed byte by byte from timing.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn json_error(status: StatusCode, error_type: &str, message: &str) -> Response<Body> {
    let body = serde_json::json!({ "__type": error_type, "message": message }).to_string();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Ok(value) = HeaderValue::from_str(error_type) {
        response.headers_mut().insert("x-amzn-ErrorType", value);
    }
    response
}

impl Proxy {
    async fn credentials(&self) -> Result<Credentials, String> {
        let mut cached = self.cached.lock().await;
        if let Some(c) = cached.as_ref() {
            let fresh = c.expiry().is_none_or(|t| t > SystemTime::now() + Duration::from_secs(300));
            if fresh {
                return Ok(c.clone());
            }
        }
        let credentials = self
            .provider
            .provide_credentials()
            .await
            .map_err(|e| format!("no AWS credentials: {e}"))?;
        *cached = Some(credentials.clone());
        Ok(credentials)
    }

    fn allowed(&self, origin: Option<&str>) -> bool {
        origin.is_none_or(|o| self.origins.iter().any(|allowed| allowed == o))
    }

    async fn handle(&self, request: Request<Body>) -> Response<Body> {
        let origin =
            request.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()).map(str::to_string);
        if !self.allowed(origin.as_deref()) {
            return json_error(
                StatusCode::FORBIDDEN,
                "ForbiddenOrigin",
                &format!(
                    "origin {} may not use this proxy; start apigw-proxy with --allow-origin {}",
                    origin.as_deref().unwrap_or(""),
                    origin.as_deref().unwrap_or("")
                ),
            );
        }
        let mut response = if request.method() == Method::OPTIONS {
            preflight()
        } else {
            self.forward(request).await
        };
        if let Some(origin) = origin.and_then(|o| HeaderValue::from_str(&o).ok()) {
            let headers = response.headers_mut();
            headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            headers.insert(header::VARY, HeaderValue::from_static("Origin"));
            headers
                .insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(EXPOSED));
        }
        response
    }

    async fn forward(&self, request: Request<Body>) -> Response<Body> {
        let bearer = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if !bearer.is_some_and(|t| same(t.trim(), &self.token)) {
            return json_error(
                StatusCode::UNAUTHORIZED,
                "UnauthorizedException",
                "missing or wrong proxy token: send `Authorization: Bearer TOKEN` with the token apigw-proxy printed at start",
            );
        }
        if !METHODS.contains(request.method()) {
            return json_error(
                StatusCode::METHOD_NOT_ALLOWED,
                "MethodNotAllowed",
                &format!(
                    "{} is not forwarded; only GET, POST, PUT, PATCH and DELETE are",
                    request.method()
                ),
            );
        }
        let path_and_query =
            request.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
        let path = request.uri().path();
        let api_path = (path == "/restapis" || path.starts_with("/restapis/"))
            && !path.split('/').any(|s| s == ".." || s == ".")
            && !path.contains("//");
        if !api_path {
            return json_error(
                StatusCode::FORBIDDEN,
                "ForbiddenPath",
                &format!("{path} is not forwarded: only API Gateway REST paths (/restapis…) are"),
            );
        }
        let method = request.method().clone();
        let body = match to_bytes(request.into_body(), MAX_BODY).await {
            Ok(body) => body,
            Err(_) => {
                return json_error(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "PayloadTooLarge",
                    &format!("the request body is over the proxy's limit of {MAX_BODY} bytes"),
                );
            }
        };
        let started = Instant::now();
        let response = self.send(&method, &path_and_query, body.to_vec()).await;
        // The log names the request, never its headers (token) or the credentials.
        eprintln!(
            "{method} {} -> {} ({} ms)",
            path_and_query.split('?').next().unwrap_or(""),
            response.status().as_u16(),
            started.elapsed().as_millis()
        );
        response
    }

    async fn send(&self, method: &Method, path_and_query: &str, body: Vec<u8>) -> Response<Body> {
        let url = format!("{}{path_and_query}", self.upstream);
        let Ok(parsed) = reqwest::Url::parse(&url) else {
            return json_error(StatusCode::BAD_REQUEST, "BadRequestException", "not a valid path");
        };
        let host = match parsed.port() {
            Some(port) => format!("{}:{port}", parsed.host_str().unwrap_or("")),
            None => parsed.host_str().unwrap_or("").to_string(),
        };
        let credentials = match self.credentials().await {
            Ok(c) => c,
            Err(message) => {
                return json_error(StatusCode::BAD_GATEWAY, "CredentialsError", &message);
            }
        };
        let mut headers: Vec<(String, String)> =
            vec![("host".into(), host), ("accept".into(), "application/json".into())];
        if !body.is_empty() {
            headers.push(("content-type".into(), "application/json".into()));
        }
        let identity = credentials.into();
        let signed = v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.region)
            .name("apigateway")
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .map_err(|e| e.to_string())
            .and_then(|params| {
                let signable = SignableRequest::new(
                    method.as_str(),
                    url.as_str(),
                    headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                    SignableBody::Bytes(&body),
                )
                .map_err(|e| e.to_string())?;
                let output = sign(signable, &params.into()).map_err(|e| e.to_string())?;
                let (instructions, _) = output.into_parts();
                Ok(instructions
                    .headers()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect::<Vec<_>>())
            });
        let signature_headers = match signed {
            Ok(h) => h,
            Err(e) => return json_error(StatusCode::BAD_GATEWAY, "SigningError", &e),
        };
        let mut upstream = self.client.request(method.clone(), parsed);
        for (k, v) in headers.iter().chain(signature_headers.iter()) {
            if k != "host" {
                upstream = upstream.header(k, v);
            }
        }
        let answer = match upstream.body(body).send().await {
            Ok(answer) => answer,
            Err(e) => {
                let (status, kind) = if e.is_timeout() {
                    (StatusCode::GATEWAY_TIMEOUT, "UpstreamTimeout")
                } else {
                    (StatusCode::BAD_GATEWAY, "UpstreamUnreachable")
                };
                return json_error(
                    status,
                    kind,
                    &format!("the upstream {} did not answer: {}", self.upstream, root_cause(&e)),
                );
            }
        };
        relay(answer).await
    }
}

fn root_cause(error: &dyn std::error::Error) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

fn preflight() -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("authorization, content-type"),
    );
    headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    response
}

/// Passes the upstream answer on. Error answers always carry the error type (header and
/// `__type`) and a message, even when the upstream sent HTML.
async fn relay(answer: reqwest::Response) -> Response<Body> {
    let status = answer.status();
    let mut keep = HeaderMap::new();
    for name in ["x-amzn-errortype", "x-amzn-requestid", "retry-after"] {
        if let Some(value) = answer.headers().get(name) {
            keep.insert(name, value.clone());
        }
    }
    let bytes = answer.bytes().await.unwrap_or_default();
    let json: Option<serde_json::Value> = serde_json::from_slice(&bytes).ok();
    let body = if status.is_client_error() || status.is_server_error() {
        let header_type = keep
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .map(|t| t.split(':').next().unwrap_or(t).to_string());
        let is_json = json.as_ref().is_some_and(serde_json::Value::is_object);
        let mut object = json.and_then(|j| j.as_object().cloned()).unwrap_or_default();
        if !is_json {
            // Not API Gateway's JSON (an emulator's HTML error page, a traceback): one line
            // that says so, under a type the designer recognises (apigw-core's
            // `exchange::NOT_API_GATEWAY`), rather than the page's text.
            let text = String::from_utf8_lossy(&bytes);
            let what = if text.trim().is_empty() {
                "nothing".to_string()
            } else if text.trim_start().starts_with('<') {
                "an HTML page".to_string()
            } else {
                let line = strip_tags(&text).chars().take(160).collect::<String>();
                format!("the text \"{line}\"")
            };
            object.insert("__type".into(), "UpstreamNotApiGateway".into());
            object.insert(
                "message".into(),
                format!(
                    "the upstream answered {} with {what}, not an API Gateway error",
                    status.as_u16()
                )
                .into(),
            );
        }
        if !object.contains_key("__type") {
            let fallback = if status.is_server_error() { "InternalFailure" } else { "Error" };
            object.insert("__type".into(), header_type.unwrap_or_else(|| fallback.into()).into());
        }
        if !object.contains_key("message") && !object.contains_key("Message") {
            object.insert(
                "message".into(),
                format!("the upstream answered {} with no message", status.as_u16()).into(),
            );
        }
        if let Some(t) = object.get("__type").and_then(|t| t.as_str()) {
            if let Ok(value) = HeaderValue::from_str(t.rsplit('#').next().unwrap_or(t)) {
                keep.entry("x-amzn-errortype").or_insert(value);
            }
        }
        serde_json::Value::Object(object).to_string().into_bytes()
    } else {
        bytes.to_vec()
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    *response.headers_mut() = keep;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn serve(options: Options) -> Result<(), String> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Some(profile) = &options.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &options.region {
        loader = loader.region(aws_config::Region::new(region.clone()));
    }
    let config = loader.load().await;
    let region = config.region().map(|r| r.to_string()).unwrap_or_else(|| "us-east-1".into());
    let provider =
        config.credentials_provider().ok_or("no AWS credential provider is configured")?;
    let upstream = options
        .upstream
        .clone()
        .unwrap_or_else(|| format!("https://apigateway.{region}.amazonaws.com"));
    let token = random_token()?;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .connect_timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| e.to_string())?;
    let proxy = Arc::new(Proxy {
        upstream: upstream.clone(),
        region: region.clone(),
        token: token.clone(),
        origins: options.allow_origins.clone(),
        provider,
        cached: Mutex::new(None),
        client,
    });
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", options.port))
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", options.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let app = Router::new()
        .fallback(|State(proxy): State<Arc<Proxy>>, request: Request<Body>| async move {
            proxy.handle(request).await
        })
        .with_state(proxy);
    let mut out = std::io::stdout();
    let _ = writeln!(out, "apigw-proxy: http://{address}");
    let _ = writeln!(out, "token: {token}");
    let _ = writeln!(out, "upstream: {upstream} (region {region})");
    let _ = writeln!(out, "allowed origins: {}", options.allow_origins.join(", "));
    let _ = out.flush();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let options = match parse(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("apigw-proxy: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("apigw-proxy: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("apigw-proxy: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_every_option() {
        let options = parse(&args(&[
            "--port",
            "9000",
            "--upstream",
            "http://127.0.0.1:5000/",
            "--allow-origin",
            "http://a",
            "--allow-origin",
            "http://b/",
            "--region",
            "eu-west-1",
            "--profile",
            "dev",
        ]))
        .unwrap();
        assert_eq!(options.port, 9000);
        assert_eq!(options.upstream.as_deref(), Some("http://127.0.0.1:5000"));
        assert_eq!(options.allow_origins, vec!["http://a", "http://b"]);
        assert_eq!(options.region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn rejects_bad_options() {
        assert!(parse(&args(&["--port", "x"])).is_err());
        assert!(parse(&args(&["--nope"])).is_err());
        assert!(parse(&args(&["--region"])).is_err());
        assert!(parse(&args(&["--upstream", "ftp://x"])).is_err());
    }

    #[test]
    fn tokens_compare_in_full() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
        assert_eq!(random_token().unwrap().len(), 48);
    }
}

//! The simulator: what API Gateway does with one request to a design, step by step, as the
//! console's Test log tells it. Pure: the back end's answer is an input
//! ([`Request::backend`]), never a call.
//!
//! The path: routing ([`route`]), the method request (required parameters, the request
//! validator, the body against its model), the integration request (URI with path
//! parameters and stage variables, parameter mappings, the template chosen by Content-Type
//! under the passthrough behaviour, the Lambda proxy event), the back end's response, the
//! integration response chosen by selection pattern, its mappings and template, and the
//! method response. Every [`LogLine`] names the design field that produced it.

pub mod schema;

mod form;
mod mapping;
mod proxy;
mod route;
mod run;
mod text;

pub use form::{TemplateRef, example_test_request, request_from_test, template_output};

use crate::diagnostic::Target;
use crate::model::Design;

/// One request, as a caller (or the Test tab, or `apigw invoke`) sends it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    /// The HTTP verb.
    pub method: String,
    /// The concrete path, `/pets/7`, without the query string.
    pub path: String,
    /// The query string's pairs in order; a name may repeat.
    pub query: Vec<(String, String)>,
    /// Headers in order; a name may repeat.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// `$stageVariables`.
    pub stage_variables: Vec<(String, String)>,
    /// `$context.identity.*` (`sourceIp`, `caller`, `user`, `userArn`, `apiKey`, …).
    pub identity: Vec<(String, String)>,
    /// `$context.authorizer.*` (`principalId`, claims, context keys).
    pub authorizer: Vec<(String, String)>,
    /// Other `$context` values: `requestTime` (CLF, `01/Jan/2026:00:00:00 +0000`; it also
    /// dates the log), `requestTimeEpoch`, `stage`, `requestId`, `accountId`, `apiId`,
    /// `resourceId`… There is no clock: what is not given is a fixed value
    /// ([`DEFAULT_REQUEST_TIME`], stage `test-invoke-stage`, request id `test-request`).
    pub context: Vec<(String, String)>,
    /// The back end's answer, for integrations other than MOCK. `None` makes one up: 200 with
    /// an empty JSON object.
    pub backend: Option<Backend>,
}

/// What the back end answered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Backend {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body; for a Lambda function, its result (JSON text).
    pub body: String,
    /// A Lambda function's error (its `errorMessage`), which selection patterns match for
    /// Lambda integrations; `None` when the function succeeded.
    pub error: Option<String>,
}

/// The request API Gateway sends to the back end.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IntegrationRequest {
    pub method: String,
    pub uri: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// A line of the log, with the design field that produced it, when one did.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    pub text: String,
    pub target: Option<Target>,
}

/// What API Gateway would do with the request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// The resource path and verb the request was routed to, when one matched.
    pub matched: Option<(String, String)>,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// `None` when the request never reached the integration (routing, validation, MOCK).
    pub integration_request: Option<IntegrationRequest>,
    pub log: Vec<LogLine>,
}

/// The request time of a simulated request that does not give one: the simulator has no
/// clock, so every trace is the same for the same request.
pub const DEFAULT_REQUEST_TIME: &str = "01/Jan/2026:00:00:00 +0000";

/// Runs `request` through `design`. Always completes: what API Gateway answers with an error
/// (403 for no route, 400 for validation, 415, 500 for a configuration error, 502 for a bad
/// Lambda proxy result) is a trace with that status.
pub fn simulate(design: &Design, request: &Request) -> Trace {
    run::simulate(design, request)
}

/// A route: the resource path, the method's verb (the request's, or `ANY`), and the path
/// parameters bound, URL-decoded, in the resource path's order.
pub type Route = (String, String, Vec<(String, String)>);

/// The resource path and verb API Gateway routes `path` and `verb` to, with the path
/// parameters it binds: a fixed part wins over `{var}`, which wins over `{proxy+}`; ANY matches
/// every verb that has no method of its own.
pub fn route(design: &Design, verb: &str, path: &str) -> Option<Route> {
    route::route(design, verb, path)
}

#[cfg(test)]
mod tests;

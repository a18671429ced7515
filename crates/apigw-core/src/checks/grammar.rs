//! The small languages inside API Gateway fields: parameter keys, mapping expressions,
//! content types, selection patterns (Java regular expressions), URLs and ARNs.
//!
//! Each function answers with `Err(reason)` naming what is wrong, for rules to quote.

use crate::facts;

/// A parsed method request parameter key `method.request.{location}.{name}`.
pub fn method_request_parameter(key: &str) -> Result<(&str, &str), String> {
    let rest = key.strip_prefix("method.request.").ok_or_else(|| {
        "it must start with `method.request.` followed by querystring, path or header".to_string()
    })?;
    let (location, name) = rest.split_once('.').ok_or_else(|| {
        "it needs a location and a name: method.request.{location}.{name}".to_string()
    })?;
    if !facts::METHOD_REQUEST_LOCATIONS.contains(&location) {
        return Err(format!("`{location}` is not a location; use querystring, path or header"));
    }
    parameter_name(name)?;
    Ok((location, name))
}

/// A parsed integration request parameter key `integration.request.{location}.{name}`.
pub fn integration_request_parameter(key: &str) -> Result<(&str, &str), String> {
    let rest = key.strip_prefix("integration.request.").ok_or_else(|| {
        "it must start with `integration.request.` followed by querystring, path or header"
            .to_string()
    })?;
    let (location, name) = rest.split_once('.').ok_or_else(|| {
        "it needs a location and a name: integration.request.{location}.{name}".to_string()
    })?;
    if !facts::INTEGRATION_REQUEST_LOCATIONS.contains(&location) {
        return Err(format!("`{location}` is not a location; use querystring, path or header"));
    }
    parameter_name(name)?;
    Ok((location, name))
}

/// A parsed method response header key `method.response.header.{name}`.
pub fn method_response_header(key: &str) -> Result<&str, String> {
    let name = key
        .strip_prefix("method.response.header.")
        .ok_or_else(|| "it must be method.response.header.{name}".to_string())?;
    parameter_name(name)?;
    Ok(name)
}

fn parameter_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the parameter name is empty".into());
    }
    let plain = |b: &u8| b.is_ascii_graphic() && !matches!(b, b'\'' | b'"' | b'{' | b'}');
    if name.bytes().all(|b| plain(&b)) {
        return Ok(());
    }
    if let Some(c) = name.chars().find(|c| c.is_whitespace() || matches!(c, '\'' | '"' | '{' | '}'))
    {
        return Err(format!("the parameter name `{name}` contains {}", crate::text::character(c)));
    }
    Ok(())
}

/// Where a request mapping expression reads from.
#[derive(Debug, PartialEq, Eq)]
pub enum RequestSource<'a> {
    /// `method.request.{location}.{name}`, location normalised (multivalue… → querystring/header).
    MethodParameter {
        location: &'a str,
        name: &'a str,
    },
    Body,
    Static,
    Context,
    StageVariable,
}

/// Parses the value of an integration request parameter mapping.
pub fn request_mapping_source(value: &str) -> Result<RequestSource<'_>, String> {
    if value.starts_with('\'') {
        return static_value(value).map(|_| RequestSource::Static);
    }
    if let Some(rest) = value.strip_prefix("method.request.") {
        if rest == "body" {
            return Ok(RequestSource::Body);
        }
        if let Some(path) = rest.strip_prefix("body.") {
            json_path(path)?;
            return Ok(RequestSource::Body);
        }
        let (location, name) = rest.split_once('.').ok_or_else(|| {
            format!("`{value}` needs a location and a name: method.request.{{location}}.{{name}}")
        })?;
        let location = match location {
            "path" => "path",
            "querystring" | "multivaluequerystring" => "querystring",
            "header" | "multivalueheader" => "header",
            other => {
                return Err(format!(
                    "`{other}` is not a source location; use path, querystring, multivaluequerystring, header, multivalueheader or body"
                ));
            }
        };
        parameter_name(name)?;
        return Ok(RequestSource::MethodParameter { location, name });
    }
    common_source(value)
        .map(|s| if s { RequestSource::Context } else { RequestSource::StageVariable })
}

/// Parses the value of an integration response header mapping.
pub fn response_mapping_source(value: &str) -> Result<(), String> {
    if value.starts_with('\'') {
        return static_value(value);
    }
    if let Some(rest) = value.strip_prefix("integration.response.") {
        if rest == "body" {
            return Ok(());
        }
        if let Some(path) = rest.strip_prefix("body.") {
            return json_path(path);
        }
        return match rest.split_once('.') {
            Some(("header" | "multivalueheader", name)) => parameter_name(name),
            _ => Err(format!(
                "`{value}` must read integration.response.header.{{name}}, integration.response.multivalueheader.{{name}} or integration.response.body[.{{JSONPath}}]"
            )),
        };
    }
    common_source(value).map(|_| ())
}

/// A parsed gateway response parameter key `gatewayresponse.header.{name}`: a gateway response
/// sets headers only.
pub fn gateway_response_header(key: &str) -> Result<&str, String> {
    let name = key.strip_prefix(facts::GATEWAY_RESPONSE_HEADER_PREFIX).ok_or_else(|| {
        "it must be gatewayresponse.header.{name} (a gateway response sets headers only)"
            .to_string()
    })?;
    parameter_name(name)?;
    Ok(name)
}

/// Parses the value of a gateway response header mapping: a static value, a method request
/// parameter (path, querystring, header, or their multi-value forms), `context.*` or
/// `stageVariables.*`. A gateway response has no integration response and no request body to
/// read from.
pub fn gateway_response_source(value: &str) -> Result<(), String> {
    if value.starts_with('\'') {
        return static_value(value);
    }
    if let Some(rest) = value.strip_prefix("method.request.") {
        return match rest.split_once('.') {
            Some((
                "path" | "querystring" | "header" | "multivaluequerystring" | "multivalueheader",
                name,
            )) => parameter_name(name),
            _ if rest == "body" || rest.starts_with("body.") => Err(format!(
                "`{value}` reads the request body, which a gateway response cannot; read a method request parameter, context. or stageVariables. instead"
            )),
            _ => Err(format!(
                "`{value}` must read method.request.{{path|querystring|header|multivaluequerystring|multivalueheader}}.{{name}}"
            )),
        };
    }
    if value.starts_with("integration.response.") {
        return Err(format!(
            "`{value}` reads an integration response, which a gateway response does not have; use a static value ('value'), method.request., context. or stageVariables."
        ));
    }
    if value.is_empty() || value.starts_with("context.") || value.starts_with("stageVariables.") {
        return common_source(value).map(|_| ());
    }
    Err(format!(
        "`{value}` is not a mapping expression; static values need single quotes ('value'), other sources start with method.request., context. or stageVariables."
    ))
}

/// The first VTL directive in a template (`#set`, `#if`, `#{foreach}`…), with its line: API
/// Gateway does not run VTL in a gateway response's template, so it would be sent as it is.
pub fn vtl_directive(template: &str) -> Option<(&str, usize)> {
    for (index, line) in template.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find('#') {
            let after = &rest[at + 1..];
            let braced = after.strip_prefix('{');
            let word_of = |text: &str| -> usize {
                text.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(text.len())
            };
            let found = match braced {
                Some(inner) => {
                    let len = word_of(inner);
                    (inner[len..].starts_with('}')).then(|| &inner[..len])
                }
                None => {
                    let len = word_of(after);
                    Some(&after[..len])
                }
            };
            if let Some(word) = found.filter(|w| facts::VTL_DIRECTIVES.contains(w)) {
                return Some((word, index + 1));
            }
            rest = after;
        }
    }
    None
}

/// `context.*` (true) or `stageVariables.*` (false) sources, common to both directions.
fn common_source(value: &str) -> Result<bool, String> {
    if let Some(variable) = value.strip_prefix("context.") {
        let known = facts::CONTEXT_VARIABLES.iter().any(|known| {
            variable == *known
                || (variable.starts_with(known)
                    && variable.as_bytes().get(known.len()) == Some(&b'.'))
        });
        if known || variable.starts_with("authorizer.") {
            return Ok(true);
        }
        return Err(format!("`context.{variable}` is not a context variable API Gateway provides"));
    }
    if let Some(name) = value.strip_prefix("stageVariables.") {
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Ok(false);
        }
        return Err(format!("`{name}` is not a stage variable name (letters, digits and _ only)"));
    }
    if value.is_empty() {
        return Err("the mapping expression is empty".into());
    }
    Err(format!(
        "`{value}` is not a mapping expression; static values need single quotes ('value'), other sources start with method.request., integration.response., context. or stageVariables."
    ))
}

/// A quoted static value `'text'`.
fn static_value(value: &str) -> Result<(), String> {
    let inner = value
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .filter(|_| value.len() >= 2)
        .ok_or_else(|| format!("the static value {value} must be enclosed in single quotes"))?;
    if inner.contains('\'') {
        return Err(format!("the static value {value} contains an unencoded single quote"));
    }
    Ok(())
}

fn json_path(path: &str) -> Result<(), String> {
    if path.is_empty() || path.starts_with('$') || path.contains("..") || path.ends_with('.') {
        return Err(format!("`{path}` is not a JSONPath expression without the leading `$`"));
    }
    Ok(())
}

/// A `type/subtype` media type, as API Gateway accepts for template and model keys.
pub fn content_type(key: &str) -> Result<(), String> {
    // One pass over bytes: every call of validation runs this on every template and model key.
    let token = |s: &[u8]| {
        !s.is_empty()
            && s.iter().all(|&c| {
                c.is_ascii_alphanumeric()
                    || matches!(
                        c,
                        b'!' | b'#' | b'$' | b'&' | b'^' | b'_' | b'.' | b'+' | b'-' | b'*'
                    )
            })
    };
    let bytes = key.as_bytes();
    let valid = bytes.iter().position(|&c| c == b'/').is_some_and(|slash| {
        let subtype = &key[slash + 1..];
        let subtype = subtype.split_once(';').map_or(subtype, |(s, _)| s);
        token(&bytes[..slash]) && token(subtype.trim().as_bytes())
    });
    if valid {
        Ok(())
    } else {
        Err(format!("`{key}` is not a content type such as application/json"))
    }
}

/// Whether `status` matches `[1-5]\d\d`.
pub fn status_code(status: &str) -> bool {
    let bytes = status.as_bytes();
    bytes.len() == 3
        && (b'1'..=b'5').contains(&bytes[0])
        && bytes[1..].iter().all(u8::is_ascii_digit)
}

/// Checks a stage name: letters, digits, `-` and `_`, at most 128 characters.
pub fn stage_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a stage needs a name".into());
    }
    if let Some(c) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(format!(
            "the stage name `{name}` holds {}; a stage name holds letters, digits, - and _ only",
            crate::text::character(c)
        ));
    }
    let count = name.chars().count();
    if count > facts::STAGE_NAME_MAX {
        return Err(format!(
            "the stage name is {count} characters long; at most {} are allowed",
            facts::STAGE_NAME_MAX
        ));
    }
    Ok(())
}

/// Checks a stage variable's name: letters, digits and `_`, at most 64 characters.
pub fn stage_variable_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a stage variable needs a name".into());
    }
    if let Some(c) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
        return Err(format!(
            "the variable name `{name}` holds {}; a stage variable's name holds letters, digits and _ only",
            crate::text::character(c)
        ));
    }
    let count = name.chars().count();
    if count > facts::STAGE_VARIABLE_NAME_MAX {
        return Err(format!(
            "the variable name is {count} characters long; at most {} are allowed",
            facts::STAGE_VARIABLE_NAME_MAX
        ));
    }
    Ok(())
}

/// Checks a stage variable's value against `[A-Za-z0-9-._~:/?#&=,]+`, at most 512 characters.
pub fn stage_variable_value(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err(
            "the value is empty; a stage variable's value holds at least one character".into()
        );
    }
    let allowed =
        |c: char| c.is_ascii_alphanumeric() || facts::STAGE_VARIABLE_VALUE_SPECIALS.contains(c);
    if let Some(c) = value.chars().find(|c| !allowed(*c)) {
        return Err(format!(
            "the value holds {}; a stage variable's value holds letters, digits and {} only",
            crate::text::character(c),
            facts::STAGE_VARIABLE_VALUE_SPECIALS
        ));
    }
    let count = value.chars().count();
    if count > facts::STAGE_VARIABLE_VALUE_MAX {
        return Err(format!(
            "the value is {count} characters long; at most {} are allowed",
            facts::STAGE_VARIABLE_VALUE_MAX
        ));
    }
    Ok(())
}

/// Checks that an absolute http(s) URL is well formed: scheme, host, no spaces.
pub fn http_url(uri: &str) -> Result<(), String> {
    let rest = uri
        .strip_prefix("https://")
        .or_else(|| uri.strip_prefix("http://"))
        .ok_or_else(|| format!("`{uri}` must start with http:// or https://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let hostname = host.split(':').next().unwrap_or("");
    if hostname.is_empty() {
        return Err(format!("`{uri}` has no host"));
    }
    // Printable ASCII throughout is the common case; only other text needs a look per char.
    let stray = if uri.bytes().all(|b| b.is_ascii_graphic()) {
        None
    } else {
        uri.chars().find(|c| c.is_whitespace() || c.is_control())
    };
    if let Some(c) = stray {
        let what = crate::text::character(c);
        return Err(format!("`{uri}` contains {what}; URLs must be encoded"));
    }
    Ok(())
}

/// A parsed AWS service integration ARN `arn:{partition}:apigateway:{region}:{service}:{path|action}/…`.
pub struct AwsIntegrationArn<'a> {
    pub service: &'a str,
    pub kind: &'a str,
}

pub fn aws_integration_arn(uri: &str) -> Result<AwsIntegrationArn<'_>, String> {
    let (parts, count) = fields::<6>(uri, b':');
    if count < 6 || parts[0] != "arn" || !parts[1].starts_with("aws") {
        return Err(format!(
            "`{uri}` is not an ARN (arn:aws:apigateway:{{region}}:{{service}}:path|action/…)"
        ));
    }
    if parts[2] != "apigateway" {
        return Err(format!(
            "the ARN's service is `{}`; integration URIs use arn:aws:apigateway:{{region}}:{{service}}:…",
            parts[2]
        ));
    }
    if parts[3].is_empty() || parts[4].is_empty() {
        return Err("the ARN needs a region and a target service".into());
    }
    let kind = parts[5].split('/').next().unwrap_or("");
    if !matches!(kind, "path" | "action") || !parts[5].contains('/') {
        return Err(
            "AWS ARN for integration must contain path or action (…:path/… or …:action/…)".into()
        );
    }
    Ok(AwsIntegrationArn { service: parts[4], kind })
}

/// The first `N` fields of `text` separated by `sep`, the last holding the rest (as
/// `splitn(N, sep)`), and how many there are. A byte scan: this runs on every ARN validated.
pub(crate) fn fields<const N: usize>(text: &str, sep: u8) -> ([&str; N], usize) {
    let mut parts = [""; N];
    let mut count = 0;
    let mut start = 0;
    for (i, &c) in text.as_bytes().iter().enumerate() {
        if count + 1 == N {
            break;
        }
        if c == sep {
            parts[count] = &text[start..i];
            count += 1;
            start = i + 1;
        }
    }
    parts[count] = &text[start..];
    (parts, count + 1)
}

/// Checks a selection pattern against Java regular-expression syntax (what API Gateway compiles).
pub fn java_regex(pattern: &str) -> Result<(), String> {
    RegexChecker { chars: pattern.chars().collect(), pos: 0 }.check()
}

struct RegexChecker {
    chars: Vec<char>,
    pos: usize,
}

impl RegexChecker {
    fn check(mut self) -> Result<(), String> {
        let mut depth = 0usize;
        // Whether the previous item can take a quantifier.
        let mut atom = false;
        while let Some(c) = self.next() {
            match c {
                '\\' => {
                    self.escape()?;
                    atom = true;
                }
                '[' => {
                    self.class()?;
                    atom = true;
                }
                '(' => {
                    let opens = if self.peek() == Some('?') {
                        self.pos += 1;
                        self.group_flags()?
                    } else {
                        true
                    };
                    if opens {
                        depth += 1;
                    }
                    atom = false;
                }
                ')' => {
                    if depth == 0 {
                        return Err(self.error("unmatched closing ')'"));
                    }
                    depth -= 1;
                    atom = true;
                }
                '|' => atom = false,
                '*' | '+' | '?' => {
                    if !atom {
                        return Err(self.error(&format!("dangling meta character '{c}'")));
                    }
                    self.lazy_or_possessive();
                    atom = false;
                }
                '{' => {
                    if !atom {
                        return Err(self.error("illegal repetition: '{' has nothing to repeat"));
                    }
                    self.repetition()?;
                    self.lazy_or_possessive();
                    atom = false;
                }
                _ => atom = true,
            }
        }
        if depth > 0 {
            return Err(format!("unclosed group: {depth} '(' without ')'"));
        }
        Ok(())
    }

    fn next(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        self.pos += 1;
        c
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn error(&self, what: &str) -> String {
        format!("{what} near index {}", self.pos.saturating_sub(1))
    }

    fn lazy_or_possessive(&mut self) {
        if matches!(self.peek(), Some('?' | '+')) {
            self.pos += 1;
        }
    }

    fn escape(&mut self) -> Result<(), String> {
        match self.next() {
            None => Err("the pattern ends with an unfinished escape '\\'".into()),
            Some('p' | 'P') => {
                if self.peek() == Some('{') {
                    while let Some(c) = self.next() {
                        if c == '}' {
                            return Ok(());
                        }
                    }
                    return Err(self.error("unclosed character family \\p{…}"));
                }
                Ok(())
            }
            Some('x') => {
                let hex = self
                    .chars
                    .iter()
                    .skip(self.pos)
                    .take(2)
                    .filter(|c| c.is_ascii_hexdigit())
                    .count();
                if hex == 2 || self.peek() == Some('{') {
                    self.pos += if hex == 2 { 2 } else { 0 };
                    Ok(())
                } else {
                    Err(self.error("illegal hexadecimal escape sequence"))
                }
            }
            Some('k') => {
                if self.next() != Some('<') {
                    return Err(self.error("\\k is not followed by '<' for a named group"));
                }
                while let Some(c) = self.next() {
                    if c == '>' {
                        return Ok(());
                    }
                }
                Err(self.error("unclosed group name"))
            }
            Some(c)
                if c.is_ascii_alphabetic()
                    && !"tnrfaedDsSwWbBAGZzQEhHvVRXcu0123456789".contains(c) =>
            {
                Err(self.error(&format!("illegal/unsupported escape sequence \\{c}")))
            }
            Some(_) => Ok(()),
        }
    }

    fn class(&mut self) -> Result<(), String> {
        if self.peek() == Some('^') {
            self.pos += 1;
        }
        let mut first = true;
        let mut previous: Option<char> = None;
        loop {
            let Some(c) = self.next() else {
                return Err("unclosed character class: '[' without ']'".into());
            };
            match c {
                ']' if !first => return Ok(()),
                '[' => {
                    self.class()?;
                    previous = None;
                }
                '\\' => {
                    self.escape()?;
                    previous = None;
                }
                '-' if previous.is_some() && self.peek().is_some_and(|n| n != ']') => {
                    let low = previous.take().unwrap_or('-');
                    let mut high = self.next().unwrap_or('-');
                    if high == '\\' {
                        high = self.next().unwrap_or('\\');
                    }
                    if high < low {
                        return Err(self.error(&format!("illegal character range {low}-{high}")));
                    }
                }
                _ => previous = Some(c),
            }
            first = false;
        }
    }

    /// Reads what follows `(?`; returns whether a group was opened (false for `(?i)`).
    fn group_flags(&mut self) -> Result<bool, String> {
        match self.next() {
            Some(':' | '=' | '!' | '>') => Ok(true),
            Some('<') => match self.peek() {
                Some('=' | '!') => {
                    self.pos += 1;
                    Ok(true)
                }
                _ => {
                    let mut name = String::new();
                    while let Some(c) = self.next() {
                        if c == '>' {
                            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                                return Err(
                                    self.error("a named group needs a name of letters and digits")
                                );
                            }
                            return Ok(true);
                        }
                        name.push(c);
                    }
                    Err(self.error("unclosed group name"))
                }
            },
            Some(c) if "idmsuxU-".contains(c) => {
                while let Some(c) = self.next() {
                    match c {
                        ')' => return Ok(false),
                        ':' => return Ok(true),
                        c if "idmsuxU-".contains(c) => {}
                        _ => return Err(self.error(&format!("unknown inline modifier '{c}'"))),
                    }
                }
                Err(self.error("unclosed inline flag group"))
            }
            _ => Err(self.error("unknown group type after '(?'")),
        }
    }

    fn repetition(&mut self) -> Result<(), String> {
        let mut text = String::new();
        loop {
            match self.next() {
                Some('}') => break,
                Some(c) if c.is_ascii_digit() || c == ',' => text.push(c),
                _ => return Err(self.error("illegal repetition: expected {n}, {n,} or {n,m}")),
            }
        }
        let (low, high) = match text.split_once(',') {
            Some((low, high)) => (low, Some(high)),
            None => (text.as_str(), None),
        };
        let low: u64 =
            low.parse().map_err(|_| self.error("illegal repetition: missing lower bound"))?;
        if let Some(high) = high.filter(|h| !h.is_empty()) {
            let high: u64 = high.parse().map_err(|_| self.error("illegal repetition range"))?;
            if high < low {
                return Err(self.error(&format!("illegal repetition range {{{low},{high}}}")));
            }
        }
        Ok(())
    }
}

/// Whether a `uri` targets Lambda (`arn:aws:apigateway:{region}:lambda:path/…`).
pub fn is_lambda_uri(uri: &str) -> bool {
    let (fields, count) = fields::<6>(uri, b':');
    count >= 5 && fields[0] == "arn" && fields[4] == "lambda"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_regex_accepts_what_api_gateway_users_write() {
        for ok in [
            "",
            "2\\d{2}",
            "4\\d{2}",
            ".*Error.*",
            "(\\n|.)+",
            "^(?i)not found$",
            "[a-z]{1,3}+",
            "(?<code>\\d+)\\k<code>",
            "\\p{Alpha}+",
            "[^\\]]",
            "default",
            "5\\d\\d|4\\d\\d",
        ] {
            assert_eq!(java_regex(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn java_regex_rejects_what_java_rejects() {
        for bad in ["(", "a)", "*a", "[a-", "[z-a]", "a{3,1}", "a{x}", "\\", "a**", "(?<>a)", "\\y"]
        {
            assert!(java_regex(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn gateway_response_parameters_are_headers_from_the_request_context_or_static() {
        assert_eq!(
            gateway_response_header("gatewayresponse.header.Access-Control-Allow-Origin"),
            Ok("Access-Control-Allow-Origin")
        );
        for bad in [
            "gatewayresponse.path.id",
            "gatewayresponse.querystring.q",
            "method.response.header.X",
            "gatewayresponse.header.",
            "gatewayresponse.header.a b",
        ] {
            assert!(gateway_response_header(bad).is_err(), "{bad}");
        }
        for ok in [
            "'*'",
            "method.request.header.Origin",
            "method.request.querystring.q",
            "method.request.path.id",
            "method.request.multivalueheader.Accept",
            "method.request.multivaluequerystring.tag",
            "context.requestId",
            "context.error.messageString",
            "stageVariables.origin",
        ] {
            assert_eq!(gateway_response_source(ok), Ok(()), "{ok}");
        }
        for bad in [
            "*",
            "'unclosed",
            "method.request.body",
            "method.request.body.name",
            "method.request.cookie.a",
            "integration.response.header.X",
            "context.nope",
            "stageVariables.a-b",
            "",
        ] {
            assert!(gateway_response_source(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn vtl_directives_are_found_and_colours_are_not() {
        assert_eq!(vtl_directive("{\"message\": $context.error.messageString}"), None);
        assert_eq!(vtl_directive("{\"colour\": \"#fff\", \"tag\": \"#endpoint\"}"), None);
        assert_eq!(vtl_directive("{\n#set($a = 1)\n}"), Some(("set", 2)));
        assert_eq!(vtl_directive("#{if}(true)x#{end}"), Some(("if", 1)));
        assert_eq!(vtl_directive("a #foreach($x in $y) b"), Some(("foreach", 1)));
        assert_eq!(vtl_directive("## a comment, # alone, #{x}"), None);
    }

    #[test]
    fn request_sources_parse() {
        assert_eq!(
            request_mapping_source("method.request.multivaluequerystring.id"),
            Ok(RequestSource::MethodParameter { location: "querystring", name: "id" })
        );
        assert_eq!(request_mapping_source("'a,b'"), Ok(RequestSource::Static));
        assert_eq!(request_mapping_source("method.request.body.pet.id"), Ok(RequestSource::Body));
        assert_eq!(request_mapping_source("context.requestId"), Ok(RequestSource::Context));
        assert_eq!(request_mapping_source("context.authorizer.userId"), Ok(RequestSource::Context));
        assert_eq!(request_mapping_source("stageVariables.host"), Ok(RequestSource::StageVariable));
        assert!(request_mapping_source("unquoted").is_err());
        assert!(request_mapping_source("method.request.cookie.a").is_err());
        assert!(request_mapping_source("context.nope").is_err());
    }

    #[test]
    fn urls_and_arns() {
        assert!(http_url("https://example.com/a/{id}").is_ok());
        assert!(http_url("example.com").is_err());
        assert!(http_url("https:///x").is_err());
        assert!(http_url("https://example.com/a b").unwrap_err().contains("contains a space"));
        assert!(http_url("https://example.com/a\u{a0}b").unwrap_err().contains("U+00A0"));
        // A character that cannot be seen is named, not put between backticks.
        assert!(parameter_name("bad name").unwrap_err().ends_with("contains a space"));
        assert!(parameter_name("say\"hi\"").unwrap_err().ends_with("contains `\"`"));
        assert!(aws_integration_arn("arn:aws:apigateway:us-east-1:s3:path/b/k").is_ok());
        assert!(aws_integration_arn("arn:aws:apigateway:us-east-1:s3:GetObject").is_err());
        assert!(aws_integration_arn("arn:aws:lambda:us-east-1:1:function:f").is_err());
    }

    #[test]
    fn fields_split_as_splitn() {
        for text in ["", "a", "a:b", "arn:aws:apigateway:r:lambda:path/x:y:z", ":::", "a::b:"] {
            let (parts, count) = fields::<4>(text, b':');
            let expected: Vec<&str> = text.splitn(4, ':').collect();
            assert_eq!(&parts[..count], expected.as_slice(), "{text}");
        }
    }

    #[test]
    fn content_types() {
        assert!(content_type("application/json").is_ok());
        assert!(content_type("application/vnd.api+json").is_ok());
        assert!(content_type("123").is_err());
        assert!(content_type("json").is_err());
    }
}

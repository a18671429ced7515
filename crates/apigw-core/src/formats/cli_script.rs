//! The plan as a runnable bash script of `aws apigateway …` commands.
//!
//! Ids travel as shell variables: the REST API id is the script's argument, the root id is
//! looked up, and every created resource, authorizer and validator id is captured with
//! `--query id --output text`. All other parameters go in `--cli-input-json`.
//!
//! Every user string is inert in the script: parameters travel in single-quoted JSON (whose
//! control characters JSON escapes), the comments that name calls escape every control
//! character (so no name can end a comment and start a command), variable names are made of
//! letters, digits and `_` only, and an id that could not be passed as a shell word is refused
//! by the script before anything runs.

use crate::model::Design;
use crate::plan::{self, Call};
use serde_json::Value;
use std::collections::BTreeMap;

/// Parameters whose values are ids, passed as shell variables rather than in the JSON.
const ID_PARAMS: &[(&str, &str)] = &[
    ("restApiId", "--rest-api-id"),
    ("parentId", "--parent-id"),
    ("resourceId", "--resource-id"),
    ("authorizerId", "--authorizer-id"),
    ("requestValidatorId", "--request-validator-id"),
];

/// The longest `--cli-input-json` written as an argument; longer ones are read from a here-doc.
const INLINE_JSON_LIMIT: usize = 64 * 1024;

/// Single-quotes a string for bash. Inside single quotes nothing is special but the quote
/// itself; control characters are written as ANSI-C escapes (`$'\n'`), so the script stays one
/// command per line. A NUL cannot be part of a shell word at all: `None`.
fn quote(text: &str) -> Option<String> {
    if text.contains('\0') {
        return None;
    }
    if !text.chars().any(char::is_control) {
        return Some(format!("'{}'", text.replace('\'', "'\\''")));
    }
    let mut out = String::from("$'");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let mut buffer = [0u8; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    out.push_str(&format!("\\x{byte:02x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    Some(out)
}

/// A comment line's text: every character that could end the comment or disturb a terminal
/// is escaped.
fn comment(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::printable(text)
}

/// The script's shell variables: which holds each placeholder's id, and the names in use.
#[derive(Default)]
struct Variables {
    by_placeholder: BTreeMap<String, String>,
    used: std::collections::HashSet<String>,
    /// The next number to try for a name already in use, so that many resources whose names
    /// read alike (`/a-`, `/a.`, `/a_`) cost one look-up each, not one per earlier namesake.
    next: std::collections::HashMap<String, usize>,
}

impl Variables {
    fn set(&mut self, placeholder: &str, var: &str) {
        self.used.insert(var.to_string());
        self.by_placeholder.insert(placeholder.to_string(), var.to_string());
    }

    fn get(&self, placeholder: &str) -> Option<&String> {
        self.by_placeholder.get(placeholder)
    }

    /// An upper-case shell variable name for `name`, made of letters, digits and `_` only,
    /// unique within the script.
    fn fresh(&mut self, prefix: &str, name: &str) -> String {
        let mut base: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
            .collect();
        base = base.trim_matches('_').to_string();
        while base.contains("__") {
            base = base.replace("__", "_");
        }
        let base = if base.is_empty() {
            prefix.trim_end_matches('_').to_string()
        } else {
            format!("{prefix}{base}")
        };
        let mut candidate = base.clone();
        if self.used.contains(&candidate) {
            let n = self.next.entry(base.clone()).or_insert(2);
            loop {
                candidate = format!("{base}_{n}");
                *n += 1;
                if !self.used.contains(&candidate) {
                    break;
                }
            }
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

/// What a call is about, for the comment above it.
fn describe(call: &Call) -> String {
    let p = call.params();
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let path = |k: &str| s(k).trim_start_matches('@').to_string();
    match call {
        Call::CreateAuthorizer(_) => format!("{} ({})", s("name"), s("type")),
        Call::CreateRequestValidator(_) | Call::CreateModel(_) => s("name"),
        Call::CreateResource(_) => crate::path::child(&path("parentId"), &s("pathPart")),
        Call::PutMethod(_) | Call::PutIntegration(_) => {
            format!("{} {}", s("httpMethod"), path("resourceId"))
        }
        Call::PutMethodResponse(_) | Call::PutIntegrationResponse(_) => {
            format!("{} {} → {}", s("httpMethod"), path("resourceId"), s("statusCode"))
        }
        _ => crate::review::describe(call),
    }
}

/// The script that recreates the design in an existing REST API: `./script.sh REST_API_ID`.
pub fn to_cli_script(design: &Design) -> String {
    to_cli_script_for_stage(design, None)
}

/// [`to_cli_script`], ending with a deployment to `stage` when one is named: with that stage's
/// description and variables when the design defines it ([`plan::deployment`]).
pub fn to_cli_script_for_stage(design: &Design, stage: Option<&str>) -> String {
    let mut calls = plan::build(design);
    if let Some(stage) = stage {
        calls.push(plan::deployment(design, stage, None));
    }
    let mut vars = Variables::default();
    vars.set("@api", "API_ID");
    vars.set("@/", "ROOT_ID");
    let mut out = String::new();
    out.push_str("#!/usr/bin/env bash\n");
    out.push_str(&format!(
        "# Recreates the REST API design \"{}\" with the AWS CLI: {} calls.\n",
        comment(&design.api.name),
        calls.len()
    ));
    out.push_str("# Generated by apigw-designer. Run it against an existing, empty REST API:\n");
    out.push_str("#   ./this-script.sh REST_API_ID\n");
    out.push_str(
        "# The AWS CLI's usual settings apply (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL…).\n",
    );
    out.push_str("set -euo pipefail\n\n");
    out.push_str("API_ID=\"${1:?usage: $0 REST_API_ID}\"\n");
    out.push_str("ROOT_ID=$(aws apigateway get-resources --rest-api-id \"$API_ID\" --query \"items[?path=='/'].id\" --output text)\n");
    let mut section = "";
    for (index, call) in calls.iter().enumerate() {
        let heading = match call {
            Call::CreateAuthorizer(_) | Call::CreateRequestValidator(_) | Call::CreateModel(_) => {
                "Authorizers, request validators and models"
            }
            Call::PutGatewayResponse(_) => "Gateway responses",
            Call::CreateResource(_) => "Resources, parents first",
            Call::CreateDeployment(_) => "Deployment",
            _ => "Methods, their responses and integrations",
        };
        if heading != section {
            out.push_str(&format!("\n# ---- {heading}\n"));
            section = heading;
        }
        out.push_str(&format!(
            "\n# {}. {} {}\n",
            index + 1,
            call.operation(),
            comment(&describe(call))
        ));
        let mut params = call.params();
        let mut args = String::new();
        let mut refused = None;
        for (param, flag) in ID_PARAMS {
            if let Some(Value::String(id)) = params.shift_remove(*param) {
                let value = match vars.get(&id) {
                    Some(var) => format!("\"${var}\""),
                    None => quote(&id).unwrap_or_else(|| {
                        refused = Some(*param);
                        String::new()
                    }),
                };
                args.push_str(&format!(" {flag} {value}"));
            }
        }
        if let Some(param) = refused {
            out.push_str(&format!(
                "echo 'call {}: its {param} holds a NUL character, which no shell word can carry; fix the design and export again' >&2\nexit 1\n",
                index + 1
            ));
            continue;
        }
        // The created id, captured for later calls.
        let capture = match call {
            Call::CreateResource(p) => Some((
                "R_",
                crate::path::child(p.parent_id.trim_start_matches('@'), &p.path_part),
                plan::resource_ref(&crate::path::child(
                    p.parent_id.trim_start_matches('@'),
                    &p.path_part,
                )),
            )),
            Call::CreateAuthorizer(p) => {
                Some(("AUTHORIZER_", p.name.clone(), plan::authorizer_ref(&p.name)))
            }
            Call::CreateRequestValidator(p) => {
                Some(("VALIDATOR_", p.name.clone(), plan::validator_ref(&p.name)))
            }
            _ => None,
        };
        let json = serde_json::to_string(&Value::Object(params)).unwrap_or_default();
        // A long input (a large template or schema) would pass the system's limit on one
        // argument (128 KiB on Linux): it goes on standard input instead, as a quoted here-doc,
        // which the shell does not expand. JSON escapes line breaks, so the document is one
        // line and never the delimiter.
        let (input, here_doc) = if json.len() > INLINE_JSON_LIMIT {
            ("file:///dev/stdin".to_string(), Some(json))
        } else {
            // serde_json escapes every control character, NUL included, so the JSON quotes.
            (quote(&json).unwrap_or_default(), None)
        };
        let command = format!("aws apigateway {}{args} --cli-input-json {input}", call.cli_name());
        let here_doc = here_doc.map(|json| format!(" <<'APIGW_JSON'\n{json}\nAPIGW_JSON\n"));
        match (capture, here_doc) {
            (Some((prefix, name, placeholder)), here_doc) => {
                let var = vars.fresh(prefix, &name);
                match here_doc {
                    Some(doc) => {
                        out.push_str(&format!("{var}=$({command} --query id --output text{doc})\n"))
                    }
                    None => out.push_str(&format!("{var}=$({command} --query id --output text)\n")),
                }
                vars.set(&placeholder, &var);
            }
            (None, Some(doc)) => out.push_str(&format!("{command} > /dev/null{doc}")),
            (None, None) => out.push_str(&format!("{command} > /dev/null\n")),
        }
    }
    out.push_str(&format!("\necho \"Created {} calls' worth of API in $API_ID\"\n", calls.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_survive_single_quotes() {
        assert_eq!(quote("a'b").unwrap(), "'a'\\''b'");
        assert_eq!(quote("a\nb'\\").unwrap(), "$'a\\nb\\'\\\\'");
        assert_eq!(quote("\u{1b}x").unwrap(), "$'\\x1bx'");
        assert_eq!(quote("a\0b"), None);
    }

    #[test]
    fn variables_are_unique_and_shell_safe() {
        let mut vars = Variables::default();
        let a = vars.fresh("R_", "/pets/{petId}");
        let b = vars.fresh("R_", "/pets/petId");
        let c = vars.fresh("R_", "/pets/pet-id");
        assert_eq!((a.as_str(), b.as_str()), ("R_PETS_PETID", "R_PETS_PETID_2"));
        assert_eq!(c, "R_PETS_PET_ID");
        // A name that reads like a numbered one is still told apart.
        let d = vars.fresh("R_", "/pets/petId/2");
        let e = vars.fresh("R_", "/pets.petId");
        assert_eq!((d.as_str(), e.as_str()), ("R_PETS_PETID_2_2", "R_PETS_PETID_3"));
    }

    #[test]
    fn the_script_passes_ids_as_variables_and_the_rest_as_json() {
        let script = to_cli_script(&crate::example::petstore());
        assert!(script.starts_with("#!/usr/bin/env bash\n"));
        assert!(script.contains("set -euo pipefail"));
        assert!(script.contains("R_PETS=$(aws apigateway create-resource --rest-api-id \"$API_ID\" --parent-id \"$ROOT_ID\" --cli-input-json '{\"pathPart\":\"pets\"}' --query id --output text)"));
        assert!(script.contains("aws apigateway put-method --rest-api-id \"$API_ID\" --resource-id \"$R_PETS_PETID\" --cli-input-json '{\"httpMethod\":\"GET\""));
        assert!(script.contains("# 4. CreateResource /pets/{petId}"), "{script}");
    }

    #[test]
    fn a_stage_is_deployed_only_when_asked_with_its_variables_in_the_json() {
        let mut design = crate::example::petstore();
        let mut dev = crate::model::Stage::default();
        dev.variables.insert("backend".into(), "api.example.com".into());
        design.stages.insert("dev".into(), dev);
        let script = to_cli_script(&design);
        assert!(!script.contains("create-deployment"), "{script}");
        let script = to_cli_script_for_stage(&design, Some("dev"));
        assert!(script.contains("\n# ---- Deployment\n"), "{script}");
        assert!(script.contains(
            "aws apigateway create-deployment --rest-api-id \"$API_ID\" --cli-input-json '{\"stageName\":\"dev\",\"variables\":{\"backend\":\"api.example.com\"}}' > /dev/null\n"
        ), "{script}");
        // A stage the design does not define is deployed with no variables.
        let script = to_cli_script_for_stage(&design, Some("prod"));
        assert!(script.contains("--cli-input-json '{\"stageName\":\"prod\"}'"), "{script}");
    }

    #[test]
    fn gateway_responses_are_put_with_every_value_in_the_json() {
        let mut design = crate::example::petstore();
        let mut response =
            crate::model::GatewayResponse { status_code: Some("401".into()), ..Default::default() };
        response
            .response_parameters
            .insert("gatewayresponse.header.WWW-Authenticate".into(), "'Bearer'".into());
        design.gateway_responses.insert("UNAUTHORIZED".into(), response);
        let script = to_cli_script(&design);
        assert!(script.contains("\n# ---- Gateway responses\n"), "{script}");
        assert!(script.contains("PutGatewayResponse UNAUTHORIZED\n"), "{script}");
        assert!(script.contains(
            "aws apigateway put-gateway-response --rest-api-id \"$API_ID\" --cli-input-json '{\"responseType\":\"UNAUTHORIZED\",\"statusCode\":\"401\",\"responseParameters\":{\"gatewayresponse.header.WWW-Authenticate\":\"'\\''Bearer'\\''\"}}' > /dev/null\n"
        ), "{script}");
    }
}

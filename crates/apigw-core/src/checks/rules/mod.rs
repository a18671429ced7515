//! Validation: one rule per file, each with its documentation (what, why, fix, source).
//!
//! `validate` never fails and never panics: it returns every problem it finds. Rules come in
//! three scopes, so that an edit can be revalidated by scope: API-level objects, a resource's
//! place in the tree, and one method with its responses and integration. Rules of the
//! `Sequence` kind are reported by the readers: an imported plan's calls judged in sequence,
//! and what an import could not carry.
//!
//! This module is the registry: the rules, what a rule is, and what rule files share. The
//! engine that runs them is [`crate::checks::engine`] (re-exported here); the reference
//! generated from them is [`crate::checks::docs`].

use crate::diagnostic::{Diagnostic, Owner, Phase, Severity, Target};

pub use super::docs::rules_markdown;
pub use super::engine::{
    preview_new_resource, validate, validate_api, validate_method, validate_on_one_thread,
    validate_resource, validate_with,
};
use crate::model::{Design, Method, Resource};

mod api_key_source_invalid;
mod api_name_required;
mod authorization_type_invalid;
mod authorizer_identity_source_invalid;
mod authorizer_ignored;
mod authorizer_on_options;
mod authorizer_required;
mod authorizer_ttl_out_of_range;
mod authorizer_type_invalid;
mod authorizer_type_mismatch;
mod authorizer_uri_required;
mod aws_proxy_target_unsupported;
mod aws_uri_invalid;
mod cache_key_not_declared;
mod call_parameter_invalid;
mod call_reference_missing;
mod connection_id_ignored;
mod connection_id_required;
mod connection_type_invalid;
mod content_handling_invalid;
mod content_type_key_invalid;
mod credentials_invalid;
mod default_response_duplicated;
mod duplicate_sibling;
mod endpoint_type_invalid;
mod gateway_response_parameter_invalid;
mod gateway_response_status_code_invalid;
mod gateway_response_template_key_invalid;
mod gateway_response_template_not_vtl;
mod gateway_response_template_too_large;
mod gateway_response_type_unknown;
mod greedy_parameter_has_children;
mod http_method_invalid;
mod http_uri_invalid;
mod import_duplicate_key;
mod import_field_ignored;
mod import_tree_inconsistent;
mod integration_http_method_invalid;
mod integration_http_method_required;
mod integration_request_parameter_invalid;
mod integration_response_parameter_invalid;
mod integration_response_without_method_response;
mod integration_type_invalid;
mod lambda_requires_post;
mod lambda_uri_not_invocations;
mod mapping_source_invalid;
mod method_already_exists;
mod method_request_parameter_invalid;
mod method_response_parameter_invalid;
mod method_without_integration;
mod model_name_invalid;
mod model_schema_invalid;
mod model_schema_unsupported_keyword;
mod model_unknown;
mod parameter_name_not_unique;
mod passthrough_behavior_invalid;
mod path_parameter_not_in_path;
mod path_parameter_not_whole_segment;
mod path_part_comma;
mod path_part_invalid_characters;
mod path_placeholder_not_declared;
mod provider_arns_required;
mod proxy_ignores_request_templates;
mod proxy_ignores_response_mapping;
mod request_validator_unknown;
mod resource_id_duplicated;
mod response_header_undeclared;
mod response_transfer_mode_invalid;
mod responses_missing;
mod role_missing_for_aws_service;
mod scopes_require_cognito;
mod second_variable_sibling;
mod selection_pattern_invalid;
mod stage_name_invalid;
mod stage_variable_name_invalid;
mod stage_variable_undefined;
mod stage_variable_value_invalid;
mod status_code_invalid;
mod stream_requires_proxy;
mod stream_with_response_templates;
mod template_output_not_json;
mod template_param_undeclared;
mod template_syntax_invalid;
mod template_too_large;
mod timeout_needs_quota;
mod timeout_out_of_range;
mod tls_config_not_applicable;
mod tls_verification_skipped;
mod too_many_authorizers;
mod too_many_resources;
mod too_many_stage_variables;
mod undeclared_method_parameter;
mod unknown_authorizer;
mod uri_placeholder_not_mapped;
// Models' content types and references, authorizers' URIs (issue 21).
mod authorizer_uri_invalid;
mod model_content_type_invalid;
mod model_reference_invalid;

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &path_part_invalid_characters::RULE,
    &path_part_comma::RULE,
    &path_parameter_not_whole_segment::RULE,
    &greedy_parameter_has_children::RULE,
    &second_variable_sibling::RULE,
    &duplicate_sibling::RULE,
    &too_many_resources::RULE,
    &resource_id_duplicated::RULE,
    &http_method_invalid::RULE,
    &authorization_type_invalid::RULE,
    &authorizer_required::RULE,
    &unknown_authorizer::RULE,
    &authorizer_type_mismatch::RULE,
    &authorizer_ignored::RULE,
    &scopes_require_cognito::RULE,
    &method_request_parameter_invalid::RULE,
    &parameter_name_not_unique::RULE,
    &path_placeholder_not_declared::RULE,
    &path_parameter_not_in_path::RULE,
    &request_validator_unknown::RULE,
    &model_unknown::RULE,
    &content_type_key_invalid::RULE,
    &authorizer_on_options::RULE,
    &method_without_integration::RULE,
    &integration_type_invalid::RULE,
    &integration_http_method_required::RULE,
    &integration_http_method_invalid::RULE,
    &lambda_requires_post::RULE,
    &http_uri_invalid::RULE,
    &aws_uri_invalid::RULE,
    &aws_proxy_target_unsupported::RULE,
    &connection_type_invalid::RULE,
    &connection_id_required::RULE,
    &connection_id_ignored::RULE,
    &tls_config_not_applicable::RULE,
    &tls_verification_skipped::RULE,
    &response_transfer_mode_invalid::RULE,
    &stream_requires_proxy::RULE,
    &timeout_out_of_range::RULE,
    &timeout_needs_quota::RULE,
    &passthrough_behavior_invalid::RULE,
    &content_handling_invalid::RULE,
    &integration_request_parameter_invalid::RULE,
    &mapping_source_invalid::RULE,
    &undeclared_method_parameter::RULE,
    &cache_key_not_declared::RULE,
    &proxy_ignores_request_templates::RULE,
    &template_too_large::RULE,
    &template_syntax_invalid::RULE,
    &template_param_undeclared::RULE,
    &template_output_not_json::RULE,
    &credentials_invalid::RULE,
    &lambda_uri_not_invocations::RULE,
    &role_missing_for_aws_service::RULE,
    &uri_placeholder_not_mapped::RULE,
    &status_code_invalid::RULE,
    &integration_response_without_method_response::RULE,
    &selection_pattern_invalid::RULE,
    &method_response_parameter_invalid::RULE,
    &integration_response_parameter_invalid::RULE,
    &response_header_undeclared::RULE,
    &proxy_ignores_response_mapping::RULE,
    &default_response_duplicated::RULE,
    &stream_with_response_templates::RULE,
    &responses_missing::RULE,
    &api_name_required::RULE,
    &endpoint_type_invalid::RULE,
    &api_key_source_invalid::RULE,
    &authorizer_type_invalid::RULE,
    &authorizer_uri_required::RULE,
    &provider_arns_required::RULE,
    &authorizer_identity_source_invalid::RULE,
    &authorizer_ttl_out_of_range::RULE,
    &too_many_authorizers::RULE,
    &model_name_invalid::RULE,
    &model_schema_invalid::RULE,
    &model_schema_unsupported_keyword::RULE,
    &gateway_response_type_unknown::RULE,
    &gateway_response_status_code_invalid::RULE,
    &gateway_response_parameter_invalid::RULE,
    &gateway_response_template_key_invalid::RULE,
    &gateway_response_template_too_large::RULE,
    &gateway_response_template_not_vtl::RULE,
    &stage_name_invalid::RULE,
    &stage_variable_name_invalid::RULE,
    &stage_variable_value_invalid::RULE,
    &too_many_stage_variables::RULE,
    &stage_variable_undefined::RULE,
    &model_content_type_invalid::RULE,
    &authorizer_uri_invalid::RULE,
    &model_reference_invalid::RULE,
    &call_reference_missing::RULE,
    &method_already_exists::RULE,
    &call_parameter_invalid::RULE,
    &import_field_ignored::RULE,
    &import_duplicate_key::RULE,
    &import_tree_inconsistent::RULE,
];

/// Every rule's documentation, in code order: `docs/rules.md` and `apigw rules` read it. It is
/// apart from [`RULES`] so that what only documentation needs (the long `why` and `source`)
/// is not linked into the app, which runs the rules and shows their fixes.
pub static DOCS: &[&Doc] = &[
    &path_part_invalid_characters::DOC,
    &path_part_comma::DOC,
    &path_parameter_not_whole_segment::DOC,
    &greedy_parameter_has_children::DOC,
    &second_variable_sibling::DOC,
    &duplicate_sibling::DOC,
    &too_many_resources::DOC,
    &resource_id_duplicated::DOC,
    &http_method_invalid::DOC,
    &authorization_type_invalid::DOC,
    &authorizer_required::DOC,
    &unknown_authorizer::DOC,
    &authorizer_type_mismatch::DOC,
    &authorizer_ignored::DOC,
    &scopes_require_cognito::DOC,
    &method_request_parameter_invalid::DOC,
    &parameter_name_not_unique::DOC,
    &path_placeholder_not_declared::DOC,
    &path_parameter_not_in_path::DOC,
    &request_validator_unknown::DOC,
    &model_unknown::DOC,
    &content_type_key_invalid::DOC,
    &authorizer_on_options::DOC,
    &method_without_integration::DOC,
    &integration_type_invalid::DOC,
    &integration_http_method_required::DOC,
    &integration_http_method_invalid::DOC,
    &lambda_requires_post::DOC,
    &http_uri_invalid::DOC,
    &aws_uri_invalid::DOC,
    &aws_proxy_target_unsupported::DOC,
    &connection_type_invalid::DOC,
    &connection_id_required::DOC,
    &connection_id_ignored::DOC,
    &tls_config_not_applicable::DOC,
    &tls_verification_skipped::DOC,
    &response_transfer_mode_invalid::DOC,
    &stream_requires_proxy::DOC,
    &timeout_out_of_range::DOC,
    &timeout_needs_quota::DOC,
    &passthrough_behavior_invalid::DOC,
    &content_handling_invalid::DOC,
    &integration_request_parameter_invalid::DOC,
    &mapping_source_invalid::DOC,
    &undeclared_method_parameter::DOC,
    &cache_key_not_declared::DOC,
    &proxy_ignores_request_templates::DOC,
    &template_too_large::DOC,
    &template_syntax_invalid::DOC,
    &template_param_undeclared::DOC,
    &template_output_not_json::DOC,
    &credentials_invalid::DOC,
    &lambda_uri_not_invocations::DOC,
    &role_missing_for_aws_service::DOC,
    &uri_placeholder_not_mapped::DOC,
    &status_code_invalid::DOC,
    &integration_response_without_method_response::DOC,
    &selection_pattern_invalid::DOC,
    &method_response_parameter_invalid::DOC,
    &integration_response_parameter_invalid::DOC,
    &response_header_undeclared::DOC,
    &proxy_ignores_response_mapping::DOC,
    &default_response_duplicated::DOC,
    &stream_with_response_templates::DOC,
    &responses_missing::DOC,
    &api_name_required::DOC,
    &endpoint_type_invalid::DOC,
    &api_key_source_invalid::DOC,
    &authorizer_type_invalid::DOC,
    &authorizer_uri_required::DOC,
    &provider_arns_required::DOC,
    &authorizer_identity_source_invalid::DOC,
    &authorizer_ttl_out_of_range::DOC,
    &too_many_authorizers::DOC,
    &model_name_invalid::DOC,
    &model_schema_invalid::DOC,
    &model_schema_unsupported_keyword::DOC,
    &gateway_response_type_unknown::DOC,
    &gateway_response_status_code_invalid::DOC,
    &gateway_response_parameter_invalid::DOC,
    &gateway_response_template_key_invalid::DOC,
    &gateway_response_template_too_large::DOC,
    &gateway_response_template_not_vtl::DOC,
    &stage_name_invalid::DOC,
    &stage_variable_name_invalid::DOC,
    &stage_variable_value_invalid::DOC,
    &too_many_stage_variables::DOC,
    &stage_variable_undefined::DOC,
    &model_content_type_invalid::DOC,
    &authorizer_uri_invalid::DOC,
    &model_reference_invalid::DOC,
    &call_reference_missing::DOC,
    &method_already_exists::DOC,
    &call_parameter_invalid::DOC,
    &import_field_ignored::DOC,
    &import_duplicate_key::DOC,
    &import_tree_inconsistent::DOC,
];

/// A validation rule: what it checks, how to fix what it finds, and the check itself.
pub struct Rule {
    /// Stable code, `AG` and three digits; the hundreds group the scope.
    pub code: &'static str,
    /// Stable kebab-case name of the problem.
    pub name: &'static str,
    /// When API Gateway fails on what the rule finds; the severity follows from it.
    pub phase: Phase,
    /// API Gateway's own error text for this mistake, where it is on record (the source is in
    /// the rule's `Doc`). Where AWS's text ends with the name at fault, this is the fixed part.
    pub aws_message: Option<&'static str>,
    /// What the rule checks, in one sentence.
    pub summary: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    pub check: Check,
}

impl Rule {
    pub const fn severity(&self) -> Severity {
        self.phase.severity()
    }
}

/// A rule's documentation beyond what a diagnostic carries.
pub struct Doc {
    pub rule: &'static Rule,
    /// Why it matters: what API Gateway does with such input.
    pub why: &'static str,
    /// Where the fact comes from: AWS's documentation (page and section) or a public record of
    /// AWS's error text.
    pub source: &'static str,
}

/// What a rule looks at.
pub enum Check {
    /// API-level objects: settings, authorizers, validators, models, gateway responses, stages.
    Api(fn(&Design, &mut Sink<'_>)),
    /// One resource's place in the tree.
    Resource(fn(&Design, &str, &Resource, &mut Sink<'_>)),
    /// One method with its responses and integration.
    Method(fn(&MethodCx<'_>, &mut Sink<'_>)),
    /// Both: the API-level objects, and each method (a rule about something both hold, such as
    /// the stage variables they read). An API-level edit reruns both halves.
    ApiAndMethod(fn(&Design, &mut Sink<'_>), fn(&MethodCx<'_>, &mut Sink<'_>)),
    /// Reported while a file is read: a plan's calls judged in sequence (`plan_import`), or
    /// what an import could not carry (`get_resources`).
    Sequence,
}

impl Check {
    /// The check of the API-level objects, if the rule has one.
    pub fn api(&self) -> Option<fn(&Design, &mut Sink<'_>)> {
        match self {
            Check::Api(check) | Check::ApiAndMethod(check, _) => Some(*check),
            _ => None,
        }
    }

    /// The check of one method, if the rule has one.
    pub fn method(&self) -> Option<fn(&MethodCx<'_>, &mut Sink<'_>)> {
        match self {
            Check::Method(check) | Check::ApiAndMethod(_, check) => Some(*check),
            _ => None,
        }
    }
}

/// The method a method-scope rule looks at, with the design around it.
pub struct MethodCx<'a> {
    pub design: &'a Design,
    pub path: &'a str,
    pub verb: &'a str,
    pub method: &'a Method,
}

impl MethodCx<'_> {
    /// The method, as the owner of what a rule reports on it.
    pub fn method_owner(&self) -> Owner {
        Owner::method(self.path, self.verb)
    }

    pub fn integration_owner(&self) -> Owner {
        Owner::integration(self.path, self.verb)
    }

    pub fn method_response_owner(&self, status: &str) -> Owner {
        Owner::method_response(self.path, self.verb, status)
    }

    pub fn integration_response_owner(&self, status: &str) -> Owner {
        Owner::integration_response(self.path, self.verb, status)
    }
}

/// Where a rule reports what it finds.
pub struct Sink<'a> {
    rule: &'static Rule,
    out: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    /// Reports a problem with the rule's general fix.
    pub fn report(&mut self, target: Target, message: impl Into<String>) {
        self.report_fix(target, message, self.rule.fix);
    }

    /// Reports a problem with a fix specific to this occurrence.
    pub fn report_fix(
        &mut self,
        target: Target,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.out.push(Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.rule.severity(),
            phase: self.rule.phase,
            target,
            message: message.into(),
            fix: fix.into(),
            aws_message: self.rule.aws_message,
        });
    }
}

/// Where `rule` reports: the engine's sink for a rule it runs, and the readers' for a rule of
/// the `Sequence` kind, which they report themselves.
pub(crate) fn sequence<'a>(rule: &'static Rule, out: &'a mut Vec<Diagnostic>) -> Sink<'a> {
    Sink { rule, out }
}

pub(crate) static CALL_PARAMETER_INVALID: &Rule = &call_parameter_invalid::RULE;
pub(crate) static CALL_REFERENCE_MISSING: &Rule = &call_reference_missing::RULE;
pub(crate) static DUPLICATE_SIBLING: &Rule = &duplicate_sibling::RULE;
pub(crate) static METHOD_ALREADY_EXISTS: &Rule = &method_already_exists::RULE;
pub(crate) static IMPORT_FIELD_IGNORED: &Rule = &import_field_ignored::RULE;
pub(crate) static IMPORT_DUPLICATE_KEY: &Rule = &import_duplicate_key::RULE;
pub(crate) static IMPORT_TREE_INCONSISTENT: &Rule = &import_tree_inconsistent::RULE;
pub(crate) static PATH_PART_INVALID_CHARACTERS: &Rule = &path_part_invalid_characters::RULE;

/// Finds a rule by code or name.
pub fn rule(code_or_name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code_or_name || r.name == code_or_name)
}

/// What rule files share.
mod prelude {
    pub(super) use super::{Check, Doc, MethodCx, Rule, Sink};
    pub(super) use crate::diagnostic::{Field, Owner, Phase, Target};
    pub(super) use crate::facts;
    pub(super) use crate::grammar;
    pub(super) use crate::model::{Design, Integration, Resource};
    pub(super) use crate::path;
    pub(super) use crate::text;

    /// The integration of the method, if any.
    pub(super) fn integration<'a>(cx: &MethodCx<'a>) -> Option<&'a Integration> {
        cx.method.integration.as_ref()
    }

    /// A target on the method's integration.
    pub(super) fn on_integration(cx: &MethodCx<'_>, field: Field) -> Target {
        Target::field(Owner::integration(cx.path, cx.verb), field)
    }

    /// A target on the method itself.
    pub(super) fn on_method(cx: &MethodCx<'_>, field: Field) -> Target {
        Target::field(Owner::method(cx.path, cx.verb), field)
    }

    /// Lists the allowed values for messages.
    /// Every template of every gateway response: its target (the template's key), its
    /// content type and its text.
    pub(super) fn gateway_templates(
        design: &Design,
    ) -> impl Iterator<Item = (Target, &str, &str)> + '_ {
        design.gateway_responses.iter().flat_map(|(response_type, response)| {
            response.response_templates.iter().map(move |(content_type, template)| {
                let owner = Owner::gateway_response(response_type);
                let target = Target::key(owner, Field::ResponseTemplates, content_type);
                (target, content_type.as_str(), template.as_str())
            })
        })
    }

    pub(super) fn one_of(values: &[&str]) -> String {
        values.join(", ")
    }
}

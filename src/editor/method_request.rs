//! The method request card: authorization, validation, operation name, the parameters callers
//! send (path, query string, headers) and the request models.

use super::{design_memo, map_entries, model_names, use_method_form};
use crate::form::{
    CheckField, MapEditor, OtherKeys, SelectField, TextField, Values, strings, target,
};
use apigw_core::command::{Edit, Entry};
use apigw_core::diagnostic::Field;
use apigw_core::{facts, path};
use leptos::prelude::*;

/// The prefixes of a method's request parameters, one map editor each.
const PATH: &str = "method.request.path.";
const QUERY: &str = "method.request.querystring.";
const HEADER: &str = "method.request.header.";

#[component]
pub fn MethodRequest() -> impl IntoView {
    let form = use_method_form();
    let owner = form.method.owner();
    let auth = form.read(|m| m.authorization_type.clone());
    let authorizer = form.read(|m| m.authorizer.clone().unwrap_or_default());
    let scopes = form.read(|m| m.authorization_scopes.join(", "));
    let api_key = form.read(|m| m.api_key_required);
    let operation = form.read(|m| m.operation_name.clone().unwrap_or_default());
    let validator = form.read(|m| m.request_validator.clone().unwrap_or_default());
    let params = form.read(|m| map_entries(&m.request_parameters, Entry::Flag));
    let models = form.read(|m| map_entries(&m.request_models, Entry::Text));
    let authorizer_names = design_memo(|d| d.authorizers.keys().cloned().collect::<Vec<_>>());
    let validator_names = design_memo(|d| d.request_validators.keys().cloned().collect::<Vec<_>>());
    let show_authorizer =
        move || facts::needs_authorizer(&auth.get()) || !authorizer.get().is_empty();
    let show_scopes = move || facts::takes_scopes(&auth.get()) || !scopes.get().is_empty();
    let (a, s) = (owner.clone(), owner.clone());
    view! {
        <section class="card" id="sec-method-request">
            <h3>"Method request"</h3>
            <div class="grid2">
                <SelectField label="Authorization" target=target(&owner, Field::AuthorizationType) value=auth
                    options=strings(facts::AUTHORIZATION_TYPES) commit=form.choice(owner.clone(), Field::AuthorizationType) />
                <Show when=show_authorizer>
                    <SelectField label="Authorizer" target=target(&a, Field::Authorizer) value=authorizer options=authorizer_names
                        optional="(none)" commit=form.choice(a.clone(), Field::Authorizer) />
                </Show>
            </div>
            <Show when=show_scopes>
                <TextField label="OAuth scopes (comma-separated)" target=target(&s, Field::AuthorizationScopes) value=scopes mono=true
                    placeholder="email openid" commit=form.list(s.clone(), Field::AuthorizationScopes) />
            </Show>
            <div class="grid2">
                <SelectField label="Request validator" target=target(&owner, Field::RequestValidator) value=validator
                    options=validator_names optional="(none)" commit=form.choice(owner.clone(), Field::RequestValidator) />
                <TextField label="Operation name" target=target(&owner, Field::OperationName) value=operation placeholder="ListPets"
                    commit=form.text(owner.clone(), Field::OperationName) />
            </div>
            <CheckField label="API key required" target=target(&owner, Field::ApiKeyRequired) value=api_key
                commit=form.flag(owner.clone(), Field::ApiKeyRequired) />
            <h4>"Path parameters"</h4>
            <p class="hint">"Derived from the resource path; declare them so integrations can map them."</p>
            <MapEditor owner=owner.clone() field=Field::RequestParameters entries=params values=Values::Required
                prefix=PATH key_placeholder="name" add_label="Add path parameter" />
            <Undeclared params=params />
            <h4>"URL query string parameters"</h4>
            <MapEditor owner=owner.clone() field=Field::RequestParameters entries=params values=Values::Required
                prefix=QUERY key_placeholder="page" add_label="Add query string" />
            <h4>"HTTP request headers"</h4>
            <MapEditor owner=owner.clone() field=Field::RequestParameters entries=params values=Values::Required
                prefix=HEADER key_placeholder="X-Request-Id" add_label="Add header" />
            <OtherKeys owner=owner.clone() field=Field::RequestParameters entries=params known=&[PATH, QUERY, HEADER] />
            <h4>"Request models"</h4>
            <MapEditor owner=owner field=Field::RequestModels entries=models values=Values::Line
                key_placeholder="application/json" value_placeholder="model name" add_label="Add model"
                key_suggestions=Signal::derive(|| strings(facts::COMMON_CONTENT_TYPES)) value_suggestions=model_names() />
        </section>
    }
}

/// A "Declare {name}" button for each variable of the path not declared as a parameter yet.
#[component]
fn Undeclared(params: Signal<Vec<(String, Entry)>>) -> impl IntoView {
    let form = use_method_form();
    let placeholders: Vec<String> =
        path::placeholders(&form.method.path()).into_iter().map(str::to_string).collect();
    let missing = move || {
        let declared = params.get();
        placeholders
            .iter()
            .filter(|n| !declared.iter().any(|(k, _)| k.strip_prefix(PATH) == Some(n.as_str())))
            .cloned()
            .collect::<Vec<_>>()
    };
    let declare = move |name: &str| {
        form.store.apply(Edit::SetEntry {
            owner: form.method.owner(),
            field: Field::RequestParameters,
            key: format!("{PATH}{name}"),
            value: Some(Entry::Flag(true)),
        });
    };
    view! {
        <div class="chips">
            {move || missing().into_iter().map(|n| {
                let label = format!("Declare {{{n}}}");
                view! { <button class="small" on:click=move |_| declare(&n)>{label}</button> }
            }).collect_view()}
        </div>
    }
}

//! The integration responses card: for each method response a back-end answer can map to, its
//! selection pattern, content handling, header mappings and templates.

use super::{map_entries, use_method_form};
use crate::form::{
    MapEditor, Problems, SelectField, Subcard, TextField, Values, strings, target, target_id,
};
use apigw_core::command::{Edit, Entry};
use apigw_core::diagnostic::Field;
use apigw_core::facts;
use apigw_core::model::IntegrationResponse;
use apigw_core::simulate::TemplateRef;
use leptos::prelude::*;

#[component]
pub fn IntegrationResponses() -> impl IntoView {
    let form = use_method_form();
    let has = form.read(|m| m.integration.is_some());
    view! {
        <section class="card" id="sec-integration-response">
            <h3>"Integration responses"</h3>
            <Show when=move || has.get() fallback=|| view! { <p class="hint">"Add an integration first."</p> }>
                <Responses />
            </Show>
        </section>
    }
}

#[component]
fn Responses() -> impl IntoView {
    let form = use_method_form();
    let statuses = form.read(|m| {
        m.integration
            .as_ref()
            .map(|i| i.integration_responses.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let method_statuses = form.read(|m| m.method_responses.keys().cloned().collect::<Vec<_>>());
    let chosen = RwSignal::new(String::new());
    let list = target(&form.method.integration(), Field::IntegrationResponses);
    let list_id = target_id(&list);
    let add = move |_| {
        // The select shows the first status until another is chosen.
        let status = Some(chosen.get_untracked())
            .filter(|s| !s.is_empty())
            .or_else(|| method_statuses.get_untracked().first().cloned())
            .unwrap_or_else(|| "200".into());
        form.store.apply(Edit::PutIntegrationResponse {
            path: form.method.path(),
            verb: form.method.verb(),
            status,
            value: Some(IntegrationResponse::default()),
        });
    };
    view! {
        <For each=move || statuses.get() key=|s| s.clone() let:status>
            <Response status=status />
        </For>
        // An integration response maps to a method response: with none to choose, say so
        // rather than show an empty list.
        <Show when=move || !method_statuses.get().is_empty()
            fallback=|| view! { <p class="hint">"Add a method response first: each integration response maps the back end's answer to one."</p> }>
            <div class="map-add">
                <select aria-label="Method response status" id=list_id.clone() on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {move || method_statuses.get().into_iter().map(|s| { let value = s.clone(); view! { <option value=value>{s}</option> } }).collect_view()}
                </select>
                <button class="small" on:click=add>"Add integration response"</button>
            </div>
        </Show>
        <Problems target=list />
    }
}

#[component]
fn Response(status: String) -> impl IntoView {
    let form = use_method_form();
    let owner = form.method.integration_response(&status);
    let s = status.clone();
    let response = form.read(move |m| {
        m.integration
            .as_ref()
            .and_then(|i| i.integration_responses.get(&s).cloned())
            .unwrap_or_default()
    });
    let pattern = Signal::derive(move || response.get().selection_pattern.unwrap_or_default());
    let handling = Signal::derive(move || response.get().content_handling.unwrap_or_default());
    let params =
        Signal::derive(move || map_entries(&response.get().response_parameters, Entry::Text));
    let templates =
        Signal::derive(move || map_entries(&response.get().response_templates, Entry::Text));
    let s = status.clone();
    let headers = form.read(move |m| {
        m.method_responses
            .get(&s)
            .map(|r| r.response_parameters.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let s = status.clone();
    let remove = Callback::new(move |()| {
        form.store.apply(Edit::PutIntegrationResponse {
            path: form.method.path(),
            verb: form.method.verb(),
            status: s.clone(),
            value: None,
        });
    });
    let status_out = status.clone();
    view! {
        <Subcard owner=owner.clone() title=format!("→ method response {status}") remove_label=format!("Remove integration response {status}") remove=remove>
            <div class="grid2">
                <TextField label="Selection pattern (regex; empty = default)" target=target(&owner, Field::SelectionPattern)
                    value=pattern mono=true placeholder="none: the default response" commit=form.text(owner.clone(), Field::SelectionPattern) />
                <SelectField label="Content handling" target=target(&owner, Field::ContentHandling) value=handling
                    options=strings(facts::CONTENT_HANDLING) optional="Passthrough"
                    commit=form.choice(owner.clone(), Field::ContentHandling) />
            </div>
            <h4>"Header mappings"</h4>
            <MapEditor owner=owner.clone() field=Field::ResponseParameters entries=params values=Values::Line
                key_placeholder="method.response.header.Access-Control-Allow-Origin" value_placeholder="'*'"
                add_label="Add header mapping" key_suggestions=headers
                value_suggestions=Signal::derive(|| strings(facts::RESPONSE_MAPPING_SUGGESTIONS)) />
            <h4>"Mapping templates"</h4>
            <MapEditor owner=owner field=Field::ResponseTemplates entries=templates values=Values::Template
                key_placeholder="application/json" add_label="Add template"
                output=Callback::new(move |content_type| {
                    let status = status_out.clone();
                    view! { <super::TemplateOutput which=TemplateRef::Response { status, content_type } /> }.into_any()
                }) />
        </Subcard>
    }
}

//! The gateway responses card: what API Gateway answers when a request fails before it reaches
//! the integration, or with it (a missing token, a throttled caller, an integration timeout),
//! per response type, with its status code, headers and templates. Types left out answer as
//! AWS's defaults.

use super::map_entries;
use crate::form::{MapEditor, OtherKeys, Problems, Subcard, TextField, Values, target, target_id};
use crate::store::use_store;
use apigw_core::command::{Edit, Entry, FieldValue};
use apigw_core::diagnostic::{Field, Owner};
use apigw_core::facts;
use apigw_core::model::GatewayResponse;
use leptos::prelude::*;

/// The prefix of a gateway response's headers.
const HEADER: &str = "gatewayresponse.header.";

#[component]
pub fn GatewayResponses() -> impl IntoView {
    let store = use_store();
    let types = Memo::new(move |_| {
        store.design.with(|d| d.gateway_responses.keys().cloned().collect::<Vec<_>>())
    });
    // The types not set yet, in AWS's order, for the add row.
    let unset = Memo::new(move |_| {
        types.with(|set| {
            facts::GATEWAY_RESPONSE_TYPES
                .iter()
                .filter(|t| !set.iter().any(|s| s == *t))
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(String::new());
    let add = move |_| {
        let response_type = Some(chosen.get_untracked())
            .filter(|t| unset.with_untracked(|u| u.contains(t)))
            .or_else(|| unset.with_untracked(|u| u.first().cloned()));
        let Some(response_type) = response_type else { return };
        let value = GatewayResponse {
            status_code: facts::gateway_response_default_status(&response_type).map(str::to_string),
            ..GatewayResponse::default()
        };
        if store.apply(Edit::PutGatewayResponse { response_type, value: Some(value) }) {
            chosen.set(String::new());
        }
    };
    let list = target(&Owner::Api, Field::GatewayResponses);
    let list_id = target_id(&list);
    view! {
        <section class="card" id="sec-gateway-responses">
            <h2>"Gateway responses"</h2>
            <p class="hint">"What API Gateway answers when a request fails before or at the integration: a missing token, a throttled caller, a body the validator refuses, an integration timeout. The types not listed here answer with AWS's defaults."</p>
            <For each=move || types.get() key=|t| t.clone() let:response_type>
                <Response response_type=response_type />
            </For>
            <Problems target=list />
            <Show when=move || !unset.with(Vec::is_empty)>
                <div class="map-add">
                    <select id=list_id.clone() aria-label="Gateway response type" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {move || unset.get().into_iter().map(|t| { let value = t.clone(); view! { <option value=value>{t}</option> } }).collect_view()}
                    </select>
                    <button class="small" on:click=add>"Add gateway response"</button>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn Response(response_type: String) -> impl IntoView {
    let store = use_store();
    let owner = Owner::GatewayResponse { response_type: response_type.clone() };
    let t = response_type.clone();
    let response = Memo::new(move |_| {
        store.design.with(|d| d.gateway_responses.get(&t).cloned().unwrap_or_default())
    });
    let status = Signal::derive(move || response.get().status_code.unwrap_or_default());
    let headers =
        Signal::derive(move || map_entries(&response.get().response_parameters, Entry::Text));
    let templates =
        Signal::derive(move || map_entries(&response.get().response_templates, Entry::Text));
    let t = response_type.clone();
    let remove = Callback::new(move |()| {
        store.apply(Edit::PutGatewayResponse { response_type: t.clone(), value: None });
    });
    let status_owner = owner.clone();
    let set_status = Callback::new(move |text: String| {
        let group = format!("{status_owner:?} statusCode");
        let edit = Edit::SetField {
            owner: status_owner.clone(),
            field: Field::StatusCode,
            value: FieldValue::Text(crate::form::opt(text)),
        };
        store.apply_grouped(edit, Some(&group));
    });
    let default_status = facts::gateway_response_default_status(&response_type)
        .map_or("the error's own status".to_string(), |s| format!("{s}, AWS's default"));
    view! {
        <Subcard owner=owner.clone() title=response_type.clone() mono=true
            remove_label=format!("Remove gateway response {response_type}") remove=remove>
            <TextField label="Status code" target=target(&owner, Field::StatusCode) value=status mono=true
                placeholder=format!("none: {default_status}") commit=set_status />
            <h4>"Headers"</h4>
            <MapEditor owner=owner.clone() field=Field::ResponseParameters entries=headers values=Values::Line
                prefix=HEADER key_placeholder="Access-Control-Allow-Origin" value_placeholder="'*' or method.request.header.Origin"
                add_label="Add header" />
            <OtherKeys owner=owner.clone() field=Field::ResponseParameters entries=headers known=&[HEADER] text=true />
            <h4>"Templates"</h4>
            <MapEditor owner=owner field=Field::ResponseTemplates entries=templates values=Values::Template
                key_placeholder="application/json" add_label="Add template" />
        </Subcard>
    }
}

//! The API settings card, and the API-level lists: authorizers, request validators, models,
//! gateway responses and stages.

use super::named::{AUTHORIZERS, MODELS, NamedList, STAGES, VALIDATORS};
use crate::form::{SelectField, TextField, strings, target};
use crate::store::use_store;
use apigw_core::command::Edit;
use apigw_core::diagnostic::{Field, Owner};
use apigw_core::facts;
use apigw_core::model::ApiSettings;
use leptos::prelude::*;

#[component]
pub fn ApiEditor() -> impl IntoView {
    let store = use_store();
    let api = move || store.design.with(|d| d.api.clone());
    // Each field of the settings is one edit of them all; typing in a field is one undo step.
    let set = move |field: Field, change: fn(&mut ApiSettings, String)| {
        Callback::new(move |text: String| {
            let mut value = store.design.with_untracked(|d| d.api.clone());
            change(&mut value, text);
            store.apply_grouped(Edit::SetApi { value }, Some(&format!("api {}", field.name())));
        })
    };
    view! {
        <section class="card">
            <h2>"API settings"</h2>
            <div class="grid2">
                <TextField label="Name" target=target(&Owner::Api, Field::Name) value=Signal::derive(move || api().name)
                    commit=set(Field::Name, |a, v| a.name = v) />
                <SelectField label="Endpoint type" target=target(&Owner::Api, Field::EndpointType)
                    value=Signal::derive(move || api().endpoint_type) options=strings(facts::ENDPOINT_TYPES)
                    commit=set(Field::EndpointType, |a, v| a.endpoint_type = v) />
            </div>
            <TextField label="Description" target=target(&Owner::Api, Field::Description) value=Signal::derive(move || api().description.unwrap_or_default())
                commit=set(Field::Description, |a, v| a.description = crate::form::opt(v)) />
            <SelectField label="API key source" target=target(&Owner::Api, Field::ApiKeySource) optional=format!("(default: {})", facts::API_KEY_SOURCE_DEFAULT)
                value=Signal::derive(move || api().api_key_source.unwrap_or_default()) options=strings(facts::API_KEY_SOURCES)
                commit=set(Field::ApiKeySource, |a, v| a.api_key_source = crate::form::opt(v)) />
            // A memo: typing the comma before the next type does not change the list, so the
            // field is not rewritten under the cursor.
            <TextField label="Binary media types (comma-separated)" target=target(&Owner::Api, Field::BinaryMediaTypes) mono=true
                value=Memo::new(move |_| store.design.with(|d| d.api.binary_media_types.join(", ")))
                placeholder="image/png, application/octet-stream"
                hint=|| "Content types API Gateway passes through as binary; */* for all."
                commit=set(Field::BinaryMediaTypes, |a, v| a.binary_media_types = crate::form::comma_list(&v)) />
            // Every field the design holds is editable: the id of the live API it came from.
            <TextField label="Live API id (restApiId)" target=target(&Owner::Api, Field::RestApiId) mono=true
                value=Signal::derive(move || api().rest_api_id.unwrap_or_default())
                placeholder="none: not loaded from a live API"
                hint=|| "The API this design was loaded from; Deploy… offers it as the target. Deploying never changes it."
                commit=set(Field::RestApiId, |a, v| a.rest_api_id = crate::form::opt(v)) />
        </section>
        <NamedList kind=&AUTHORIZERS />
        <NamedList kind=&VALIDATORS />
        <NamedList kind=&MODELS />
        <super::gateway_responses::GatewayResponses />
        <NamedList kind=&STAGES />
    }
}

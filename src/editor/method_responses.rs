//! The method responses card: the status codes the method answers with, each with its
//! headers and models.

use super::{map_entries, model_names, use_method_form};
use crate::form::{MapEditor, OtherKeys, Problems, Subcard, Values, target, target_id};
use apigw_core::command::{Edit, Entry};
use apigw_core::diagnostic::Field;
use apigw_core::model::MethodResponse;
use leptos::prelude::*;

/// The prefix of a method response's headers.
const HEADER: &str = "method.response.header.";

#[component]
pub fn MethodResponses() -> impl IntoView {
    let form = use_method_form();
    let statuses = form.read(|m| m.method_responses.keys().cloned().collect::<Vec<_>>());
    let new_status = RwSignal::new("200".to_string());
    let list = target(&form.method.owner(), Field::MethodResponses);
    let add = move || {
        form.store.apply(Edit::PutMethodResponse {
            path: form.method.path(),
            verb: form.method.verb(),
            status: new_status.get_untracked().trim().to_string(),
            value: Some(MethodResponse::default()),
        });
    };
    view! {
        <section class="card" id="sec-method-response">
            <h3>"Method responses"</h3>
            <For each=move || statuses.get() key=|s| s.clone() let:status>
                <Response status=status />
            </For>
            <div class="map-add">
                // Its id is the pointer of the method's responses: a problem about them as a
                // whole (none at all) focuses it.
                <input class="mono" type="text" aria-label="New status code" id=target_id(&list) prop:value=move || new_status.get()
                    on:input=move |ev| new_status.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { add() } />
                <button class="small" on:click=move |_| add()>"Add method response"</button>
            </div>
            <Problems target=list.clone() />
        </section>
    }
}

#[component]
fn Response(status: String) -> impl IntoView {
    let form = use_method_form();
    let owner = form.method.method_response(&status);
    let s = status.clone();
    let response = form.read(move |m| m.method_responses.get(&s).cloned().unwrap_or_default());
    let headers =
        Signal::derive(move || map_entries(&response.get().response_parameters, Entry::Flag));
    let models = Signal::derive(move || map_entries(&response.get().response_models, Entry::Text));
    let s = status.clone();
    let remove = Callback::new(move |()| {
        form.store.apply(Edit::PutMethodResponse {
            path: form.method.path(),
            verb: form.method.verb(),
            status: s.clone(),
            value: None,
        });
    });
    view! {
        <Subcard owner=owner.clone() title=status.clone() mono=true remove_label=format!("Remove method response {status}") remove=remove>
            <h4>"Headers"</h4>
            <MapEditor owner=owner.clone() field=Field::ResponseParameters entries=headers values=Values::Required
                prefix=HEADER key_placeholder="Access-Control-Allow-Origin" add_label="Add header" />
            <OtherKeys owner=owner.clone() field=Field::ResponseParameters entries=headers known=&[HEADER] />
            <h4>"Models"</h4>
            <MapEditor owner=owner field=Field::ResponseModels entries=models values=Values::Line
                key_placeholder="application/json" value_placeholder="model name" add_label="Add model"
                value_suggestions=model_names() />
        </Subcard>
    }
}

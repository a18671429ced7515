//! "Enable CORS" on a resource: choose the origin and headers, see every change apigw-core
//! plans, then apply them as one undo step.

use crate::store::use_store;
use apigw_core::cors::{self, CorsOptions};
use apigw_core::facts;
use leptos::prelude::*;

/// Enable CORS: choose the origin and headers, see every change, then apply it as one undo step.
#[component]
pub fn CorsCard(path: String) -> impl IntoView {
    let store = use_store();
    let open = RwSignal::new(false);
    let origin = RwSignal::new("'*'".to_string());
    let headers = RwSignal::new(facts::CORS_ALLOW_HEADERS_DEFAULT.to_string());
    let subtree = RwSignal::new(false);
    let methods = RwSignal::new(String::new());
    let max_age = RwSignal::new(String::new());
    let credentials = RwSignal::new(false);
    let errors = RwSignal::new(true);
    let p = path;
    let planned = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        let options = CorsOptions {
            allow_origin: origin.get(),
            allow_headers: headers.get(),
            allow_methods: methods.get(),
            max_age: max_age.get(),
            allow_credentials: credentials.get(),
            subtree: subtree.get(),
            gateway_responses: errors.get(),
        };
        store.design.with(|d| cors::enable(d, &p, &options))
    });
    let apply = move |_| {
        if let Some((edit, changes)) = planned.get_untracked() {
            if store.apply(edit) {
                store.tell(format!(
                    "CORS enabled: {} change(s). Ctrl+Z undoes them.",
                    changes.len()
                ));
                open.set(false);
            }
        }
    };
    view! {
        <section class="card">
            <h3>"CORS"</h3>
            <Show when=move || open.get() fallback=move || view! {
                <button class="small" on:click=move |_| open.set(true)>"Enable CORS…"</button>
            }>
                <div class="grid2">
                    <label class="field"><span class="label">"Access-Control-Allow-Origin"</span>
                        <input class="mono" type="text" prop:value=move || origin.get() on:input=move |ev| origin.set(event_target_value(&ev)) /></label>
                    <label class="field"><span class="label">"Access-Control-Allow-Headers"</span>
                        <input class="mono" type="text" prop:value=move || headers.get() on:input=move |ev| headers.set(event_target_value(&ev)) /></label>
                </div>
                <div class="grid2">
                    <label class="field"><span class="label">"Access-Control-Allow-Methods"</span>
                        <input class="mono" type="text" placeholder="the resource's methods and OPTIONS" prop:value=move || methods.get() on:input=move |ev| methods.set(event_target_value(&ev)) /></label>
                    <label class="field"><span class="label">"Access-Control-Max-Age (seconds)"</span>
                        <input class="mono" type="text" inputmode="numeric" placeholder="not sent" prop:value=move || max_age.get() on:input=move |ev| max_age.set(event_target_value(&ev)) /></label>
                </div>
                <label class="check"><input type="checkbox" prop:checked=move || credentials.get() on:change=move |ev| credentials.set(event_target_checked(&ev)) />
                    <span>"Access-Control-Allow-Credentials: true"</span></label>
                <label class="check"><input type="checkbox" prop:checked=move || subtree.get() on:change=move |ev| subtree.set(event_target_checked(&ev)) />
                    <span>"Also every resource beneath"</span></label>
                <label class="check"><input type="checkbox" prop:checked=move || errors.get() on:change=move |ev| errors.set(event_target_checked(&ev)) />
                    <span>"Also API Gateway's own errors (its default 4XX and 5XX gateway responses)"</span></label>
                <p class="hint">"Methods with a proxy integration answer with the back end's headers: the back end must send Access-Control-Allow-Origin itself."</p>
                <h4>"Changes"</h4>
                <ul class="changes" aria-label="CORS changes">
                    {move || match planned.get() {
                        Some((_, changes)) => changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view().into_any(),
                        None => view! { <li class="hint">"Nothing to change: CORS is already enabled here."</li> }.into_any(),
                    }}
                </ul>
                <div class="map-add">
                    <button class="small primary" disabled=move || planned.with(Option::is_none) on:click=apply>"Apply"</button>
                    <button class="small" on:click=move |_| open.set(false)>"Cancel"</button>
                </div>
            </Show>
        </section>
    }
}

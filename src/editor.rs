//! The centre panel: API settings, a resource, or a method laid out as API Gateway's method
//! execution (method request → integration request → integration response → method response).

use crate::fields::{CheckField, MapEditor, Problems, SelectField, TextField, Values, field_id};
use crate::store::{Selection, Store, use_store};
use apigw_core::command::{Edit, Entry, Field, FieldValue, MapRef};
use apigw_core::cors::{self, CorsOptions};
use apigw_core::diagnostic::Owner;
use apigw_core::model::{
    Authorizer, Integration, IntegrationResponse, Method, MethodResponse, Model, RequestValidator,
    TlsConfig,
};
use apigw_core::{facts, path};
use leptos::prelude::*;

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

fn opt(text: String) -> Option<String> {
    if text.trim().is_empty() { None } else { Some(text) }
}

/// Changes one API-level item (authorizer, validator, model) by name: reads a copy, applies
/// `change`, and puts it back as one edit, merged with the previous one of the same `group`.
fn update_named<T: Clone + Default>(
    store: Store,
    items: fn(&apigw_core::Design) -> &apigw_core::map::Map<String, T>,
    put: fn(String, Option<T>) -> Edit,
    name: &str,
    group: Option<&str>,
    change: impl FnOnce(&mut T),
) {
    let mut value =
        store.design.with_untracked(|d| items(d).get(name).cloned().unwrap_or_default());
    change(&mut value);
    store.apply_grouped(put(name.to_string(), Some(value)), group);
}

fn put_authorizer(name: String, value: Option<Authorizer>) -> Edit {
    Edit::PutAuthorizer { name, value }
}

fn put_validator(name: String, value: Option<RequestValidator>) -> Edit {
    Edit::PutRequestValidator { name, value }
}

fn put_model(name: String, value: Option<Model>) -> Edit {
    Edit::PutModel { name, value }
}

/// How many resources the "Parent (move)" field suggests at a time.
const PARENT_SUGGESTIONS: usize = 40;

#[component]
pub fn Editor() -> impl IntoView {
    let store = use_store();
    view! {
        <main class="editor" aria-label="Editor">
            {move || match store.selection.get() {
                Selection::Api => view! { <ApiEditor /> }.into_any(),
                Selection::Resource(path) => view! { <ResourceEditor path=path /> }.into_any(),
                Selection::Method(path, verb) => view! { <MethodEditor path=path verb=verb /> }.into_any(),
            }}
        </main>
    }
}

// ---------------------------------------------------------------- API settings

#[component]
fn ApiEditor() -> impl IntoView {
    let store = use_store();
    let api = move || store.design.with(|d| d.api.clone());
    let set = move |f: Box<dyn Fn(&mut apigw_core::model::ApiSettings)>, group: &str| {
        let mut value = store.design.with_untracked(|d| d.api.clone());
        f(&mut value);
        store.apply_grouped(Edit::SetApi { value }, Some(group));
    };
    let set_name = set;
    let set_desc = set;
    let set_endpoint = set;
    let set_key = set;
    view! {
        <section class="card">
            <h2>"API settings"</h2>
            <div class="grid2">
                <TextField label="Name" id=field_id(&Owner::Api, "name", None) value=Signal::derive(move || api().name)
                    commit=Callback::new(move |v: String| set_name(Box::new(move |a| a.name = v.clone()), "api name")) />
                <SelectField label="Endpoint type" id=field_id(&Owner::Api, "endpointType", None)
                    value=Signal::derive(move || api().endpoint_type) options=strings(facts::ENDPOINT_TYPES)
                    commit=Callback::new(move |v: String| set_endpoint(Box::new(move |a| a.endpoint_type = v.clone()), "endpoint")) />
            </div>
            <Problems owner=Owner::Api field="name" />
            <TextField label="Description" id=field_id(&Owner::Api, "description", None) value=Signal::derive(move || api().description.unwrap_or_default())
                commit=Callback::new(move |v: String| set_desc(Box::new(move |a| a.description = opt(v.clone())), "api description")) />
            <SelectField label="API key source" id=field_id(&Owner::Api, "apiKeySource", None) optional="(default: HEADER)"
                value=Signal::derive(move || api().api_key_source.unwrap_or_default()) options=strings(&["HEADER", "AUTHORIZER"])
                commit=Callback::new(move |v: String| set_key(Box::new(move |a| a.api_key_source = opt(v.clone())), "key source")) />
        </section>
        <AuthorizersEditor />
        <ValidatorsEditor />
        <ModelsEditor />
    }
}

/// A "name + add" row used by the API-level lists.
#[component]
fn AddNamed(
    placeholder: &'static str,
    label: &'static str,
    add: Callback<String>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let submit = move || {
        let value = name.get_untracked().trim().to_string();
        if !value.is_empty() {
            add.run(value);
            name.set(String::new());
        }
    };
    view! {
        <div class="map-add">
            <input type="text" placeholder=placeholder aria-label=label prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))
                on:keydown=move |ev| if ev.key() == "Enter" { submit() } />
            <button class="small" on:click=move |_| submit()>{label}</button>
        </div>
    }
}

#[component]
fn AuthorizersEditor() -> impl IntoView {
    let store = use_store();
    let names = move || store.design.with(|d| d.authorizers.keys().cloned().collect::<Vec<_>>());
    view! {
        <section class="card">
            <h2>"Authorizers"</h2>
            <For each=names key=|n| n.clone() let:name>
                <AuthorizerRow name=name />
            </For>
            <AddNamed placeholder="authorizer name" label="Add authorizer"
                add=Callback::new(move |name: String| {
                    let value = Authorizer { authorizer_type: "TOKEN".into(), identity_source: Some("method.request.header.Authorization".into()), ..Default::default() };
                    store.apply(Edit::PutAuthorizer { name, value: Some(value) });
                }) />
        </section>
    }
}

#[component]
fn AuthorizerRow(name: String) -> impl IntoView {
    let store = use_store();
    let owner = Owner::Authorizer { name: name.clone() };
    let n = name.clone();
    let get = move || store.design.with(|d| d.authorizers.get(&n).cloned().unwrap_or_default());
    let n = name.clone();
    let update = move |f: Box<dyn Fn(&mut Authorizer)>, group: &'static str| {
        update_named(
            store,
            |d| &d.authorizers,
            put_authorizer,
            &n,
            Some(&format!("{n} {group}")),
            |a| f(a),
        );
    };
    let (g1, g2, g3, g4, g5, g6) =
        (get.clone(), get.clone(), get.clone(), get.clone(), get.clone(), get);
    let (u1, u2, u3, u4, u5) =
        (update.clone(), update.clone(), update.clone(), update.clone(), update.clone());
    let n = name.clone();
    let cognito = Signal::derive(move || g6().authorizer_type == "COGNITO_USER_POOLS");
    let owner_arns = owner.clone();
    view! {
        <div class="subcard">
            <div class="subcard-title">
                <strong>{name}</strong>
                <button class="icon danger" title="Remove authorizer" on:click=move |_| { store.apply(Edit::PutAuthorizer { name: n.clone(), value: None }); }>"✕"</button>
            </div>
            <div class="grid2">
                <SelectField label="Type" id=field_id(&owner, "type", None) value=Signal::derive(move || g1().authorizer_type) options=strings(facts::AUTHORIZER_TYPES)
                    commit=Callback::new(move |v: String| u1(Box::new(move |a| a.authorizer_type = v.clone()), "type")) />
                <TextField label="Identity source" id=field_id(&owner, "identitySource", None) mono=true value=Signal::derive(move || g2().identity_source.unwrap_or_default())
                    commit=Callback::new(move |v: String| u2(Box::new(move |a| a.identity_source = opt(v.clone())), "source")) />
            </div>
            <Problems owner=owner.clone() field="type" />
            <Problems owner=owner.clone() field="identitySource" />
            <Show when=move || cognito.get() fallback={
                let owner = owner.clone();
                move || {
                    let g3 = g3.clone();
                    let u3 = u3.clone();
                    view! {
                        <TextField label="Lambda function URI" id=field_id(&owner, "authorizerUri", None) mono=true
                            placeholder="arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations"
                            value=Signal::derive(move || g3().authorizer_uri.unwrap_or_default())
                            commit=Callback::new(move |v: String| u3(Box::new(move |a| a.authorizer_uri = opt(v.clone())), "uri")) />
                        <Problems owner=owner.clone() field="authorizerUri" />
                    }
                }
            }>
                {
                    let g4 = g4.clone();
                    let u4 = u4.clone();
                    let owner = owner_arns.clone();
                    view! {
                        <TextField label="User pool ARNs (comma-separated)" id=field_id(&owner, "providerARNs", None) mono=true
                            value=Signal::derive(move || g4().provider_arns.join(", "))
                            commit=Callback::new(move |v: String| u4(Box::new(move |a| a.provider_arns = v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()), "arns")) />
                        <Problems owner=owner field="providerARNs" />
                    }
                }
            </Show>
            <TextField label="Result TTL (seconds)" id=field_id(&owner, "authorizerResultTtlInSeconds", None)
                value=Signal::derive(move || g5().authorizer_result_ttl_in_seconds.map(|t| t.to_string()).unwrap_or_default())
                commit=Callback::new(move |v: String| u5(Box::new(move |a| a.authorizer_result_ttl_in_seconds = v.trim().parse().ok()), "ttl")) />
            <Problems owner=owner field="authorizerResultTtlInSeconds" />
        </div>
    }
}

#[component]
fn ValidatorsEditor() -> impl IntoView {
    let store = use_store();
    let names =
        move || store.design.with(|d| d.request_validators.keys().cloned().collect::<Vec<_>>());
    view! {
        <section class="card">
            <h2>"Request validators"</h2>
            <For each=names key=|n| n.clone() let:name>
                {
                    let n = name.clone();
                    let get = move || store.design.with(|d| d.request_validators.get(&n).cloned().unwrap_or_default());
                    let g2 = get.clone();
                    let (n1, n2, n3) = (name.clone(), name.clone(), name.clone());
                    let owner = Owner::RequestValidator { name: name.clone() };
                    view! {
                        <div class="validator-row">
                            <strong>{name}</strong>
                            <CheckField label="Validate body" id=field_id(&owner, "validateRequestBody", None) value=Signal::derive(move || get().validate_request_body)
                                commit=Callback::new(move |b: bool| update_named(store, |d| &d.request_validators, put_validator, &n1, None, |v| v.validate_request_body = b)) />
                            <CheckField label="Validate parameters" id=field_id(&owner, "validateRequestParameters", None) value=Signal::derive(move || g2().validate_request_parameters)
                                commit=Callback::new(move |b: bool| update_named(store, |d| &d.request_validators, put_validator, &n2, None, |v| v.validate_request_parameters = b)) />
                            <button class="icon danger" title="Remove validator" on:click=move |_| { store.apply(Edit::PutRequestValidator { name: n3.clone(), value: None }); }>"✕"</button>
                        </div>
                    }
                }
            </For>
            <AddNamed placeholder="validator name" label="Add validator"
                add=Callback::new(move |name: String| { store.apply(Edit::PutRequestValidator { name, value: Some(RequestValidator { validate_request_body: true, validate_request_parameters: true }) }); }) />
        </section>
    }
}

#[component]
fn ModelsEditor() -> impl IntoView {
    let store = use_store();
    let names = move || store.design.with(|d| d.models.keys().cloned().collect::<Vec<_>>());
    view! {
        <section class="card">
            <h2>"Models"</h2>
            <For each=names key=|n| n.clone() let:name>
                {
                    let owner = Owner::Model { name: name.clone() };
                    let n = name.clone();
                    let get = move || store.design.with(|d| d.models.get(&n).cloned().unwrap_or_default());
                    let g2 = get.clone();
                    let (n1, n2, n3) = (name.clone(), name.clone(), name.clone());
                    view! {
                        <div class="subcard">
                            <div class="subcard-title">
                                <strong>{name}</strong>
                                <button class="icon danger" title="Remove model" on:click=move |_| { store.apply(Edit::PutModel { name: n3.clone(), value: None }); }>"✕"</button>
                            </div>
                            <Problems owner=owner.clone() field="schema" />
                            <TextField label="Content type" id=field_id(&owner, "contentType", None) value=Signal::derive(move || get().content_type)
                                commit=Callback::new(move |v: String| update_named(store, |d| &d.models, put_model, &n1, Some(&format!("model ct {n1}")), |m| m.content_type = v)) />
                            <label class="field">
                                <span class="label">"Schema (JSON Schema draft 4)"</span>
                                <textarea id=field_id(&owner, "schema", None) class="mono template" rows="6" spellcheck="false" prop:value=move || g2().schema
                                    on:input=move |ev| update_named(store, |d| &d.models, put_model, &n2, Some(&format!("model schema {n2}")), |m| m.schema = event_target_value(&ev))
                                    on:blur=move |_| store.seal()></textarea>
                            </label>
                        </div>
                    }
                }
            </For>
            <Problems owner=Owner::Api field="models" />
            <AddNamed placeholder="ModelName" label="Add model" add=Callback::new(move |name: String| { store.apply(Edit::PutModel { name, value: Some(Model::default()) }); }) />
        </section>
    }
}

// ---------------------------------------------------------------- resource

#[component]
fn ResourceEditor(path: String) -> impl IntoView {
    let store = use_store();
    let child_part = RwSignal::new(String::new());
    let proxy = RwSignal::new(false);
    let p = path.clone();
    let preview = Memo::new(move |_| {
        let part = if proxy.get() { "{proxy+}".to_string() } else { child_part.get() };
        if part.is_empty() {
            return Vec::new();
        }
        store.design.with(|d| apigw_core::rules::preview_new_resource(d, &p, &part))
    });
    let p = path.clone();
    let add_child = move || {
        let part = if proxy.get_untracked() {
            "{proxy+}".to_string()
        } else {
            child_part.get_untracked().trim().to_string()
        };
        if part.is_empty() {
            return;
        }
        let child = path::child(&p, &part);
        let mut edits = vec![Edit::AddResource { path: child.clone() }];
        if proxy.get_untracked() {
            let method = Method {
                request_parameters: [("method.request.path.proxy".to_string(), true)].into(),
                ..Default::default()
            };
            edits.push(Edit::PutMethod {
                path: child.clone(),
                verb: "ANY".into(),
                value: Some(method),
            });
        }
        if store.apply(Edit::Batch { label: format!("add {child}"), edits }) {
            child_part.set(String::new());
            proxy.set(false);
            store.selection.set(if proxy.get_untracked() {
                Selection::Method(child, "ANY".into())
            } else {
                Selection::Resource(child)
            });
        }
    };
    let add_on_enter = add_child.clone();
    let new_verb = RwSignal::new("GET".to_string());
    let p = path.clone();
    let add_method = move |_| {
        let verb = new_verb.get_untracked();
        let request_parameters = path::placeholders(&p)
            .into_iter()
            .map(|n| (format!("method.request.path.{n}"), true))
            .collect();
        let method = Method { request_parameters, ..Default::default() };
        if store.apply(Edit::PutMethod { path: p.clone(), verb: verb.clone(), value: Some(method) })
        {
            store.selection.set(Selection::Method(p.clone(), verb));
        }
    };
    let p = path.clone();
    let existing = move || {
        store.design.with(|d| {
            d.resources
                .get(&p)
                .map(|r| r.methods.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let p = path.clone();
    let delete = move |_| {
        let count = store
            .design
            .with_untracked(|d| d.resources.keys().filter(|k| path::is_within(k, &p)).count());
        if store.apply(Edit::DeleteResource { path: p.clone() }) {
            store.selection.set(Selection::Resource(path::parent(&p).unwrap_or("/").to_string()));
            store.tell(format!("Deleted {p} ({count} resource(s)). Ctrl+Z brings it back."));
        }
    };
    let p = path.clone();
    let rename = move |ev: leptos::ev::Event| {
        let part = event_target_value(&ev).trim().to_string();
        let Some(parent) = path::parent(&p) else { return };
        let to = path::child(parent, &part);
        if to != p
            && !part.is_empty()
            && store.apply(Edit::MoveResource { from: p.clone(), to: to.clone() })
        {
            store.selection.set(Selection::Resource(to));
        }
    };
    let current_parent = path::parent(&path).unwrap_or("/").to_string();
    // The new parent is typed, with the resources whose paths contain what is typed offered
    // as suggestions (outside this subtree, a few dozen at most). A list of every resource
    // would be thousands of options, built each time a resource is selected in a large API.
    let parent_query = RwSignal::new(current_parent.clone());
    // Suggested once the field is focused, not each time a resource is selected.
    let suggesting = RwSignal::new(false);
    let p = path.clone();
    let parent_options = move || {
        if !suggesting.get() {
            return Vec::new();
        }
        store.outline.track();
        let query = parent_query.get();
        store.design.with_untracked(|d| {
            d.resources
                .keys()
                .filter(|k| !path::is_within(k, &p) && k.contains(query.trim()))
                .take(PARENT_SUGGESTIONS)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let p = path.clone();
    let parent_now = current_parent;
    let move_to = move |ev: leptos::ev::Event| {
        let parent = event_target_value(&ev).trim().to_string();
        if parent == parent_now {
            return;
        }
        let to = path::child(&parent, path::path_part(&p));
        if store.apply(Edit::MoveResource { from: p.clone(), to: to.clone() }) {
            store.selection.set(Selection::Resource(to));
        } else {
            // Refused (the message says why): the field shows where the resource still is.
            parent_query.set(parent_now.clone());
        }
    };
    let parents_list = format!("parents:{path}");
    let is_root = path == "/";
    let path_for_methods = path.clone();
    let owner = Owner::Resource { path: path.clone() };
    let placeholders = path::placeholders(&path).join(", ");
    view! {
        <section class="card">
            <h2 class="mono">{path.clone()}</h2>
            <ResourceProblems owner=owner.clone() />
            {(!is_root).then(|| view! {
                <div class="grid2">
                    <label class="field">
                        <span class="label">"Path part (rename)"</span>
                        <input id=field_id(&owner, "pathPart", None) class="mono" type="text" spellcheck="false" prop:value=path::path_part(&path).to_string() on:change=rename />
                    </label>
                    <label class="field">
                        <span class="label">"Parent (move)"</span>
                        <input class="mono" type="text" spellcheck="false" autocomplete="off" list=parents_list.clone()
                            prop:value=move || parent_query.get() on:focus=move |_| suggesting.set(true)
                            on:input=move |ev| parent_query.set(event_target_value(&ev)) on:change=move_to />
                        <datalist id=parents_list.clone()>
                            {move || parent_options().into_iter().map(|k| view! { <option value=k></option> }).collect_view()}
                        </datalist>
                    </label>
                </div>
                <button class="danger" on:click=delete.clone()>"Delete resource and its subtree"</button>
            })}
            {(!placeholders.is_empty()).then(|| view! { <p class="hint">"Path parameters: " <span class="mono">{placeholders.clone()}</span></p> })}
        </section>
        <section class="card">
            <h3>"Methods"</h3>
            <div class="chips">
                <For each=existing key=|v| v.clone() let:verb>
                    {
                        let p = path_for_methods.clone();
                        let v = verb.clone();
                        view! { <button class=format!("verb verb-{}", verb.to_ascii_lowercase()) on:click=move |_| store.selection.set(Selection::Method(p.clone(), v.clone()))>{verb.clone()}</button> }
                    }
                </For>
            </div>
            <div class="map-add">
                <select aria-label="HTTP method to add" on:change=move |ev| new_verb.set(event_target_value(&ev))>
                    {facts::HTTP_METHODS.iter().map(|v| view! { <option value=*v selected=move || new_verb.get() == *v>{*v}</option> }).collect_view()}
                </select>
                <button class="small" on:click=add_method>"Add method"</button>
            </div>
        </section>
        <CorsCard path=path.clone() />
        <section class="card">
            <h3>"Add child resource"</h3>
            <div class="map-add">
                <span class="mono prefix">{if is_root { "/".to_string() } else { format!("{path}/") }}</span>
                <input id="new-child" class="mono" type="text" spellcheck="false" autocomplete="off" placeholder="pets or {petId}" aria-label="New resource path part"
                    prop:value=move || child_part.get() disabled=move || proxy.get()
                    on:input=move |ev| child_part.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { add_on_enter() } />
                <label class="check inline"><input type="checkbox" prop:checked=move || proxy.get() on:change=move |ev| proxy.set(event_target_checked(&ev)) />
                    <span>"Proxy resource ({proxy+} with ANY)"</span></label>
                <button class="small primary" on:click=move |_| add_child() disabled=move || (!proxy.get() && child_part.get().trim().is_empty()) || preview.with(|p| p.iter().any(|d| d.is_error()))>"Create resource"</button>
            </div>
            <p class="hint">"Letters, digits, . _ - : — a variable is a whole segment: {name}, or {name+} (greedy, last)."</p>
            <div class="inline-rules" aria-live="polite">
                <For each=move || preview.get() key=|d| (d.code, d.message.clone()) let:d>
                    <div class="problem" class:error=d.is_error() class:warning=!d.is_error()>
                        <span class="code">{d.code}</span>" "{d.message.clone()}<div class="fix">{d.fix.clone()}</div>
                    </div>
                </For>
            </div>
        </section>
    }
}

/// Enable CORS: choose the origin and headers, see every change, then apply it as one undo step.
#[component]
fn CorsCard(path: String) -> impl IntoView {
    let store = use_store();
    let open = RwSignal::new(false);
    let origin = RwSignal::new("'*'".to_string());
    let headers = RwSignal::new(facts::CORS_ALLOW_HEADERS_DEFAULT.to_string());
    let subtree = RwSignal::new(false);
    let p = path;
    let planned = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        let options = CorsOptions {
            allow_origin: origin.get(),
            allow_headers: headers.get(),
            subtree: subtree.get(),
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
                <label class="check"><input type="checkbox" prop:checked=move || subtree.get() on:change=move |ev| subtree.set(event_target_checked(&ev)) />
                    <span>"Also every resource beneath"</span></label>
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

/// Diagnostics about an owner as a whole (those on one of its fields are shown at the field).
#[component]
fn ResourceProblems(owner: Owner) -> impl IntoView {
    let store = use_store();
    let list = move || store.diagnostics_of(&owner, |d| d.target.field.is_none());
    view! {
        <For each=list key=|d| (d.code, d.message.clone()) let:d>
            <div class="problem" class:error=d.is_error() class:warning=!d.is_error() role="alert">
                <span class="code">{d.code}</span>" "{d.message.clone()}<div class="fix">{d.fix.clone()}</div>
            </div>
        </For>
    }
}

// ---------------------------------------------------------------- method

/// Reads one value of the method reactively. It is a memo: an edit elsewhere in the design
/// (another field, another method) leaves it, and everything rendered from it, untouched.
fn method_signal<T>(
    store: Store,
    path: &str,
    verb: &str,
    read: impl Fn(&Method) -> T + Send + Sync + 'static,
) -> Signal<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    // Boxed, so that the memo's code is generated once per value type, not once per field.
    let read: Box<dyn Fn(&Method) -> T + Send + Sync> = Box::new(read);
    let (p, v) = (path.to_string(), verb.to_string());
    Memo::new(move |_| store.design.with(|d| d.method(&p, &v).map(&read).unwrap_or_default()))
        .into()
}

/// A memo over the design, as a signal for the form components.
fn design_memo<T>(read: impl Fn(&apigw_core::Design) -> T + Send + Sync + 'static) -> Signal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let store = use_store();
    let read: Box<dyn Fn(&apigw_core::Design) -> T + Send + Sync> = Box::new(read);
    Memo::new(move |_| store.design.with(&read)).into()
}

fn set_field(store: Store, path: &str, verb: &str, field: Field, value: FieldValue, group: bool) {
    let key = format!("{path} {verb} {}", field.name());
    let edit = Edit::SetField { path: path.into(), verb: verb.into(), field, value };
    store.apply_grouped(edit, group.then_some(key.as_str()));
}

fn text_commit(store: Store, path: &str, verb: &str, field: Field) -> Callback<String> {
    let (p, v) = (path.to_string(), verb.to_string());
    Callback::new(move |text: String| {
        set_field(store, &p, &v, field.clone(), FieldValue::Text(opt(text)), true)
    })
}

fn select_commit(store: Store, path: &str, verb: &str, field: Field) -> Callback<String> {
    let (p, v) = (path.to_string(), verb.to_string());
    Callback::new(move |text: String| {
        set_field(store, &p, &v, field.clone(), FieldValue::Text(opt(text)), false)
    })
}

fn map_entries<T: Clone>(
    map: &apigw_core::map::Map<String, T>,
    wrap: impl Fn(T) -> Entry,
) -> Vec<(String, Entry)> {
    map.iter().map(|(k, v)| (k.clone(), wrap(v.clone()))).collect()
}

#[component]
fn MethodEditor(path: String, verb: String) -> impl IntoView {
    let store = use_store();
    let exists = {
        let (p, v) = (path.clone(), verb.clone());
        move || store.design.with(|d| d.method(&p, &v).is_some())
    };
    let scroll_to = |id: &'static str| {
        move |_| {
            if let Some(el) = document().get_element_by_id(id) {
                el.scroll_into_view();
            }
        }
    };
    let (p, v) = (path.clone(), verb.clone());
    let delete = move |_| {
        if store.apply(Edit::PutMethod { path: p.clone(), verb: v.clone(), value: None }) {
            store.selection.set(Selection::Resource(p.clone()));
            store.tell(format!("Deleted {} {}. Ctrl+Z brings it back.", v, p));
        }
    };
    let method_owner = Owner::method(&path, &verb);
    view! {
        <Show when=exists fallback=|| view! { <p class="hint">"This method no longer exists."</p> }>
            <section class="card method-head">
                <h2><span class=format!("verb verb-{}", verb.to_ascii_lowercase())>{verb.clone()}</span>" "<span class="mono">{path.clone()}</span></h2>
                <ResourceProblems owner=method_owner.clone() />
                <div class="flow" role="navigation" aria-label="Method execution">
                    <button class="flow-step" on:click=scroll_to("sec-method-request")>"Method request"</button>
                    <span class="flow-arrow" aria-hidden="true">"→"</span>
                    <button class="flow-step" on:click=scroll_to("sec-integration-request")>"Integration request"</button>
                    <span class="flow-arrow" aria-hidden="true">"→"</span>
                    <button class="flow-step" on:click=scroll_to("sec-integration-response")>"Integration response"</button>
                    <span class="flow-arrow" aria-hidden="true">"→"</span>
                    <button class="flow-step" on:click=scroll_to("sec-method-response")>"Method response"</button>
                </div>
                <button class="danger small" on:click=delete.clone()>"Delete method"</button>
            </section>
            <MethodRequest path=path.clone() verb=verb.clone() />
            <IntegrationRequest path=path.clone() verb=verb.clone() />
            <IntegrationResponses path=path.clone() verb=verb.clone() />
            <MethodResponses path=path.clone() verb=verb.clone() />
        </Show>
    }
}

#[component]
fn MethodRequest(path: String, verb: String) -> impl IntoView {
    let store = use_store();
    let owner = Owner::method(&path, &verb);
    let auth = method_signal(store, &path, &verb, |m| m.authorization_type.clone());
    let authorizer =
        method_signal(store, &path, &verb, |m| m.authorizer.clone().unwrap_or_default());
    let scopes = method_signal(store, &path, &verb, |m| m.authorization_scopes.join(", "));
    let api_key = method_signal(store, &path, &verb, |m| m.api_key_required);
    let operation =
        method_signal(store, &path, &verb, |m| m.operation_name.clone().unwrap_or_default());
    let validator =
        method_signal(store, &path, &verb, |m| m.request_validator.clone().unwrap_or_default());
    let params =
        method_signal(store, &path, &verb, |m| map_entries(&m.request_parameters, Entry::Flag));
    let models =
        method_signal(store, &path, &verb, |m| map_entries(&m.request_models, Entry::Text));
    let authorizer_names = design_memo(|d| d.authorizers.keys().cloned().collect::<Vec<_>>());
    let validator_names = design_memo(|d| d.request_validators.keys().cloned().collect::<Vec<_>>());
    let model_names = design_memo(|d| {
        let mut names: Vec<String> = vec!["Empty".into(), "Error".into()];
        names.extend(d.models.keys().cloned());
        names
    });
    let (p, v) = (path.clone(), verb.clone());
    let scopes_commit = Callback::new(move |text: String| {
        let list =
            text.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        set_field(store, &p, &v, Field::AuthorizationScopes, FieldValue::List(list), true)
    });
    let (p, v) = (path.clone(), verb.clone());
    let key_commit = Callback::new(move |b: bool| {
        set_field(store, &p, &v, Field::ApiKeyRequired, FieldValue::Flag(b), false)
    });
    let placeholders: Vec<String> =
        path::placeholders(&path).into_iter().map(str::to_string).collect();
    let (p, v) = (path.clone(), verb.clone());
    let missing_path_params = move || {
        let declared = params.get();
        placeholders
            .iter()
            .filter(|n| !declared.iter().any(|(k, _)| *k == format!("method.request.path.{n}")))
            .cloned()
            .collect::<Vec<_>>()
    };
    let declare = move |name: String| {
        store.apply(Edit::SetEntry {
            path: p.clone(),
            verb: v.clone(),
            map: MapRef::RequestParameters,
            key: format!("method.request.path.{name}"),
            value: Some(Entry::Flag(true)),
        });
    };
    let authorizer_id = field_id(&owner, "authorizer", None);
    let scopes_id = field_id(&owner, "authorizationScopes", None);
    let authorizer_commit = select_commit(store, &path, &verb, Field::Authorizer);
    view! {
        <section class="card" id="sec-method-request">
            <h3>"Method request"</h3>
            <div class="grid2">
                <SelectField label="Authorization" id=field_id(&owner, "authorizationType", None) value=auth options=strings(facts::AUTHORIZATION_TYPES)
                    commit=select_commit(store, &path, &verb, Field::AuthorizationType) />
                <Show when=move || matches!(auth.get().as_str(), "CUSTOM" | "COGNITO_USER_POOLS") || !authorizer.get().is_empty()>
                    <SelectField label="Authorizer" id=authorizer_id.clone() value=authorizer options=authorizer_names optional="(none)"
                        commit=authorizer_commit />
                </Show>
            </div>
            <Problems owner=owner.clone() field="authorizationType" />
            <Problems owner=owner.clone() field="authorizer" />
            <Show when=move || auth.get() == "COGNITO_USER_POOLS" || !scopes.get().is_empty()>
                <TextField label="OAuth scopes (comma-separated)" id=scopes_id.clone() value=scopes commit=scopes_commit mono=true placeholder="email openid" />
            </Show>
            <Problems owner=owner.clone() field="authorizationScopes" />
            <div class="grid2">
                <SelectField label="Request validator" id=field_id(&owner, "requestValidator", None) value=validator options=validator_names optional="(none)"
                    commit=select_commit(store, &path, &verb, Field::RequestValidator) />
                <TextField label="Operation name" id=field_id(&owner, "operationName", None) value=operation placeholder="ListPets"
                    commit=text_commit(store, &path, &verb, Field::OperationName) />
            </div>
            <Problems owner=owner.clone() field="requestValidator" />
            <CheckField label="API key required" id=field_id(&owner, "apiKeyRequired", None) value=api_key commit=key_commit />
            <h4>"Path parameters"</h4>
            <p class="hint">"Derived from the resource path; declare them so integrations can map them."</p>
            <MapEditor path=path.clone() verb=verb.clone() map=MapRef::RequestParameters owner=owner.clone() field="requestParameters" entries=params
                values=Values::Required prefix="method.request.path." key_placeholder="name" add_label="Add path parameter" />
            <div class="chips">
                {move || missing_path_params().into_iter().map(|n| { let declare = declare.clone(); let label = format!("Declare {{{n}}}"); view! { <button class="small" on:click=move |_| declare(n.clone())>{label}</button> } }).collect_view()}
            </div>
            <h4>"URL query string parameters"</h4>
            <MapEditor path=path.clone() verb=verb.clone() map=MapRef::RequestParameters owner=owner.clone() field="requestParameters" entries=params
                values=Values::Required prefix="method.request.querystring." key_placeholder="page" add_label="Add query string" />
            <h4>"HTTP request headers"</h4>
            <MapEditor path=path.clone() verb=verb.clone() map=MapRef::RequestParameters owner=owner.clone() field="requestParameters" entries=params
                values=Values::Required prefix="method.request.header." key_placeholder="X-Request-Id" add_label="Add header" />
            <OtherKeys entries=params known=&["method.request.path.", "method.request.querystring.", "method.request.header."]
                path=path.clone() verb=verb.clone() map=MapRef::RequestParameters owner=owner.clone() field="requestParameters" />
            <h4>"Request models"</h4>
            <MapEditor path=path verb=verb map=MapRef::RequestModels owner=owner field="requestModels" entries=models
                values=Values::Line key_placeholder="application/json" value_placeholder="model name" add_label="Add model"
                key_suggestions=Signal::derive(|| strings(&["application/json", "application/xml", "text/plain"])) value_suggestions=model_names />
        </section>
    }
}

/// Keys of a map that match none of the known prefixes (malformed keys from an import), so they
/// can still be seen and fixed.
#[component]
fn OtherKeys(
    entries: Signal<Vec<(String, Entry)>>,
    known: &'static [&'static str],
    path: String,
    verb: String,
    map: MapRef,
    owner: Owner,
    field: &'static str,
) -> impl IntoView {
    let others = Signal::derive(move || {
        entries
            .get()
            .into_iter()
            .filter(|(k, _)| !known.iter().any(|p| k.starts_with(p)))
            .collect::<Vec<_>>()
    });
    view! {
        <Show when=move || !others.get().is_empty()>
            <h4>"Other keys"</h4>
            <MapEditor path=path.clone() verb=verb.clone() map=map.clone() owner=owner.clone() field=field entries=others values=Values::Required add_label="Add" />
        </Show>
    }
}

#[component]
fn IntegrationRequest(path: String, verb: String) -> impl IntoView {
    let store = use_store();
    let has = method_signal(store, &path, &verb, |m| m.integration.is_some());
    let (p, v) = (path.clone(), verb.clone());
    let add = move |kind: &'static str| {
        let integration = starter_integration(kind, &path::placeholders(&p));
        store.apply(Edit::SetIntegration {
            path: p.clone(),
            verb: v.clone(),
            value: Some(integration),
        });
    };
    view! {
        <section class="card" id="sec-integration-request">
            <h3>"Integration request"</h3>
            <Show when=move || has.get() fallback={
                let add = add.clone();
                move || {
                    let add = add.clone();
                    view! {
                        <p class="hint">"No integration yet. Choose what this method calls:"</p>
                        <div class="chips">
                            {[("Lambda proxy", "AWS_PROXY"), ("HTTP", "HTTP"), ("HTTP proxy", "HTTP_PROXY"), ("AWS service", "AWS"), ("Mock", "MOCK")]
                                .into_iter().map(|(label, kind)| { let add = add.clone(); view! { <button class="small" on:click=move |_| add(kind)>{label}</button> } }).collect_view()}
                        </div>
                    }
                }
            }>
                <IntegrationFields path=path.clone() verb=verb.clone() />
            </Show>
        </section>
    }
}

/// A new integration of a type, with the fields the console would prefill.
fn starter_integration(kind: &str, placeholders: &[&str]) -> Integration {
    let mut i = Integration { integration_type: kind.into(), ..Default::default() };
    match kind {
        "MOCK" => {
            i.request_templates.insert("application/json".into(), "{\"statusCode\": 200}".into());
            i.passthrough_behavior = Some("WHEN_NO_MATCH".into());
        }
        "AWS_PROXY" => {
            i.integration_http_method = Some("POST".into());
            i.uri = Some(facts::uri_hint("AWS_PROXY").1.into());
        }
        _ => {
            i.integration_http_method = Some(if kind == "AWS" { "POST" } else { "GET" }.into());
            i.passthrough_behavior = (!facts::is_proxy(kind)).then(|| "WHEN_NO_MATCH".into());
            for name in placeholders {
                i.request_parameters.insert(
                    format!("integration.request.path.{name}"),
                    format!("method.request.path.{name}"),
                );
            }
        }
    }
    i
}

#[component]
fn IntegrationFields(path: String, verb: String) -> impl IntoView {
    let store = use_store();
    let owner = Owner::integration(&path, &verb);
    let get = |f: fn(&Integration) -> String| {
        method_signal(store, &path, &verb, move |m| {
            m.integration.as_ref().map(f).unwrap_or_default()
        })
    };
    let kind = get(|i| i.integration_type.clone());
    let http_method = get(|i| i.integration_http_method.clone().unwrap_or_default());
    let uri = get(|i| i.uri.clone().unwrap_or_default());
    let connection_type = get(|i| i.connection_type.clone().unwrap_or_default());
    let connection_id = get(|i| i.connection_id.clone().unwrap_or_default());
    let credentials = get(|i| i.credentials.clone().unwrap_or_default());
    let passthrough = get(|i| i.passthrough_behavior.clone().unwrap_or_default());
    let content_handling = get(|i| i.content_handling.clone().unwrap_or_default());
    let cache_namespace = get(|i| i.cache_namespace.clone().unwrap_or_default());
    let cache_keys = get(|i| i.cache_key_parameters.join(", "));
    let transfer = get(|i| i.response_transfer_mode.clone().unwrap_or_default());
    let timeout = method_signal(store, &path, &verb, |m| {
        m.integration.as_ref().and_then(|i| i.timeout_in_millis)
    });
    let tls_skip = method_signal(store, &path, &verb, |m| {
        m.integration
            .as_ref()
            .and_then(|i| i.tls_config.as_ref())
            .is_some_and(|t| t.insecure_skip_verification)
    });
    let params = method_signal(store, &path, &verb, |m| {
        m.integration
            .as_ref()
            .map(|i| map_entries(&i.request_parameters, Entry::Text))
            .unwrap_or_default()
    });
    let templates = method_signal(store, &path, &verb, |m| {
        m.integration
            .as_ref()
            .map(|i| map_entries(&i.request_templates, Entry::Text))
            .unwrap_or_default()
    });
    let declared = method_signal(store, &path, &verb, |m| {
        m.request_parameters.keys().cloned().collect::<Vec<_>>()
    });
    let sources = Signal::derive(move || {
        let mut out: Vec<String> = declared.get();
        out.extend(facts::CONTEXT_VARIABLES.iter().map(|v| format!("context.{v}")));
        out.push("stageVariables.".into());
        out.push("method.request.body".into());
        out
    });
    let path_holders: Vec<String> =
        path::placeholders(&path).into_iter().map(|n| format!("path.{n}")).collect();
    let targets = Signal::derive(move || {
        declared
            .get()
            .iter()
            .filter_map(|k| k.strip_prefix("method.request."))
            .map(|k| format!("integration.request.{k}"))
            .chain(path_holders.iter().map(|k| format!("integration.request.{k}")))
            .collect::<Vec<_>>()
    });
    let (p, v) = (path.clone(), verb.clone());
    let timeout_commit = Callback::new(move |text: String| {
        set_field(
            store,
            &p,
            &v,
            Field::TimeoutInMillis,
            FieldValue::Number(text.trim().parse().ok()),
            true,
        )
    });
    let (p, v) = (path.clone(), verb.clone());
    let default_timeout = Callback::new(move |use_default: bool| {
        let value = if use_default { None } else { Some(facts::TIMEOUT_DEFAULT_MS) };
        set_field(store, &p, &v, Field::TimeoutInMillis, FieldValue::Number(value), false)
    });
    let (p, v) = (path.clone(), verb.clone());
    let tls_commit = Callback::new(move |skip: bool| {
        set_field(
            store,
            &p,
            &v,
            Field::TlsConfig,
            FieldValue::Tls(Some(TlsConfig { insecure_skip_verification: skip })),
            false,
        )
    });
    let (p, v) = (path.clone(), verb.clone());
    let keys_commit = Callback::new(move |text: String| {
        let list =
            text.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        set_field(store, &p, &v, Field::CacheKeyParameters, FieldValue::List(list), true)
    });
    let (p, v) = (path.clone(), verb.clone());
    let remove = move |_| {
        store.apply(Edit::SetIntegration { path: p.clone(), verb: v.clone(), value: None });
    };
    let not_mock = move || kind.get() != "MOCK";
    let is_http = move || matches!(kind.get().as_str(), "HTTP" | "HTTP_PROXY");
    let is_aws = move || matches!(kind.get().as_str(), "AWS" | "AWS_PROXY");
    let is_proxy = move || facts::is_proxy(&kind.get());
    let hint = Signal::derive(move || facts::uri_hint(&kind.get()));
    let id_http = field_id(&owner, "integrationHttpMethod", None);
    let id_uri = field_id(&owner, "uri", None);
    let id_conn = field_id(&owner, "connectionType", None);
    let id_conn_id = field_id(&owner, "connectionId", None);
    let id_cred = field_id(&owner, "credentials", None);
    let id_pass = field_id(&owner, "passthroughBehavior", None);
    let id_transfer = field_id(&owner, "responseTransferMode", None);
    let id_timeout = field_id(&owner, "timeoutInMillis", None);
    let id_tls = field_id(&owner, "tlsConfig", None);
    let http_commit = select_commit(store, &path, &verb, Field::IntegrationHttpMethod);
    let conn_commit = select_commit(store, &path, &verb, Field::ConnectionType);
    let conn_id_commit = text_commit(store, &path, &verb, Field::ConnectionId);
    let cred_commit = text_commit(store, &path, &verb, Field::Credentials);
    let pass_commit = select_commit(store, &path, &verb, Field::PassthroughBehavior);
    let transfer_commit = select_commit(store, &path, &verb, Field::ResponseTransferMode);
    let (p, v) = (path.clone(), verb.clone());
    let uri_commit = Callback::new(move |text: String| {
        set_field(store, &p, &v, Field::Uri, FieldValue::Text(opt(text)), true)
    });
    let template_keys = Signal::derive(|| {
        strings(&[
            "application/json",
            "application/xml",
            "application/x-www-form-urlencoded",
            "text/plain",
        ])
    });
    let (path_t, verb_t, owner_t) = (path.clone(), verb.clone(), owner.clone());
    let owner_p = owner.clone();
    view! {
        <div class="grid2">
            <SelectField label="Integration type" id=field_id(&owner, "type", None) value=kind options=strings(facts::INTEGRATION_TYPES)
                commit=select_commit(store, &path, &verb, Field::IntegrationType) />
            <Show when=not_mock>
                <SelectField label="HTTP method" id=id_http.clone() value=http_method options=strings(facts::INTEGRATION_HTTP_METHODS) optional="(not set)"
                    commit=http_commit />
            </Show>
        </div>
        <Problems owner=owner.clone() field="type" />
        <Problems owner=owner.clone() field="integrationHttpMethod" />
        <Show when=not_mock>
            <label class="field">
                <span class="label">{move || if is_aws() { "Target ARN (uri)" } else { "Endpoint URL (uri)" }}</span>
                <input id=id_uri.clone() class="mono" type="text" spellcheck="false" autocomplete="off" placeholder=move || hint.get().1
                    prop:value=move || uri.get() on:input=move |ev| uri_commit.run(event_target_value(&ev))
                    on:blur=move |_| store.seal() />
                <span class="hint">{move || hint.get().0}" e.g. "<span class="mono">{move || hint.get().1}</span></span>
            </label>
        </Show>
        <Problems owner=owner.clone() field="uri" />
        <Show when=is_http>
            <div class="grid2">
                <SelectField label="Connection" id=id_conn.clone() value=connection_type options=strings(facts::CONNECTION_TYPES) optional="INTERNET (default)"
                    commit=conn_commit />
                {
                    let id_conn_id = id_conn_id.clone();
                    move || (connection_type.get() == "VPC_LINK" || !connection_id.get().is_empty()).then(|| view! {
                        <TextField label="VPC link id" id=id_conn_id.clone() value=connection_id mono=true placeholder="${stageVariables.vpcLinkId}"
                            commit=conn_id_commit />
                    })
                }
            </div>
        </Show>
        <Problems owner=owner.clone() field="connectionType" />
        <Problems owner=owner.clone() field="connectionId" />
        <Show when=move || is_aws() || !credentials.get().is_empty()>
            <TextField label="Execution role (credentials)" id=id_cred.clone() value=credentials mono=true placeholder="arn:aws:iam::123456789012:role/apigw-invoke"
                commit=cred_commit />
        </Show>
        <Problems owner=owner.clone() field="credentials" />
        <h4>"Parameter mappings"</h4>
        <p class="hint">"integration.request.{path|querystring|header}.name ← method.request.*, 'static', context.*, stageVariables.*"</p>
        <MapEditor path=path.clone() verb=verb.clone() map=MapRef::IntegrationRequestParameters owner=owner.clone() field="requestParameters" entries=params
            values=Values::Line key_placeholder="integration.request.header.X-Id" value_placeholder="method.request.header.X-Id"
            key_suggestions=targets value_suggestions=sources add_label="Add mapping" />
        {move || (!is_proxy()).then(|| view! {
            <h4>"Mapping templates"</h4>
            <MapEditor path=path_t.clone() verb=verb_t.clone() map=MapRef::RequestTemplates owner=owner_t.clone() field="requestTemplates" entries=templates
                values=Values::Template key_placeholder="application/json" add_label="Add template" key_suggestions=template_keys />
            <SelectField label="Request body passthrough" id=id_pass.clone() value=passthrough options=strings(facts::PASSTHROUGH_BEHAVIORS) optional="(not set)"
                commit=pass_commit />
            <Problems owner=owner_t.clone() field="passthroughBehavior" />
        })}
        {move || is_proxy().then(|| view! { <Problems owner=owner_p.clone() field="requestTemplates" /> })}
        <div class="grid2">
            <SelectField label="Content handling" id=field_id(&owner, "contentHandling", None) value=content_handling options=strings(facts::CONTENT_HANDLING) optional="Passthrough"
                commit=select_commit(store, &path, &verb, Field::ContentHandling) />
            <Show when=is_proxy>
                <SelectField label="Response transfer mode" id=id_transfer.clone() value=transfer options=strings(facts::RESPONSE_TRANSFER_MODES) optional="BUFFERED (default)"
                    commit=transfer_commit />
            </Show>
        </div>
        <Problems owner=owner.clone() field="contentHandling" />
        <Problems owner=owner.clone() field="responseTransferMode" />
        <div class="grid2">
            <div>
                <CheckField label="Use default timeout (29 s)" id="timeout-default".to_string() value=Signal::derive(move || timeout.get().is_none()) commit=default_timeout />
                <Show when=move || timeout.get().is_some()>
                    <TextField label="Timeout (ms)" id=id_timeout.clone() value=Signal::derive(move || timeout.get().map(|t| t.to_string()).unwrap_or_default()) commit=timeout_commit />
                </Show>
            </div>
            <Show when=is_http>
                <div>
                    <CheckField label="Skip TLS certificate verification" id=id_tls.clone() value=tls_skip commit=tls_commit />
                    <span class="hint">"Only for back ends with self-signed certificates; anyone on the path can then intercept."</span>
                </div>
            </Show>
        </div>
        <Problems owner=owner.clone() field="timeoutInMillis" />
        <Problems owner=owner.clone() field="tlsConfig" />
        <div class="grid2">
            <TextField label="Cache namespace" id=field_id(&owner, "cacheNamespace", None) value=cache_namespace commit=text_commit(store, &path, &verb, Field::CacheNamespace) />
            <TextField label="Cache key parameters (comma-separated)" id=field_id(&owner, "cacheKeyParameters", None) value=cache_keys mono=true commit=keys_commit />
        </div>
        <Problems owner=owner field="cacheKeyParameters" />
        <button class="danger small" on:click=remove>"Remove integration"</button>
    }
}

#[component]
fn IntegrationResponses(path: String, verb: String) -> impl IntoView {
    let store = use_store();
    let statuses = method_signal(store, &path, &verb, |m| {
        m.integration
            .as_ref()
            .map(|i| i.integration_responses.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let has = method_signal(store, &path, &verb, |m| m.integration.is_some());
    let method_statuses = method_signal(store, &path, &verb, |m| {
        m.method_responses.keys().cloned().collect::<Vec<_>>()
    });
    let new_status = RwSignal::new(String::new());
    let (p, v) = (path.clone(), verb.clone());
    let add = move |_| {
        let status = new_status.get_untracked();
        let status = if status.is_empty() {
            method_statuses.get_untracked().first().cloned().unwrap_or("200".into())
        } else {
            status
        };
        store.apply(Edit::PutIntegrationResponse {
            path: p.clone(),
            verb: v.clone(),
            status,
            value: Some(IntegrationResponse::default()),
        });
    };
    view! {
        <section class="card" id="sec-integration-response">
            <h3>"Integration responses"</h3>
            {move || {
                if !has.get() {
                    return view! { <p class="hint">"Add an integration first."</p> }.into_any();
                }
                let (path, verb, add) = (path.clone(), verb.clone(), add.clone());
                view! {
                    <For each=move || statuses.get() key=|s| s.clone() let:status>
                        <IntegrationResponseRow path=path.clone() verb=verb.clone() status=status />
                    </For>
                    <div class="map-add">
                        <select aria-label="Method response status" on:change=move |ev| new_status.set(event_target_value(&ev))>
                            {move || method_statuses.get().into_iter().map(|s| view! { <option value=s>{s.clone()}</option> }).collect_view()}
                        </select>
                        <button class="small" on:click=add>"Add integration response"</button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn IntegrationResponseRow(path: String, verb: String, status: String) -> impl IntoView {
    let store = use_store();
    let owner = Owner::integration_response(&path, &verb, &status);
    let s = status.clone();
    let response = method_signal(store, &path, &verb, move |m| {
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
    let headers = method_signal(store, &path, &verb, move |m| {
        m.method_responses
            .get(&s)
            .map(|r| r.response_parameters.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let (p, v, s) = (path.clone(), verb.clone(), status.clone());
    let remove = move |_| {
        store.apply(Edit::PutIntegrationResponse {
            path: p.clone(),
            verb: v.clone(),
            status: s.clone(),
            value: None,
        });
    };
    view! {
        <div class="subcard">
            <div class="subcard-title">
                <strong>{format!("→ method response {status}")}</strong>
                <button class="icon danger" title="Remove integration response" on:click=remove>"✕"</button>
            </div>
            <ResourceProblems owner=owner.clone() />
            <div class="grid2">
                <TextField label="Selection pattern (regex; empty = default)" id=field_id(&owner, "selectionPattern", None) value=pattern mono=true placeholder="4\\d{2}"
                    commit=text_commit(store, &path, &verb, Field::SelectionPattern { status: status.clone() }) />
                <SelectField label="Content handling" id=field_id(&owner, "contentHandling", None) value=handling options=strings(facts::CONTENT_HANDLING) optional="Passthrough"
                    commit=select_commit(store, &path, &verb, Field::ResponseContentHandling { status: status.clone() }) />
            </div>
            <Problems owner=owner.clone() field="selectionPattern" />
            <h4>"Header mappings"</h4>
            <MapEditor path=path.clone() verb=verb.clone() map=MapRef::IntegrationResponseParameters { status: status.clone() } owner=owner.clone() field="responseParameters" entries=params
                values=Values::Line key_placeholder="method.response.header.Access-Control-Allow-Origin" value_placeholder="'*'" add_label="Add header mapping"
                key_suggestions=headers value_suggestions=Signal::derive(|| strings(&["'*'", "integration.response.header.", "integration.response.body", "context.requestId"])) />
            <h4>"Mapping templates"</h4>
            <MapEditor path=path verb=verb map=MapRef::ResponseTemplates { status } owner=owner field="responseTemplates" entries=templates
                values=Values::Template key_placeholder="application/json" add_label="Add template" />
        </div>
    }
}

#[component]
fn MethodResponses(path: String, verb: String) -> impl IntoView {
    let store = use_store();
    let statuses = method_signal(store, &path, &verb, |m| {
        m.method_responses.keys().cloned().collect::<Vec<_>>()
    });
    let new_status = RwSignal::new("200".to_string());
    let (p, v) = (path.clone(), verb.clone());
    let add = move || {
        store.apply(Edit::PutMethodResponse {
            path: p.clone(),
            verb: v.clone(),
            status: new_status.get_untracked().trim().to_string(),
            value: Some(MethodResponse::default()),
        });
    };
    let add_enter = add.clone();
    view! {
        <section class="card" id="sec-method-response">
            <h3>"Method responses"</h3>
            <For each=move || statuses.get() key=|s| s.clone() let:status>
                <MethodResponseRow path=path.clone() verb=verb.clone() status=status />
            </For>
            <div class="map-add">
                <input class="mono" type="text" aria-label="New status code" prop:value=move || new_status.get() on:input=move |ev| new_status.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { add_enter() } />
                <button class="small" on:click=move |_| add()>"Add method response"</button>
            </div>
        </section>
    }
}

#[component]
fn MethodResponseRow(path: String, verb: String, status: String) -> impl IntoView {
    let store = use_store();
    let owner = Owner::method_response(&path, &verb, &status);
    let s = status.clone();
    let response = method_signal(store, &path, &verb, move |m| {
        m.method_responses.get(&s).cloned().unwrap_or_default()
    });
    let headers =
        Signal::derive(move || map_entries(&response.get().response_parameters, Entry::Flag));
    let models = Signal::derive(move || map_entries(&response.get().response_models, Entry::Text));
    let model_names = design_memo(|d| {
        let mut n = vec!["Empty".to_string(), "Error".into()];
        n.extend(d.models.keys().cloned());
        n
    });
    let (p, v, s) = (path.clone(), verb.clone(), status.clone());
    let remove = move |_| {
        store.apply(Edit::PutMethodResponse {
            path: p.clone(),
            verb: v.clone(),
            status: s.clone(),
            value: None,
        });
    };
    view! {
        <div class="subcard">
            <div class="subcard-title">
                <strong class="mono">{status.clone()}</strong>
                <button class="icon danger" title="Remove method response" on:click=remove>"✕"</button>
            </div>
            <ResourceProblems owner=owner.clone() />
            <h4>"Headers"</h4>
            <MapEditor path=path.clone() verb=verb.clone() map=MapRef::ResponseParameters { status: status.clone() } owner=owner.clone() field="responseParameters" entries=headers
                values=Values::Required prefix="method.response.header." key_placeholder="Access-Control-Allow-Origin" add_label="Add header" />
            <OtherKeys entries=headers known=&["method.response.header."] path=path.clone() verb=verb.clone() map=MapRef::ResponseParameters { status: status.clone() } owner=owner.clone() field="responseParameters" />
            <h4>"Models"</h4>
            <MapEditor path=path verb=verb map=MapRef::ResponseModels { status } owner=owner field="responseModels" entries=models
                values=Values::Line key_placeholder="application/json" value_placeholder="model name" add_label="Add model" value_suggestions=model_names />
        </div>
    }
}

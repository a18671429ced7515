//! The API-level lists, authorizers, request validators, models and stages, as one generic
//! component:
//! each item has its name (renamed in place, with every reference), its fields, and remove;
//! the list adds new items by name.

use crate::form::{
    CheckField, MapEditor, OwnerProblems, ProblemList, Problems, SelectField, TextArea, TextField,
    Values, owner_id, strings, target, target_id,
};
use crate::store::{Store, use_store};
use apigw_core::command::Edit;
use apigw_core::diagnostic::{Field, Owner};
use apigw_core::map::Map;
use apigw_core::model::{Authorizer, Design, Model, RequestValidator, Stage};
use apigw_core::{facts, starter};
use leptos::prelude::*;

/// One kind of API-level item, as a list shows it.
pub struct NamedKind<T: 'static> {
    pub title: &'static str,
    /// What one item is called ("authorizer").
    pub what: &'static str,
    pub placeholder: &'static str,
    pub items: fn(&Design) -> &Map<String, T>,
    pub put: fn(String, Option<T>) -> Edit,
    pub rename: fn(String, String) -> Edit,
    pub owner: fn(String) -> Owner,
    /// A new item, as the form adds it.
    pub new: fn() -> T,
    /// The item's fields.
    pub fields: fn(Item<T>) -> AnyView,
    /// Problems of the whole list (a quota), on the API.
    pub list_field: Field,
}

/// One item of a list, as a `Copy` handle for its fields.
pub struct Item<T: 'static> {
    store: Store,
    kind: &'static NamedKind<T>,
    name: StoredValue<String>,
}

impl<T: 'static> Clone for Item<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Item<T> {}

impl<T: Clone + Default + PartialEq + Send + Sync + 'static> Item<T> {
    pub fn owner(self) -> Owner {
        (self.kind.owner)(self.name.get_value())
    }

    /// One value of the item, as a memo.
    pub fn read<U>(self, read: fn(&T) -> U) -> Signal<U>
    where
        U: Clone + PartialEq + Send + Sync + 'static,
    {
        let (store, kind, name) = (self.store, self.kind, self.name);
        Memo::new(move |_| {
            name.with_value(|n| {
                store.design.with(|d| read(&(kind.items)(d).get(n).cloned().unwrap_or_default()))
            })
        })
        .into()
    }

    /// Changes the item as one edit of it; typing in one field merges into one undo step.
    pub fn update(self, field: Field, change: fn(&mut T, String)) -> Callback<String> {
        let (store, kind, name) = (self.store, self.kind, self.name);
        Callback::new(move |text: String| {
            let name = name.get_value();
            let mut value = store
                .design
                .with_untracked(|d| (kind.items)(d).get(&name).cloned().unwrap_or_default());
            change(&mut value, text);
            let group = format!("{} {name} {}", kind.what, field.name());
            store.apply_grouped((kind.put)(name, Some(value)), Some(&group));
        })
    }

    /// A checkbox of the item.
    pub fn toggle(self, change: fn(&mut T, bool)) -> Callback<bool> {
        let (store, kind, name) = (self.store, self.kind, self.name);
        Callback::new(move |flag: bool| {
            let name = name.get_value();
            let mut value = store
                .design
                .with_untracked(|d| (kind.items)(d).get(&name).cloned().unwrap_or_default());
            change(&mut value, flag);
            store.apply((kind.put)(name, Some(value)));
        })
    }
}

#[component]
pub fn NamedList<T: Clone + Default + PartialEq + Send + Sync + 'static>(
    kind: &'static NamedKind<T>,
) -> impl IntoView {
    let store = use_store();
    let names = move || store.design.with(|d| (kind.items)(d).keys().cloned().collect::<Vec<_>>());
    let name = RwSignal::new(String::new());
    // The rules of the name being typed, shown as it is typed; a name that exists already, or
    // that API Gateway would refuse, is not added (by the button or by Enter).
    let typed = Memo::new(move |_| {
        let value = name.get().trim().to_string();
        if value.is_empty() {
            return (Vec::new(), false);
        }
        let exists = store.design.with(|d| (kind.items)(d).contains_key(&value));
        let mut probe = Design::default();
        let owner = (kind.owner)(value.clone());
        let list = match (kind.put)(value, Some((kind.new)())).apply(&mut probe) {
            Ok(_) => apigw_core::validate(&probe)
                .into_iter()
                .filter(|d| d.target.owner == owner && d.target.field.is_none())
                .collect(),
            Err(_) => Vec::new(),
        };
        (list, exists)
    });
    let refused = move || {
        name.with(|n| n.trim().is_empty())
            || typed.with(|(list, exists)| *exists || list.iter().any(|d| d.is_error()))
    };
    let add = move || {
        let value = name.get_untracked().trim().to_string();
        if refused() {
            return;
        }
        if store.apply((kind.put)(value, Some((kind.new)()))) {
            name.set(String::new());
        }
    };
    let add_on_enter = add;
    let add_label = format!("Add {}", kind.what);
    // Problems about the list as a whole (too many of them) focus the row that adds one.
    let list_target = target(&Owner::Api, kind.list_field);
    let add_id = target_id(&list_target);
    view! {
        <section class="card">
            <h2>{kind.title}</h2>
            <For each=names key=|n| n.clone() let:name>
                <NamedItem kind=kind name=name />
            </For>
            <Problems target=list_target />
            <div class="map-add">
                <input id=add_id type="text" placeholder=kind.placeholder aria-label=add_label.clone() prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { add_on_enter() } />
                <button class="small" disabled=refused on:click=move |_| add()>{add_label}</button>
            </div>
            {move || typed.with(|(_, exists)| *exists).then(|| view! {
                <p class="hint">{format!("There is {} of that name already: rename or remove it first.", apigw_core::text::a(kind.what))}</p>
            })}
            <ProblemList list=Signal::derive(move || typed.with(|(list, _)| list.clone())) />
        </section>
    }
}

#[component]
fn NamedItem<T: Clone + Default + PartialEq + Send + Sync + 'static>(
    kind: &'static NamedKind<T>,
    name: String,
) -> impl IntoView {
    let store = use_store();
    let item = Item { store, kind, name: StoredValue::new(name.clone()) };
    let owner = item.owner();
    let from = name.clone();
    let rename = move |ev: leptos::ev::Event| {
        let to = event_target_value(&ev).trim().to_string();
        if !to.is_empty() && to != from {
            store.apply((kind.rename)(from.clone(), to));
        }
    };
    let gone = name.clone();
    let remove = move |_| {
        store.apply((kind.put)(gone.clone(), None));
    };
    view! {
        <div class="subcard">
            <div class="subcard-title">
                <input id=owner_id(&owner) class="name mono" type="text" spellcheck="false" aria-label=format!("Name of {} {name}", kind.what)
                    prop:value=name.clone() on:change=rename />
                <button class="icon danger" title=format!("Remove {} {name}", kind.what) aria-label=format!("Remove {} {name}", kind.what) on:click=remove><span class="i i-close" aria-hidden="true"></span></button>
            </div>
            <OwnerProblems owner=owner />
            {(kind.fields)(item)}
        </div>
    }
}

pub static AUTHORIZERS: NamedKind<Authorizer> = NamedKind {
    title: "Authorizers",
    what: "authorizer",
    placeholder: "authorizer name",
    items: |d| &d.authorizers,
    put: |name, value| Edit::PutAuthorizer { name, value },
    rename: |from, to| Edit::RenameAuthorizer { from, to },
    owner: |name| Owner::Authorizer { name },
    new: starter::authorizer,
    fields: authorizer_fields,
    list_field: Field::Authorizers,
};

fn authorizer_fields(item: Item<Authorizer>) -> AnyView {
    let owner = item.owner();
    let kind = item.read(|a| a.authorizer_type.clone());
    let cognito = Signal::derive(move || facts::is_cognito_authorizer(&kind.get()));
    let (lambda_owner, pool_owner) = (owner.clone(), owner.clone());
    view! {
        <div class="grid2">
            <SelectField label="Type" target=target(&owner, Field::Type) value=kind options=strings(facts::AUTHORIZER_TYPES)
                commit=item.update(Field::Type, |a, v| a.authorizer_type = v) />
            <TextField label="Identity source" target=target(&owner, Field::IdentitySource) mono=true
                value=item.read(|a| a.identity_source.clone().unwrap_or_default())
                commit=item.update(Field::IdentitySource, |a, v| a.identity_source = crate::form::opt(v)) />
        </div>
        <Show when=move || cognito.get() fallback=move || view! {
            <TextField label="Lambda function URI" target=target(&lambda_owner, Field::AuthorizerUri) mono=true
                placeholder="arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations"
                value=item.read(|a| a.authorizer_uri.clone().unwrap_or_default())
                commit=item.update(Field::AuthorizerUri, |a, v| a.authorizer_uri = crate::form::opt(v)) />
        }>
            <TextField label="User pool ARNs (comma-separated)" target=target(&pool_owner, Field::ProviderArns) mono=true
                value=item.read(|a| a.provider_arns.join(", "))
                commit=item.update(Field::ProviderArns, |a, v| a.provider_arns = crate::form::comma_list(&v)) />
        </Show>
        <TextField label="Result TTL (seconds)" target=target(&owner, Field::AuthorizerResultTtlInSeconds)
            value=item.read(|a| a.authorizer_result_ttl_in_seconds.map(|t| t.to_string()).unwrap_or_default())
            commit=item.update(Field::AuthorizerResultTtlInSeconds, |a, v| a.authorizer_result_ttl_in_seconds = v.trim().parse().ok()) />
    }
    .into_any()
}

pub static VALIDATORS: NamedKind<RequestValidator> = NamedKind {
    title: "Request validators",
    what: "validator",
    placeholder: "validator name",
    items: |d| &d.request_validators,
    put: |name, value| Edit::PutRequestValidator { name, value },
    rename: |from, to| Edit::RenameRequestValidator { from, to },
    owner: |name| Owner::RequestValidator { name },
    new: starter::request_validator,
    fields: validator_fields,
    list_field: Field::RequestValidators,
};

fn validator_fields(item: Item<RequestValidator>) -> AnyView {
    let owner = item.owner();
    view! {
        <div class="grid2">
            <CheckField label="Validate body" target=target(&owner, Field::ValidateRequestBody)
                value=item.read(|v| v.validate_request_body) commit=item.toggle(|v, b| v.validate_request_body = b) />
            <CheckField label="Validate parameters" target=target(&owner, Field::ValidateRequestParameters)
                value=item.read(|v| v.validate_request_parameters) commit=item.toggle(|v, b| v.validate_request_parameters = b) />
        </div>
    }
    .into_any()
}

pub static MODELS: NamedKind<Model> = NamedKind {
    title: "Models",
    what: "model",
    placeholder: "ModelName",
    items: |d| &d.models,
    put: |name, value| Edit::PutModel { name, value },
    rename: |from, to| Edit::RenameModel { from, to },
    owner: |name| Owner::Model { name },
    new: Model::default,
    fields: model_fields,
    list_field: Field::Models,
};

fn model_fields(item: Item<Model>) -> AnyView {
    let owner = item.owner();
    view! {
        <TextField label="Content type" target=target(&owner, Field::ContentType)
            value=item.read(|m| m.content_type.clone()) commit=item.update(Field::ContentType, |m, v| m.content_type = v) />
        <TextArea label="Schema (JSON Schema draft 4)" target=target(&owner, Field::Schema)
            value=item.read(|m| m.schema.clone()) commit=item.update(Field::Schema, |m, v| m.schema = v) />
    }
    .into_any()
}

pub static STAGES: NamedKind<Stage> = NamedKind {
    title: "Stages",
    what: "stage",
    placeholder: "stage name, e.g. dev",
    items: |d| &d.stages,
    put: |name, stage| Edit::PutStage { name, stage },
    rename: |from, to| Edit::RenameStage { from, to },
    owner: |name| Owner::Stage { name },
    new: Stage::default,
    fields: stage_fields,
    list_field: Field::Stages,
};

/// A stage: its description and its variables, which `${stageVariables.NAME}` reads. A stage is
/// deployed only when Deploy names it.
fn stage_fields(item: Item<Stage>) -> AnyView {
    let owner = item.owner();
    let variables =
        item.read(|s| super::map_entries(&s.variables, apigw_core::command::Entry::Text));
    view! {
        <TextField label="Description" target=target(&owner, Field::Description)
            value=item.read(|s| s.description.clone().unwrap_or_default())
            commit=item.update(Field::Description, |s, v| s.description = crate::form::opt(v)) />
        <h4>"Variables"</h4>
        <MapEditor owner=owner field=Field::Variables entries=variables values=Values::Line
            key_placeholder="backend" value_placeholder="api.example.com" add_label="Add variable" />
    }
    .into_any()
}

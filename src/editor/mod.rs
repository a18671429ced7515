//! The centre panel: API settings, a resource, or a method laid out as API Gateway's method
//! execution (method request → integration request → integration response → method response).
//!
//! One module per card. A method's cards share a [`MethodForm`] (through context): the store
//! and a `Copy` reference to the method, which reads the method's values as memos and commits
//! a field as an edit of its target.

mod api;
mod cors;
mod gateway_responses;
mod integration_request;
mod integration_responses;
mod method;
mod method_request;
mod method_responses;
mod named;
mod resource;
mod test;

pub use test::TemplateOutput;

use crate::store::{Selection, Store, use_store};
use apigw_core::command::{Edit, Entry, FieldValue};
use apigw_core::diagnostic::{Field, Owner};
use apigw_core::model::Method;
use leptos::prelude::*;

#[component]
pub fn Editor() -> impl IntoView {
    let store = use_store();
    view! {
        <main class="editor" aria-label="Editor">
            {move || if store.chosen.with(|c| !c.is_empty()) {
                view! { <crate::bulk::BulkPanel /> }.into_any()
            } else { match store.selection.get() {
                Selection::Api => view! { <api::ApiEditor /> }.into_any(),
                Selection::Resource(path) => view! { <resource::ResourceEditor path=path /> }.into_any(),
                Selection::Method(path, verb) => view! { <method::MethodEditor path=path verb=verb /> }.into_any(),
            }}}
        </main>
    }
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

/// A map's entries as rows for a map editor.
fn map_entries<T: Clone>(
    map: &apigw_core::map::Map<String, T>,
    wrap: impl Fn(T) -> Entry,
) -> Vec<(String, Entry)> {
    map.iter().map(|(k, v)| (k.clone(), wrap(v.clone()))).collect()
}

/// The names a method or method response may give a model: the built-in ones and the design's.
fn model_names() -> Signal<Vec<String>> {
    design_memo(|d| {
        let mut names: Vec<String> =
            apigw_core::facts::BUILT_IN_MODELS.iter().map(|s| s.to_string()).collect();
        names.extend(d.models.keys().cloned());
        names
    })
}

/// The method a form edits, as a `Copy` handle: its path and verb live in the reactive arena.
#[derive(Clone, Copy)]
pub struct MethodRef(StoredValue<(String, String)>);

impl MethodRef {
    pub fn new(path: &str, verb: &str) -> MethodRef {
        MethodRef(StoredValue::new((path.to_string(), verb.to_string())))
    }

    pub fn path(self) -> String {
        self.0.with_value(|(p, _)| p.clone())
    }

    pub fn verb(self) -> String {
        self.0.with_value(|(_, v)| v.clone())
    }

    /// The method itself, as an owner of fields and diagnostics.
    pub fn owner(self) -> Owner {
        self.0.with_value(|(p, v)| Owner::method(p, v))
    }

    pub fn integration(self) -> Owner {
        self.0.with_value(|(p, v)| Owner::integration(p, v))
    }

    pub fn method_response(self, status: &str) -> Owner {
        self.0.with_value(|(p, v)| Owner::method_response(p, v, status))
    }

    pub fn integration_response(self, status: &str) -> Owner {
        self.0.with_value(|(p, v)| Owner::integration_response(p, v, status))
    }
}

/// What a method's cards share: the store and the method they edit.
#[derive(Clone, Copy)]
pub struct MethodForm {
    pub store: Store,
    pub method: MethodRef,
}

impl MethodForm {
    /// Reads one value of the method reactively. It is a memo: an edit elsewhere in the design
    /// (another field, another method) leaves it, and everything rendered from it, untouched.
    pub fn read<T>(self, read: impl Fn(&Method) -> T + Send + Sync + 'static) -> Signal<T>
    where
        T: Clone + Default + PartialEq + Send + Sync + 'static,
    {
        // Boxed, so that the memo's code is generated once per value type, not once per field.
        let read: Box<dyn Fn(&Method) -> T + Send + Sync> = Box::new(read);
        let (store, key) = (self.store, self.method.0);
        Memo::new(move |_| {
            key.with_value(|(p, v)| {
                store.design.with(|d| d.method(p, v).map(&read).unwrap_or_default())
            })
        })
        .into()
    }

    /// Sets `owner`'s `field` to `value`; `typing` merges it with the previous change of the
    /// same field into one undo step.
    pub fn commit(self, owner: &Owner, field: Field, value: FieldValue, typing: bool) {
        let group = format!("{owner:?} {}", field.name());
        let edit = Edit::SetField { owner: owner.clone(), field, value };
        self.store.apply_grouped(edit, typing.then_some(group.as_str()));
    }

    /// A typed text field: blank is "not set".
    pub fn text(self, owner: Owner, field: Field) -> Callback<String> {
        Callback::new(move |text: String| {
            self.commit(&owner, field, FieldValue::Text(crate::form::opt(text)), true)
        })
    }

    /// A chosen value: each choice is its own undo step.
    pub fn choice(self, owner: Owner, field: Field) -> Callback<String> {
        Callback::new(move |text: String| {
            self.commit(&owner, field, FieldValue::Text(crate::form::opt(text)), false)
        })
    }

    /// A comma-separated list.
    pub fn list(self, owner: Owner, field: Field) -> Callback<String> {
        Callback::new(move |text: String| {
            self.commit(&owner, field, FieldValue::List(crate::form::comma_list(&text)), true)
        })
    }

    /// A checkbox.
    pub fn flag(self, owner: Owner, field: Field) -> Callback<bool> {
        Callback::new(move |flag: bool| self.commit(&owner, field, FieldValue::Flag(flag), false))
    }
}

/// The method form of the method being edited.
pub fn use_method_form() -> MethodForm {
    expect_context::<MethodForm>()
}

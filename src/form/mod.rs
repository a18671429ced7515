//! Form controls bound to apigw-core edits, with their diagnostics shown in place.
//!
//! A control names its [`Target`]: the owner (an API-level item, a method, its integration, one
//! of their responses) and the [`Field`], apigw-core's one name of it. From the target come
//! the element's id (its JSON Pointer in the design document, so a clicked problem can focus
//! it) and the diagnostics shown under it: a field, its control and its problems are one
//! [`FieldRow`]. Values come from the design; every change is an `Edit`.

mod map;

pub use map::{MapEditor, OtherKeys, Values};

use crate::store::use_store;
use apigw_core::diagnostic::{Diagnostic, Field, Owner, Target};
use leptos::prelude::*;

/// A target without a key: an owner's field.
pub fn target(owner: &Owner, field: Field) -> Target {
    Target::field(owner.clone(), field)
}

/// The element id of the control for a target: its JSON Pointer.
pub fn target_id(target: &Target) -> String {
    target.design_pointer()
}

/// The element id of an owner's own place in the form (its heading or its first control), for
/// diagnostics about the owner as a whole.
pub fn owner_id(owner: &Owner) -> String {
    Target::of(owner.clone()).design_pointer()
}

/// An owner in the words the forms use: "method request", "integration response 200",
/// "authorizer Cognito"; part of the accessible names of controls that would otherwise repeat.
pub fn owner_words(owner: &Owner) -> String {
    match owner {
        Owner::Method { .. } => "method request".into(),
        Owner::Integration { .. } => "integration request".into(),
        Owner::MethodResponse { status, .. } => format!("method response {status}"),
        Owner::IntegrationResponse { status, .. } => format!("integration response {status}"),
        // The API-level ones are named as Problems names them.
        other => apigw_core::document::owner_label(other),
    }
}

/// Whether one form can show several owners of this kind (so their controls need their names).
fn repeats(owner: &Owner) -> bool {
    matches!(
        owner,
        Owner::MethodResponse { .. }
            | Owner::IntegrationResponse { .. }
            | Owner::Authorizer { .. }
            | Owner::RequestValidator { .. }
            | Owner::Model { .. }
            | Owner::GatewayResponse { .. }
            | Owner::Stage { .. }
    )
}

/// When an error fails, in words, with AWS's own text where it is on record: "Deploy will
/// fail. AWS says: No integration defined for method". Advice says nothing more.
pub fn when_it_fails(d: &Diagnostic) -> Option<String> {
    if !d.is_error() {
        return None;
    }
    Some(match d.aws_message {
        Some(aws) => format!("{}. AWS says: \u{201c}{aws}\u{201d}", d.phase.words()),
        None => format!("{}.", d.phase.words()),
    })
}

/// One diagnostic: its code, message, when it fails and the fix.
#[component]
pub fn Problem(diagnostic: Diagnostic) -> impl IntoView {
    let d = diagnostic;
    view! {
        <div class="problem" class:error=d.is_error() class:warning=!d.is_error() role="alert">
            <span class="code">{d.code}</span>
            " "
            <span class="message">{d.message.clone()}</span>
            {when_it_fails(&d).map(|w| view! { <div class="when">{w}</div> })}
            <div class="fix">{d.fix.clone()}</div>
        </div>
    }
}

/// A list of diagnostics, each rendered once however often the list is recomputed.
#[component]
pub fn ProblemList(#[prop(into)] list: Signal<Vec<Diagnostic>>) -> impl IntoView {
    view! {
        <For each=move || list.get() key=|d| (d.code, d.message.clone()) let:d>
            <Problem diagnostic=d />
        </For>
    }
}

/// The diagnostics at one field of an owner (all its keys, unless `key` names one).
#[component]
pub fn Problems(target: Target) -> impl IntoView {
    let store = use_store();
    let matching = move || {
        store.diagnostics_of(&target.owner, |d| {
            d.target.field == target.field && (target.key.is_none() || d.target.key == target.key)
        })
    };
    view! { <ProblemList list=Signal::derive(matching) /> }
}

/// Diagnostics about an owner as a whole (those on one of its fields are shown at the field).
#[component]
pub fn OwnerProblems(owner: Owner) -> impl IntoView {
    let store = use_store();
    let list = move || store.diagnostics_of(&owner, |d| d.target.field.is_none());
    view! { <ProblemList list=Signal::derive(list) /> }
}

/// A part of a card that stands for one owner (a response): its title, which takes the focus
/// for the owner's own problems, a remove button, those problems, then its fields.
#[component]
pub fn Subcard(
    owner: Owner,
    title: String,
    /// The remove button's name, e.g. "Remove method response 200".
    remove_label: String,
    remove: Callback<()>,
    #[prop(optional)] mono: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="subcard">
            <div class="subcard-title">
                <strong class:mono=mono id=owner_id(&owner) tabindex="-1">{title}</strong>
                <button class="icon danger" title=remove_label.clone() aria-label=remove_label on:click=move |_| remove.run(())><span class="i i-close" aria-hidden="true"></span></button>
            </div>
            <OwnerProblems owner=owner />
            {children()}
        </div>
    }
}

/// A field of a form: its label, its control (whose id is the target's pointer), an optional
/// hint, and the target's diagnostics under it.
#[component]
pub fn FieldRow(
    label: Signal<String>,
    target: Target,
    hint: Option<AnyView>,
    #[prop(optional)] check: bool,
    children: Children,
) -> impl IntoView {
    // In a part that repeats (a response, an authorizer), the control's name says whose it is.
    let whose = repeats(&target.owner).then(|| format!(", {}", owner_words(&target.owner)));
    let whose_check = whose.clone();
    view! {
        <div class="field-row">
            <label class="field" class:check=check>
                {(!check).then(|| view! { <span class="label">{label}{whose.map(|w| view! { <span class="sr-only">{w}</span> })}</span> })}
                {children()}
                {check.then(|| view! { <span>{label}{whose_check.map(|w| view! { <span class="sr-only">{w}</span> })}</span> })}
            </label>
            // Outside the label, so that the control's accessible name is its label alone.
            {hint.map(|h| view! { <p class="hint field-hint">{h}</p> })}
            <Problems target=target />
        </div>
    }
}

/// A text field. `commit` receives every keystroke; typing merges into one undo step.
#[component]
pub fn TextField(
    #[prop(into)] label: Signal<String>,
    target: Target,
    #[prop(into)] value: Signal<String>,
    commit: Callback<String>,
    #[prop(optional, into)] placeholder: Signal<String>,
    #[prop(optional, into)] hint: Option<ViewFn>,
    #[prop(optional)] list: Option<String>,
    #[prop(optional)] mono: bool,
) -> impl IntoView {
    let store = use_store();
    let id = target_id(&target);
    view! {
        <FieldRow label=label target=target hint=hint.map(|h| h.run())>
            <input id=id.clone() class:mono=mono type="text" spellcheck="false" autocomplete="off"
                placeholder=move || placeholder.get() list=list.clone()
                prop:value=move || value.get()
                on:input=move |ev| commit.run(event_target_value(&ev))
                on:blur=move |_| store.seal() />
        </FieldRow>
    }
}

/// A multi-line text field (a schema, a template).
#[component]
pub fn TextArea(
    #[prop(into)] label: Signal<String>,
    target: Target,
    #[prop(into)] value: Signal<String>,
    commit: Callback<String>,
    #[prop(optional)] rows: Option<u32>,
) -> impl IntoView {
    let store = use_store();
    let id = target_id(&target);
    view! {
        <FieldRow label=label target=target hint=None>
            <textarea id=id.clone() class="mono template" rows=rows.unwrap_or(6) spellcheck="false"
                prop:value=move || value.get()
                on:input=move |ev| commit.run(event_target_value(&ev))
                on:blur=move |_| store.seal()></textarea>
        </FieldRow>
    }
}

/// A select over `options`; the empty option means "not set" when `optional` names it. A value
/// outside the options (an imported one) is kept and shown.
#[component]
pub fn SelectField(
    #[prop(into)] label: Signal<String>,
    target: Target,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] options: Signal<Vec<String>>,
    commit: Callback<String>,
    /// The label of the empty option, which means "not set".
    #[prop(optional, into)]
    optional: Option<String>,
) -> impl IntoView {
    let id = target_id(&target);
    view! {
        <FieldRow label=label target=target hint=None>
            <select id=id.clone() on:change=move |ev| commit.run(event_target_value(&ev))>
                {optional.map(|none| view! { <option value="" selected=move || value.get().is_empty()>{none}</option> })}
                {move || {
                    let current = value.get();
                    let mut options = options.get();
                    if !current.is_empty() && !options.contains(&current) {
                        options.push(current.clone());
                    }
                    options
                        .into_iter()
                        .map(|o| {
                            let selected = o == current;
                            let value = o.clone();
                            view! { <option value=value selected=selected>{o}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </FieldRow>
    }
}

/// A checkbox.
#[component]
pub fn CheckField(
    #[prop(into)] label: Signal<String>,
    target: Target,
    #[prop(into)] value: Signal<bool>,
    commit: Callback<bool>,
    /// The element id, when the box is not the field itself (a "use the default" box).
    #[prop(optional)]
    id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| target_id(&target));
    view! {
        <FieldRow label=label target=target hint=None check=true>
            <input id=id.clone() type="checkbox" prop:checked=move || value.get()
                on:change=move |ev| commit.run(event_target_checked(&ev)) />
        </FieldRow>
    }
}

/// `values` as owned strings, for select options and suggestions.
pub fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

/// A typed text as an optional value: blank is "not set".
pub fn opt(text: String) -> Option<String> {
    if text.trim().is_empty() { None } else { Some(text) }
}

/// A comma-separated list, trimmed, without empty items.
pub fn comma_list(text: &str) -> Vec<String> {
    text.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

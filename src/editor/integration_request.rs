//! The integration request card: what the method calls (a kind to start from, then type, verb,
//! URI, connection, role), how the request is mapped to it (parameters, templates,
//! passthrough), and how it is called (content handling, transfer mode, timeout, TLS, cache).
//! A field that does not apply to the integration's type is hidden unless it holds a value,
//! so an imported value that API Gateway would reject is still seen, with its problem, and can
//! be cleared.

use super::{MethodForm, map_entries, use_method_form};
use crate::form::{
    CheckField, MapEditor, OwnerProblems, SelectField, TextField, Values, owner_id, strings, target,
};
use apigw_core::command::{Edit, Entry, FieldValue};
use apigw_core::diagnostic::{Field, Owner};
use apigw_core::model::{Integration, TlsConfig};
use apigw_core::simulate::TemplateRef;
use apigw_core::{facts, path, starter};
use leptos::prelude::*;

#[component]
pub fn IntegrationRequest() -> impl IntoView {
    let form = use_method_form();
    let has = form.read(|m| m.integration.is_some());
    view! {
        <section class="card" id="sec-integration-request">
            <h3 id=owner_id(&form.method.integration()) tabindex="-1">"Integration request"</h3>
            <Show when=move || has.get() fallback=Kinds>
                <IntegrationFields />
            </Show>
        </section>
    }
}

/// No integration yet: one button per kind, each making the integration the console would.
#[component]
fn Kinds() -> impl IntoView {
    let form = use_method_form();
    let add = move |kind: &str| {
        let (p, v) = (form.method.path(), form.method.verb());
        // With the console's default 200 responses for a non-proxy integration, as one step.
        let edit = form.store.design.with_untracked(|d| {
            d.method(&p, &v).map(|method| starter::integration_edit(kind, &p, &v, method))
        });
        if let Some(edit) = edit {
            form.store.apply(edit);
        }
    };
    view! {
        <p class="hint">"No integration yet. Choose what this method calls:"</p>
        <div class="chips">
            {facts::INTEGRATION_KINDS.iter().map(|(label, kind)| view! {
                <button class="small" on:click=move |_| add(kind)>{*label}</button>
            }).collect_view()}
        </div>
    }
}

/// A pasted Lambda function ARN, or a function's bare name, is not what API Gateway calls:
/// offer the invocation URI (for a bare name, in the account and region of a function the
/// design already calls).
#[component]
fn LambdaOffer(uri: Signal<String>, commit: Callback<String>) -> impl IntoView {
    let store = crate::store::use_store();
    let wrapped = Memo::new(move |_| {
        uri.with(|u| {
            let u = u.trim();
            if u.is_empty() {
                return None;
            }
            facts::lambda_invocation_uri(u, None).or_else(|| {
                store.design.with_untracked(|d| {
                    let integrations = d
                        .resources
                        .values()
                        .flat_map(|r| r.methods.values())
                        .filter_map(|m| m.integration.as_ref()?.uri.as_deref());
                    let authorizers =
                        d.authorizers.values().filter_map(|a| a.authorizer_uri.as_deref());
                    facts::lambda_invocation_uri_for_name(u, integrations.chain(authorizers))
                })
            })
        })
    });
    move || {
        wrapped.get().map(|invocation| {
            let shown = invocation.clone();
            view! {
                <div class="offer" role="status">
                    <span>"API Gateway calls a Lambda function through its invocation URI: "
                        <span class="mono">{shown}</span></span>
                    <button class="small primary" on:click=move |_| commit.run(invocation.clone())>"Use the invocation URI"</button>
                </div>
            }
        })
    }
}

/// One value of the method's integration, as a signal.
fn read<T>(form: MethodForm, read: fn(&Integration) -> T) -> Signal<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    form.read(move |m| m.integration.as_ref().map(read).unwrap_or_default())
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

#[component]
fn IntegrationFields() -> impl IntoView {
    let form = use_method_form();
    let owner = form.method.integration();
    let kind = read(form, |i| i.integration_type.clone());
    let is_http = move || facts::is_http(&kind.get());
    let is_aws = move || facts::is_aws(&kind.get());
    let is_mock = move || facts::is_mock(&kind.get());
    let is_proxy = move || facts::is_proxy(&kind.get());
    let http_method = read(form, |i| text(&i.integration_http_method));
    let uri = read(form, |i| text(&i.uri));
    let connection_type = read(form, |i| text(&i.connection_type));
    let connection_id = read(form, |i| text(&i.connection_id));
    let credentials = read(form, |i| text(&i.credentials));
    let content_handling = read(form, |i| text(&i.content_handling));
    let transfer = read(form, |i| text(&i.response_transfer_mode));
    let cache_namespace = read(form, |i| text(&i.cache_namespace));
    let cache_keys = read(form, |i| i.cache_key_parameters.join(", "));
    let hint = Signal::derive(move || facts::uri_hint(&kind.get()));
    let uri_label = Signal::derive(move || {
        if is_aws() { "Target ARN (uri)" } else { "Endpoint URL (uri)" }.to_string()
    });
    let uri_hint = move || {
        view! { {move || hint.get().0}" e.g. "<span class="mono">{move || hint.get().1}</span> }
    };
    let show_connection =
        move || is_http() || !connection_type.get().is_empty() || !connection_id.get().is_empty();
    let show_credentials = move || is_aws() || !credentials.get().is_empty();
    let show_transfer = move || is_proxy() || !transfer.get().is_empty();
    let remove = move |_| {
        let (path, verb) = (form.method.path(), form.method.verb());
        form.store.apply(Edit::SetIntegration { path, verb, value: None });
    };
    let (o1, o2, o3, o4, o5) =
        (owner.clone(), owner.clone(), owner.clone(), owner.clone(), owner.clone());
    let uri_choice = form.choice(owner.clone(), Field::Uri);
    view! {
        <OwnerProblems owner=owner.clone() />
        <div class="grid2">
            <SelectField label="Integration type" target=target(&owner, Field::Type) value=kind
                options=strings(facts::INTEGRATION_TYPES) commit=form.choice(owner.clone(), Field::Type) />
            <Show when=move || !is_mock() || !http_method.get().is_empty()>
                <SelectField label="HTTP method" target=target(&o1, Field::IntegrationHttpMethod) value=http_method
                    options=strings(facts::INTEGRATION_HTTP_METHODS) optional="(not set)"
                    commit=form.choice(o1.clone(), Field::IntegrationHttpMethod) />
            </Show>
        </div>
        <Show when=move || !is_mock() || !uri.get().is_empty()>
            <TextField label=uri_label target=target(&o2, Field::Uri) value=uri mono=true
                placeholder=Signal::derive(move || hint.get().1.to_string()) hint=uri_hint
                commit=form.text(o2.clone(), Field::Uri) />
            <Show when=is_aws><LambdaOffer uri=uri commit=uri_choice /></Show>
        </Show>
        <Show when=show_connection>
            <Connection owner=o3.clone() connection_type=connection_type connection_id=connection_id />
        </Show>
        <Show when=show_credentials>
            <TextField label="Execution role (credentials)" target=target(&o4, Field::Credentials) value=credentials mono=true
                placeholder="arn:aws:iam::123456789012:role/apigw-invoke" commit=form.text(o4.clone(), Field::Credentials) />
        </Show>
        <Mappings owner=owner.clone() is_proxy=Signal::derive(is_proxy) />
        <div class="grid2">
            <SelectField label="Content handling" target=target(&owner, Field::ContentHandling) value=content_handling
                options=strings(facts::CONTENT_HANDLING) optional="Passthrough"
                commit=form.choice(owner.clone(), Field::ContentHandling) />
            <Show when=show_transfer>
                <SelectField label="Response transfer mode" target=target(&o5, Field::ResponseTransferMode) value=transfer
                    options=strings(facts::RESPONSE_TRANSFER_MODES) optional=format!("{} (default)", facts::RESPONSE_TRANSFER_MODE_DEFAULT)
                    commit=form.choice(o5.clone(), Field::ResponseTransferMode) />
            </Show>
        </div>
        <Timing owner=owner.clone() is_http=Signal::derive(is_http) />
        <div class="grid2">
            <TextField label="Cache namespace" target=target(&owner, Field::CacheNamespace) value=cache_namespace
                commit=form.text(owner.clone(), Field::CacheNamespace) />
            <TextField label="Cache key parameters (comma-separated)" target=target(&owner, Field::CacheKeyParameters)
                value=cache_keys mono=true commit=form.list(owner.clone(), Field::CacheKeyParameters) />
        </div>
        <button class="danger small" on:click=remove>"Remove integration"</button>
    }
}

/// The connection: over the internet, or through a VPC link (named by its id).
#[component]
fn Connection(
    owner: Owner,
    connection_type: Signal<String>,
    connection_id: Signal<String>,
) -> impl IntoView {
    let form = use_method_form();
    let show_id =
        move || facts::is_vpc_link(&connection_type.get()) || !connection_id.get().is_empty();
    let o = owner.clone();
    view! {
        <div class="grid2">
            <SelectField label="Connection" target=target(&owner, Field::ConnectionType) value=connection_type
                options=strings(facts::CONNECTION_TYPES) optional=format!("{} (default)", facts::CONNECTION_TYPE_DEFAULT)
                commit=form.choice(owner.clone(), Field::ConnectionType) />
            <Show when=show_id>
                <TextField label="VPC link id" target=target(&o, Field::ConnectionId) value=connection_id mono=true
                    placeholder="${stageVariables.vpcLinkId}" commit=form.text(o.clone(), Field::ConnectionId) />
            </Show>
        </div>
    }
}

/// Parameter mappings, and (for non-proxy integrations) mapping templates and passthrough.
#[component]
fn Mappings(owner: Owner, is_proxy: Signal<bool>) -> impl IntoView {
    let form = use_method_form();
    let params = read(form, |i| map_entries(&i.request_parameters, Entry::Text));
    let templates = read(form, |i| map_entries(&i.request_templates, Entry::Text));
    let passthrough = read(form, |i| text(&i.passthrough_behavior));
    let declared = form.read(|m| m.request_parameters.keys().cloned().collect::<Vec<_>>());
    let sources = Signal::derive(move || {
        let mut out: Vec<String> = declared.get();
        out.extend(facts::CONTEXT_VARIABLES.iter().map(|v| format!("context.{v}")));
        out.push("stageVariables.".into());
        out.push("method.request.body".into());
        out
    });
    let path_targets: Vec<String> = path::placeholders(&form.method.path())
        .into_iter()
        .map(|n| format!("integration.request.path.{n}"))
        .collect();
    let targets = Signal::derive(move || {
        let mut out: Vec<String> = declared
            .get()
            .iter()
            .filter_map(|k| k.strip_prefix("method.request."))
            .map(|k| format!("integration.request.{k}"))
            .collect();
        out.extend(path_targets.iter().filter(|t| !out.contains(t)).cloned().collect::<Vec<_>>());
        out
    });
    let show_templates = move || !is_proxy.get() || !templates.get().is_empty();
    let show_passthrough = move || !is_proxy.get() || !passthrough.get().is_empty();
    let (o1, o2) = (owner.clone(), owner.clone());
    view! {
        <h4>"Parameter mappings"</h4>
        <p class="hint">"integration.request.{path|querystring|header}.name ← method.request.*, 'static', context.*, stageVariables.*"</p>
        <MapEditor owner=owner field=Field::RequestParameters entries=params values=Values::Line
            key_placeholder="integration.request.header.X-Id" value_placeholder="method.request.header.X-Id"
            key_suggestions=targets value_suggestions=sources add_label="Add mapping" />
        <Show when=show_templates>
            <h4>"Mapping templates"</h4>
            <MapEditor owner=o1.clone() field=Field::RequestTemplates entries=templates values=Values::Template
                key_placeholder="application/json" add_label="Add template"
                key_suggestions=Signal::derive(|| strings(facts::COMMON_CONTENT_TYPES))
                output=Callback::new(|content_type| view! {
                    <super::TemplateOutput which=TemplateRef::Request { content_type } />
                }.into_any()) />
        </Show>
        <Show when=show_passthrough>
            <SelectField label="Request body passthrough" target=target(&o2, Field::PassthroughBehavior) value=passthrough
                options=strings(facts::PASSTHROUGH_BEHAVIORS) optional="(not set)"
                commit=form.choice(o2.clone(), Field::PassthroughBehavior) />
        </Show>
    }
}

/// The timeout (API Gateway's default, or a chosen one) and, for HTTP back ends, TLS.
#[component]
fn Timing(owner: Owner, is_http: Signal<bool>) -> impl IntoView {
    let form = use_method_form();
    let timeout = read(form, |i| i.timeout_in_millis);
    let tls_skip =
        read(form, |i| i.tls_config.as_ref().is_some_and(|t| t.insecure_skip_verification));
    let has_tls = read(form, |i| i.tls_config.is_some());
    let o = owner.clone();
    let set_timeout = Callback::new(move |text: String| {
        form.commit(&o, Field::TimeoutInMillis, FieldValue::Number(text.trim().parse().ok()), true)
    });
    // Whether the user chose a custom timeout in this view: clearing its field to type another
    // number leaves the timeout unset, yet the field stays, and "use default" stays unchecked.
    let chosen = RwSignal::new(false);
    let custom = Signal::derive(move || chosen.get() || timeout.get().is_some());
    let o = owner.clone();
    let use_default = Callback::new(move |default: bool| {
        chosen.set(!default);
        let value = if default { None } else { Some(facts::TIMEOUT_DEFAULT_MS) };
        form.commit(&o, Field::TimeoutInMillis, FieldValue::Number(value), false)
    });
    let o = owner.clone();
    let set_tls = Callback::new(move |skip: bool| {
        let value = FieldValue::Tls(Some(TlsConfig { insecure_skip_verification: skip }));
        form.commit(&o, Field::TlsConfig, value, false)
    });
    let default_label = format!("Use default timeout ({} s)", facts::TIMEOUT_DEFAULT_MS / 1000);
    let (o1, o2) = (owner.clone(), owner);
    view! {
        <div class="grid2">
            <div>
                // Not a field of its own: the timeout's problems show under the timeout.
                <label class="field check">
                    <input id="timeout-default" type="checkbox" prop:checked=move || !custom.get()
                        on:change=move |ev| use_default.run(event_target_checked(&ev)) />
                    <span>{default_label}</span>
                </label>
                <Show when=move || custom.get()>
                    <TextField label="Timeout (ms)" target=target(&o1, Field::TimeoutInMillis)
                        value=Signal::derive(move || timeout.get().map(|t| t.to_string()).unwrap_or_default())
                        commit=set_timeout />
                </Show>
            </div>
            <Show when=move || is_http.get() || has_tls.get()>
                <div>
                    <CheckField label="Skip TLS certificate verification" target=target(&o2, Field::TlsConfig) value=tls_skip commit=set_tls />
                    <span class="hint">"Only for back ends with self-signed certificates; anyone on the path can then intercept."</span>
                </div>
            </Show>
        </div>
    }
}

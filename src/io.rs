//! The browser at the edges: local storage, the URL fragment, downloads, file reading,
//! clipboard, timers, the window's size, and focus and scrolling by element id. Every failure
//! becomes a message for the user; nothing here panics. (IndexedDB and the channel between
//! tabs are `storage.rs`.)

use wasm_bindgen::JsCast;

const KEY: &str = "apigw-designer/design";
const BACKUP_KEY: &str = "apigw-designer/unreadable-backup";

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("no window")?
        .local_storage()
        .map_err(|_| "local storage is blocked by the browser".to_string())?
        .ok_or_else(|| "local storage is unavailable".to_string())
}

/// Saves the design document text.
pub fn save(text: &str) -> Result<(), String> {
    storage()?.set_item(KEY, text).map_err(|_| "local storage is full".to_string())
}

/// What was saved, if anything. An unreadable saved text is kept under a backup key, so it is
/// never lost, and reported.
pub fn load() -> Result<Option<String>, String> {
    Ok(storage()?.get_item(KEY).ok().flatten())
}

/// Forgets the design an earlier version kept in local storage, once it is saved elsewhere.
pub fn forget_saved() {
    if let Ok(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}

/// A small setting from local storage.
pub fn storage_get(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

/// Saves a small setting; a full or blocked storage only means it is not remembered.
pub fn storage_set(key: &str, value: &str) {
    if let Ok(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Keeps a value in local storage, at once; an error says the storage is full or blocked.
pub fn storage_put(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(|_| "local storage is full".to_string())
}

/// Removes a value from local storage.
pub fn storage_remove(key: &str) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The local storage keys that start with `prefix`.
pub fn storage_keys(prefix: &str) -> Vec<String> {
    let Ok(s) = storage() else { return Vec::new() };
    let count = s.length().unwrap_or(0);
    (0..count).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

/// A value kept for this tab only (session storage).
pub fn session_get(key: &str) -> Option<String> {
    web_sys::window()?.session_storage().ok()??.get_item(key).ok().flatten()
}

/// Keeps a value for this tab only; a blocked storage only means it is not remembered.
pub fn session_set(key: &str, value: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = storage.set_item(key, value);
    }
}

/// Keeps a saved text that could not be read, before anything overwrites it.
pub fn backup_unreadable(text: &str) {
    if let Ok(s) = storage() {
        let _ = s.set_item(BACKUP_KEY, text);
    }
}

/// The URL fragment as written, without `#` and still escaped: compare it with what was seen,
/// and read it with [`decode_fragment`].
pub fn fragment() -> String {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// Replaces the URL fragment without adding a history entry. A space is written as `+` (links
/// read `GET+/pets`), so a `+` of the text itself (`{proxy+}`) is escaped as `%2B`.
pub fn set_fragment(text: &str) {
    let Some(window) = web_sys::window() else { return };
    let encoded: String = js_sys::encode_uri_component(text).into();
    let url = format!("#{}", encoded.replace("%2F", "/").replace("%20", "+"));
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Decodes a fragment as [`fragment`] returns it: a bare `+` is a space, and escapes are
/// decoded after that, so `ANY+/%7Bproxy%2B%7D` reads `ANY /{proxy+}`.
pub fn decode_fragment(raw: &str) -> String {
    let spaced = raw.replace('+', " ");
    js_sys::decode_uri_component(&spaced).map(String::from).unwrap_or(spaced)
}

/// Offers `text` as a file download.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "cannot create the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "cannot create a download link")?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "cannot create a link")?
        .dyn_into()
        .map_err(|_| "cannot create a link")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The file picked in a file input's change event; the input is cleared, so picking the same
/// file again is a change too.
pub fn take_picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = leptos::prelude::event_target(ev);
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// Reads a dropped or picked file as text.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| format!("cannot read {}", file.name()))?;
    text.as_string().ok_or_else(|| format!("{} is not text", file.name()))
}

/// Copies text to the clipboard (best effort).
pub fn copy(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// A random number in [0, 1), for backoff jitter.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// The window's inner height in pixels, if known.
pub fn window_height() -> Option<f64> {
    web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64())
}

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into::<web_sys::HtmlElement>().ok()
}

/// After the next paint (when what a change rendered exists), focuses the element `id`.
pub fn focus_after_paint(id: String) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(el) = element(&id) {
            let _ = el.focus();
        }
    });
}

/// After the next paint, focuses the first element matching `selector`.
pub fn focus_first_after_paint(selector: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        let found = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = found {
            let _ = el.focus();
        }
    });
}

/// Scrolls the element `id` into view.
pub fn scroll_to(id: &str) {
    if let Some(el) = element(id) {
        el.scroll_into_view();
    }
}

/// After the next paint, scrolls to and focuses the control of a field, by its JSON Pointer
/// (the forms' element ids). A key the form does not show yet (an undeclared parameter) has
/// no control of its own: its map's row for new keys of that kind stands in (the element
/// whose id is the longest prefix of the pointer among its siblings), and failing that the
/// nearest enclosing pointer that has an element. Returns nothing; the focus is best effort.
pub fn focus_field_after_paint(pointer: String) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(el) = nearest(&pointer) {
            el.scroll_into_view();
            let _ = el.focus();
        }
    });
}

fn nearest(pointer: &str) -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    let mut wanted = pointer.to_string();
    loop {
        if let Some(el) = element(&wanted) {
            return Some(el);
        }
        let (parent, _) = wanted.rsplit_once('/')?;
        // A sibling whose id the wanted one extends: a map's add row for this key's prefix.
        let siblings = document.query_selector_all("[id]").ok()?;
        let prefix = format!("{parent}/");
        let best = (0..siblings.length())
            .filter_map(|i| siblings.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            .filter(|el| {
                let id = el.id();
                id.len() >= prefix.len() && id.starts_with(&prefix) && wanted.starts_with(&id)
            })
            .max_by_key(|el| el.id().len());
        if best.is_some() {
            return best;
        }
        if parent.is_empty() {
            return None;
        }
        wanted = parent.to_string();
    }
}

/// A time as the user reads it: "14:02" today, "28 Nov 14:02" before.
pub fn clock(millis: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
    let today = js_sys::Date::new_0();
    let time = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    if date.to_date_string() == today.to_date_string() {
        time
    } else {
        const MONTHS: [&str; 12] =
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        format!("{} {} {time}", date.get_date(), MONTHS[date.get_month() as usize % 12])
    }
}

/// Waits `ms` milliseconds (at most a minute) on a browser timer.
pub async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(60_000) as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Milliseconds since the page's time origin (`performance.now()`), 0 without it.
pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Marks the start of something the benchmarks time (`performance.mark`).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Records the performance measure `name` from the mark `name:start` to the moment the page
/// has caught up: after the reactive updates have run and the layout is computed. Benchmarks
/// read these measures; they cost nothing otherwise.
pub fn measure_rendered(name: &'static str) {
    leptos::prelude::set_timeout(
        move || {
            let Some(window) = web_sys::window() else { return };
            if let Some(body) = window.document().and_then(|d| d.body()) {
                let _ = body.offset_height(); // force the layout
            }
            if let Some(performance) = window.performance() {
                let end = format!("{name}:end");
                let _ = performance.mark(&end);
                let _ = performance.measure_with_start_mark_and_end_mark(
                    name,
                    &format!("{name}:start"),
                    &end,
                );
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Bytes of the wasm module's linear memory, for the memory benchmark.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            m.buffer().dyn_into::<js_sys::ArrayBuffer>().map_or(0.0, |b| b.byte_length() as f64)
        })
        .unwrap_or(0.0)
}

/// Marks `apigw:ready` once the first render has settled and been laid out: the page is
/// interactive from then on.
pub fn mark_ready() {
    leptos::prelude::set_timeout(
        || {
            if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body())
            {
                let _ = body.offset_height();
            }
            mark("apigw:ready");
        },
        std::time::Duration::ZERO,
    );
}

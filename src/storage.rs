//! The browser's storage for designs: IndexedDB, through web-sys, and a BroadcastChannel that
//! tells the other tabs of this site when a design was saved.
//!
//! The database `apigw-designer` holds three object stores:
//! - `current`: one record, the design as last saved (key `design`): its bytes in apigw-core's
//!   binary form (`binary::encode`, quick to read back), a revision number, which tab saved it,
//!   when, and the API's name and method count.
//! - `versions`: earlier versions (auto-numbered keys): when, the name, the method count and a
//!   label; at most [`MAX_VERSIONS`].
//! - `version-data`: each version's bytes, under the same key (kept apart, so that listing the
//!   versions does not read every one of them).
//! - `unsaved`: what a tab had not saved yet when it was closed or reloaded, by tab (written
//!   in the page's last moments, without waiting for anything; the next start takes it up).
//!
//! IndexedDB holds as much as the browser's quota allows (a share of the disk), where local
//! storage held about 5 MB. Everything here is async and says what failed in words.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

const DATABASE: &str = "apigw-designer";
const CURRENT: &str = "current";
const VERSIONS: &str = "versions";
const VERSION_DATA: &str = "version-data";
const UNSAVED: &str = "unsaved";
/// The database's version: each one adds the stores it lacks.
const DATABASE_VERSION: u32 = 2;
const CURRENT_KEY: &str = "design";
/// How many earlier versions are kept.
pub const MAX_VERSIONS: usize = 20;
/// The channel on which tabs of this site tell each other what they saved.
const CHANNEL: &str = "apigw-designer";

/// What a stored design record says about itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub name: String,
    pub methods: u32,
    /// Milliseconds since the epoch.
    pub saved_at: f64,
}

/// A design as it is written: its binary form, its undo history (`History::to_stored`), and
/// what the versions list shows of it.
#[derive(Clone, Debug)]
pub struct Record {
    pub bytes: Vec<u8>,
    pub history: Vec<u8>,
    pub meta: Meta,
}

/// The design as last saved.
#[derive(Clone, Debug)]
pub struct Current {
    pub bytes: Vec<u8>,
    /// The undo history that goes with it (`History::to_stored`), or empty.
    pub history: Vec<u8>,
    pub revision: f64,
    pub tab: String,
    pub meta: Meta,
}

/// What a tab had not saved when it closed.
#[derive(Clone, Debug)]
pub struct Unsaved {
    pub tab: String,
    pub bytes: Vec<u8>,
    pub history: Vec<u8>,
    /// The revision the tab's edits began from.
    pub base: f64,
    pub meta: Meta,
}

/// An earlier version, without its bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub key: f64,
    pub label: String,
    pub meta: Meta,
}

/// How a save ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Saved {
    /// Stored as this revision.
    Stored(f64),
    /// Another tab saved since this one last read or saved (at this revision, at this time):
    /// nothing was written.
    Conflict { revision: f64, meta: Meta },
}

/// The open database.
#[derive(Clone)]
pub struct Db(IdbDatabase);

/// Words for what a browser call threw: "the browser's storage is full" for a quota error.
fn describe(error: &JsValue) -> String {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        return match exception.name().as_str() {
            "QuotaExceededError" => "the browser's storage is full".into(),
            "InvalidStateError" | "SecurityError" => {
                "this browser does not let the page store data here (private browsing, or storage blocked for this site)".into()
            }
            name => format!("{name}: {}", exception.message()),
        };
    }
    error.as_string().unwrap_or_else(|| "the browser's storage failed".into())
}

/// Waits for a request, with its result.
async fn wait(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move || {
            let error = failed.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| describe(&e))
}

/// Runs `then` in a request's success event, when the transaction is sure to be active.
fn on_success(request: &IdbRequest, then: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(then);
    request.set_onsuccess(Some(callback.unchecked_ref()));
}

/// Waits until a transaction has committed.
async fn committed(transaction: &IdbTransaction) -> Result<(), String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = transaction.clone();
        let reject_too = reject.clone();
        let on_error = Closure::once_into_js(move || {
            let error = failed.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        let aborted = transaction.clone();
        let on_abort = Closure::once_into_js(move || {
            let error = aborted.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject_too.call1(&JsValue::NULL, &error);
        });
        transaction.set_oncomplete(Some(on_complete.unchecked_ref()));
        transaction.set_onerror(Some(on_error.unchecked_ref()));
        transaction.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| describe(&e))
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A byte array field of a record; empty when there is none.
fn bytes_of(record: &JsValue, key: &str) -> Vec<u8> {
    get(record, key).dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default()
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn meta_of(record: &JsValue) -> Meta {
    Meta {
        name: get(record, "name").as_string().unwrap_or_default(),
        methods: get(record, "methods").as_f64().unwrap_or(0.0) as u32,
        saved_at: get(record, "savedAt").as_f64().unwrap_or(0.0),
    }
}

fn record(meta: &Meta) -> Object {
    let record = Object::new();
    set(&record, "name", &JsValue::from_str(&meta.name));
    set(&record, "methods", &JsValue::from_f64(f64::from(meta.methods)));
    set(&record, "savedAt", &JsValue::from_f64(meta.saved_at));
    record
}

impl Db {
    /// Opens (creating on first use) the database.
    pub async fn open() -> Result<Db, String> {
        let factory = web_sys::window()
            .ok_or("no window")?
            .indexed_db()
            .map_err(|e| describe(&e))?
            .ok_or("this browser has no IndexedDB")?;
        let request =
            factory.open_with_u32(DATABASE, DATABASE_VERSION).map_err(|e| describe(&e))?;
        let upgrading = request.clone();
        let on_upgrade = Closure::once_into_js(move || {
            let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) else {
                return;
            };
            let names = db.object_store_names();
            if !names.contains(CURRENT) {
                let _ = db.create_object_store(CURRENT);
            }
            if !names.contains(VERSIONS) {
                let params = web_sys::IdbObjectStoreParameters::new();
                params.set_auto_increment(true);
                let _ = db.create_object_store_with_optional_parameters(VERSIONS, &params);
            }
            if !names.contains(VERSION_DATA) {
                let _ = db.create_object_store(VERSION_DATA);
            }
            if !names.contains(UNSAVED) {
                let _ = db.create_object_store(UNSAVED);
            }
        });
        request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
        let db = wait(&request).await?.dyn_into::<IdbDatabase>().map_err(|e| describe(&e))?;
        // Another page that deletes or upgrades the database waits for this connection: close
        // it rather than hold that page up.
        let closing = db.clone();
        let on_version_change = Closure::<dyn Fn()>::new(move || closing.close());
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        Ok(Db(db))
    }

    /// Deletes the whole database (for tests that start from an empty browser).
    pub async fn delete_all() -> Result<(), String> {
        let factory = web_sys::window()
            .ok_or("no window")?
            .indexed_db()
            .map_err(|e| describe(&e))?
            .ok_or("this browser has no IndexedDB")?;
        let request = factory.delete_database(DATABASE).map_err(|e| describe(&e))?;
        wait(&request).await.map(|_| ())
    }

    fn transaction(&self, stores: &[&str], write: bool) -> Result<IdbTransaction, String> {
        let names = js_sys::Array::new();
        for store in stores {
            names.push(&JsValue::from_str(store));
        }
        let mode = if write { IdbTransactionMode::Readwrite } else { IdbTransactionMode::Readonly };
        self.0.transaction_with_str_sequence_and_mode(&names, mode).map_err(|e| describe(&e))
    }

    fn store(transaction: &IdbTransaction, name: &str) -> Result<IdbObjectStore, String> {
        transaction.object_store(name).map_err(|e| describe(&e))
    }

    /// The design as last saved, if any.
    pub async fn current(&self) -> Result<Option<Current>, String> {
        let transaction = self.transaction(&[CURRENT], false)?;
        let request = Self::store(&transaction, CURRENT)?
            .get(&JsValue::from_str(CURRENT_KEY))
            .map_err(|e| describe(&e))?;
        let record = wait(&request).await?;
        if record.is_undefined() || record.is_null() {
            return Ok(None);
        }
        let bytes = get(&record, "bytes").dyn_into::<Uint8Array>().map(|a| a.to_vec());
        Ok(Some(Current {
            bytes: bytes.unwrap_or_default(),
            history: bytes_of(&record, "history"),
            revision: get(&record, "revision").as_f64().unwrap_or(0.0),
            tab: get(&record, "tab").as_string().unwrap_or_default(),
            meta: meta_of(&record),
        }))
    }

    /// Saves the design's bytes as the current design, unless another tab saved after
    /// `base` (the revision this tab last read or saved; `force` saves all the same). The check
    /// and the write are one transaction, so two tabs cannot both pass it.
    ///
    /// A saved design has nothing unsaved: this tab's `unsaved` record, and those named in
    /// `forget` (taken up from closed tabs), go in the same transaction.
    pub async fn save(
        &self,
        written: &Record,
        tab: &str,
        base: f64,
        force: bool,
        forget: &[String],
    ) -> Result<Saved, String> {
        let transaction = self.transaction(&[CURRENT, UNSAVED], true)?;
        let store = Self::store(&transaction, CURRENT)?;
        let unsaved = Self::store(&transaction, UNSAVED)?;
        let forget: Vec<String> = forget.iter().cloned().chain([tab.to_string()]).collect();
        let request = store.get(&JsValue::from_str(CURRENT_KEY)).map_err(|e| describe(&e))?;
        let new = record(&written.meta);
        set(&new, "tab", &JsValue::from_str(tab));
        set(&new, "bytes", &Uint8Array::from(written.bytes.as_slice()));
        set(&new, "history", &Uint8Array::from(written.history.as_slice()));
        let outcome = std::rc::Rc::new(std::cell::RefCell::new(None::<Result<Saved, String>>));
        let decided = outcome.clone();
        let reading = request.clone();
        let tab = tab.to_string();
        // Decided in the request's own success event, while the transaction is still active.
        on_success(&request, move || {
            let stored = reading.result().unwrap_or(JsValue::UNDEFINED);
            let (revision, other) = if stored.is_undefined() || stored.is_null() {
                (0.0, false)
            } else {
                let revision = get(&stored, "revision").as_f64().unwrap_or(0.0);
                let by = get(&stored, "tab").as_string().unwrap_or_default();
                (revision, revision != base && by != tab)
            };
            if other && !force {
                *decided.borrow_mut() =
                    Some(Ok(Saved::Conflict { revision, meta: meta_of(&stored) }));
                return;
            }
            let next = revision.max(base) + 1.0;
            set(&new, "revision", &JsValue::from_f64(next));
            let written =
                store.put_with_key(&new, &JsValue::from_str(CURRENT_KEY)).and_then(|_| {
                    for key in &forget {
                        unsaved.delete(&JsValue::from_str(key))?;
                    }
                    Ok(())
                });
            *decided.borrow_mut() =
                Some(written.map(|()| Saved::Stored(next)).map_err(|e| describe(&e)));
        });
        committed(&transaction).await?;
        let result = outcome.borrow_mut().take();
        result.unwrap_or_else(|| Err("the browser's storage did not answer".into()))
    }

    /// Keeps the design's bytes as an earlier version, and drops the oldest beyond
    /// [`MAX_VERSIONS`]. A version's key is when it was kept (milliseconds; one more than the
    /// newest key when two come within the same millisecond).
    pub async fn add_version(&self, bytes: &[u8], meta: &Meta, label: &str) -> Result<(), String> {
        let transaction = self.transaction(&[VERSIONS, VERSION_DATA], true)?;
        let versions = Self::store(&transaction, VERSIONS)?;
        let data = Self::store(&transaction, VERSION_DATA)?;
        let info = record(meta);
        set(&info, "label", &JsValue::from_str(label));
        let bytes = Uint8Array::from(bytes);
        let request = versions.get_all_keys().map_err(|e| describe(&e))?;
        let failure = std::rc::Rc::new(std::cell::RefCell::new(None::<String>));
        let failed = failure.clone();
        let reading = request.clone();
        let now = meta.saved_at;
        // In the request's own success event, while the transaction is still active.
        on_success(&request, move || {
            let keys: Vec<f64> = reading
                .result()
                .map(|k| js_sys::Array::from(&k).iter().filter_map(|k| k.as_f64()).collect())
                .unwrap_or_default();
            let key = JsValue::from_f64(keys.last().map_or(now, |last| now.max(last + 1.0)));
            let kept = versions
                .put_with_key(&info, &key)
                .and_then(|_| data.put_with_key(&bytes, &key))
                .and_then(|_| {
                    let drop = (keys.len() + 1).saturating_sub(MAX_VERSIONS);
                    for old in &keys[..drop] {
                        versions.delete(&JsValue::from_f64(*old))?;
                        data.delete(&JsValue::from_f64(*old))?;
                    }
                    Ok(())
                });
            if let Err(error) = kept {
                *failed.borrow_mut() = Some(describe(&error));
            }
        });
        committed(&transaction).await?;
        let failure = failure.borrow_mut().take();
        failure.map_or(Ok(()), Err)
    }

    /// Keeps what this tab has not saved, in the page's last moments (`pagehide`): the write is
    /// queued and committed at once, with nothing awaited, so it outlives the page.
    pub fn keep_unsaved(&self, written: &Record, tab: &str, base: f64) -> Result<(), String> {
        let transaction = self.transaction(&[UNSAVED], true)?;
        let record = record(&written.meta);
        set(&record, "tab", &JsValue::from_str(tab));
        set(&record, "base", &JsValue::from_f64(base));
        set(&record, "bytes", &Uint8Array::from(written.bytes.as_slice()));
        set(&record, "history", &Uint8Array::from(written.history.as_slice()));
        Self::store(&transaction, UNSAVED)?
            .put_with_key(&record, &JsValue::from_str(tab))
            .map_err(|e| describe(&e))?;
        // `commit()` (Indexed Database 3.0, in every current browser) sends the write at once
        // instead of when the page's script returns, which in `pagehide` may be too late.
        // web-sys marks it deprecated, as the WebIDL it is generated from did.
        #[allow(deprecated)]
        transaction.commit().map_err(|e| describe(&e))
    }

    /// What closed tabs left unsaved, newest first.
    pub async fn unsaved(&self) -> Result<Vec<Unsaved>, String> {
        let transaction = self.transaction(&[UNSAVED], false)?;
        let values =
            wait(&Self::store(&transaction, UNSAVED)?.get_all().map_err(|e| describe(&e))?).await?;
        let mut out: Vec<Unsaved> = js_sys::Array::from(&values)
            .iter()
            .map(|value| Unsaved {
                tab: get(&value, "tab").as_string().unwrap_or_default(),
                bytes: get(&value, "bytes")
                    .dyn_into::<Uint8Array>()
                    .map(|a| a.to_vec())
                    .unwrap_or_default(),
                base: get(&value, "base").as_f64().unwrap_or(0.0),
                history: bytes_of(&value, "history"),
                meta: meta_of(&value),
            })
            .collect();
        out.sort_by(|a, b| b.meta.saved_at.total_cmp(&a.meta.saved_at));
        Ok(out)
    }

    /// Drops what a closed tab left unsaved, once it is kept elsewhere.
    pub async fn forget_unsaved(&self, tab: &str) -> Result<(), String> {
        let transaction = self.transaction(&[UNSAVED], true)?;
        Self::store(&transaction, UNSAVED)?
            .delete(&JsValue::from_str(tab))
            .map_err(|e| describe(&e))?;
        committed(&transaction).await
    }

    /// The earlier versions, newest first.
    pub async fn versions(&self) -> Result<Vec<Version>, String> {
        let transaction = self.transaction(&[VERSIONS], false)?;
        let store = Self::store(&transaction, VERSIONS)?;
        let keys = wait(&store.get_all_keys().map_err(|e| describe(&e))?).await?;
        let values = wait(&store.get_all().map_err(|e| describe(&e))?).await?;
        let keys = js_sys::Array::from(&keys);
        let values = js_sys::Array::from(&values);
        let mut out: Vec<Version> = keys
            .iter()
            .zip(values.iter())
            .map(|(key, value)| Version {
                key: key.as_f64().unwrap_or(0.0),
                label: get(&value, "label").as_string().unwrap_or_default(),
                meta: meta_of(&value),
            })
            .collect();
        out.reverse();
        Ok(out)
    }

    /// One version's bytes.
    pub async fn version_bytes(&self, key: f64) -> Result<Vec<u8>, String> {
        let transaction = self.transaction(&[VERSION_DATA], false)?;
        let request = Self::store(&transaction, VERSION_DATA)?
            .get(&JsValue::from_f64(key))
            .map_err(|e| describe(&e))?;
        let value = wait(&request).await?;
        value
            .dyn_into::<Uint8Array>()
            .map(|a| a.to_vec())
            .map_err(|_| "that version is gone".into())
    }
}

/// A message from another tab of this site.
#[derive(Clone, Debug, PartialEq)]
pub enum Heard {
    /// A tab opened (and asks who else is there).
    Hello,
    /// A tab that has a design open answers a hello.
    Here,
    /// A tab saved the design as this revision.
    Saved(f64),
}

/// The channel to this site's other tabs.
pub struct Channel(web_sys::BroadcastChannel);

impl Channel {
    /// Opens the channel; `hear` is called with what other tabs say (never with this tab's own).
    pub fn open(tab: &str, hear: impl Fn(Heard) + 'static) -> Option<Channel> {
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
        let me = tab.to_string();
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let data = event.data();
                if get(&data, "tab").as_string().as_deref() == Some(me.as_str()) {
                    return;
                }
                let heard = match get(&data, "kind").as_string().as_deref() {
                    Some("hello") => Heard::Hello,
                    Some("here") => Heard::Here,
                    Some("saved") => Heard::Saved(get(&data, "revision").as_f64().unwrap_or(0.0)),
                    _ => return,
                };
                hear(heard);
            });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The channel lives as long as the page.
        on_message.forget();
        Some(Channel(channel))
    }

    pub fn say(&self, tab: &str, heard: &Heard) {
        let message = Object::new();
        set(&message, "tab", &JsValue::from_str(tab));
        let kind = match heard {
            Heard::Hello => "hello",
            Heard::Here => "here",
            Heard::Saved(revision) => {
                set(&message, "revision", &JsValue::from_f64(*revision));
                "saved"
            }
        };
        set(&message, "kind", &JsValue::from_str(kind));
        let _ = self.0.post_message(&message);
    }
}

/// A name for this tab, unlikely to be any other's.
pub fn new_tab_id() -> String {
    format!("{:x}{:x}", (js_sys::Math::random() * 1e15) as u64, crate::io::now() as u64)
}

/// Milliseconds since the epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}

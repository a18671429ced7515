//! A reference build for `cargo xtask bench`, not part of the app: the smallest Leptos page
//! that does what every page of the app does at start (read the saved design from storage,
//! show something of it, answer input), with the app's marks. Its bundle size and time to
//! interactive are what Leptos and the browser cost before any of the designer's own code.

use leptos::prelude::*;

fn main() {
    apigw_designer::io::mark("apigw:start");
    leptos::mount::mount_to_body(|| {
        let text = RwSignal::new(apigw_designer::io::load().ok().flatten().unwrap_or_default());
        let length = Memo::new(move |_| format!("{} bytes", text.with(String::len)));
        view! {
            <textarea aria-label="Text" on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p>{length}</p>
        }
    });
    apigw_designer::io::mark("apigw:mounted");
    apigw_designer::io::mark_ready();
}

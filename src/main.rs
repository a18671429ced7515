//! Entry point of the browser app: install the panic hook, read the saved design, mount the
//! designer, and mark when
//! the wasm started (`apigw:start`), when the first render is built (`apigw:mounted`) and when
//! the page is interactive (`apigw:ready`), for the benchmarks.

fn main() {
    apigw_designer::io::mark("apigw:start");
    console_error_panic_hook::set_once();
    // The saved design is read from IndexedDB, which answers asynchronously; the app mounts
    // as soon as it has.
    // (Leptos's own executor starts with the mount: the browser's runs this first step.)
    wasm_bindgen_futures::spawn_local(async {
        apigw_designer::start().await;
        apigw_designer::io::mark("apigw:mounted");
        apigw_designer::io::mark_ready();
    });
}

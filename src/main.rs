//! Entry point of the browser app: install the panic hook, mount the designer, and mark when
//! the wasm started (`apigw:start`), when the first render is built (`apigw:mounted`) and when
//! the page is interactive (`apigw:ready`), for the benchmarks.

fn main() {
    apigw_designer::io::mark("apigw:start");
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(apigw_designer::App);
    apigw_designer::io::mark("apigw:mounted");
    apigw_designer::io::mark_ready();
}

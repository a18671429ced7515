//! Entry point of the browser app: install the panic hook, mount the designer, and mark the
//! moment it is interactive (`apigw:ready`, read by the benchmarks).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(apigw_designer::App);
    apigw_designer::io::mark_ready();
}

//! Entry point of the browser app: install the panic hook, mount the designer.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(apigw_designer::App);
}

//! A reference build for `cargo xtask bench`, not part of the app: the reference Leptos page
//! (`reference-leptos.rs`) plus everything the app asks of apigw-core, with no interface.
//!
//! At start it reads and parses the saved design exactly as the app does, and shows its size.
//! On input it loads the text as any document the app imports, edits and undoes, checks it,
//! builds the plan and each call's wire request, and writes every export. Its bundle size is
//! what the model costs in the browser; its time to interactive with a large saved design is
//! what reading and parsing that design costs, without the app's first render.

use apigw_core::command::Edit;
use apigw_core::history::History;
use apigw_core::{checker::Checker, cli_script, deploy, document, openapi, plan, review};
use leptos::prelude::*;

/// Everything the app derives from a document, summed up in a line.
fn everything(text: &str) -> String {
    let loaded = match document::load(text) {
        Ok(loaded) => loaded,
        Err(error) => return error.to_string(),
    };
    let mut design = loaded.design;
    let mut history = History::default();
    let value = design.api.clone();
    let _ = history.apply(&mut design, Edit::SetApi { value });
    let _ = history.undo(&mut design);
    let checker = Checker::new(&design);
    let calls = plan::build(&design);
    let ids = Default::default();
    let requests = calls.iter().filter(|c| deploy::resolve(c, &ids).is_ok()).count();
    let described: usize = calls.iter().map(|c| review::describe(c).len()).sum();
    let problems: Vec<String> = checker
        .iter()
        .map(|d| {
            format!(
                "{} {} {}: {} {}",
                document::owner_label(&d.target.owner),
                d.code,
                d.name,
                d.message,
                d.fix
            )
        })
        .collect();
    let exports = [
        plan::to_wire_json(&calls),
        plan::to_plan_json(&design.api, &calls),
        openapi::export(&design),
        cli_script::to_cli_script(&design),
        document::design_to_string(&design),
    ];
    format!(
        "{} calls, {requests} requests ({described} bytes described), exports of {} bytes, {}",
        calls.len(),
        exports.iter().map(String::len).sum::<usize>(),
        problems.join("\n")
    )
}

fn main() {
    apigw_designer::io::mark("apigw:start");
    leptos::mount::mount_to_body(|| {
        let saved = apigw_designer::io::load().ok().flatten().unwrap_or_default();
        apigw_designer::io::mark("apigw:read");
        let summary = match document::design_from_str(&saved) {
            Ok(design) => {
                apigw_designer::io::mark("apigw:parsed");
                let methods: usize = design.resources.values().map(|r| r.methods.len()).sum();
                format!("{} resources, {methods} methods", design.resources.len())
            }
            Err(error) => error.to_string(),
        };
        let text = RwSignal::new(String::new());
        let result = Memo::new(move |_| {
            text.with(|t| if t.is_empty() { String::new() } else { everything(t) })
        });
        view! {
            <p>{summary}</p>
            <textarea aria-label="Document" on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <pre>{result}</pre>
        }
    });
    apigw_designer::io::mark("apigw:mounted");
    apigw_designer::io::mark_ready();
}

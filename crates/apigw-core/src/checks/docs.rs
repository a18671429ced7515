//! The rules reference, `docs/rules.md`, generated from the rules' own documentation.

use super::rules::DOCS;

/// The rules reference, `docs/rules.md`, generated from the rule docs.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Validation rules\n\n\
         Generated from the rule sources in `crates/apigw-core/src/checks/rules/` by `cargo xtask docs`\n\
         (a test fails when this file is stale). Every rule has a valid and an invalid fixture in\n\
         `crates/apigw-core/tests/rules/<name>/`.\n\n\
         Severity: **error** means API Gateway rejects the request or the API cannot work;\n\
         **warning** means it is accepted but likely wrong, or depends on account settings.\n\n\
         | Code | Name | Severity | Checks |\n|---|---|---|---|\n",
    );
    // The table of every rule, then a section per rule, written in one pass.
    let mut sections = String::new();
    for doc in DOCS {
        let rule = doc.rule;
        let (code, name, severity) = (rule.code, rule.name, rule.severity.as_str());
        out.push_str(&format!(
            "| {code} | [`{name}`](#{name}) | {severity} | {} |\n",
            rule.summary
        ));
        sections.push_str(&format!(
            "\n## {name}\n\n`{code}` · {severity}\n\n{}\n\n**Why:** {}\n\n**Fix:** {}\n\n**Source:** {}\n",
            rule.summary, doc.why, rule.fix, doc.source
        ));
    }
    out.push_str(&sections);
    out
}

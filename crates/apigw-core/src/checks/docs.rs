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
    for doc in DOCS {
        let rule = doc.rule;
        out.push_str(&format!(
            "| {} | [`{}`](#{}) | {} | {} |\n",
            rule.code,
            rule.name,
            rule.name,
            rule.severity.as_str(),
            rule.summary
        ));
    }
    for doc in DOCS {
        let rule = doc.rule;
        out.push_str(&format!(
            "\n## {}\n\n`{}` · {}\n\n{}\n\n**Why:** {}\n\n**Fix:** {}\n\n**Source:** {}\n",
            rule.name,
            rule.code,
            rule.severity.as_str(),
            rule.summary,
            doc.why,
            rule.fix,
            doc.source
        ));
    }
    out
}

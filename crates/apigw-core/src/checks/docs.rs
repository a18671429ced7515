//! The rules reference, `docs/rules.md`, generated from the rules' own documentation.

use super::rules::DOCS;

/// The rules reference, `docs/rules.md`, generated from the rule docs.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Validation rules\n\n\
         Generated from the rule sources in `crates/apigw-core/src/checks/rules/` by `cargo xtask docs`\n\
         (a test fails when this file is stale). Every rule has a valid and an invalid fixture in\n\
         `crates/apigw-core/tests/rules/<name>/`.\n\n\
         Phase: when API Gateway fails on the problem. **call**: it rejects the API call that sets\n\
         it (in a plan, that call is the one rejected); **deploy**: every call is accepted but\n\
         CreateDeployment fails (in a plan, the plan as a whole); **invoke**: everything is accepted\n\
         and deployed, and the API fails when called; **advice**: it works, but is probably not\n\
         what was meant, or depends on the account's quotas; **file**: an imported file says\n\
         something two ways. Severity follows: advice is a **warning**, every other phase an\n\
         **error**. Where API Gateway's own error text is on record, the rule quotes it, and\n\
         `apigw validate --format json` gives it as `aws_message`.\n\n\
         | Code | Name | Phase | Severity | Checks |\n|---|---|---|---|---|\n",
    );
    // The table of every rule, then a section per rule, written in one pass.
    let mut sections = String::new();
    for doc in DOCS {
        let rule = doc.rule;
        let (code, name) = (rule.code, rule.name);
        let (phase, severity) = (rule.phase.as_str(), rule.severity().as_str());
        out.push_str(&format!(
            "| {code} | [`{name}`](#{name}) | {phase} | {severity} | {} |\n",
            rule.summary
        ));
        let aws = match rule.aws_message {
            Some(text) => format!("**AWS says:** `{text}`\n\n"),
            None => String::new(),
        };
        sections.push_str(&format!(
            "\n## {name}\n\n`{code}` · {phase} · {severity}: {}\n\n{}\n\n**Why:** {}\n\n**Fix:** {}\n\n{aws}**Source:** {}\n",
            rule.phase.words(),
            rule.summary,
            doc.why,
            rule.fix,
            doc.source
        ));
    }
    out.push_str(&sections);
    out
}

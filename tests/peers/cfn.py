#!/usr/bin/env python3
"""apigw's CloudFormation export beside AWS's own template checkers.

For every fixture with no apigw error (fixtures/designs, the e2e golden plans, the rule
fixtures, and AWS's OpenAPI exports from ../shared when it is there), `apigw export --to
cloudformation`, in JSON and in YAML, must get no error from cfn-lint (pip cfn-lint) nor
from AWS's cloudformation-validate (`from cloudformation_validate import RegoEngine`).
Warnings are reported, not failed. Where a peer flags something AWS's documentation says is
fine, the case is listed in EXCEPTIONS with its source, and docs/cloudformation.md says so.

Run by run.py (the peer stage of `cargo xtask test`); alone, it ends with
`peers: N passed, N failed`.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APIGW = os.environ.get("APIGW_BIN", str(ROOT / "target/debug/apigw"))

# A peer's finding that AWS's documentation contradicts: (peer, rule id) -> why it is not
# counted, with the source. Kept empty unless a case is proven.
EXCEPTIONS = {}

_ENGINE = None


def engine():
    """cloudformation-validate's engine: expensive to build, cheap to reuse."""
    global _ENGINE
    if _ENGINE is None:
        from cloudformation_validate import RegoEngine

        _ENGINE = RegoEngine()
    return _ENGINE


def apigw_errors(path):
    """How many errors apigw finds in a file."""
    out = subprocess.run([APIGW, "validate", str(path), "--format", "json"], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        return None
    return [d for d in json.loads(out.stdout)["diagnostics"] if d["severity"] == "error"]


def export(path, form):
    out = subprocess.run(
        [APIGW, "export", str(path), "--to", "cloudformation", "--format", form], capture_output=True, text=True
    )
    if out.returncode != 0:
        raise AssertionError(f"apigw export --to cloudformation --format {form} exited {out.returncode}: {out.stderr}")
    return out.stdout


def cfn_lint(text):
    """cfn-lint's findings: (severity, rule id, line, message)."""
    import cfnlint.api

    found = []
    for match in cfnlint.api.lint(text, regions=["us-east-1"]):
        rule = match.rule.id
        severity = {"E": "error", "W": "warning"}.get(rule[:1], "info")
        found.append((severity, rule, match.linenumber, match.message))
    return found


def cloudformation_validate(text, name):
    from cloudformation_validate import TemplateContent

    report = engine().validate_template(TemplateContent(text, name))
    found = []
    for d in report.diagnostics:
        severity = {"ERROR": "error", "FATAL": "error", "WARN": "warning"}.get(d.severity.name, "info")
        found.append((severity, d.rule_id, d.start_line, d.message))
    return found


PEERS = {"cfn-lint": lambda text, name: cfn_lint(text), "cloudformation-validate": cloudformation_validate}


def findings(text, name):
    """Each peer's findings on one template, less the documented exceptions."""
    out = {}
    for peer, check in PEERS.items():
        out[peer] = [f for f in check(text, name) if (peer, f[1]) not in EXCEPTIONS]
    return out


def fixtures():
    """Every fixture apigw reads, with its label."""
    paths = sorted((ROOT / "fixtures/designs").glob("*.json"))
    paths += sorted((ROOT / "tests/e2e/golden").glob("*.plan.json"))
    paths += sorted((ROOT / "crates/apigw-core/tests/rules").glob("*/*.json"))
    shared = ROOT.parent / "shared/fixtures/openapi"
    if shared.is_dir():
        paths += sorted(p for p in shared.iterdir() if p.is_file())
    else:
        print(f"  notice: {shared} is absent; AWS's OpenAPI exports are not exported to CloudFormation")
    return paths


def label(path):
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return path.name


def check_fixture(path):
    """The fixture's template, JSON and YAML, gets no error from either peer."""
    errors = []
    warnings = 0
    for form in ("json", "yaml"):
        text = export(path, form)
        for peer, found in findings(text, f"{path.stem}.{form}").items():
            for severity, rule, line, message in found:
                if severity == "error":
                    errors.append(f"{peer} {rule} at {form} line {line}: {message}")
                elif severity == "warning":
                    warnings += 1
    if errors:
        raise AssertionError("\n".join(errors))
    return f"no errors from cfn-lint or cloudformation-validate (JSON and YAML), {warnings} warnings"


def checks():
    """(name, function, args) for every fixture with no apigw error."""
    out = []
    for path in fixtures():
        errors = apigw_errors(path)
        if errors is None or errors:
            continue
        out.append((f"cfn-lint and cloudformation-validate accept the CloudFormation export of {label(path)}", check_fixture, (path,)))
    return out


def main():
    results = []
    for name, check, args in checks():
        try:
            print(f"  ok    {name}: {check(*args)}")
            results.append(True)
        except AssertionError as error:
            print(f"  FAIL  {name}:\n{error}")
            results.append(False)
    print(f"peers: {results.count(True)} passed, {results.count(False)} failed")
    return 1 if False in results or not results else 0


if __name__ == "__main__":
    sys.exit(main())

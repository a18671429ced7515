#!/usr/bin/env python3
"""apigw's mapping-template engine beside real peers, over the corpus in
crates/apigw-core/tests/vtl/*.json.

Every case (a template and a request) is rendered three ways, each peer in one process:
  * by `apigw template --cases` (APIGW_BIN);
  * by LocalStack's `ApiGatewayVtlTemplate`, in LocalStack's own virtual environment
    (APIGW_SANDBOX_PYTHON), with the variables LocalStack's integration request handler builds
    for `render_request` (handlers/integration_request.py): `$input` of the body and the
    path, querystring and header parameters (headers as werkzeug `Headers`), `$context`,
    `$stageVariables`, and the request and response overrides;
  * for the plain Velocity cases (velocity.json, no API Gateway variables), by velocityjs
    (npm, pinned in pins.toml, from tests/e2e/node_modules after `npm ci`).

A case passes when apigw's output (and overrides) equal the peer's, or when the difference is
listed in LOCALSTACK_DIFFERS / VELOCITYJS_DIFFERS with its reason and AWS's evidence (each also
in docs/vtl.md, "Where LocalStack differs" / "Where velocityjs differs"). Where a case holds
AWS's recorded output (`expected`, `expected_json`, `expected_overrides`), apigw must equal it
whatever the peers say; a miss is an engine bug.

Run by run.py (the peer stage of `cargo xtask test`); alone, it runs just these checks and ends
with `peers: N passed, N failed`.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APIGW = os.environ.get("APIGW_BIN", str(ROOT / "target/debug/apigw"))
SANDBOX_PYTHON = os.environ.get(
    "APIGW_SANDBOX_PYTHON", str(Path.home() / ".cache/apigw-designer/localstack-4.13.1/bin/python")
)
CORPUS = ROOT / "crates/apigw-core/tests/vtl"
E2E = ROOT / "tests/e2e"

# The $context every case starts from: the same values `apigw template` documents in its help,
# so both peers read the same request. A case's "context" is merged over it key by key.
DEFAULT_CONTEXT = {
    "accountId": "123456789012",
    "apiId": "a1b2c3d4e5",
    "deploymentId": "d1e2f3",
    "domainName": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
    "domainPrefix": "a1b2c3d4e5",
    "extendedRequestId": "AbCdEfGhIjKlMnO=",
    "httpMethod": "POST",
    "identity": {"sourceIp": "198.51.100.7", "userAgent": "apigw-template"},
    "path": "/test/",
    "protocol": "HTTP/1.1",
    "requestId": "00000000-0000-4000-8000-000000000000",
    "requestTime": "01/Jan/2026:00:00:00 +0000",
    "requestTimeEpoch": 1767225600000,
    "resourceId": "r1s2t3",
    "resourcePath": "/",
    "stage": "test",
}

# Where LocalStack's rendering is not AWS's: case name -> (reason, AWS's evidence). apigw
# follows AWS; the case passes when apigw and LocalStack differ on it. Mirrored in docs/vtl.md.
LOCALSTACK_DIFFERS = {}

# Where velocityjs (a JavaScript Velocity) is not the Java Velocity API Gateway runs, or where API
# Gateway is not plain Velocity: case name -> (reason, evidence).
VELOCITYJS_DIFFERS = {}

# LocalStack's side: reads every case on standard input, prints every result.
LOCALSTACK_RUNNER = r"""
import copy, json, sys
from werkzeug.datastructures import Headers
from localstack.services.apigateway.next_gen.execute_api.template_mapping import (
    ApiGatewayVtlTemplate, MappingTemplateInput, MappingTemplateParams, MappingTemplateVariables)
from localstack.services.apigateway.next_gen.execute_api.variables import (
    ContextVariableOverrides, ContextVarsRequestOverride, ContextVarsResponseOverride)

def plain(value):
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    return str(value)

engine = ApiGatewayVtlTemplate()
results = []
for case in json.load(sys.stdin):
    try:
        headers = Headers()
        for name, value in case["header"].items():
            headers.add(name, value)
        context = copy.deepcopy(case["context"])
        # What an earlier template set travels in the overrides, as in LocalStack's handlers.
        request_override = context.pop("requestOverride", None) or {}
        response_override = context.pop("responseOverride", None) or {}
        overrides = ContextVariableOverrides(
            requestOverride=ContextVarsRequestOverride(
                header=dict(request_override.get("header", {})),
                querystring=dict(request_override.get("querystring", {})),
                path=dict(request_override.get("path", {})),
            ),
            responseOverride=ContextVarsResponseOverride(
                header=dict(response_override.get("header", {})),
                status=response_override.get("status", 0),
            ),
        )
        for key, value in response_override.items():
            if key not in ("header", "status"):
                overrides["responseOverride"][key] = value
        variables = MappingTemplateVariables(
            context=context,
            stageVariables=case["stageVariables"],
            input=MappingTemplateInput(
                body=case["body"],
                params=MappingTemplateParams(
                    path=case["path"], querystring=case["querystring"], header=headers
                ),
            ),
        )
        output, after = engine.render_request(
            template=case["template"], variables=variables, context_overrides=overrides
        )
        request, response = after["requestOverride"], after["responseOverride"]
        status = response.get("status")
        results.append({
            "output": str(output),
            "overrides": {
                "requestOverride": {
                    k: plain(dict(request.get(k) or {})) for k in ("header", "querystring", "path")
                },
                "responseOverride": {
                    "status": None if status in (0, None, "") else str(status),
                    "header": plain(dict(response.get("header") or {})),
                },
            },
        })
    except BaseException as error:
        results.append({"error": {"message": f"{type(error).__name__}: {error}"}})
json.dump(results, sys.stdout)
"""

# velocityjs's side, the same way (run in tests/e2e, where node_modules is).
VELOCITYJS_RUNNER = r"""
const velocity = require("velocityjs");
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const results = JSON.parse(input).map((c) => {
    try {
      return { output: String(velocity.render(c.template, {})) };
    } catch (error) {
      return { error: { message: String(error && error.message ? error.message : error) } };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
"""


def merged(base, patch):
    out = dict(base)
    for key, value in (patch or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def load_cases():
    """Every case of the corpus, its request filled in, with `group` (the file's stem)."""
    cases = []
    for path in sorted(CORPUS.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            case = dict(case)
            case["group"] = path.stem
            for key in ("path", "querystring", "header", "stageVariables"):
                case[key] = case.get(key) or {}
            case["body"] = case.get("body") or ""
            case["context"] = merged(DEFAULT_CONTEXT, case.get("context"))
            cases.append(case)
    return cases


def request_only(case):
    keys = ("template", "body", "path", "querystring", "header", "stageVariables", "context")
    return {k: case[k] for k in keys}


def run_json(argv, cases, what, cwd=None):
    """Runs one peer over every case; its results, or an error naming what failed."""
    try:
        out = subprocess.run(
            argv, input=json.dumps(cases), capture_output=True, text=True, cwd=cwd, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{what} could not run: {error}"
    try:
        results = json.loads(out.stdout)
    except json.JSONDecodeError:
        return f"{what} exited {out.returncode} without results: {out.stderr.strip()[-600:]}"
    if not isinstance(results, list) or len(results) != len(cases):
        return f"{what} gave {len(results) if isinstance(results, list) else 'no'} results for {len(cases)} cases"
    return results


def run_apigw(cases):
    listing = Path(os.environ.get("TMPDIR", "/tmp")) / f"apigw-vtl-cases-{os.getpid()}.json"
    listing.write_text(json.dumps([request_only(c) for c in cases]), encoding="utf-8")
    try:
        out = subprocess.run(
            [APIGW, "template", "--cases", str(listing)], capture_output=True, text=True, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"apigw template --cases could not run: {error}"
    finally:
        listing.unlink(missing_ok=True)
    if out.returncode not in (0, 1):
        return f"apigw template --cases exited {out.returncode}: {out.stderr.strip()[-600:]}"
    try:
        results = json.loads(out.stdout)
    except json.JSONDecodeError:
        return f"apigw template --cases printed no JSON: {out.stderr.strip()[-600:]}"
    if len(results) != len(cases):
        return f"apigw template --cases gave {len(results)} results for {len(cases)} cases"
    return results


def run_localstack(cases):
    if not Path(SANDBOX_PYTHON).exists():
        return f"LocalStack's Python is absent ({SANDBOX_PYTHON}); `cargo xtask test` installs it"
    return run_json([SANDBOX_PYTHON, "-c", LOCALSTACK_RUNNER], [request_only(c) for c in cases], "LocalStack")


def run_velocityjs(cases):
    if not (E2E / "node_modules/velocityjs").is_dir():
        return "velocityjs is not installed: run `npm ci` in tests/e2e (`cargo xtask test` does)"
    return run_json(["node", "-e", VELOCITYJS_RUNNER], [request_only(c) for c in cases], "velocityjs", cwd=E2E)


class Runs:
    """The three peers' results, computed once for all the checks."""

    def __init__(self):
        self.cases = load_cases()
        self.apigw = run_apigw(self.cases)
        self.localstack = run_localstack(self.cases)
        plain = [c for c in self.cases if c["group"] == "velocity"]
        found = run_velocityjs(plain)
        if isinstance(found, str):
            self.velocityjs = {c["name"]: found for c in plain}
        else:
            self.velocityjs = {c["name"]: r for c, r in zip(plain, found)}
        self.tally = {"cases": 0, "agree": 0, "known": 0, "bugs": [], "unexplained": [], "vjs_agree": 0, "vjs_known": 0}


_RUNS = None


def runs():
    global _RUNS
    if _RUNS is None:
        _RUNS = Runs()
    return _RUNS


def show(result):
    if isinstance(result, str):
        return result
    if "error" in result:
        return f"error: {result['error'].get('message')}"
    return json.dumps(result.get("output"), ensure_ascii=False)


def same(a, b):
    """Two renders agree: both failed, or the same output and the same overrides."""
    if isinstance(a, str) or isinstance(b, str):
        return False
    if "error" in a or "error" in b:
        return "error" in a and "error" in b
    return a.get("output") == b.get("output") and a.get("overrides") == b.get("overrides")


def contains(actual, expected):
    """Every key of `expected` is in `actual` with that value (objects compared recursively)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contains(actual[k], v) for k, v in expected.items())
    return actual == expected


def aws_mismatch(case, result):
    """How apigw's result differs from AWS's recorded output, or None."""
    if "error" in result:
        return f"apigw failed ({result['error'].get('message')}) where AWS rendered"
    output = result.get("output", "")
    if "expected" in case and output != case["expected"]:
        return f"AWS: {json.dumps(case['expected'], ensure_ascii=False)}\napigw: {json.dumps(output, ensure_ascii=False)}"
    if "expected_json" in case:
        try:
            parsed = json.loads(output)
        except json.JSONDecodeError:
            parsed = None
        if parsed != case["expected_json"]:
            return f"AWS (as JSON): {json.dumps(case['expected_json'])}\napigw: {json.dumps(output, ensure_ascii=False)}"
    if "expected_overrides" in case and not contains(result.get("overrides"), case["expected_overrides"]):
        return f"AWS's overrides: {json.dumps(case['expected_overrides'])}\napigw's: {json.dumps(result.get('overrides'))}"
    return None


def check_case(index):
    r = runs()
    case = r.cases[index]
    tally = r.tally
    tally["cases"] += 1
    if isinstance(r.apigw, str):
        raise AssertionError(r.apigw)
    mine = r.apigw[index]
    theirs = r.localstack if isinstance(r.localstack, str) else r.localstack[index]
    notes = []
    has_aws = any(k in case for k in ("expected", "expected_json", "expected_overrides"))
    if has_aws:
        miss = aws_mismatch(case, mine)
        if miss:
            tally["bugs"].append(case["name"])
            raise AssertionError(f"engine bug: apigw differs from AWS's recorded output\n{miss}")
        notes.append("equals AWS's recorded output")
    if isinstance(theirs, str):
        raise AssertionError(theirs)
    if same(mine, theirs):
        tally["agree"] += 1
        notes.append("agrees with LocalStack")
    elif case["name"] in LOCALSTACK_DIFFERS:
        tally["known"] += 1
        notes.append(f"LocalStack differs, as known: {LOCALSTACK_DIFFERS[case['name']][0]}")
    else:
        tally["unexplained"].append(case["name"])
        raise AssertionError(f"apigw and LocalStack differ\nLocalStack: {show(theirs)}\napigw:      {show(mine)}")
    if case["group"] == "velocity":
        vjs = r.velocityjs[case["name"]]
        if isinstance(vjs, str):
            raise AssertionError(vjs)
        if same_output(mine, vjs):
            tally["vjs_agree"] += 1
            notes.append("agrees with velocityjs")
        elif case["name"] in VELOCITYJS_DIFFERS:
            tally["vjs_known"] += 1
            notes.append(f"velocityjs differs, as known: {VELOCITYJS_DIFFERS[case['name']][0]}")
        else:
            tally["unexplained"].append(case["name"])
            raise AssertionError(f"apigw and velocityjs differ\nvelocityjs: {show(vjs)}\napigw:      {show(mine)}")
    return "; ".join(notes)


def same_output(a, b):
    if "error" in a or "error" in b:
        return "error" in a and "error" in b
    return a.get("output") == b.get("output")


def checks():
    """(name, function, args) for every case of the corpus."""
    return [
        (f"mapping template {case['group']}/{case['name']}", check_case, (index,))
        for index, case in enumerate(runs().cases)
    ]


def summary():
    """The one line run.py prints after the checks."""
    t = runs().tally
    line = (
        f"vtl: {t['cases']} cases, {t['agree']} agree with LocalStack, {t['known']} known differences, "
        f"{len(t['bugs'])} engine bugs"
    )
    plain = sum(1 for c in runs().cases if c["group"] == "velocity")
    line += f"\nvtl: {plain} plain Velocity cases, {t['vjs_agree']} agree with velocityjs, {t['vjs_known']} known differences"
    if t["bugs"]:
        line += "\nvtl: engine bugs (AWS's recorded output says apigw is wrong): " + ", ".join(t["bugs"])
    if t["unexplained"]:
        line += "\nvtl: differences to judge (no AWS evidence yet): " + ", ".join(t["unexplained"])
    return line


def main():
    results = []
    for name, check, args in checks():
        try:
            print(f"  ok    {name}: {check(*args)}")
            results.append(True)
        except AssertionError as error:
            print(f"  FAIL  {name}:\n{error}")
            results.append(False)
    print(summary())
    print(f"peers: {results.count(True)} passed, {results.count(False)} failed")
    return 1 if False in results or not results else 0


if __name__ == "__main__":
    sys.exit(main())

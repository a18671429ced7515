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
with `peers: N passed, N failed`. `python3 tests/peers/vtl.py --docs` prints the section of
docs/vtl.md that lists the known differences.
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
DEFAULT_CONTEXT = json.loads((ROOT / "crates/apigw-core/src/vtl/test-context.json").read_text())

# The evidence the tables below cite.
SNAPSHOTS = "https://github.com/localstack/localstack/blob/main/tests/aws/services/apigateway"
REFERENCE = "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html"
VELOCITY = "https://velocity.apache.org/engine/1.7/user-guide.html"
RECORDED_FORMATTING = (
    "AWS's recorded outputs in LocalStack's AWS-validated snapshot "
    f"{SNAPSHOTS}/test_apigateway_common.snapshot.json, test_input_path_template_formatting "
    "(last validated 2025-06-18): a JSON list prints as [{\"foo\":\"bar\"}], a JSON object as {foo=bar}, "
    "a missing value as nothing"
)
AS_VELOCITY = (
    f"AWS documents mapping templates as Velocity (VTL), linking Apache Velocity's reference ({REFERENCE}); "
    f"Velocity's user guide ({VELOCITY}) defines this, and no AWS record says otherwise"
)


def _each(names, reason, evidence):
    return {name: (reason, evidence) for name in names}


# Where LocalStack's rendering is not AWS's: case name -> (reason, AWS's evidence). apigw
# follows AWS; the case passes when apigw and LocalStack differ on it. Mirrored in docs/vtl.md,
# "Where LocalStack differs".
LOCALSTACK_DIFFERS = {
    **_each(
        [
            "input-json-root", "input-json-dot", "input-json-bracket", "input-json-wildcard",
            "input-json-recursive", "input-params-header-example", "input-json-pets-example",
            "input-json-pets-index-example", "response-override-example", "input-json-all-example",
        ],
        "LocalStack's $input.json writes JSON with Python's separators (\", \" and \": \"); API Gateway writes "
        "JSON without spaces",
        RECORDED_FORMATTING + " (the same JSON writer; no recording of $input.json's own text)",
    ),
    **_each(
        ["input-json-filter", "input-path-filter-first"],
        "LocalStack's JSONPath (jsonpath_rw) has no filter expressions and fails the template",
        f"the Developer Guide's $input.path and $input.json take a JSONPath expression ({REFERENCE}); "
        "JSONPath's filters [?(...)] are part of it",
    ),
    "input-params-all": (
        "LocalStack prints $input.params() as a Python dict (with werkzeug's Headers); API Gateway prints a "
        "map as Java does, {path={id=1}, ...}",
        RECORDED_FORMATTING,
    ),
    **_each(
        ["util-escape-js-quotes", "util-escape-javascript-example"],
        "LocalStack's $util.escapeJavaScript leaves ' as it is; API Gateway turns ' into \\'",
        f"the Developer Guide: escapeJavaScript \"will turn any regular single quotes (') into escaped ones "
        f"(\\')\" ({REFERENCE})",
    ),
    **_each(
        ["util-escape-js-script", "util-escape-js-slash", "util-escape-js-non-ascii", "json-body-builder"],
        "LocalStack escapes with Python's json.dumps; API Gateway's escapeJavaScript is Apache Commons Lang's "
        "StringEscapeUtils.escapeJavaScript: ' as \\', / as \\/, non-ASCII as \\u00E9 (upper-case hex)",
        f"the Developer Guide describes escapeJavaScript in Commons Lang's own words (\"Escapes the characters "
        f"in a string using JavaScript string rules\") and with its single-quote rule ({REFERENCE}); "
        "json-body-builder also shows $input.json's compact JSON (" + RECORDED_FORMATTING + ")",
    ),
    "util-url-encode-hostile": (
        "LocalStack encodes with Python's quote_plus (keeps ~, encodes *); API Gateway's urlEncode is Java's "
        "application/x-www-form-urlencoded encoder (encodes ~ as %7E, keeps *)",
        f"the Developer Guide: urlEncode \"Converts a string into 'application/x-www-form-urlencoded' format\" "
        f"({REFERENCE}); AWS recorded EncodedBody=%7B%22some%22%3A+%22value%22%7D for this encoder "
        f"({SNAPSHOTS}/test_apigateway_common.snapshot.json, test_input_body_formatting, last validated 2025-03-19)",
    ),
    **_each(
        ["util-base64-roundtrip", "util-base64-decode-example"],
        "LocalStack's $util.base64Decode returns Python bytes and prints b'...'; API Gateway returns the text",
        f"the Developer Guide: base64Decode \"Decodes the data from a base64-encoded string\" ({REFERENCE})",
    ),
    **_each(
        [
            "mock-request-overrides/invoke-path1/request", "mock-request-overrides/invoke-path1/response",
            "mock-request-overrides/invoke-path2/request", "mock-request-overrides/invoke-path2/response",
            "mock-request-overrides/invoke-path-else/request", "mock-response-override/request",
            "mock-response-override/response", "mock-vtl-map-assignation/request",
            "mock-vtl-map-assignation/response", "trailing-newline",
        ],
        "LocalStack trims the template before rendering (template_mapping.py: template.strip()), so a "
        "template's first and last line breaks are lost; apigw renders the text as written",
        AS_VELOCITY + f"; AWS's recordings of these MOCK templates ({SNAPSHOTS}/test_apigateway_integrations"
        ".snapshot.json, validated 2024-11-06 to 2025-05-29) hold the parsed JSON, which both renders give",
    ),
    **_each(
        ["if-empty-string-truthy", "if-zero-truthy"],
        "LocalStack's #if uses Python's truth (\"\" and 0 are false); in Velocity only null and false are false",
        AS_VELOCITY,
    ),
    **_each(
        [
            "foreach-map-entryset", "string-to-upper-lower", "string-trim", "string-starts-ends",
            "string-equals", "map-size-keyset", "map-contains-key",
        ],
        "LocalStack's airspeed lacks Java's String and Map methods on values a template makes "
        "(toUpperCase, trim, endsWith, equals, size, containsKey, entrySet)",
        AS_VELOCITY + f"; AWS's own examples call Java methods on template values (keySet, get, size: {REFERENCE})",
    ),
    "foreach-break": ("LocalStack's airspeed has no #break and prints it", AS_VELOCITY),
    "directive-braced": ("LocalStack's airspeed does not read #{else} and #{end}", AS_VELOCITY),
    "escaped-directive": ("LocalStack keeps the backslash of an escaped \\#end", AS_VELOCITY),
    "set-null-keeps-old": (
        "LocalStack assigns null; Velocity leaves the variable as it was when #set's value is null",
        AS_VELOCITY,
    ),
    **_each(
        [
            "all-params-example", "petstore-transform-response", "petstore-mappings-page",
            "petstore-photos-request", "lambda-response-template/response-template-202",
            "lambda-response-template/response-template-400",
            "lambda-request-template/request-template-vm",
        ],
        "LocalStack's airspeed keeps the line break after a directive (#foreach(...), #if(...), #else, #end) "
        "and drops indentation its own way; Velocity 1.7 consumes the line break that follows a directive and "
        "prints the indentation before it (request-template-vm also lists header names, which LocalStack's "
        "header object does not give to keySet())",
        AS_VELOCITY + "; AWS's own PetStore template puts an empty line after \"}#if($foreach.hasNext),#end\" "
        "precisely because that #end consumes its line break, and the output AWS documents for it has no empty "
        "lines, which is what apigw renders (https://docs.aws.amazon.com/apigateway/latest/developerguide/"
        "api-gateway-create-api-as-simple-proxy-for-http.html); no AWS recording holds the raw text",
    ),
    "input-json-null": (
        "LocalStack's $input.json prints a JSON null as an empty string; API Gateway's $input.json returns the "
        "selection as JSON text, and JSON's text for null is null",
        f"the Developer Guide: $input.json(x) \"evaluates a JSONPath expression and returns the results as a "
        f"JSON string\" ({REFERENCE})",
    ),
    "util-escape-js-empty": (
        "LocalStack's $util.escapeJavaScript turns an empty string into {} (a rule of its own); Apache "
        "Commons Lang's escapeJavaScript, which API Gateway's is, returns an empty string for an empty string",
        f"the Developer Guide describes escapeJavaScript in Commons Lang's words ({REFERENCE}); Commons "
        "Lang's StringEscapeUtils.escapeJavaScript (https://commons.apache.org/proper/commons-lang/javadocs/"
        "api-2.6/org/apache/commons/lang/StringEscapeUtils.html#escapeJavaScript(java.lang.String)); no AWS "
        "record of {}",
    ),
    "escaped-undefined": (
        "LocalStack drops the backslash of \\$nope when $nope is not defined; Velocity prints \\$nope as "
        "written when the reference is not defined",
        AS_VELOCITY + " (\"Escaping Valid VTL References\": an escaped reference that is not defined renders "
        "with its backslash)",
    ),
}

# Where velocityjs (a JavaScript Velocity) is not the Java Velocity API Gateway runs, or where API
# Gateway is not plain Velocity: case name -> (reason, evidence). Mirrored in docs/vtl.md,
# "Where velocityjs differs".
VELOCITYJS_DIFFERS = {
    "undefined-reference": (
        "plain Velocity prints an undefined reference as written ($nope); API Gateway prints nothing",
        RECORDED_FORMATTING + " (\"body\": , for a value that is not there)",
    ),
    "set-map-put": (
        "velocityjs's put returns the new value; Java's Map.put returns the previous one (null here), which "
        "API Gateway prints as nothing",
        RECORDED_FORMATTING,
    ),
    "integer-division": (
        "velocityjs divides as JavaScript (3.5); Velocity divides integers as Java (3)",
        AS_VELOCITY,
    ),
    "stop": ("velocityjs has no #stop and prints it", AS_VELOCITY),
    **_each(
        ["string-length", "string-contains", "list-is-empty", "unicode-text"],
        "velocityjs calls JavaScript's methods, which lack Java's length(), contains() and isEmpty()",
        AS_VELOCITY,
    ),
    "string-replace": (
        "velocityjs's replace is JavaScript's (first match only); Java's String.replace replaces every match",
        AS_VELOCITY,
    ),
    "crlf-lines": (
        "velocityjs keeps the \\r\\n after a #set line; Velocity's directive line ends at \\r\\n as at \\n",
        AS_VELOCITY,
    ),
    **_each(
        ["string-equals", "map-contains-key"],
        "velocityjs lacks Java's equals() and containsKey() and prints the call as written",
        AS_VELOCITY,
    ),
    **_each(
        ["if-empty-string-truthy", "if-zero-truthy"],
        "velocityjs's #if uses JavaScript's truth (\"\" and 0 are false); in Velocity only null and false are false",
        AS_VELOCITY,
    ),
    "foreach-break": (
        "velocityjs's #break inside #if leaves only the #if; Velocity's #break leaves the enclosing #foreach "
        "(#if is not a scope)",
        AS_VELOCITY,
    ),
    "directive-braced": ("velocityjs fails on #{else} and #{end}", AS_VELOCITY),
    "escaped-undefined": (
        "velocityjs drops the backslash of \\$nope when $nope is not defined; Velocity 1.7 prints \\$nope as "
        "written when the reference is not defined",
        AS_VELOCITY + " (\"Escaping Valid VTL References\")",
    ),
    "indented-directive-lines": (
        "velocityjs keeps the indentation before a directive line its own way; Velocity 1.7 prints the "
        "indentation before a directive and consumes the line break after it",
        AS_VELOCITY,
    ),
    "string-with-escaped-quote": (
        "velocityjs reads \\\" inside a double-quoted string as a quote; Velocity's string literals take a quote "
        "only doubled (\"\"), so this template is a syntax error, as LocalStack finds too",
        AS_VELOCITY,
    ),
    "set-null-keeps-old": (
        "velocityjs unsets the variable; Velocity leaves it as it was when #set's value is null",
        AS_VELOCITY,
    ),
}

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
    """(name, function, args) for every case of the corpus, then the documentation's list."""
    out = [
        (f"mapping template {case['group']}/{case['name']}", check_case, (index,))
        for index, case in enumerate(runs().cases)
    ]
    out.append(("docs/vtl.md lists every known difference from LocalStack and velocityjs", check_docs, ()))
    return out


DOCS = ROOT / "docs/vtl.md"
DOCS_HEADING = "## Where LocalStack differs"


def cell(text):
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("\n", " ")


def docs_section():
    """The section of docs/vtl.md that lists the known differences, generated from the tables."""
    def table(known):
        # One row per reason, with the cases that show it.
        rows = {}
        for name, (reason, evidence) in known.items():
            rows.setdefault((reason, evidence), []).append(name)
        lines = ["| Cases | What differs | AWS's evidence |", "| --- | --- | --- |"]
        for (reason, evidence), names in rows.items():
            lines.append(f"| {', '.join(f'`{n}`' for n in names)} | {cell(reason)} | {cell(evidence)} |")
        return "\n".join(lines)

    return f"""{DOCS_HEADING}

`tests/peers/vtl.py` renders every case of `crates/apigw-core/tests/vtl/` (AWS's recorded outputs
from LocalStack's AWS-validated snapshots, the Developer Guide's examples, plain Velocity, and
API Gateway's variables with hostile input) with `apigw template --cases`, with LocalStack 4.13.1's
template engine (`ApiGatewayVtlTemplate`, given the variables its integration handlers build) and,
for plain Velocity, with velocityjs. Where AWS recorded an output, apigw renders exactly that
(`crates/apigw-core/tests/vtl.rs`). These are the cases where a peer renders differently and
apigw follows AWS; each row says why and what AWS's side rests on. This section is generated
from the tables in `tests/peers/vtl.py` (`python3 tests/peers/vtl.py --docs`), and a peer check
keeps the two equal.

{table(LOCALSTACK_DIFFERS)}

### Where velocityjs differs

velocityjs is a JavaScript Velocity; API Gateway runs Java's, with its own null handling.

{table(VELOCITYJS_DIFFERS)}
"""


def check_docs():
    names = {c["name"] for c in runs().cases}
    stale = sorted((set(LOCALSTACK_DIFFERS) | set(VELOCITYJS_DIFFERS)) - names)
    if stale:
        raise AssertionError(f"known differences name cases the corpus does not have: {', '.join(stale)}")
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
    at = text.find(DOCS_HEADING)
    if at < 0:
        raise AssertionError(f"docs/vtl.md has no {DOCS_HEADING!r} section: run `python3 tests/peers/vtl.py --docs`")
    if text[at:].rstrip() != docs_section().rstrip():
        raise AssertionError(
            "docs/vtl.md's known differences are not the tables in tests/peers/vtl.py: "
            "replace the section from its heading to the end with `python3 tests/peers/vtl.py --docs`"
        )
    return f"{len(LOCALSTACK_DIFFERS)} LocalStack and {len(VELOCITYJS_DIFFERS)} velocityjs cases listed"


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
    if sys.argv[1:] == ["--docs"]:
        print(docs_section(), end="")
        sys.exit(0)
    sys.exit(main())

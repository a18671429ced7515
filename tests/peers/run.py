#!/usr/bin/env python3
"""Conformance of apigw's plans with real peers.

For every design fixture in fixtures/designs:
  * botocore: every call of `apigw plan` passes botocore's client-side ParamValidator
    against the apigateway service model (what `client.put_method(**params)` checks);
  * moto: the plan, applied call by call through boto3 to a moto server this script starts
    on 127.0.0.1, succeeds, and the API read back equals the design, modulo the fields moto
    drops (see ../shared/reference/moto.md);
  * AWS CLI: the script of `apigw export --to cli-script`, run by the real AWS CLI v1 against
    that moto server, recreates the design, read back equal;
  * get-resources: what `aws apigateway get-resources --embed methods` prints for that API,
    imported by `apigw`, is the design again.

CloudFormation (cfn.py): every fixture with no apigw error, exported to CloudFormation in
JSON and YAML, gets no error from cfn-lint nor from cloudformation-validate; and
docs/fidelity.md (fidelity.py) is current.

Mapping templates (vtl.py): every case of crates/apigw-core/tests/vtl, rendered by `apigw
template --cases`, by LocalStack's template engine and (plain Velocity) by velocityjs, agrees
with them or differs where listed with AWS's evidence; AWS's recorded outputs are matched.

Then the live path (live.py): apigw-proxy's SigV4 against botocore's signer and its refusals;
`apigw deploy` and `apigw pull` through the proxy into moto; faults injected mid-deploy; the
patch operations of an edited live API, recorded; and gateway responses deployed, read back,
edited and removed; a stage created with its variables by the deployment. In the sandbox
(LocalStack's API Gateway): the whole loop, resources renamed and moved in a pulled design,
deployed as UpdateResource with their ids kept, and a stage's variables created, then changed,
added and removed by UpdateStage around the next deployment.

Ends with `peers: N passed, N failed`. Needs APIGW_BIN (the built `apigw` binary).
"""

import json
import os
import socket
import subprocess
import sys
import time
import traceback
from pathlib import Path

import boto3
import botocore.session
from botocore.validate import ParamValidator

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cfn  # noqa: E402
import fidelity  # noqa: E402
import live  # noqa: E402
import operations  # noqa: E402
import vtl  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
APIGW = os.environ.get("APIGW_BIN", str(ROOT / "target/debug/apigw"))
FIXTURES = sorted((ROOT / "fixtures/designs").glob("*.json")) + sorted((ROOT / "tests/e2e/golden").glob("*.plan.json"))

# Fields moto 5.2.1 does not keep: compared only where moto keeps them. The first two are in
# moto.md; the other two were found by this suite.
MOTO_DROPS_INTEGRATION = {"cacheKeyParameters", "connectionId", "responseTransferMode"}
MOTO_DROPS_AUTHORIZER = {"identityValidationExpression"}


def apigw(*args):
    out = subprocess.run([APIGW, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError(f"apigw {' '.join(args)} exited {out.returncode}: {out.stderr}")
    return json.loads(out.stdout)


def aws_cli_env(port):
    """Environment for the real AWS CLI against moto. `aws` runs through this Python
    (`python -m awscli`), so it works whether or not pip's script is on PATH yet."""
    bin_dir = Path(os.environ.get("TMPDIR", "/tmp")) / f"apigw-peers-bin-{os.getpid()}"
    bin_dir.mkdir(exist_ok=True)
    wrapper = bin_dir / "aws"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m awscli "$@"\n')
    wrapper.chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_PAGER": "",
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    """A moto server on loopback, started and stopped by the suite."""

    def __enter__(self):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("moto server did not start")

    def client(self):
        return boto3.client(
            "apigateway",
            endpoint_url=f"http://127.0.0.1:{self.port}",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def snake(operation):
    return "".join("_" + c.lower() if c.isupper() else c for c in operation).lstrip("_")


def check_botocore(fixture):
    plan = apigw("plan", str(fixture))
    model = botocore.session.get_session().get_service_model("apigateway")
    validator = ParamValidator()
    for index, call in enumerate(plan["calls"]):
        shape = model.operation_model(call["operation"]).input_shape
        report = validator.validate(call["params"], shape)
        if report.has_errors():
            raise AssertionError(f"call {index} {call['operation']}: {report.generate_report()}")
    return f"{len(plan['calls'])} calls"


def apply_plan(client, plan):
    api = client.create_rest_api(name=plan["api"]["name"])["id"]
    ids = {"@api": api}
    for item in client.get_resources(restApiId=api)["items"]:
        ids["@" + item["path"]] = item["id"]
    for index, call in enumerate(plan["calls"]):
        params = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in call["params"].items()}
        try:
            result = getattr(client, snake(call["operation"]))(**params)
        except Exception as error:  # noqa: BLE001 - report which call failed
            raise AssertionError(f"call {index} {call['operation']} failed: {error}") from error
        op = call["operation"]
        if op == "CreateResource":
            parent = call["params"]["parentId"]
            ids[("@/" if parent == "@/" else parent + "/") + call["params"]["pathPart"]] = result["id"]
        elif op == "CreateAuthorizer":
            ids["@authorizer:" + call["params"]["name"]] = result["id"]
        elif op == "CreateRequestValidator":
            ids["@validator:" + call["params"]["name"]] = result["id"]
    return api


def clean(value):
    """Drops what AWS and moto return for unset fields (None, empty maps and lists)."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if v not in (None, {}, [], "")}
    return value


def read_back(client, api):
    """The API as the design document would describe it."""
    authorizers = {a["id"]: a for a in client.get_authorizers(restApiId=api)["items"]}
    validators = {v["id"]: v for v in client.get_request_validators(restApiId=api)["items"]}
    resources = {}
    for item in client.get_resources(restApiId=api, embed=["methods"])["items"]:
        methods = {}
        for verb in item.get("resourceMethods", {}) or {}:
            m = client.get_method(restApiId=api, resourceId=item["id"], httpMethod=verb)
            method = {
                "authorizationType": m.get("authorizationType"),
                "authorizer": authorizers[m["authorizerId"]]["name"] if m.get("authorizerId") else None,
                "apiKeyRequired": m.get("apiKeyRequired") or None,
                "operationName": m.get("operationName"),
                "requestParameters": m.get("requestParameters"),
                "requestModels": m.get("requestModels"),
                "requestValidator": validators[m["requestValidatorId"]]["name"] if m.get("requestValidatorId") else None,
                "authorizationScopes": m.get("authorizationScopes"),
                "methodResponses": {},
            }
            for status in m.get("methodResponses", {}) or {}:
                r = client.get_method_response(restApiId=api, resourceId=item["id"], httpMethod=verb, statusCode=status)
                method["methodResponses"][status] = clean(
                    {"responseParameters": r.get("responseParameters"), "responseModels": r.get("responseModels")}
                )
            i = client.get_integration(restApiId=api, resourceId=item["id"], httpMethod=verb)
            if i.get("type"):
                integration = {k: v for k, v in i.items() if k not in ("ResponseMetadata", "integrationResponses", "httpMethod")}
                integration["integrationHttpMethod"] = i.get("httpMethod")
                integration["integrationResponses"] = {}
                for status in i.get("integrationResponses", {}) or {}:
                    r = client.get_integration_response(restApiId=api, resourceId=item["id"], httpMethod=verb, statusCode=status)
                    integration["integrationResponses"][status] = clean(
                        {k: v for k, v in r.items() if k not in ("ResponseMetadata", "statusCode")}
                    )
                method["integration"] = clean(integration)
            methods[verb] = clean(method)
        resources[item["path"]] = clean({"methods": methods})
    models = {
        m["name"]: clean({"contentType": m.get("contentType"), "schema": m.get("schema"), "description": m.get("description")})
        for m in client.get_models(restApiId=api)["items"]
    }
    return {
        "models": models,
        "authorizers": {a["name"]: clean({k: v for k, v in a.items() if k not in ("id", "name")}) for a in authorizers.values()},
        # moto stores false validator flags too; compare only the flags that are set.
        "requestValidators": {v["name"]: {k: x for k, x in v.items() if k not in ("id", "name") and x} for v in validators.values()},
        "resources": resources,
    }


def expected(design):
    """The design, less what moto drops."""
    resources = {}
    for path, resource in design.get("resources", {}).items():
        methods = {}
        for verb, method in resource.get("methods", {}).items():
            method = json.loads(json.dumps(method))
            integration = method.get("integration")
            if integration:
                for key in MOTO_DROPS_INTEGRATION:
                    integration.pop(key, None)
            methods[verb] = clean(method)
        resources[path] = clean({"methods": methods})
    return {
        "authorizers": {
            name: clean({k: v for k, v in a.items() if k not in MOTO_DROPS_AUTHORIZER})
            for name, a in design.get("authorizers", {}).items()
        },
        "requestValidators": {n: {k: v for k, v in x.items() if v} for n, x in design.get("requestValidators", {}).items()},
        "models": {name: clean(m) for name, m in design.get("models", {}).items()},
        "resources": resources,
    }


def diff(a, b, where=""):
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in sorted(set(a) | set(b)):
            if key not in a:
                out.append(f"{where}/{key}: only read back: {json.dumps(b[key])[:200]}")
            elif key not in b:
                out.append(f"{where}/{key}: missing from read-back: {json.dumps(a[key])[:200]}")
            else:
                out.extend(diff(a[key], b[key], f"{where}/{key}"))
        return out
    return [] if a == b else [f"{where}: design {json.dumps(a)[:200]} != read back {json.dumps(b)[:200]}"]


def assert_read_back_equals(client, api, design):
    """The API read back from moto equals the design, less what moto drops."""
    problems = diff(expected(design), read_back(client, api))
    if problems:
        raise AssertionError("\n".join(problems))


def check_moto(moto, fixture):
    plan = apigw("plan", str(fixture))
    design = apigw("export", str(fixture), "--to", "design")
    client = moto.client()
    assert_read_back_equals(client, apply_plan(client, plan), design)
    return f"{len(plan['calls'])} calls applied, read back equal"


def check_cli_script(moto, fixture):
    """The exported script, run by the real AWS CLI v1 against moto, recreates the design."""
    design = apigw("export", str(fixture), "--to", "design")
    out = subprocess.run([APIGW, "export", str(fixture), "--to", "cli-script"], capture_output=True, text=True, check=True)
    client = moto.client()
    api = client.create_rest_api(name=design["api"]["name"])["id"]
    env = aws_cli_env(moto.port)
    run = subprocess.run(["bash", "-s", api], input=out.stdout, capture_output=True, text=True, env=env, timeout=600)
    if run.returncode != 0:
        raise AssertionError(f"the script failed ({run.returncode}):\n{run.stderr[-2000:]}")
    assert_read_back_equals(client, api, design)
    return f"{out.stdout.count('aws apigateway ') - 1} AWS CLI commands ran, read back equal"


def check_cli_script_long_input(moto):
    """An input past the system's limit on one argument (a 100 KB mapping template) goes to the
    real AWS CLI through a here-doc and `file:///dev/stdin`, and arrives whole."""
    design = apigw("export", str(ROOT / "fixtures/designs/petstore.json"), "--to", "design")
    template = "#set($items = $input.path('$'))\n" + "## a comment line that pads the template\n" * 2500
    design["resources"]["/pets"]["methods"]["GET"]["integration"]["requestTemplates"] = {"application/json": template}
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"apigw-long-{os.getpid()}.json"
    path.write_text(json.dumps(design))
    try:
        script = subprocess.run([APIGW, "export", str(path), "--to", "cli-script"], capture_output=True, text=True, check=True).stdout
        assert "--cli-input-json file:///dev/stdin" in script and "<<'APIGW_JSON'" in script
        client = moto.client()
        api = client.create_rest_api(name="LongInput")["id"]
        run = subprocess.run(["bash", "-s", api], input=script, capture_output=True, text=True, env=aws_cli_env(moto.port), timeout=600)
        if run.returncode != 0:
            raise AssertionError(f"the script failed ({run.returncode}):\n{run.stderr[-2000:]}")
        pets = next(r["id"] for r in client.get_resources(restApiId=api, limit=500)["items"] if r["path"] == "/pets")
        got = client.get_integration(restApiId=api, resourceId=pets, httpMethod="GET")["requestTemplates"]["application/json"]
        assert got == template, f"the template arrived with {len(got)} of {len(template)} characters"
    finally:
        path.unlink()
    return f"a {len(template) // 1000} KB template went through a here-doc and arrived whole"


def check_get_resources(moto, fixture):
    """`aws apigateway get-resources --embed methods`, imported by apigw, gives back the design."""
    design = apigw("export", str(fixture), "--to", "design")
    client = moto.client()
    api = apply_plan(client, apigw("plan", str(fixture)))
    env = aws_cli_env(moto.port)
    printed = subprocess.run(["aws", "apigateway", "get-resources", "--rest-api-id", api, "--embed", "methods"],
                             capture_output=True, text=True, env=env, check=True).stdout
    out = subprocess.run([APIGW, "export", "-", "--to", "design"], input=printed, capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError(f"apigw could not read get-resources output: {out.stderr}")
    imported = json.loads(out.stdout)
    # get-resources names authorizers and validators by id; link them back by name to compare.
    names = {a["id"]: a["name"] for a in client.get_authorizers(restApiId=api)["items"]}
    names.update({v["id"]: v["name"] for v in client.get_request_validators(restApiId=api)["items"]})
    for resource in imported.get("resources", {}).values():
        for method in resource.get("methods", {}).values():
            for key in ("authorizer", "requestValidator"):
                if key in method:
                    method[key] = names.get(method[key], method[key])
    want = expected(design)["resources"]
    got = expected(imported)["resources"]
    problems = diff(want, got)
    if problems:
        raise AssertionError("\n".join(problems))
    return f"{len(got)} resources imported equal"


def check_openapi_moto(moto, fixture):
    """`apigw export --to openapi`, imported into moto with import_rest_api: the resources and
    methods read back match; everything else that differs is what moto's import drops."""
    design = apigw("export", str(fixture), "--to", "design")
    out = subprocess.run([APIGW, "export", str(fixture), "--to", "openapi"], capture_output=True, text=True, check=True)
    client = moto.client()
    document = json.loads(out.stdout)
    # moto 5.2.1's import crashes (HTTP 500) on a document without info.description (KeyError)
    # and on an integration without `uri` and `httpMethod`, which every MOCK integration is
    # (TypeError); supply those for moto only.
    document["info"].setdefault("description", "")
    patched = 0
    for item in document["paths"].values():
        for op in item.values():
            integration = op.get("x-amazon-apigateway-integration")
            if integration is not None and ("uri" not in integration or "httpMethod" not in integration):
                integration.setdefault("uri", "")
                integration.setdefault("httpMethod", "POST")
                patched += 1
    api = client.import_rest_api(body=json.dumps(document).encode())["id"]
    got = read_back(client, api)
    # moto names an x-amazon-apigateway-any-method after the key, upper-cased, not ANY.
    for resource in got["resources"].values():
        methods = resource.get("methods", {})
        if "X-AMAZON-APIGATEWAY-ANY-METHOD" in methods:
            methods["ANY"] = methods.pop("X-AMAZON-APIGATEWAY-ANY-METHOD")
            patched += 1
    want = expected(design)
    shape = lambda d: sorted((p, v) for p, r in d["resources"].items() for v in r.get("methods", {}))
    if shape(got) != shape(want):
        raise AssertionError(f"resources and methods differ:\n want {shape(want)}\n got  {shape(got)}")
    drops = sorted({line.split(":")[0].split("/")[-1] for line in diff(want, got)})
    return (f"{len(shape(got))} methods on matching resources ({patched} moto workaround(s): MOCK uri, ANY); "
            f"moto's import drops or changes: {', '.join(drops) or 'nothing'}")


def check_aws_export_validates(path):
    """`apigw validate` reports no errors on AWS's own exports; export and re-import are stable."""
    out = subprocess.run([APIGW, "validate", str(path), "--format", "json"], capture_output=True, text=True)
    report = json.loads(out.stdout)
    errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
    if out.returncode != 0 or errors:
        raise AssertionError(f"false errors on an AWS export: {errors}")
    first = apigw("export", str(path), "--to", "design")
    exported = subprocess.run([APIGW, "export", str(path), "--to", "openapi"], capture_output=True, text=True, check=True).stdout
    again = subprocess.run([APIGW, "export", "-", "--to", "design"], input=exported, capture_output=True, text=True, check=True).stdout
    if json.loads(again) != first:
        raise AssertionError("import → export → import changed the design")
    return f"0 errors, {len(report['diagnostics'])} warning(s); OpenAPI round trip stable"


def main():
    if not FIXTURES:
        print("peers: no fixtures found")
        print("peers: 0 passed, 1 failed")
        return 1
    results = []

    def run(name, check, *args):
        try:
            detail = check(*args)
            results.append(True)
            print(f"  ok    {name}: {detail}")
        except Exception as error:  # noqa: BLE001 - every failure is reported, not raised
            results.append(False)
            print(f"  FAIL  {name}:\n{error}")
            if not isinstance(error, AssertionError):
                traceback.print_exc()

    run("apigw's plan operations accept what botocore's service model accepts", operations.check_operations)
    for fixture in FIXTURES:
        run(f"botocore ParamValidator accepts the plan of {fixture.name}", check_botocore, fixture)
    for name, check, args in cfn.checks():
        run(name, check, *args)
    run("docs/fidelity.md is current (apigw's rules beside cfn-lint and cloudformation-validate)", fidelity.check)
    for name, check, args in vtl.checks():
        run(name, check, *args)
    print(vtl.summary())
    with Moto() as moto:
        for fixture in FIXTURES:
            run(f"moto applies and reads back {fixture.name}", check_moto, moto, fixture)
        for fixture in FIXTURES:
            run(f"the AWS CLI runs the exported script of {fixture.name}", check_cli_script, moto, fixture)
        run("the AWS CLI takes an input past the argument limit from the script's here-doc", check_cli_script_long_input, moto)
        for fixture in FIXTURES:
            run(f"apigw imports the AWS CLI's get-resources output for {fixture.name}", check_get_resources, moto, fixture)
        for fixture in FIXTURES:
            if fixture.parent.name == "designs":
                run(f"moto's import_rest_api takes apigw's OpenAPI export of {fixture.name}", check_openapi_moto, moto, fixture)
        shared = ROOT.parent / "shared/fixtures/openapi"
        if shared.is_dir():
            for path in sorted(shared.glob("*aws-export*.json")):
                run(f"apigw validate accepts AWS's own export {path.name}", check_aws_export_validates, path)
        else:
            print(f"  notice: {shared} is absent; the AWS export checks are skipped")
        run("apigw-proxy's SigV4 signatures equal botocore's", live.check_sigv4_matches_botocore, moto)
        run("apigw-proxy refuses what it must and reports upstream errors", live.check_proxy_refusals, moto)
        for fixture in FIXTURES:
            if fixture.parent.name == "designs":
                run(f"apigw deploy through apigw-proxy creates {fixture.name} in moto", live.check_deploy, moto, fixture, assert_read_back_equals)
        petstore = ROOT / "fixtures/designs/petstore.json"
        run("apigw deploy retries 429, 500 and dropped connections, and resumes after a failure", live.check_faults, moto, petstore, assert_read_back_equals)
        run("apigw deploy of an edited live API sends only the change", live.check_diff_patches, moto, petstore, assert_read_back_equals)
        run("an emulator that lacks an operation stops the deploy with one readable line", live.check_emulator_lacks_operation, moto, petstore)
        run("apigw deploy puts gateway responses into moto, and pull and boto3 read them back", live.check_gateway_responses, moto)
        run("apigw deploy creates a stage with its variables in moto and updates them around the next deployment", live.check_stages, moto)
    run("the sandbox deploys, applies every kind of Update*, and its next diff is empty", live.check_sandbox_loop, petstore)
    run("a resource renamed or moved in a pulled design is renamed or moved in the sandbox, keeping its id", live.check_sandbox_rename_and_move)
    run("stage variables are created with the deployment and updated around the next one in the sandbox", live.check_sandbox_stages)
    passed, failed = results.count(True), results.count(False)
    print(f"peers: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

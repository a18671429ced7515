"""Peers for the live path: apigw-proxy, `apigw deploy` and `apigw pull`, against moto.

Every component is started here on loopback: moto, apigw-proxy, and an in-process upstream
that records requests, forwards them to moto and injects faults on request.
"""

import contextlib
import json
import os
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ROOT = Path(__file__).resolve().parents[2]
APIGW = os.environ.get("APIGW_BIN", str(ROOT / "target/debug/apigw"))
PROXY = os.environ.get("APIGW_PROXY_BIN", str(ROOT / "target/debug/apigw-proxy"))
KEY, SECRET = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
ORIGIN = "http://127.0.0.1:8080"


class Proxy:
    """apigw-proxy on a free port, in front of `upstream`; reads its URL and token."""

    def __init__(self, upstream):
        self.upstream = upstream

    def __enter__(self):
        env = {**os.environ, "AWS_ACCESS_KEY_ID": KEY, "AWS_SECRET_ACCESS_KEY": SECRET,
               "AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null",
               "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true"}
        env.pop("AWS_PROFILE", None)
        self.proc = subprocess.Popen([PROXY, "--port", "0", "--upstream", self.upstream,
                                      "--allow-origin", ORIGIN, "--region", "us-east-1"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        lines = [self.proc.stdout.readline().strip() for _ in range(2)]
        self.url = lines[0].split(" ", 1)[1]
        self.token = lines[1].split(" ", 1)[1]
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        self.log = []
        threading.Thread(target=lambda: self.log.extend(self.proc.stderr), daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def request(self, method, path, body=None, token=True, origin=None, headers=None):
        """(status, headers, body text) of one request to the proxy."""
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if token:
            req.add_header("Authorization", f"Bearer {self.token if token is True else token}")
        if origin:
            req.add_header("Origin", origin)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, dict(r.headers), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode()

    def apigw(self, *args, check=True):
        out = subprocess.run([APIGW, *args, "--endpoint", self.url, "--token", self.token],
                             capture_output=True, text=True, timeout=600)
        if check and out.returncode != 0:
            raise AssertionError(f"apigw {' '.join(args)} exited {out.returncode}:\n{out.stderr[-3000:]}")
        return out


class Upstream:
    """An HTTP upstream for the proxy. It records every request; it forwards to moto (when
    given a port), except that it answers PATCH itself when `answer_patch` (moto has no
    Update*), and it injects `faults` by request number:
    429 (throttled, Retry-After 0), 500 (not forwarded), 'drop' (forwarded, answer lost),
    400 (a hard BadRequestException)."""

    def __init__(self, moto_port=None, faults=None, answer_patch=False):
        self.moto_port = moto_port
        self.faults = dict(faults or {})
        self.answer_patch = answer_patch
        self.requests = []
        self.lock = threading.Lock()

    def __enter__(self):
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with upstream.lock:
                    n = len(upstream.requests)
                    upstream.requests.append({"method": self.command, "path": self.path,
                                              "headers": dict(self.headers.items()), "body": body})
                    fault = upstream.faults.pop(n, None)
                if fault == 429:
                    return self.reply(429, {"message": "Too Many Requests"}, {"Retry-After": "0"})
                if fault == 500:
                    return self.reply(500, {"message": "Internal server error"})
                if fault == 400:
                    return self.reply(400, {"__type": "BadRequestException", "message": "Invalid mapping expression specified: injected"})
                if self.command == "PATCH" and upstream.answer_patch:
                    return self.reply(200, {})
                if upstream.moto_port is None:
                    return self.reply(200, {})
                status, headers, answer = forward(upstream.moto_port, self.command, self.path, body, self.headers)
                if fault == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.send_response(status)
                for k, v in headers:
                    if k.lower() in ("content-type", "x-amzn-requestid", "x-amzn-errortype"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def reply(self, status, body, headers=None):
                data = json.dumps(body).encode()
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def forward(port, method, path, body, headers):
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    keep = {k: v for k, v in headers.items() if k.lower() in ("authorization", "x-amz-date", "content-type", "x-amz-content-sha256")}
    conn.request(method, path, body=body or None, headers=keep)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, r.getheaders(), data


def botocore_signature(recorded, host_url):
    """The signature botocore computes for the request the proxy sent, at the same instant."""
    headers = {k.lower(): v for k, v in recorded["headers"].items()}
    auth_header = headers["authorization"]
    signed = auth_header.split("SignedHeaders=")[1].split(",")[0].split(";")
    req = AWSRequest(method=recorded["method"], url=host_url + recorded["path"], data=recorded["body"],
                     headers={k: headers[k] for k in signed if k != "host"})
    req.context["timestamp"] = headers["x-amz-date"]
    auth = SigV4Auth(Credentials(KEY, SECRET), "apigateway", "us-east-1")
    canonical = auth.canonical_request(req)
    return auth.signature(auth.string_to_sign(req, canonical), req), auth_header


def check_sigv4_matches_botocore(moto):
    with Upstream() as up, Proxy(up.url) as proxy:
        proxy.request("PUT", "/restapis/a1b2c3/resources/r9/methods/GET", {"authorizationType": "NONE"})
        proxy.request("GET", "/restapis/a1b2c3/resources?embed=methods&limit=500&position=x%2By")
        proxy.request("DELETE", "/restapis/a1b2c3/resources/r9")
        assert len(up.requests) == 3, up.requests
        for recorded in up.requests:
            want, header = botocore_signature(recorded, up.url)
            assert f"Signature={want}" in header, f"{recorded['method']} {recorded['path']}: botocore signs {want}, the proxy sent {header}"
            assert "Credential=AKIDEXAMPLE/" in header and "/us-east-1/apigateway/aws4_request" in header
        return "3 requests (PUT with body, GET with query, DELETE): signatures equal botocore's"


def check_proxy_refusals(moto):
    with Upstream(moto.port) as up, Proxy(up.url) as proxy:
        status, headers, body = proxy.request("GET", "/restapis", origin="http://evil.example")
        assert status == 403 and "origin" in body and not any(k.lower() == "access-control-allow-origin" for k in headers), (status, body)
        status, _, body = proxy.request("OPTIONS", "/restapis/x", token=False, origin="http://evil.example",
                                        headers={"Access-Control-Request-Method": "PUT"})
        assert status == 403, status
        status, headers, _ = proxy.request("OPTIONS", "/restapis/x", token=False, origin=ORIGIN,
                                           headers={"Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "authorization,content-type"})
        assert status == 204 and headers.get("access-control-allow-origin") == ORIGIN, (status, headers)
        status, _, body = proxy.request("GET", "/restapis", token=False)
        assert status == 401 and "token" in body, (status, body)
        status, _, _ = proxy.request("GET", "/restapis", token="0" * 48)
        assert status == 401
        for path in ["/", "/v2/apis", "/restapis/../iam", "/restapisx"]:
            status, _, body = proxy.request("GET", path)
            assert status == 403 and "/restapis" in body, (path, status, body)
        status, _, body = proxy.request("PUT", "/restapis/a/resources/b/methods/GET", b"x" * (2 * 1024 * 1024))
        assert status == 413, (status, body)
        status, headers, body = proxy.request("GET", "/restapis/doesnotexist", origin=ORIGIN)
        error = json.loads(body)
        assert status == 404 and error["__type"].endswith("NotFoundException") and error["message"], (status, body)
        assert "x-amzn-ErrorType" in headers.get("access-control-expose-headers", ""), headers
        before = len(up.requests)
        assert before == 1, f"only the allowed request reached the upstream: {up.requests}"
        joined = "".join(proxy.log)
        assert proxy.token not in joined and SECRET not in joined and KEY not in joined, joined
    closed = free_port()
    with Proxy(f"http://127.0.0.1:{closed}") as proxy:
        status, _, body = proxy.request("GET", "/restapis")
        assert status == 502 and f"127.0.0.1:{closed}" in body, (status, body)
    return "origin, preflight, token, path, size and upstream-down cases answered; nothing leaked into logs"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def paths_of(client, api):
    return sorted(r["path"] for r in client.get_resources(restApiId=api, limit=500)["items"])


def check_deploy(moto, fixture, read_back_equals):
    """`apigw deploy` through the proxy creates the design in moto; a second deploy sends nothing."""
    design = json.loads(subprocess.run([APIGW, "export", str(fixture), "--to", "design"], capture_output=True, text=True, check=True).stdout)
    with Proxy(f"http://127.0.0.1:{moto.port}") as proxy:
        out = proxy.apigw("deploy", str(fixture), "--stage", "test")
        api = out.stdout.strip()
        client = moto.client()
        read_back_equals(client, api, design)
        assert client.get_stages(restApiId=api)["item"][0]["stageName"] == "test"
        again = proxy.apigw("deploy", str(fixture), "--rest-api-id", api, "--dry-run")
        # The only differences left are the fields moto does not keep (moto.md).
        changes = [line for line in again.stderr.splitlines()[1:] if line.startswith("  ")]
        # moto also loses binaryMediaTypes given to CreateRestApi (it keeps an empty string).
        dropped = ("/cacheKeyParameters", "/connectionId", "/responseTransferMode", "/identityValidationExpression", "/binaryMediaTypes")
        for line in changes:
            ops = line.split("(", 1)[-1].rstrip(")").split("; ")
            assert line.startswith("  ~ ") and all(op.split(" ")[1].startswith(dropped) for op in ops), again.stderr
        pulled = json.loads(proxy.apigw("pull", "--rest-api-id", api).stdout)
        assert sorted(pulled["resources"]) == sorted(design["resources"])
    return f"deployed to {api}, read back equal; the redeploy diff is empty but for fields moto drops ({len(changes)}); pull gives the same resources"


def check_faults(moto, fixture, read_back_equals):
    """429, 500 and dropped connections mid-deploy: retried, no duplicate, nothing skipped.
    Then a hard failure: the deploy stops, and the same command resumes it."""
    design = json.loads(subprocess.run([APIGW, "export", str(fixture), "--to", "design"], capture_output=True, text=True, check=True).stdout)
    client = moto.client()
    faults = {0: 429, 2: 500, 6: "drop", 7: 500, 9: "drop", 14: "drop", 18: 429, 23: 500}
    with Upstream(moto.port, faults) as up, Proxy(up.url) as proxy:
        out = proxy.apigw("deploy", str(fixture))
        api = out.stdout.strip()
        assert not up.faults, f"faults not reached: {up.faults}"
        paths = paths_of(client, api)
        assert len(paths) == len(set(paths)), f"duplicate resources: {paths}"
        read_back_equals(client, api, design)
        assert "retrying" in out.stderr, out.stderr
    retried = out.stderr.count("retrying")
    with Upstream(moto.port, {12: 400}) as up, Proxy(up.url) as proxy:
        stopped = proxy.apigw("deploy", str(fixture), check=False)
        assert stopped.returncode == 1 and "stopped at call" in stopped.stderr and "injected" in stopped.stderr, stopped.stderr
        api = stopped.stdout.strip()
        sent_before = len(up.requests)
        resumed = proxy.apigw("deploy", str(fixture), "--rest-api-id", api)
        paths = paths_of(client, api)
        assert len(paths) == len(set(paths)), f"duplicate resources: {paths}"
        read_back_equals(client, api, design)
        resent = [r for r in up.requests[:sent_before] if r["method"] in ("PUT", "POST")]
        again = [r for r in up.requests[sent_before:] if r["method"] in ("PUT", "POST")]
        assert not {(r["path"], r["body"]) for r in resent[:-1]} & {(r["path"], r["body"]) for r in again}, "a call that succeeded was sent again"
    return f"{retried} retries, no duplicates; stopped at the injected 400 and resumed ({resumed.stderr.splitlines()[0]})"


def check_diff_patches(moto, fixture, read_back_equals):
    """An edit of a loaded API sends only the change: Update* with patch operations (recorded,
    since moto has no Update*), and Put*/CreateResource for the new items."""
    design = json.loads(subprocess.run([APIGW, "export", str(fixture), "--to", "design"], capture_output=True, text=True, check=True).stdout)
    with Proxy(f"http://127.0.0.1:{moto.port}") as proxy:
        api = proxy.apigw("deploy", str(fixture)).stdout.strip()
    edited = json.loads(json.dumps(design))
    get = edited["resources"]["/pets"]["methods"]["GET"]
    get["requestParameters"]["method.request.header.X-Trace"] = True
    get["integration"]["uri"] = "https://example.com/pets"
    get["integration"]["timeoutInMillis"] = 5000
    get["methodResponses"]["200"]["responseModels"] = {}
    edited["resources"]["/toys"] = {"methods": {"GET": {"authorizationType": "NONE", "methodResponses": {"200": {}}, "integration": {"type": "MOCK", "requestTemplates": {"application/json": "{\"statusCode\": 200}"}, "integrationResponses": {"200": {}}}}}}
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"apigw-edited-{os.getpid()}.json"
    path.write_text(json.dumps(edited))
    with Upstream(moto.port, answer_patch=True) as up, Proxy(up.url) as proxy:
        proxy.apigw("deploy", str(path), "--rest-api-id", api)
        writes = [r for r in up.requests if r["method"] != "GET"]
        patches = {r["path"].split(f"/restapis/{api}/resources/")[1].split("/", 1)[1]: json.loads(r["body"])["patchOperations"] for r in writes if r["method"] == "PATCH"}
        assert patches == {
            "methods/GET": [{"op": "add", "path": "/requestParameters/method.request.header.X-Trace", "value": "true"}],
            "methods/GET/responses/200": [{"op": "remove", "path": "/responseModels/application~1json"}],
            "methods/GET/integration": [{"op": "replace", "path": "/timeoutInMillis", "value": "5000"},
                                        {"op": "replace", "path": "/uri", "value": "https://example.com/pets"}],
        }, json.dumps(patches, indent=1)
        others = [f"{r['method']} {r['path'].split(api)[1]}" for r in writes if r["method"] != "PATCH"]
        # CreateResource, PutMethod, PutMethodResponse, PutIntegration, PutIntegrationResponse.
        assert len(others) == 5 and others[0].startswith("POST /resources/"), others
    client = moto.client()
    assert "/toys" in paths_of(client, api)
    path.unlink()
    return f"3 PATCH requests with the expected operations, and 5 creations; nothing else sent"


def check_emulator_lacks_operation(moto, fixture):
    """moto answers an Update* it does not implement with an HTML page (500): the deploy stops
    at once, with one readable line that names the call and says the emulator lacks it."""
    design = json.loads(subprocess.run([APIGW, "export", str(fixture), "--to", "design"], capture_output=True, text=True, check=True).stdout)
    with Proxy(f"http://127.0.0.1:{moto.port}") as proxy:
        api = proxy.apigw("deploy", str(fixture)).stdout.strip()
        design["resources"]["/pets"]["methods"]["GET"]["integration"]["uri"] = "https://example.com/v2/pets"
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"apigw-lacks-{os.getpid()}.json"
        path.write_text(json.dumps(design))
        out = proxy.apigw("deploy", str(path), "--rest-api-id", api, check=False)
        path.unlink()
    assert out.returncode == 1, out.stderr
    stopped = [line for line in out.stderr.splitlines() if line.startswith("apigw: stopped at call")]
    assert len(stopped) == 1, out.stderr
    line = stopped[0]
    for words in ["UpdateIntegration GET /pets", "the upstream answered 500 with an HTML page, not an API Gateway error",
                  "an emulator answers so for an operation it does not implement"]:
        assert words in line, line
    assert "<" not in line and "retrying" not in out.stderr, out.stderr
    return line.split(": ", 1)[1]


class Emulator:
    """An API Gateway emulator on loopback, as the checks take moto: its port and a client."""

    def __init__(self, port):
        self.port = port

    def client(self):
        import boto3
        return boto3.client("apigateway", endpoint_url=f"http://127.0.0.1:{self.port}", region_name="us-east-1",
                            aws_access_key_id="testing", aws_secret_access_key="testing")


GATEWAY_RESPONSE_FIELDS = ("statusCode", "responseParameters", "responseTemplates")


DEFAULT_GATEWAY_TEMPLATE = {"application/json": "{\"message\":$context.error.messageString}"}


def assert_gateway_responses(client, api, responses):
    """The gateway responses the API customised, read with boto3, are the design's. moto lists
    only what was put; AWS (and LocalStack) also list their defaults (`defaultResponse`), and
    fill in a response's unset status code and template, which are no difference."""
    got = {
        item["responseType"]: {k: item[k] for k in GATEWAY_RESPONSE_FIELDS if item.get(k) not in (None, {}, "")}
        for item in client.get_gateway_responses(restApiId=api)["items"]
        if not item.get("defaultResponse")
    }
    for response_type, response in got.items():
        want = responses.get(response_type, {})
        if "statusCode" not in want:
            response.pop("statusCode", None)
        if "responseTemplates" not in want and response.get("responseTemplates") == DEFAULT_GATEWAY_TEMPLATE:
            response.pop("responseTemplates")
    assert got == responses, json.dumps(got, indent=1)


def check_gateway_responses(moto):
    """A design with two gateway responses: its plan passes botocore's ParamValidator;
    `apigw deploy` through apigw-proxy puts them into moto (or any emulator given as `moto`),
    where boto3 and `apigw pull` read back the same two; a second deploy sends nothing; an edit
    puts the changed response again and deletes the removed one."""
    import botocore.session
    from botocore.validate import ParamValidator

    design = {
        "format": "apigw-design/1",
        "api": {"name": "GatewayResponses", "endpointType": "REGIONAL"},
        "gatewayResponses": {
            "DEFAULT_4XX": {
                "responseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
                "responseTemplates": {"application/json": "{\"error\":$context.error.messageString,\"type\":\"$context.error.responseType\"}"},
            },
            "MISSING_AUTHENTICATION_TOKEN": {
                "statusCode": "404",
                "responseParameters": {"gatewayresponse.header.X-Request-Path": "context.path"},
            },
        },
        "resources": {"/pets": {"methods": {"GET": {"authorizationType": "NONE", "methodResponses": {"200": {}}, "integration": {
            "type": "MOCK", "passthroughBehavior": "WHEN_NO_MATCH", "integrationResponses": {"200": {}},
            "requestTemplates": {"application/json": "{\"statusCode\": 200}"}}}}}},
    }
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"apigw-gateway-responses-{os.getpid()}.json"
    path.write_text(json.dumps(design))
    try:
        plan = json.loads(subprocess.run([APIGW, "plan", str(path)], capture_output=True, text=True, check=True).stdout)
        puts = [c for c in plan["calls"] if c["operation"] == "PutGatewayResponse"]
        assert [c["params"]["responseType"] for c in puts] == ["DEFAULT_4XX", "MISSING_AUTHENTICATION_TOKEN"], plan
        model = botocore.session.get_session().get_service_model("apigateway")
        for call in puts:
            report = ParamValidator().validate(call["params"], model.operation_model("PutGatewayResponse").input_shape)
            assert not report.has_errors(), report.generate_report()

        with Proxy(f"http://127.0.0.1:{moto.port}") as proxy:
            out = proxy.apigw("deploy", str(path))
            api = out.stdout.strip()
            client = moto.client()
            assert_gateway_responses(client, api, design["gatewayResponses"])
            pulled = json.loads(proxy.apigw("pull", "--rest-api-id", api).stdout)
            assert pulled["gatewayResponses"] == design["gatewayResponses"], json.dumps(pulled, indent=1)
            again = proxy.apigw("deploy", str(path), "--rest-api-id", api, "--dry-run")
            assert "0 to create or put, 0 to update, 0 to delete" in again.stderr, again.stderr

            edited = json.loads(json.dumps(design))
            edited["gatewayResponses"]["DEFAULT_4XX"]["statusCode"] = "400"
            del edited["gatewayResponses"]["MISSING_AUTHENTICATION_TOKEN"]
            path.write_text(json.dumps(edited))
            out = proxy.apigw("deploy", str(path), "--rest-api-id", api)
            lines = [line.strip() for line in out.stderr.splitlines() if line.startswith("  ")]
            assert lines == ["+ PutGatewayResponse DEFAULT_4XX", "- DeleteGatewayResponse MISSING_AUTHENTICATION_TOKEN"], out.stderr
            assert_gateway_responses(client, api, edited["gatewayResponses"])
            pulled = json.loads(proxy.apigw("pull", "--rest-api-id", api).stdout)
            assert pulled["gatewayResponses"] == edited["gatewayResponses"], json.dumps(pulled, indent=1)
    finally:
        path.unlink()
    return f"2 gateway responses put into {api} and read back equal by boto3 and pull; an edit put one again and deleted the other"


@contextlib.contextmanager
def sandbox(label):
    """LocalStack's API Gateway on a free loopback port, started as `cargo xtask serve` starts it
    (xtask/sandbox/apigateway.py); yields the port once it is ready, and stops it and removes
    its state afterwards."""
    python = os.environ.get("APIGW_SANDBOX_PYTHON")
    if not python:
        raise AssertionError("APIGW_SANDBOX_PYTHON is not set: run the peers through `cargo xtask test`")
    port = free_port()
    root = Path(__file__).resolve().parents[2]
    state = Path(os.environ.get("TMPDIR", "/tmp")) / f"apigw-sandbox-{label}-{os.getpid()}"
    cache = Path(python).parent.parent / "cache"
    process = subprocess.Popen([python, str(root / "xtask/sandbox/apigateway.py"), str(port), "--state", str(state), "--cache", str(cache)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for line in process.stdout:
            if line.strip() == "Ready.":
                break
        else:
            raise AssertionError(f"the sandbox exited {process.wait()} before it was ready")
        threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
        yield port
    finally:
        process.kill()
        process.wait()
        subprocess.run(["rm", "-rf", str(state)], check=False)


def check_sandbox_loop(fixture):
    """The sandbox (LocalStack's API Gateway, as `cargo xtask serve` starts it) does the whole
    loop: deploy a design, edit every kind of field of what is live, deploy the change as
    Update* calls, and the live API then equals the design (the next diff is empty)."""
    with sandbox("peers") as port:
        design = json.loads(subprocess.run([APIGW, "export", str(fixture), "--to", "design"], capture_output=True, text=True, check=True).stdout)
        with Proxy(f"http://127.0.0.1:{port}") as proxy:
            api = proxy.apigw("deploy", str(fixture)).stdout.strip()
            edited = json.loads(json.dumps(design))
            edited["api"]["description"] = "edited in the sandbox"
            get = edited["resources"]["/pets"]["methods"]["GET"]
            get["requestParameters"]["method.request.header.X-Trace"] = False
            get["requestParameters"]["method.request.querystring.limit"] = True
            integration = get["integration"]
            integration["uri"] = "https://example.com/v2/pets"
            integration["requestParameters"]["integration.request.querystring.limit"] = "method.request.querystring.limit"
            integration["timeoutInMillis"] = 5000
            response = get["methodResponses"]["200"]
            response.setdefault("responseParameters", {})["method.response.header.X-Version"] = False
            mapped = integration["integrationResponses"]["200"]
            mapped.setdefault("responseParameters", {})["method.response.header.X-Version"] = "'2'"
            mapped.setdefault("responseTemplates", {})["application/json"] = "$input.json('$')"
            path = Path(os.environ.get("TMPDIR", "/tmp")) / f"apigw-sandbox-edited-{os.getpid()}.json"
            path.write_text(json.dumps(edited))
            out = proxy.apigw("deploy", str(path), "--rest-api-id", api, check=False)
            assert out.returncode == 0, out.stderr
            updates = sorted({line.split()[1] for line in out.stderr.splitlines() if line.strip().startswith("~ ")})
            assert updates == ["UpdateIntegration", "UpdateIntegrationResponse", "UpdateMethod", "UpdateMethodResponse", "UpdateRestApi"], out.stderr
            again = proxy.apigw("deploy", str(path), "--rest-api-id", api, "--dry-run")
            assert "0 to create or put, 0 to update, 0 to delete" in again.stderr, again.stderr
            pulled = json.loads(proxy.apigw("pull", "--rest-api-id", api).stdout)
            live = pulled["resources"]["/pets"]["methods"]["GET"]
            assert live["integration"]["uri"] == "https://example.com/v2/pets", live
            assert live["integration"]["integrationResponses"]["200"]["responseParameters"] == mapped["responseParameters"], live
            path.unlink()
        # Gateway responses too: the sandbox, like AWS, lists its defaults and fills in what a
        # response leaves unset, which neither the load nor the next diff may take for a change.
        gateway = check_gateway_responses(Emulator(port))
        return f"{len(updates)} kinds of Update* applied; the next diff is empty; {gateway}"


def check_sandbox_rename_and_move():
    """A live API's resources renamed and moved in the design are renamed and moved in place:
    the sandbox (LocalStack's API Gateway; moto has no UpdateResource) gets one UpdateResource
    per renamed or moved resource, not a delete and a create; boto3 then reads the same ids at
    the new paths, with their methods, and the next diff is empty."""
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    file = tmp / f"apigw-sandbox-moved-{os.getpid()}.json"
    try:
        with sandbox("move") as port:
            client = Emulator(port).client()
            # The live API, made with boto3: a tree with a method on every resource.
            api = client.create_rest_api(name="Moves", endpointConfiguration={"types": ["REGIONAL"]})["id"]
            ids = {"/": next(i["id"] for i in client.get_resources(restApiId=api)["items"] if i["path"] == "/")}
            for path in ["/pets", "/pets/{petId}", "/pets/{petId}/toys", "/owners"]:
                parent, part = path.rsplit("/", 1)
                ids[path] = client.create_resource(restApiId=api, parentId=ids[parent or "/"], pathPart=part)["id"]
                client.put_method(restApiId=api, resourceId=ids[path], httpMethod="GET", authorizationType="NONE")
                client.put_integration(restApiId=api, resourceId=ids[path], httpMethod="GET", type="MOCK",
                                       requestTemplates={"application/json": "{\"statusCode\": 200}"})
                client.put_method_response(restApiId=api, resourceId=ids[path], httpMethod="GET", statusCode="200")
                client.put_integration_response(restApiId=api, resourceId=ids[path], httpMethod="GET", statusCode="200")

            with Proxy(f"http://127.0.0.1:{port}") as proxy:
                design = json.loads(proxy.apigw("pull", "--rest-api-id", api).stdout)
                assert {p: r.get("id") for p, r in design["resources"].items()} == ids, json.dumps(design["resources"], indent=1)
                # Rename /pets/{petId} (its subtree goes along) and move /owners under a new /shop.
                resources = design["resources"]
                for old in ["/pets/{petId}", "/pets/{petId}/toys"]:
                    resources[old.replace("{petId}", "{id}")] = resources.pop(old)
                resources["/shop"] = {}
                resources["/shop/owners"] = resources.pop("/owners")
                file.write_text(json.dumps(design))
                out = proxy.apigw("deploy", str(file), "--rest-api-id", api)
                lines = [line.strip() for line in out.stderr.splitlines() if line.startswith("  ")]
                assert lines == [
                    "~ UpdateResource rename /pets/{petId} → /pets/{id} (replace /pathPart = {id})",
                    "+ CreateResource /shop",
                    "~ UpdateResource move /owners under /shop (replace /parentId = @/shop)",
                ], out.stderr
                sent = [line for line in out.stderr.splitlines() if line.startswith("[")]
                assert sum("UpdateResource" in line for line in sent) == 2, out.stderr

                # The same resources, by id, at their new paths, each with its method.
                moved = {"/pets/{id}": ids["/pets/{petId}"], "/pets/{id}/toys": ids["/pets/{petId}/toys"],
                         "/shop/owners": ids["/owners"], "/pets": ids["/pets"], "/": ids["/"]}
                live = {i["path"]: i for i in client.get_resources(restApiId=api, embed=["methods"])["items"]}
                assert {p: live[p]["id"] for p in moved if p in live} == moved, json.dumps(live, indent=1)
                assert set(live) == set(moved) | {"/shop"}, sorted(live)
                for p in moved:
                    if p != "/":
                        method = client.get_method(restApiId=api, resourceId=moved[p], httpMethod="GET")
                        assert method["methodIntegration"]["type"] == "MOCK", (p, method)
                again = proxy.apigw("deploy", str(file), "--rest-api-id", api, "--dry-run")
                assert "0 to create or put, 0 to update, 0 to delete" in again.stderr, again.stderr
            return "a rename and a move under a new parent: 2 UpdateResource calls, the same 4 ids at their new paths with their methods, and an empty next diff"
    finally:
        file.unlink(missing_ok=True)


STAGED_DESIGN = {
    "format": "apigw-design/1",
    "api": {"name": "Staged", "endpointType": "REGIONAL"},
    "stages": {"dev": {"description": "Development", "variables": {"backend": "dev.example.com", "tier": "gold"}}},
    "resources": {"/pets": {"methods": {"GET": {"authorizationType": "NONE", "integration": {
        "type": "HTTP_PROXY", "integrationHttpMethod": "GET", "uri": "http://${stageVariables.backend}/pets",
        "passthroughBehavior": "WHEN_NO_MATCH"}}}}},
}


def stage_variables(client, api, name):
    stage = client.get_stage(restApiId=api, stageName=name)
    return stage.get("description"), stage.get("variables", {})


def deploy_staged(emulator, proxy, path, design, api=None):
    """Deploys `design` to stage dev; returns the API's id and the review lines."""
    path.write_text(json.dumps(design))
    args = ["deploy", str(path), "--stage", "dev"] + (["--rest-api-id", api] if api else [])
    out = proxy.apigw(*args, check=False)
    lines = [line.strip() for line in out.stderr.splitlines() if line.startswith("  ")]
    return out, (out.stdout.strip() or api), lines


def check_stages(emulator):
    """A design with stage dev and two variables: `apigw plan --stage dev` ends with a
    CreateDeployment that botocore's ParamValidator accepts (and so does the UpdateStage a
    later deploy sends); `apigw deploy --stage dev` creates the stage with its variables, which
    boto3's get_stage and `apigw pull` read back equal. Then a variable changed, one added and
    one removed are deployed as UpdateStage before and after the CreateDeployment (which
    carries the stage's variables too: both emulators reset them on a deployment without), and
    read back equal. moto applies UpdateStage's variable operations, but drops CreateDeployment's
    stageDescription; the check says so when it happens."""
    import botocore.session
    from botocore.validate import ParamValidator

    model = botocore.session.get_session().get_service_model("apigateway")
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"apigw-stages-{os.getpid()}.json"
    design = json.loads(json.dumps(STAGED_DESIGN))
    path.write_text(json.dumps(design))
    try:
        plan = json.loads(subprocess.run([APIGW, "plan", str(path), "--stage", "dev"], capture_output=True, text=True, check=True).stdout)
        deployment = plan["calls"][-1]
        assert deployment["operation"] == "CreateDeployment", plan
        assert deployment["params"]["variables"] == design["stages"]["dev"]["variables"], deployment
        report = ParamValidator().validate(deployment["params"], model.operation_model("CreateDeployment").input_shape)
        assert not report.has_errors(), report.generate_report()
        # The UpdateStage the second deploy sends, in boto3's form (apigw's own tests hold its
        # exact operations): botocore accepts its shape.
        update_params = {"restApiId": "a1b2c3", "stageName": "dev", "patchOperations": [
            {"op": "replace", "path": "/variables/backend", "value": "api.example.com"},
            {"op": "remove", "path": "/variables/tier"}]}
        report = ParamValidator().validate(update_params, model.operation_model("UpdateStage").input_shape)
        assert not report.has_errors(), report.generate_report()

        client = emulator.client()
        with Proxy(f"http://127.0.0.1:{emulator.port}") as proxy:
            out, api, lines = deploy_staged(emulator, proxy, path, design)
            assert out.returncode == 0, out.stderr
            assert lines[-1] == "+ CreateDeployment stage dev with variables backend = dev.example.com, tier = gold", out.stderr
            description, variables = stage_variables(client, api, "dev")
            assert variables == design["stages"]["dev"]["variables"], client.get_stage(restApiId=api, stageName="dev")
            # CreateDeployment's stageDescription: moto drops it (the stage's description reads
            # empty), which the check reports rather than hides.
            dropped = description != "Development"
            note = f" (it dropped the stage's description: {description!r})" if dropped else ""
            pulled = json.loads(proxy.apigw("pull", "--rest-api-id", api).stdout)
            want = json.loads(json.dumps(design["stages"]))
            if dropped:
                del want["dev"]["description"]
            assert pulled["stages"] == want, json.dumps(pulled.get("stages"), indent=1)

            edited = json.loads(json.dumps(design))
            edited["stages"]["dev"]["variables"] = {"backend": "api.example.com", "region": "eu-west-1"}
            out, _, lines = deploy_staged(emulator, proxy, path, edited, api)
            assert out.returncode == 0, out.stderr
            # (Where the emulator dropped the description, the update sets it again.)
            again_description = "~ description = Development, " if dropped else ""
            assert lines == [
                f"~ UpdateStage dev: {again_description}~ variable backend = api.example.com, + variable region = eu-west-1",
                "+ CreateDeployment stage dev with variables backend = api.example.com, region = eu-west-1",
                "~ UpdateStage dev: - variable tier",
            ], out.stderr
            # (moto's deployment drops the description the update set: it is compared where kept.)
            description, variables = stage_variables(client, api, "dev")
            assert variables == edited["stages"]["dev"]["variables"], client.get_stage(restApiId=api, stageName="dev")
            assert dropped or description == "Development", description
            pulled = json.loads(proxy.apigw("pull", "--rest-api-id", api).stdout)
            if dropped:
                del edited["stages"]["dev"]["description"]
            assert pulled["stages"] == edited["stages"], json.dumps(pulled.get("stages"), indent=1)
            again = proxy.apigw("deploy", str(path), "--rest-api-id", api, "--dry-run")
            assert "0 to create or put, 0 to update, 0 to delete" in again.stderr, again.stderr
        return f"stage dev created in {api} with 2 variables{note}; one changed, one added and one removed by UpdateStage around the deployment; boto3 and pull read both back equal"
    finally:
        path.unlink(missing_ok=True)


def check_sandbox_stages():
    """Stage variables in the sandbox (LocalStack's API Gateway), created with the deployment
    and updated around the next one (check_stages)."""
    with sandbox("stages") as port:
        return check_stages(Emulator(port))

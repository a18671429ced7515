#!/usr/bin/env python3
"""The local sandbox: LocalStack's API Gateway (pip localstack-core, Apache-2.0) on loopback.

usage: PYTHON xtask/sandbox/apigateway.py PORT [--state DIR] [--cache DIR]

PYTHON is the virtual environment `cargo xtask` installs at the versions in pins.toml (its own
interpreter, since LocalStack brings its own fork of moto and its own boto3). It serves API
Gateway's control plane (every Create/Put/Get/Update/Delete the designer sends, Update*
included, which moto lacks) and runs deployed APIs at
http://127.0.0.1:PORT/_aws/execute-api/{id}/{stage}/{path}. No Docker, no account, no token,
nothing leaves the machine. It prints "Ready." once it serves, and stops on SIGINT or SIGTERM.

Every setting must be in the environment before `localstack.config` is imported; each one
below, and each patch, answers something seen when LocalStack 4.13.1 ran this way.
"""
import os
import socket
import sys

args = sys.argv[1:]
if not args or not args[0].isdigit():
    sys.exit(__doc__)
port = int(args[0])


def option(name, default):
    return args[args.index(name) + 1] if name in args[:-1] else default


state = option("--state", f"/tmp/apigw-sandbox-{port}")
cache = option("--cache", os.path.join(state, "cache"))

# The runtime prints "Ready." even when it could not bind its port: check it first.
with socket.socket() as probe:
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind(("127.0.0.1", port))
    except OSError as error:
        sys.exit(f"sandbox: port {port} is not free: {error}")

settings = {
    "GATEWAY_LISTEN": f"127.0.0.1:{port}",  # loopback only
    "LOCALSTACK_HOST": f"localhost.localstack.cloud:{port}",
    "SERVICES": "apigateway",  # every other service stays off
    "EAGER_SERVICE_LOADING": "1",  # load API Gateway at start, not on the first request
    # A container marker (/.dockerenv) would make LocalStack write /var/lib/localstack and
    # /etc/localstack, and start a DNS server: it runs on the host here.
    "OVERRIDE_IN_DOCKER": "0",
    "FILESYSTEM_ROOT": state,
    "DNS_ADDRESS": "0",  # no DNS server, no resolv.conf edits
    "DISABLE_EVENTS": "1",  # no analytics
    "SKIP_SSL_CERT_DOWNLOAD": "1",  # a self-signed certificate, not a download
    "GATEWAY_SERVER": "hypercorn",  # twisted wants service_identity, which it does not declare
    "PERSISTENCE": "0",
    # Anything that would still call home reaches a closed loopback port instead.
    "API_ENDPOINT": "http://127.0.0.1:9/v1",
    "ANALYTICS_API": "http://127.0.0.1:9/v1",
    "LS_LOG": "warning",
}
for key, value in settings.items():
    os.environ.setdefault(key, value)
# moto (inside LocalStack) builds boto3 clients; without static credentials botocore would walk
# the credential chain and probe the EC2 metadata service.
os.environ.update(
    AWS_ACCESS_KEY_ID="sandbox",
    AWS_SECRET_ACCESS_KEY="sandbox",
    AWS_DEFAULT_REGION="us-east-1",
    AWS_EC2_METADATA_DISABLED="true",
    AWS_CONFIG_FILE="/dev/null",
    AWS_SHARED_CREDENTIALS_FILE="/dev/null",
    XDG_CACHE_HOME=os.path.join(cache, "xdg"),  # plux's entry-point cache, not ~/.cache
)
os.environ.pop("AWS_PROFILE", None)

from localstack import config  # noqa: E402  (reads the environment above)

# The service catalog LocalStack builds on its first start (about 4 s, and 500 MB kept for the
# process's life) is kept between runs.
config.dirs.cache = cache

# A request for a service LocalStack does not emulate makes it fetch a catalog from
# api.localstack.cloud: refused, so it falls back to the catalog it has.
from localstack.utils.catalog import catalog_loader  # noqa: E402


def no_remote_catalog(self):
    raise catalog_loader.AwsCatalogLoaderException("the sandbox is offline")


catalog_loader.RemoteCatalogLoader.get_remote_catalog = no_remote_catalog

# UpdateIntegrationResponse applies only responseTemplates, contentHandling and a replaced
# selectionPattern (its source says "NOT A COMPLETE IMPLEMENTATION"): a patch of
# /responseParameters/{name}, or the removal of a selection pattern or content handling, is
# answered 200 and dropped. API Gateway applies all of them (UpdateIntegrationResponse, "patch
# operations" in the API Reference: responseParameters, responseTemplates, selectionPattern,
# contentHandling). They are applied here, before the rest goes to LocalStack.
from localstack.services.apigateway.legacy import provider as apigateway  # noqa: E402
from localstack.services.apigateway.helpers import get_moto_rest_api  # noqa: E402

update_integration_response = apigateway.ApigatewayProvider.update_integration_response


def complete_update_integration_response(self, context, rest_api_id, resource_id, http_method,
                                         status_code, patch_operations=None, **kwargs):
    rest = []
    api = get_moto_rest_api(context, rest_api_id)
    method = api.resources.get(resource_id).resource_methods.get(http_method) \
        if api.resources.get(resource_id) else None
    response = method.method_integration.integration_responses.get(status_code) \
        if method and method.method_integration else None
    for operation in patch_operations or []:
        op, path, value = operation.get("op"), operation.get("path", ""), operation.get("value")
        if response is not None and path.startswith("/responseParameters/"):
            name = path.removeprefix("/responseParameters/").replace("~1", "/").replace("~0", "~")
            response.response_parameters = response.response_parameters or {}
            if op == "remove":
                response.response_parameters.pop(name, None)
            else:
                response.response_parameters[name] = value
        elif response is not None and op == "remove" and path == "/selectionPattern":
            response.selection_pattern = None
        elif response is not None and op == "remove" and path == "/contentHandling":
            response.content_handling = None
        else:
            rest.append(operation)
    return update_integration_response(self, context, rest_api_id, resource_id, http_method,
                                       status_code, rest, **kwargs)


apigateway.ApigatewayProvider.update_integration_response = complete_update_integration_response

from localstack.runtime.main import main  # noqa: E402
from localstack.runtime.server.hypercorn import HypercornRuntimeServer  # noqa: E402

# Its shutdown stops the event loop from another thread without waking it, so SIGINT or SIGTERM
# sometimes hung (1 run in 6): the loop is stopped from its own thread.
shutdown = HypercornRuntimeServer.shutdown


def wake_and_shutdown(self):
    shutdown(self)
    self.loop.call_soon_threadsafe(self.loop.stop)


HypercornRuntimeServer.shutdown = wake_and_shutdown

main()  # prints "Ready." when it serves

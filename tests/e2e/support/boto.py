"""boto3 against the E2E sandbox: `boto.py PORT create|method|integration|… ARGS`."""
import json
import sys

import boto3

port, command, *args = sys.argv[1:]
client = boto3.client("apigateway", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                      aws_access_key_id="sandbox", aws_secret_access_key="sandbox")


def resource_id(api, path):
    return next(r["id"] for r in client.get_resources(restApiId=api, limit=500)["items"] if r["path"] == path)


def clean(value):
    value.pop("ResponseMetadata", None)
    return value


if command == "create":
    # An existing API, made the way users make them outside the designer.
    api = client.create_rest_api(name=args[0])["id"]
    root = resource_id(api, "/")
    items = client.create_resource(restApiId=api, parentId=root, pathPart="items")["id"]
    client.put_method(restApiId=api, resourceId=items, httpMethod="GET", authorizationType="NONE")
    client.put_method_response(restApiId=api, resourceId=items, httpMethod="GET", statusCode="200")
    client.put_integration(restApiId=api, resourceId=items, httpMethod="GET", type="MOCK",
                           requestTemplates={"application/json": '{"statusCode": 200}'})
    client.put_integration_response(restApiId=api, resourceId=items, httpMethod="GET", statusCode="200",
                                    responseTemplates={"application/json": '{"items": []}'})
    print(json.dumps({"id": api}))
elif command == "create-http":
    # An existing API whose method has an HTTP integration with mappings, as consoles make.
    api = client.create_rest_api(name=args[0])["id"]
    root = resource_id(api, "/")
    items = client.create_resource(restApiId=api, parentId=root, pathPart="items")["id"]
    client.put_method(restApiId=api, resourceId=items, httpMethod="GET", authorizationType="NONE",
                      requestParameters={"method.request.querystring.q": False})
    client.put_method_response(restApiId=api, resourceId=items, httpMethod="GET", statusCode="200")
    client.put_integration(restApiId=api, resourceId=items, httpMethod="GET", type="HTTP", integrationHttpMethod="GET",
                           uri="https://example.com/items",
                           requestParameters={"integration.request.querystring.q": "method.request.querystring.q"})
    client.put_integration_response(restApiId=api, resourceId=items, httpMethod="GET", statusCode="200", selectionPattern="")
    print(json.dumps({"id": api}))
elif command == "method":
    api, path, verb = args
    print(json.dumps(clean(client.get_method(restApiId=api, resourceId=resource_id(api, path), httpMethod=verb)), default=str))
elif command == "integration":
    api, path, verb = args
    print(json.dumps(clean(client.get_integration(restApiId=api, resourceId=resource_id(api, path), httpMethod=verb)), default=str))
elif command == "stage":
    api, name = args
    stage = client.get_stage(restApiId=api, stageName=name)
    print(json.dumps({"description": stage.get("description"), "variables": stage.get("variables", {})}))
elif command == "ids":
    print(json.dumps({r["path"]: r["id"] for r in client.get_resources(restApiId=args[0], limit=500)["items"]}))
elif command == "paths":
    print(json.dumps(sorted(r["path"] for r in client.get_resources(restApiId=args[0], limit=500)["items"])))

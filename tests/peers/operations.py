"""apigw's plan format against botocore's apigateway service model.

For every operation a plan file may hold (`apigw plan --operations`), the members apigw
accepts, which of them are required, their types, and their enum values where the model has
them, are compared with the operation's input shape in botocore's model. A difference fails
unless KNOWN lists it with the reason. Run from run.py (`check_operations`), or alone:
`APIGW_BIN=target/debug/apigw python3 tests/peers/operations.py`.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import botocore.session

ROOT = Path(__file__).resolve().parents[2]
APIGW = os.environ.get("APIGW_BIN", str(ROOT / "target/debug/apigw"))

# Differences that are deliberate, each with its reason. Keys: (operation, member, aspect).
KNOWN = {
    # The design rules hold these lists (facts.rs); botocore's model types them as plain strings,
    # so the service's own validation is what the rules follow there, not the model.
    ("PutMethod", "authorizationType", "enum"): "the model types it as a string; API Gateway accepts NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS (API Reference, PutMethod)",
    ("PutIntegration", "passthroughBehavior", "enum"): "the model types it as a string; API Gateway accepts WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER (API Reference, PutIntegration)",
    # A design's stage holds a description and variables only: a plan that set a stage's cache,
    # canary or tracing could not be read into a design without losing them, so it is refused.
    ("CreateDeployment", "cacheClusterEnabled", "member"): "a design's stage has no cache cluster",
    ("CreateDeployment", "cacheClusterSize", "member"): "a design's stage has no cache cluster",
    ("CreateDeployment", "canarySettings", "member"): "a design's stage has no canary",
    ("CreateDeployment", "tracingEnabled", "member"): "a design's stage has no tracing setting",
}


def botocore_type(shape):
    """A shape in apigw's notation: string, boolean, integer, list<T>, map<K,V>, structure{…}."""
    kind = shape.type_name
    if kind == "list":
        return f"list<{botocore_type(shape.member)}>"
    if kind == "map":
        return f"map<{botocore_type(shape.key)},{botocore_type(shape.value)}>"
    if kind == "structure":
        inner = ",".join(f"{n}:{botocore_type(s)}" for n, s in sorted(shape.members.items()))
        return f"structure{{{inner}}}"
    return kind


def differences(spec, model):
    """Every difference between apigw's operations and the model's input shapes, as
    ((operation, member, aspect), detail)."""
    found = []
    for operation, members in sorted(spec.items()):
        try:
            shape = model.operation_model(operation).input_shape
        except Exception as error:  # noqa: BLE001 - an unknown operation is a difference
            found.append(((operation, "", "operation"), f"botocore has no operation {operation}: {error}"))
            continue
        theirs = shape.members
        required = set(shape.required_members)
        for name in sorted(set(members) | set(theirs)):
            if name not in theirs:
                found.append(((operation, name, "member"), "apigw accepts it; botocore's model has no such member"))
                continue
            if name not in members:
                found.append(((operation, name, "member"), "botocore's model has it; apigw's plan format refuses it"))
                continue
            ours = members[name]
            their_type = botocore_type(theirs[name])
            if ours["type"] != their_type:
                found.append(((operation, name, "type"), f"apigw: {ours['type']}, botocore: {their_type}"))
            if ours["required"] != (name in required):
                found.append(((operation, name, "required"), f"apigw: {ours['required']}, botocore: {name in required}"))
            their_enum = getattr(theirs[name], "enum", None) or []
            our_enum = ours.get("enum") or []
            if their_enum and sorted(their_enum) != sorted(our_enum):
                missing = sorted(set(their_enum) - set(our_enum))
                extra = sorted(set(our_enum) - set(their_enum))
                found.append(((operation, name, "enum"), f"botocore only: {missing}; apigw only: {extra}"))
            elif our_enum and not their_enum:
                found.append(((operation, name, "enum"), "apigw checks a list of values; botocore's model has none"))
    return found


def check_operations():
    out = subprocess.run([APIGW, "plan", "--operations"], capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError(f"apigw plan --operations exited {out.returncode}: {out.stderr}")
    spec = json.loads(out.stdout)
    assert spec, "apigw plan --operations listed no operation"
    model = botocore.session.get_session().get_service_model("apigateway")
    found = differences(spec, model)
    unexplained = [f"{op}.{member} ({aspect}): {detail}" for (op, member, aspect), detail in found if (op, member, aspect) not in KNOWN]
    stale = sorted(k for k in KNOWN if k not in {key for key, _ in found})
    problems = unexplained + [f"KNOWN lists {k}, which no longer differs" for k in stale]
    if problems:
        raise AssertionError("\n".join(problems))
    members = sum(len(m) for m in spec.values())
    return f"{len(spec)} operations, {members} members agree ({len(found)} known differences)"


if __name__ == "__main__":
    try:
        print(check_operations())
    except AssertionError as error:
        print(error)
        sys.exit(1)

#!/usr/bin/env python3
"""Check every resource type pcsim serves against its schema in the OpenAPI document.

Run by .ci/schemathesis.sh on the freshly prepared demo world (tests/schemathesis/prepare.py
exported the PCSIM_* ids and tokens). For every GET operation of the document that answers
JSON, it fills the path parameters the way tests/schemathesis/schemathesis.toml does (the
same principal per operation), calls it once with no query, and validates the 200 body
against the documented response schema, closed (a property the schema does not name fails);
so are the answers of two read-only POSTs whose resources no GET returns. It then lists the
response schemas only writes return (schemathesis checks those answers). Exits non-zero on any
mismatch, naming the path in the body.

Needs PyYAML and jsonschema_rs (both come with schemathesis 4). Usage: resource_schemas.py BASE_URL [DOCUMENT]
(DOCUMENT: a file to check instead of the served /openapi.yaml)
"""
import json
import os
import re
import sys
import tomllib
import urllib.error
import urllib.parse
import urllib.request

import jsonschema_rs
import yaml

BASE = sys.argv[1].rstrip("/")
HERE = os.path.dirname(os.path.abspath(__file__))
TOML = os.path.join(HERE, "..", "schemathesis", "schemathesis.toml")


# Queries some GETs need to answer 200 (a required choice the schema cannot state).
QUERY = {
    "GET /v1/compliance/csp/agreementstatus": "tenantId=${PCSIM_RESELLER}",
    "GET /v1/relationships": "relationship_type=IsIndirectCloudSolutionProviderOf",
    "GET /v1/customers/{customerId}/transferseligibility": "transferType=directtoindirect",
    "GET /v1/migrations/newcommerce": "CustomerTenantId=${PCSIM_CUSTOMER}",
    # MSAL's instance discovery asks about an authority on this instance's own host.
    "GET /common/discovery/instance": "api-version=1.1&authorization_endpoint="
    + urllib.parse.quote(BASE + "/common/oauth2/v2.0/authorize", safe=""),
}


# Read-only POSTs whose answer is a resource no GET returns: (operation, path, body).
POSTS = [
    ("POST /v1/partners/validateresellers", "/v1/partners/validateresellers",
     {"partnerIds": ["5100001", "9999999"]}),
    ("POST /v1/customers/{customerId}/migrations/newcommerce/validate",
     "/v1/customers/${PCSIM_CUSTOMER}/migrations/newcommerce/validate",
     {"currentSubscriptionId": "${PCSIM_BASE_SUBSCRIPTION}"}),
]


def expand(text):
    return re.sub(r"\$\{(\w+)\}", lambda m: os.environ.get(m.group(1), ""), text)


def fetch(path, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method="GET" if body is None else "POST")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def to_json_schema(schema, open_top=False):
    """OpenAPI 3.0 schema -> JSON Schema 2020-12: $refs point into `$defs`, `nullable` is a null
    alternative, and an object lists all its properties: one a response carries that its
    schema does not name fails (`unevaluatedProperties: false`), unless the schema says
    `additionalProperties`. An allOf member is left open (`open_top`, and `Name__open` for a
    $ref): the schema that combines them closes the union."""
    if isinstance(schema, list):
        return [to_json_schema(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return {"$ref": "#/$defs/" + name + ("__open" if open_top else "")}
    out = {}
    for key, value in schema.items():
        if key in ("nullable", "example", "examples", "discriminator", "xml", "externalDocs", "readOnly", "writeOnly", "deprecated") or key.startswith("x-"):
            continue
        if key == "properties":
            out[key] = {name: to_json_schema(s) for name, s in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            out[key] = to_json_schema(value) if isinstance(value, dict) else value
        elif key == "allOf":
            out[key] = [to_json_schema(s, open_top=True) for s in value]
        elif key in ("anyOf", "oneOf"):
            out[key] = [to_json_schema(s, open_top=open_top) for s in value]
        else:
            out[key] = value
    if not open_top and ("properties" in schema or "allOf" in schema) and "additionalProperties" not in schema:
        out["unevaluatedProperties"] = False
    if schema.get("nullable"):
        out = {"anyOf": [out, {"type": "null"}]}
    return out


def referenced(schema, components, names):
    """Names of the component schemas `schema` reaches through $ref."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[1]
            if name not in names:
                names.add(name)
                referenced(components[name], components, names)
            return
        for value in schema.values():
            referenced(value, components, names)
    elif isinstance(schema, list):
        for value in schema:
            referenced(value, components, names)


def validate(name, schema, body, components, definitions, met):
    """The mismatches of `body` against `schema` (at most five), noting the schemas it reached."""
    referenced(schema, components, met)
    root = to_json_schema(schema)
    root["$defs"] = definitions
    validator = jsonschema_rs.Draft202012Validator(root)
    problems = []
    for error in list(validator.iter_errors(json.loads(body)))[:5]:
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.instance_path)
        problems.append(f"{name}: {where}: {error.message[:200]}")
    return problems


def main():
    if len(sys.argv) > 2:
        with open(sys.argv[2], "rb") as handle:
            body = handle.read()
    else:
        status, _, body = fetch("/openapi.yaml", None)
        if status != 200:
            sys.exit(f"resource_schemas.py: /openapi.yaml answered {status}")
    document = yaml.safe_load(body)
    components = document.get("components", {}).get("schemas", {})
    with open(TOML, "rb") as handle:
        config = tomllib.load(handle)
    default_headers = config.get("headers", {})
    default_parameters = config.get("parameters", {})
    overrides = config.get("operations", [])

    definitions = {name: to_json_schema(schema) for name, schema in components.items()}
    definitions.update({name + "__open": to_json_schema(schema, open_top=True) for name, schema in components.items()})
    failures = []
    checked = 0
    met = set()
    documented = set()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for code, response in operation.get("responses", {}).items():
                if str(code).startswith("2"):
                    schema = response.get("content", {}).get("application/json", {}).get("schema")
                    if schema is not None:
                        referenced(schema, components, documented)
            if method != "get":
                continue
            name = f"GET {path}"
            if path in ("/openapi.yaml",):
                continue
            headers = dict(default_headers)
            parameters = dict(default_parameters)
            for override in overrides:
                regex = override.get("include-path-regex")
                if name in override.get("include-name", []) or (regex and re.search(regex, path)):
                    headers.update(override.get("headers", {}))
                    parameters.update(override.get("parameters", {}))
            target = path
            missing = []
            for parameter in re.findall(r"\{(\w+)\}", path):
                value = expand(parameters.get(f"path.{parameter}", ""))
                if not value:
                    missing.append(parameter)
                target = target.replace("{" + parameter + "}", value)
            if missing:
                failures.append(f"{name}: no value for path parameter(s) {missing} in schemathesis.toml")
                continue
            if name in QUERY:
                target += "?" + expand(QUERY[name])
            status, content_type, body = fetch(target, expand(headers.get("Authorization", "")))
            response = operation.get("responses", {}).get("200") or operation.get("responses", {}).get(200)
            schema = (response or {}).get("content", {}).get("application/json", {}).get("schema")
            if schema is None:
                continue
            if status != 200:
                failures.append(f"{name}: answered {status}: {body[:200]!r}")
                continue
            if "json" not in content_type:
                failures.append(f"{name}: answered {content_type}, not JSON")
                continue
            failures += validate(name, schema, body, components, definitions, met)
            checked += 1

    for name, path, body in POSTS:
        method, template = name.split(" ", 1)
        operation = document["paths"][template][method.lower()]
        payload = json.loads(expand(json.dumps(body)))
        status, content_type, answer = fetch(expand(path), expand(default_headers.get("Authorization", "")), payload)
        response = operation["responses"].get("200") or operation["responses"].get(200)
        schema = response["content"]["application/json"]["schema"]
        if status != 200:
            failures.append(f"{name}: answered {status}: {answer[:200]!r}")
            continue
        failures += validate(name, schema, answer, components, definitions, met)
        checked += 1

    # Request-only schemas (inputs) are not resource types.
    resources = {n for n in documented if "properties" in components.get(n, {}) or "allOf" in components.get(n, {})}
    unmet = sorted(resources - met - set(os.environ.get("RESOURCE_SCHEMAS_POST_ONLY", "").split()))
    print(f"resource_schemas.py: {checked} operations checked ({len(POSTS)} read-only POSTs); {len(met & resources)} of {len(resources)} response schemas met")
    if unmet:
        print("resource_schemas.py: response schemas only writes return (checked by schemathesis): " + ", ".join(unmet))
    for failure in failures:
        print("resource_schemas.py: FAIL " + failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

"""The API's documentation page, rendered from its own OpenAPI description: operations by tag with their
parameters, bodies and answers, each with an example made from the schema's examples."""

import json
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.translation import gettext as _

from values.core.problems import PROBLEM_TYPES

EXAMPLE_DEPTH = 6


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    anchor: str
    public: bool
    guarded: bool
    parameters: list[dict]
    body: list[dict]
    body_example: str
    responses: list[tuple[str, str]]
    example: str
    curl: str = ""


@dataclass
class Tag:
    name: str
    operations: list[Operation] = field(default_factory=list)


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema


def example_of(schema: dict, components: dict, depth: int = 0):
    """A value for the schema: its own example, else one built from its type."""
    schema = _resolve(schema, components)
    if schema.get("examples"):
        return schema["examples"][0]
    if "default" in schema:
        return schema["default"]
    if depth > EXAMPLE_DEPTH:
        return None
    for combined in ("anyOf", "oneOf", "allOf"):
        if combined in schema:
            choices = [c for c in schema[combined] if c.get("type") != "null"] or schema[combined]
            return example_of(choices[0], components, depth + 1)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {name: example_of(sub, components, depth + 1) for name, sub in schema.get("properties", {}).items()}
    if kind == "array":
        return [example_of(schema.get("items", {}), components, depth + 1)]
    if "enum" in schema:
        return schema["enum"][0]
    simple = {"string": "…", "integer": 1, "number": 1.0, "boolean": True}
    if schema.get("format") == "date":
        return "2027-03-01"
    if schema.get("format") == "date-time":
        return "2027-03-01T09:00:00Z"
    return simple.get(kind)


def _type_name(schema: dict, components: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    for combined in ("anyOf", "oneOf"):
        if combined in schema:
            return " | ".join(_type_name(s, components) for s in schema[combined])
    if schema.get("type") == "array":
        return f"list of {_type_name(schema.get('items', {}), components)}"
    return schema.get("format") or schema.get("type") or "any"


def _fields(schema: dict, components: dict) -> list[dict]:
    schema = _resolve(schema, components)
    required = set(schema.get("required", []))
    return [
        {"name": name, "type": _type_name(sub, components), "required": name in required,
         "description": _resolve(sub, components).get("description", "") or sub.get("description", "")}
        for name, sub in schema.get("properties", {}).items()
    ]  # fmt: skip


def _json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def _operation(path: str, method: str, spec: dict, components: dict) -> Operation:
    parameters = [
        {"name": p["name"], "where": p["in"], "type": _type_name(p.get("schema", {}), components),
         "required": p.get("required", False), "description": p.get("description", "")
         or p.get("schema", {}).get("description", "")}
        for p in spec.get("parameters", [])
    ]  # fmt: skip
    body_schema = spec.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    ok = next((r for status, r in sorted(spec["responses"].items()) if status.startswith("2")), {})
    ok_schema = ok.get("content", {}).get("application/json", {}).get("schema")
    security = spec.get("security", [])
    return Operation(
        method=method.upper(), path=path, summary=spec.get("summary", ""), anchor=spec.get("operationId", ""),
        public={} in security, guarded="412" in spec["responses"], parameters=parameters,
        body=_fields(body_schema, components) if body_schema else [],
        body_example=_json(example_of(body_schema, components)) if body_schema else "",
        responses=[(status, r.get("description", "")) for status, r in sorted(spec["responses"].items())],
        example=_json(example_of(ok_schema, components)) if ok_schema else "",
    )  # fmt: skip


def _curl(request: HttpRequest, operation: Operation) -> str:
    url = request.build_absolute_uri(operation.path)
    lines = [f"curl -X {operation.method} '{url}'", "  -H 'Authorization: Bearer values_…'"]
    if operation.guarded:
        lines.append("  -H 'If-Match: \"<the ETag you read>\"'")
    if operation.body_example:
        lines.append("  -H 'Content-Type: application/json' -d @body.json")
    return " \\\n".join(lines)


def reference(request: HttpRequest) -> dict:
    from values.api.api import api  # lazy: the API's modules import this app's views through its URLs

    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    tags: dict[str, Tag] = {}
    for path, operations in schema["paths"].items():
        for method, spec in operations.items():
            operation = _operation(path, method, spec, components)
            operation.curl = _curl(request, operation)
            for name in spec.get("tags", ["other"]):
                tags.setdefault(name, Tag(name)).operations.append(operation)
    problem_types = [
        ("problem-invalid", PROBLEM_TYPES["invalid"], 422, _("Input refused: “errors” names each field and why.")),
        ("problem-stale", PROBLEM_TYPES["stale"], 412,
         _("Someone saved the record since the version in If-Match; “current” holds it now.")),
        ("problem-precondition-required", PROBLEM_TYPES["precondition-required"], 428,
         _("A change to a record people edit together needs If-Match with the ETag read.")),
        ("problem-rate-limited", PROBLEM_TYPES["rate-limited"], 429,
         _("Too many requests in a minute; Retry-After says how many seconds to wait.")),
        ("problem-read-only-token", PROBLEM_TYPES["read-only-token"], 403,
         _("The token may only read; make one that may read and write.")),
    ]  # fmt: skip
    return {"info": schema["info"], "tags": list(tags.values()), "problem_types": problem_types,
            "schema_url": "/api/v1/schema/"}  # fmt: skip

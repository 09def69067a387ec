"""The finishing of the OpenAPI description ninja derives from the operations: the problems every operation
may answer, the bearer token optional where an operation reads what is public, and the version's servers."""

from ninja.openapi.schema import OpenAPISchema

from values.api.schemas import Problem

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM_MEDIA = {"application/problem+json": {"schema": PROBLEM_REF}}
RATE_HEADERS = {
    name: {"description": description, "schema": {"type": "integer"}}
    for name, description in (
        ("RateLimit-Limit", "Requests this caller may make in a minute."),
        ("RateLimit-Remaining", "Requests left in this minute."),
        ("RateLimit-Reset", "Seconds until the minute renews."),
    )
}
COMMON = {
    "400": "The request could not be understood: a NUL character in it, or a body that is not JSON.",
    "401": "No valid token (unknown, expired or revoked), or a change asked by nobody.",
    "403": "The caller may not do this (or the token may only read).",
    "404": "Nothing at this address, or nothing the caller may see.",
    "405": "The address does not take this method.",
    "413": "The request is larger than the site takes.",
    "422": "The input was refused: `errors` names each field and why.",
    "429": "Too many requests in this minute: wait the seconds of Retry-After.",
}
GUARDED = {
    "412": "The record changed since the version in If-Match: `current` is the record now, its ETag the header.",
    "428": "The change names no version: send the ETag you read as If-Match.",
}
PUBLIC_MARK, GUARDED_MARK = "x-public", "x-guarded"


def _problem(description: str, headers: dict | None = None) -> dict:
    return {"description": description, "content": PROBLEM_MEDIA} | ({"headers": headers} if headers else {})


def _add_problem_component(schema: OpenAPISchema) -> None:
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(problem.pop("$defs", {}))
    components["Problem"] = problem


def finish(schema: OpenAPISchema) -> OpenAPISchema:
    _add_problem_component(schema)
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            # ninja keys its own answers by number; JSON (and the description) by text
            responses = operation["responses"] = {str(k): v for k, v in operation.get("responses", {}).items()}
            extra = dict(COMMON)
            if operation.pop(GUARDED_MARK, False):
                extra |= GUARDED
            for status, description in extra.items():
                headers = {"Retry-After": {"schema": {"type": "integer"}}} if status == "429" else None
                responses.setdefault(status, _problem(description, headers))
            for status, response in responses.items():
                if status.startswith("2"):
                    response.setdefault("headers", {}).update(RATE_HEADERS)
            if operation.pop(PUBLIC_MARK, False):
                operation["security"] = [{}, *operation.get("security", [])]
    return schema

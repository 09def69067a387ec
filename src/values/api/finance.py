"""The API's finance operations (issue #18)."""

from ninja import Router

router = Router(tags=["finance"])

"""The API's action plans operations (issue #18)."""

from ninja import Router

router = Router(tags=["action plans"])

"""The API's activities operations (issue #18)."""

from ninja import Router

router = Router(tags=["activities"])

"""The API's open data operations (issue #18)."""

from ninja import Router

router = Router(tags=["open data"])

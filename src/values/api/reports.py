"""The API's reports operations (issue #18)."""

from ninja import Router

router = Router(tags=["reports"])

"""The API's volunteering operations (issue #18)."""

from ninja import Router

router = Router(tags=["volunteering"])

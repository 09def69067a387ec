"""The finance settings the coordinator keeps: monthly exchange rates, a partner's budget lines and the subsistence
rates, as on the finance pages (`values.finance.services`)."""

from ninja import Router

router = Router(tags=["finance"])

"""The volunteer campaign: read as on its public page, prepared by the coordinator (messages, channels, assets) and
its reach recorded by who runs a channel: the same services and rules as `values.publishing`."""

from ninja import Router

router = Router(tags=["campaigns"])

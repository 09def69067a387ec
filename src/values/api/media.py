"""A good practice's photos, videos and captions: added and removed by who may change the practice, as on its media
page (`values.knowledge.services`)."""

from ninja import Router

router = Router(tags=["good practices"])

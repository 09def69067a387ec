from django.apps import AppConfig
from django.conf import settings
from PIL import Image


class CoreConfig(AppConfig):
    name = "values.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Pillow's own guard against decompression bombs, wherever an image is opened (uploads, toolkit PDFs):
        # a warning above the limit, an error above twice the limit.
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_MEGAPIXELS * 1_000_000

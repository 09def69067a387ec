"""A record's translation into one language, read and changed the same way for every kind the API translates
(good practices, training sessions): the texts in that language with the version the translation page's form carries
(`core.text.translation_fingerprint`), and a change guarded by `If-Match`."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from values.api.context import etag, if_match
from values.core.text import TranslationConflict, translation_fingerprint
from values.core.versions import StaleVersion


@dataclass(frozen=True)
class Translated:
    """How a kind's texts are read (`texts_of`: field → {language: text}) and saved (its app's service)."""

    texts_of: Callable[[Model], dict[str, dict[str, str]]]
    save: Callable[..., object]

    def version(self, record: Model, language: str) -> str:
        return translation_fingerprint(self.texts_of(record), original=record.original_language, language=language)

    def body(self, record: Model, language: str) -> dict:
        texts = self.texts_of(record)
        return {"language": language, "texts": {name: value.get(language, "") for name, value in texts.items()}}

    def read(self, record: Model, language: str, response: HttpResponse) -> dict:
        response["ETag"] = etag(self.version(record, language))
        return self.body(record, language)

    def change(self, request: HttpRequest, response: HttpResponse, record: Model, language: str, texts: dict) -> dict:
        """Saved through the service, which refuses texts changed since the version `If-Match` names: then 412
        with the current translation, so that the caller can merge their work rather than lose it."""
        seen = if_match(request)
        try:
            self.save(record, language=language, texts=texts, seen=seen)
        except TranslationConflict:
            record.refresh_from_db()
            raise StaleVersion(self.version(record, language), self.body(record, language)) from None
        return self.read(record, language, response)

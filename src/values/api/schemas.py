"""Shapes the API's operations share: problems, texts in several languages, a short reference to a row, a moment
and the texts a form's fields take."""

from datetime import datetime
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime
from pydantic_core import PydanticCustomError

Texts = dict[str, str]  # language code (ISO 639-1) → text


def _bounded_year(value: datetime) -> datetime:
    if not 1 < value.year < 9999:  # beyond, moving it to the city's time would leave the calendar
        raise ValueError(_("A time between the years 2 and 9998."))
    return value


def _required(value: str) -> str:
    """As the pages' required fields take text: without the spaces around it, and not empty."""
    value = value.strip()
    if not value:
        raise PydanticCustomError("required", _("This field is required."))
    return value


Moment = Annotated[AwareDatetime, AfterValidator(_bounded_year)]
RequiredText = Annotated[str, AfterValidator(_required)]
Trimmed = Annotated[str, AfterValidator(str.strip)]  # as a page's optional field: without the spaces around it


class FieldError(Schema):
    detail: str
    pointer: str | None = Field(None, description="Where in the body, as a JSON pointer (#/title).")
    parameter: str | None = Field(None, description="The query or path parameter.")
    header: str | None = None


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = Field(examples=["about:blank"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str | None = Field(None, examples=["There is nothing at this address."])
    errors: list[FieldError] | None = None
    current: dict | list | None = Field(None, description="With 412: the record as it stands now.")


class OrganisationRef(Schema):
    key: str = Field(examples=["cesena"])
    name: str = Field(examples=["Comune di Cesena"])


class ThemeRef(Schema):
    key: str = Field(examples=["social_inclusion"])
    name: Texts = Field(examples=[{"en": "Social inclusion"}])

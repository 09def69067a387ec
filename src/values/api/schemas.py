"""Shapes the API's operations share: problems, texts in several languages, a short reference to a row."""

from ninja import Field, Schema

Texts = dict[str, str]  # language code (ISO 639-1) → text


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

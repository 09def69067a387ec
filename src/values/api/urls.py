"""The API's addresses: `/api/v1/…` outside the language prefix (systems call it as first given), and the
pages people read inside it: the documentation and their tokens."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path

from values.api import views
from values.api.api import api


def docs_in_language(request: HttpRequest) -> HttpResponse:
    """`/api/v1/docs/` (where the problem types point) is the documentation page in the reader's language."""
    return redirect("api_docs")


api_patterns = [
    path("api/v1/docs/", docs_in_language, name="api_docs_redirect"),
    path("api/v1/", api.urls),
]

page_patterns = [
    path("api/", views.docs, name="api_docs"),
    path("accounts/tokens/", views.tokens, name="api_tokens"),
    path("accounts/tokens/<int:token_id>/revoke/", views.token_revoke, name="api_token_revoke"),
]

"""The addresses of a programme's pages, also outside a request (tasks, feeds, exports)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.urls import get_urlconf, reverse, set_urlconf
from django.utils.module_loading import import_string

from values.programme.models import Programme


def urlconf_for(programme_code: str) -> object:
    """The site's URLconf with this programme's pages (settings.PROGRAMME_URLCONF builds it, once per code)."""
    return import_string(settings.PROGRAMME_URLCONF)(programme_code)


def programme_home(programme: Programme) -> str:
    """The address of the programme's home page, in the active language: every page of it lies below."""
    with programme_addresses(programme):
        return reverse("home")


@contextmanager
def programme_addresses(programme: Programme) -> Iterator[None]:
    """`reverse()` and `{% url %}` give this programme's addresses inside the block, as in its requests."""
    previous = get_urlconf()
    set_urlconf(urlconf_for(programme.code))
    try:
        yield
    finally:
        set_urlconf(previous)

"""The error pages: a server error still shows a page when the database itself is what failed."""

import pytest
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_down():
    """The real connection made unreachable: a file that cannot be opened, or a port nothing listens on."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent/folder/values.sqlite3"
    else:
        connection.settings_dict["PORT"] = "1"
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_a_signed_in_reader_gets_the_error_page_when_the_database_is_down(database_down):
    client = Client(raise_request_exception=False)
    client.cookies.load({"sessionid": "a-session-the-database-would-know"})

    response = client.get("/en/p/820885/partners/")

    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.text
    assert '<a class="brand"' in response.text  # the site's layout, not a bare text

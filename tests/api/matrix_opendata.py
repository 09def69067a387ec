"""The API permission matrix's rows for the open data operations (joined in tests/api/matrix.py): public to every
identity, and the same data for each, so that nobody, the coordinator included, reads a proposal or a contact's
e-mail address in it."""

from collections.abc import Callable

from tests.api.matrix_base import PREFIX, PUBLIC, Row, Secret, by, code
from tests.permission_world import CESENA_CONTACT, PROPOSAL_TITLE, World

DATASETS = ("partners", "themes", "activities", "practices", "toolkits", "indicators")
NOT_OPEN = (Secret(lambda w: PROPOSAL_TITLE, ()), Secret(lambda w: CESENA_CONTACT, ()))  # read by no identity here
OPEN_DATA = f"{PREFIX}/open-data"


def dataset(name: str, file_format: str) -> Callable[[World], dict]:
    return lambda w: code(w) | {"dataset": name, "format": file_format}


# fmt: off
ROWS = [
    Row(f"GET {OPEN_DATA}/", PUBLIC, at=code, secrets=NOT_OPEN),
    *(Row(f"GET {OPEN_DATA}/{{dataset}}.{{format}}", PUBLIC, at=dataset(name, file_format),
          case=f"{name}.{file_format}", secrets=NOT_OPEN)
      for name in DATASETS for file_format in ("csv", "json")),
    Row(f"GET {OPEN_DATA}/{{dataset}}.{{format}}", by(404), at=dataset("people", "csv"), case="unknown"),
    Row(f"GET {OPEN_DATA}.zip", PUBLIC, at=code),  # compressed: test_opendata.py reads its members
    Row(f"GET {OPEN_DATA}/catalog.ttl", PUBLIC, at=code, secrets=NOT_OPEN),
    Row(f"GET {OPEN_DATA}/catalog.rdf", PUBLIC, at=code, secrets=NOT_OPEN),
    Row(f"GET {OPEN_DATA}/catalog.jsonld", PUBLIC, at=code, secrets=NOT_OPEN),
]
# fmt: on

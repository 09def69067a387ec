"""Guarding a shared record against lost updates: a change names the version it was made from.

A version is an opaque text derived from what the record holds now (a revision number, or a digest of the
rows). A service that takes `version=` compares it, under a lock on the record, with the current one and
refuses a change made from an older one (`StaleVersion`, carrying the current version and state), so that
nobody saves over what another saved since they read it. The API sends the version as the `ETag` and
takes it back in `If-Match`; a stale write there is `412 Precondition Failed` with the current state.
"""

import hashlib
import json


class StaleVersion(Exception):
    """The record changed since the version the change was made from."""

    def __init__(self, current_version: str, current: object = None) -> None:
        super().__init__("the record changed since this version was read")
        self.current_version, self.current = current_version, current


def digest_version(state: object) -> str:
    """A version for a state that has no revision number: a digest of its JSON (keys sorted)."""
    text = json.dumps(state, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def check_version(expected: str | None, current: str, state: object = None) -> None:
    """Refuse (StaleVersion) a change made from another version than the current one; None checks nothing."""
    if expected is not None and expected != current:
        raise StaleVersion(current, state)

"""Errors of the storage layer.

Hierarchy::

    StoreError                      a storage operation cannot be carried out
    ├── NotFoundError(LookupError)       no row with that key (names the table and key)
    ├── DuplicateError(ValueError)  a unique value is already taken (e.g. an e-mail address)
    └── NotServedError(ValueError)       the exercise exists but is not served (did not validate)
"""

from __future__ import annotations


class StoreError(Exception):
    """A storage operation cannot be carried out."""


class NotFoundError(StoreError, LookupError):
    """No row has the given key."""

    def __init__(self, what: str, key: object) -> None:
        self.what = what
        self.key = key
        super().__init__(f"no {what} {key!r}")


class DuplicateError(StoreError, ValueError):
    """A unique value is already taken."""


class NotServedError(StoreError, ValueError):
    """The exercise is known but not served (it did not validate, or left the bank)."""


__all__ = ["DuplicateError", "NotFoundError", "NotServedError", "StoreError"]

"""The cases of the ``cases.py`` being loaded: ``@case`` records each one here, in order.

:func:`collecting` opens a fresh list for one import of ``cases.py``; :func:`register` appends
to it (outside a collection, decorating records nothing, so importing a kit on its own is
harmless).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CaseSpec:
    """What the ``@case`` decorator records."""

    name: str
    function: Callable[[Any], None]
    points: float
    hidden: bool
    description: str
    descriptions: dict[str, str] = field(default_factory=dict)


_collected: ContextVar[list[CaseSpec] | None] = ContextVar("dlgrade_case_registry", default=None)


def register(spec: CaseSpec) -> None:
    """Record ``spec`` with the suite being loaded, if one is."""
    collected = _collected.get()
    if collected is not None:
        collected.append(spec)


@contextmanager
def collecting() -> Iterator[list[CaseSpec]]:
    """A fresh list that every ``@case`` decorated inside the block is appended to."""
    collected: list[CaseSpec] = []
    token = _collected.set(collected)
    try:
        yield collected
    finally:
        _collected.reset(token)

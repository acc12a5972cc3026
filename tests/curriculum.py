"""Parse ``docs/CURRICULUM.md``: modules in order, exercise ids in order, public names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CURRICULUM = Path(__file__).resolve().parents[1] / "docs" / "CURRICULUM.md"


@dataclass(frozen=True)
class Entry:
    module: str
    exercise: str
    names: tuple[str, ...]


def entries() -> list[Entry]:
    found: list[Entry] = []
    module = None
    for line in CURRICULUM.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## \d+\. `([a-z-]+)`", line)
        if heading:
            module = heading.group(1)
            continue
        row = re.match(r"^\| `([a-z0-9-]+)`[^|]*\| (.*?) \|", line)
        if row and module:
            defines = row.group(2)
            tokens = re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)\(", defines)
            if defines.startswith("class"):
                tokens = tokens[:1]
            found.append(Entry(module, row.group(1), tuple(dict.fromkeys(tokens))))
    return found

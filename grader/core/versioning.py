"""An exercise's version: a digest of exactly the files it is made of.

The files are those of its folder and the modules of the bank's shared case code
(``<bank>/_casekit``) that its ``cases.py`` imports, directly or through each other (resolved by
reading the imports, never by searching the text). Changing any of them changes the version, so
results graded against the old files are told apart from new ones.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

CASEKIT = "_casekit"
"""The folder of a bank's shared case code, beside its module folders."""


def content_version(folder: Path) -> str:
    """SHA-256 (16 hex digits) over the relative paths and bytes of the folder's files, and of
    the ``_casekit`` modules that its ``cases.py`` imports (:func:`casekit_files`)."""
    digest = hashlib.sha256()
    files = [p for p in folder.rglob("*") if p.is_file()]
    files += casekit_files(folder / "cases.py", folder.parent.parent / CASEKIT)
    for path in sorted(files):
        if "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        base = folder if folder in path.parents else folder.parent.parent
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def casekit_files(cases: Path, kit: Path) -> list[Path]:
    """The ``_casekit`` files that importing ``cases`` loads (its ``__init__`` included)."""
    if not kit.is_dir() or not cases.is_file():
        return []
    found: set[Path] = set()
    pending = [cases]
    while pending:
        for module in imported_modules(pending.pop()):
            parts = module.split(".")
            if parts[:2] != ["exercises", CASEKIT]:
                continue
            for depth in range(2, len(parts) + 1):
                stem = kit.joinpath(*parts[2:depth])
                for path in (stem / "__init__.py", stem.with_suffix(".py")):
                    if path.is_file() and path not in found:
                        found.add(path)
                        pending.append(path)
    return sorted(found)


def imported_modules(path: Path) -> list[str]:
    """Absolute module names that ``path`` imports (``from m import x`` gives ``m`` and
    ``m.x``, since ``x`` may be a submodule); a file that does not parse imports nothing."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return []
    modules: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module)
            modules += [f"{node.module}.{alias.name}" for alias in node.names]
    return modules

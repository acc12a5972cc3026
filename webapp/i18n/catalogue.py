"""Check the site's gettext catalogues: ``python -m webapp.i18n.catalogue`` exits 1 and names
every Korean entry that is untranslated, fuzzy, has other ``%(name)s`` placeholders than its
English, or whose committed ``.mo`` differs from its ``.po`` (run ``pybabel compile -d
webapp/translations`` after editing a ``.po``)."""

from __future__ import annotations

import gettext
import re
import sys
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
ROOT = TRANSLATIONS.parent.parent
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def source_messages() -> set[str]:
    """The msgids (the singular of plurals) the site's code and templates use today, read
    with ``babel.cfg`` as ``pybabel extract`` reads them."""
    with (TRANSLATIONS / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def unlisted(po_path: Path, used: set[str]) -> list[str]:
    """The messages the code uses that ``po_path`` lacks (run ``make messages``)."""
    with po_path.open("rb") as handle:
        listed = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(handle) if m.id}
    return [f"not in the catalogue (run make messages): {m!r}" for m in sorted(used - listed)]


def problems(po_path: Path) -> list[str]:
    """Everything wrong with one ``.po`` and its compiled ``.mo`` (empty when all is well)."""
    with po_path.open("rb") as handle:
        catalogue = read_po(handle)
    found: list[str] = []
    compiled: dict = {}
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists():
        with mo_path.open("rb") as handle:
            compiled = dict(gettext.GNUTranslations(handle)._catalog)
    else:
        found.append(f"{mo_path} is missing: run pybabel compile -d webapp/translations")
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        label = repr(ids[0])
        if message.fuzzy:
            found.append(f"fuzzy: {label}")
        if not all(strings):
            found.append(f"untranslated: {label}")
            continue
        wanted = set().union(*(_placeholders(i) for i in ids))
        if any(_placeholders(s) - wanted for s in strings) or not _placeholders(strings[0]) >= (
            wanted - {"num"}
        ):
            found.append(f"placeholders differ from the English: {label}")
        if compiled:
            key = (ids[0], 0) if len(ids) > 1 else ids[0]
            if compiled.get(key) != strings[0]:
                found.append(f"the .mo is out of step with the .po: {label}")
    return found


def main() -> int:
    """Check every language's catalogue; print the problems, return the exit status."""
    used = source_messages()
    found = [
        f"{po.relative_to(TRANSLATIONS)}: {problem}"
        for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
        for problem in [*unlisted(po, used), *problems(po)]
    ]
    print("\n".join(found) if found else "catalogues complete and compiled")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

"""The Korean catalogue is complete, free of fuzzy entries, covers every string the code uses,
and its committed .mo says what its .po says (the check CI runs: webapp.i18n.catalogue)."""

from __future__ import annotations

import shutil
import subprocess
import sys

from webapp.i18n import catalogue

KO_PO = catalogue.TRANSLATIONS / "ko" / "LC_MESSAGES" / "messages.po"


def test_korean_catalogue_is_complete_and_compiled():
    assert catalogue.problems(KO_PO) == []
    assert catalogue.unlisted(KO_PO, catalogue.source_messages()) == []


def test_the_check_catches_fuzzy_untranslated_and_stale_entries(tmp_path):
    po = tmp_path / "messages.po"
    shutil.copy(KO_PO, po)
    shutil.copy(KO_PO.with_suffix(".mo"), po.with_suffix(".mo"))
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgstr "커리큘럼 열기"', 'msgstr ""', 1)
    text = text.replace('msgid "Log out"', '#, fuzzy\nmsgid "Log out"', 1)
    text = text.replace('msgstr "설정"', 'msgstr "환경 설정"', 1)
    po.write_text(text, encoding="utf-8")
    found = catalogue.problems(po)
    assert "untranslated: 'Open the curriculum'" in found
    assert "fuzzy: 'Log out'" in found
    assert "the .mo is out of step with the .po: 'Settings'" in found
    assert catalogue.unlisted(po, {"A string nobody translated"}) == [
        "not in the catalogue (run make messages): 'A string nobody translated'"
    ]


def test_the_check_runs_as_a_command():
    done = subprocess.run(
        [sys.executable, "-m", "webapp.i18n.catalogue"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout
    assert "catalogues complete and compiled" in done.stdout

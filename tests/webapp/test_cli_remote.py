"""``dlgrade login`` and ``dlgrade submit`` end to end, against a running ``dlgrade serve``
(site + embedded grading worker) on a free loopback port with a temporary instance."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.webapp.conftest import EXERCISE, serve_site
from tests.webapp.solutions import RIGHT, WRONG

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with serve_site(tmp_path_factory.mktemp("serve"), EXERCISE) as running:
        yield running


@pytest.fixture(scope="module")
def token(site) -> str:
    created = site.dlgrade(
        "token", "create", "--instance", str(site.instance), "learner@example.org"
    )
    assert created.returncode == 0, created.stderr
    return created.stdout.strip()


def test_serve_prints_the_demo_accounts(site):
    assert site.demo_password("learner") and site.demo_password("instructor")
    assert "demo cohort enrolment code: DEMO-" in site.output


def test_login_stores_the_token_privately(site, token):
    done = site.dlgrade("login", "--server", site.url + "/", "--token", token)
    assert done.returncode == 0, done.stderr
    assert "Logged in to" in done.stdout and "Demo learner" in done.stdout
    stored = site.instance.parent / "config" / "dlgrade" / "credentials.json"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    data = json.loads(stored.read_text())
    assert data == {"default_server": site.url, "tokens": {site.url: token}}


def test_login_with_a_bad_token_fails(site):
    done = site.dlgrade("login", "--server", site.url, "--token", "dlg_wrong")
    assert done.returncode == 1
    assert "refused the token" in done.stderr


def test_submit_a_wrong_then_a_right_solution(site, token, tmp_path):
    site.dlgrade("login", "--server", site.url, "--token", token)
    wrong = tmp_path / "wrong.py"
    wrong.write_text(WRONG)
    done = site.dlgrade("submit", EXERCISE, str(wrong))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAILED" in done.stdout and "values differ" in done.stdout
    assert f"{site.url}/submissions/" in done.stdout
    right = tmp_path / "right.py"
    right.write_text(RIGHT)
    done = site.dlgrade("submit", EXERCISE, str(right), "--server", site.url, "--token", token)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "PASSED" in done.stdout
    as_json = site.dlgrade("submit", EXERCISE, str(right), "--json")
    assert as_json.returncode == 0
    document = json.loads(as_json.stdout)
    assert document["status"] == "passed" and document["seed"] is None


def test_submit_usage_errors_exit_2_and_refusals_exit_1(site, token, tmp_path):
    site.dlgrade("login", "--server", site.url, "--token", token)
    missing = site.dlgrade("submit", EXERCISE, str(tmp_path / "nope.py"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)  # read, it would hang the command
    refused = site.dlgrade("submit", EXERCISE, str(fifo))
    assert refused.returncode == 2 and "named pipe (FIFO)" in refused.stderr
    assert site.dlgrade("submit", EXERCISE).returncode == 2
    source = tmp_path / "x.py"
    source.write_text("x = 1\n")
    unknown = site.dlgrade("submit", "no-such-exercise", str(source))
    assert unknown.returncode == 1 and "No published exercise" in unknown.stderr
    env_less = site.dlgrade("submit", EXERCISE, str(source), "--server", "ftp://x")
    assert env_less.returncode == 2


def test_submit_speaks_korean_with_lang_ko(site, token, tmp_path):
    site.dlgrade("login", "--server", site.url, "--token", token, "--lang", "ko")
    wrong = tmp_path / "wrong.py"
    wrong.write_text(WRONG)
    done = site.dlgrade("submit", EXERCISE, str(wrong), "--lang", "ko")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "실패" in done.stdout and "사이트에서 보기:" in done.stdout
    assert "FAILED" not in done.stdout and "on the site" not in done.stdout
    assert "채점을 기다립니다" in done.stderr
    source = tmp_path / "x.py"
    source.write_text("x = 1\n")
    unknown = site.dlgrade("submit", "no-such-exercise", str(source), "--lang", "ko")
    assert unknown.returncode == 1 and "No published exercise" not in unknown.stderr
    refused = site.dlgrade("login", "--server", site.url, "--token", "dlg_wrong", "--lang", "ko")
    assert refused.returncode == 1 and "서버가 토큰을 거부했습니다" in refused.stderr

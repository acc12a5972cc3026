"""Security: CSRF, headers, cookies, rate limits, upload size, escaping, access control."""

from __future__ import annotations

import io
import re

import pytest

from grader.core.results import CaseResult
from tests.webapp.conftest import EXERCISE, PASSWORD, log_in, result_document

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'

FORM_POSTS = [
    "/signup",
    "/login",
    "/logout",
    "/reset",
    "/reset/some-token",
    "/join",
    "/settings/tokens",
    "/settings/tokens/1/revoke",
    f"/exercises/{EXERCISE}/submit",
    f"/exercises/{EXERCISE}/run",
    "/instructor/comments/1",
]


@pytest.mark.parametrize("path", FORM_POSTS)
def test_every_form_post_without_a_csrf_token_is_refused(app_factory, make_user, path):
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    log_in(client, make_user())
    response = client.post(path, data={"email": "a@example.org", "source": "x = 1"})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_forms_work_with_their_csrf_token(app_factory, make_user):
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    make_user(email="dora@example.org")
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login", data={"email": "dora@example.org", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_the_api_is_exempt_from_csrf_and_uses_tokens(app_factory, make_user):
    from grader.store import create_api_token
    from webapp.extensions import db

    app = app_factory(WTF_CSRF_ENABLED=True)
    user = make_user()
    with app.app_context():
        token = create_api_token(db.session, user.id)
        db.session.commit()
    response = app.test_client().post(
        "/api/v1/submissions",
        json={"exercise": "nope", "source": "x = 1"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 404  # got past CSRF to the exercise lookup


def test_security_headers_on_every_page(client):
    for path in ("/", "/login", "/static/css/site.css", "/no-such-page"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"
    assert client.get("/login").headers["Cache-Control"] == "no-store, private"


def test_no_template_has_an_inline_script_or_style_attribute():
    from pathlib import Path

    import webapp

    for template in Path(webapp.__file__).parent.joinpath("templates").rglob("*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag, f"inline script in {template}"
        assert " style=" not in text and " onclick=" not in text, template


@pytest.mark.parametrize(
    ("base_url", "secure"), [("http://localhost", False), ("https://localhost", True)]
)
def test_session_cookie_flags(app, make_user, base_url, secure):
    make_user(email="flags@example.org")
    client = app.test_client()
    response = client.post(
        "/login",
        data={"email": "flags@example.org", "password": PASSWORD},
        base_url=base_url,
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("dlgrade_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert ("Secure" in cookie) is secure


def test_login_attempts_are_rate_limited_per_client(app_factory, make_user):
    app = app_factory(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    make_user(email="rate@example.org")
    bad = {"email": "rate@example.org", "password": "wrong-password"}
    assert [client.post("/login", data=bad).status_code for _ in range(3)] == [401] * 3
    blocked = client.post("/login", data={"email": "rate@example.org", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Retry-After" in blocked.headers
    assert client.get("/login").status_code == 200  # only attempts are counted


def test_submissions_are_rate_limited_per_user_across_site_and_api(app_factory, make_user):
    from grader.store import create_api_token
    from webapp.extensions import db

    app = app_factory(RATELIMIT_ENABLED=True, SUBMIT_RATE_LIMIT="2 per minute")
    user, other = make_user(), make_user()
    with app.app_context():
        token = create_api_token(db.session, user.id)
        db.session.commit()
    web = app.test_client()
    log_in(web, user)
    source = {"source": "x = 1\n"}
    assert web.post(f"/exercises/{EXERCISE}/submit", data=source).status_code == 303
    api = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    body = {"exercise": EXERCISE, "source": "x = 1\n"}
    assert api.post("/api/v1/submissions", json=body, headers=headers).status_code == 202
    limited = web.post(f"/exercises/{EXERCISE}/submit", data=source)
    # the form redirects after the refused POST (a reload must not post again) and says why
    assert limited.status_code == 303 and limited.headers["Location"].endswith("?kept=1")
    assert "submitted too often" in web.get(limited.headers["Location"]).get_data(as_text=True)
    limited = api.post("/api/v1/submissions", json=body, headers=headers)
    assert limited.status_code == 429 and limited.is_json
    other_client = app.test_client()
    log_in(other_client, other)
    assert other_client.post(f"/exercises/{EXERCISE}/submit", data=source).status_code == 303


def test_uploads_over_the_size_limit_are_refused(app_factory, make_user):
    from grader.store import create_api_token
    from webapp.extensions import db

    app = app_factory(MAX_CONTENT_LENGTH=2048)
    user = make_user()
    client = app.test_client()
    log_in(client, user)
    big = io.BytesIO(b"x = 1\n" * 1000)
    response = client.post(
        f"/exercises/{EXERCISE}/submit",
        data={"upload": (big, "big.py")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "at most 2 KB per submission" in page
    assert f'href="/exercises/{EXERCISE}">Back to the exercise</a>' in page
    with app.app_context():
        token = create_api_token(db.session, user.id)
        db.session.commit()
    response = client.post(
        "/api/v1/submissions",
        json={"exercise": EXERCISE, "source": "x = 1\n" * 1000},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 413 and response.is_json


def test_hostile_source_output_and_messages_are_escaped(client, make_user, login, make_submission):
    user = make_user(display_name=HOSTILE[:90])
    login(client, user)
    cases = [
        CaseResult(HOSTILE, HOSTILE, 0.0, 1.0, False, False, HOSTILE),
        CaseResult("h", HOSTILE, 0.0, 1.0, False, True, HOSTILE),
    ]
    submission_id = make_submission(
        user,
        source=HOSTILE,
        result=result_document(cases=cases, output=HOSTILE, traceback=HOSTILE),
    )
    pages = [
        client.get(f"/submissions/{submission_id}").get_data(as_text=True),
        client.get(f"/submissions/{submission_id}/status.json").get_json()["html"],
        client.get(f"/exercises/{EXERCISE}/history").get_data(as_text=True),
        client.get(f"/exercises/{EXERCISE}").get_data(as_text=True),
        client.get("/curriculum").get_data(as_text=True),
    ]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
    assert pages[0].count("&lt;script&gt;alert(") >= 5


# --- access control -------------------------------------------------------------------------

ROLES = ["owner", "other learner", "instructor", "admin", "anonymous"]


def learner_urls(submission_id: int, other_id: int, owner_id: int) -> list[str]:
    return [
        f"/submissions/{submission_id}",
        f"/submissions/{submission_id}/status.json",
        f"/submissions/{submission_id}/cases/1/heatmap.png",
        f"/exercises/{EXERCISE}/history?user={owner_id}",
        f"/exercises/{EXERCISE}/diff?a={submission_id}&b={other_id}&user={owner_id}",
    ]


@pytest.fixture
def owned(app, make_user, make_submission):
    owner = make_user()
    first = make_submission(owner)
    second = make_submission(owner, source="x = 2\n")
    people = {
        "owner": owner,
        "other learner": make_user(),
        "instructor": make_user(role="instructor"),
        "admin": make_user(role="admin"),
    }
    return people, first, second


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("role", ROLES)
def test_learner_owned_urls_are_seen_by_owner_and_staff_only(app, owned, role, index):
    people, first, second = owned
    url = learner_urls(first, second, people["owner"].id)[index]
    client = app.test_client()
    if role != "anonymous":
        log_in(client, people[role])
    response = client.get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert "/login?next=" in response.headers["Location"]
    elif role == "other learner":
        assert response.status_code == 404, url
        assert b"x = 2" not in response.data
    else:
        assert response.status_code == 200, url


def test_no_learner_can_enumerate_submissions_by_id(app, owned):
    people, _, second = owned
    client = app.test_client()
    log_in(client, people["other learner"])
    codes = {client.get(f"/submissions/{i}").status_code for i in range(1, second + 5)}
    assert codes == {404}
    codes = {client.get(f"/submissions/{i}/status.json").status_code for i in range(1, 6)}
    assert codes == {404}


@pytest.mark.parametrize(
    "path",
    [
        "/curriculum",
        "/progress",
        "/progress/chart.png",
        "/settings",
        "/join",
        f"/exercises/{EXERCISE}",
        f"/exercises/{EXERCISE}/starter.py",
        f"/exercises/{EXERCISE}/history",
    ],
)
def test_learner_pages_send_anonymous_visitors_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]

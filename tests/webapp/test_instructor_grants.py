"""What an instructor grants one learner: deadline extensions (late days recomputed), scores
set by hand with their history, comments on a submission that only its learner (and staff)
read; and who may do each (``webapp.instructor.grants.may_manage``).
"""

# Over 400 lines: three grants, each with who may and who may not.

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from grader.store import create_api_token
from grader.store.models import (
    Deadline,
    DeadlineExtension,
    ScoreOverride,
    Submission,
    SubmissionComment,
)
from tests.webapp.cohorts import DUE, add_cohort, graded, read_csv, set_deadline
from tests.webapp.conftest import EXERCISE
from webapp.extensions import db
from webapp.instructor.grants import GrantError, grant_extension, may_manage, set_score

MODULE = "neural-networks"


@pytest.fixture
def course(app, make_user, make_submission):
    """A cohort losing 10 % per late day, ``neural-networks`` due at ``DUE``, taught by
    ``teacher``; ``ada`` handed in 10/10 three days late (counts 7); ``bob`` 4/10 on time.
    ``stranger`` is an instructor of another cohort only."""
    teacher, stranger = make_user("instructor"), make_user("instructor")
    ada, bob = make_user(display_name="Ada"), make_user(display_name="Bob")
    cohort_id = add_cohort(app, ada, bob, teacher, late_policy="per_day", penalty_per_day=0.1)
    add_cohort(app, stranger, make_user(), code="OTHER")
    set_deadline(app, cohort_id, MODULE, DUE)
    late = make_submission(ada, result=graded(10), now=DUE + timedelta(days=2, hours=12))
    on_time = make_submission(bob, result=graded(4), now=DUE - timedelta(hours=1))

    class Course:
        pass

    world = Course()
    world.__dict__.update(
        cohort=cohort_id,
        teacher=teacher,
        stranger=stranger,
        ada=ada,
        bob=bob,
        late=late,
        on_time=on_time,
        admin=make_user("admin"),
    )
    return world


def _deadline_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Deadline.id))


def _late_days(app, submission_id: int) -> int:
    with app.app_context():
        return db.session.get(Submission, submission_id).late_days


def _gradebook_cell(client, cohort_id: int, name: str) -> str:
    page = client.get(f"/instructor/cohorts/{cohort_id}/gradebook").get_data(as_text=True)
    row = page[page.index(f">{name}</a>") :].split("</tr>")[0]
    return re.search(rf'<td class="[^"]*" data-exercise="{EXERCISE}"[^>]*>.*?</td>', row).group(0)


# --- extensions -----------------------------------------------------------------------------


def test_an_extension_moves_one_learners_due_date_and_recomputes_late_days(
    app, client, login, course
):
    login(client, course.teacher)
    assert _late_days(app, course.late) == 3
    assert "late 3d −3" in _gradebook_cell(client, course.cohort, "Ada")
    url = f"/instructor/learners/{course.ada.id}/extensions"
    deadline = _deadline_id(app)
    granted = client.post(
        url, data={"deadline_id": deadline, "due_at": "2030-03-04T12:00", "reason": "illness"}
    )
    assert granted.status_code == 303 and granted.headers["Location"].endswith("#deadlines")
    assert _late_days(app, course.late) == 0
    page = client.get(f"/instructor/learners/{course.ada.id}").get_data(as_text=True)
    assert "now has until 2030-03-04 12:00 UTC" in page  # the flashed message
    assert "extended: illness" in page
    cell = _gradebook_cell(client, course.cohort, "Ada")
    assert 'class="cell passed"' in cell and ">10</a>" in cell and "late" not in cell
    # bob keeps the cohort's deadline
    assert "extended" not in client.get(f"/instructor/learners/{course.bob.id}").get_data(
        as_text=True
    )

    # a shorter extension replaces it (one row), and late days follow
    client.post(url, data={"deadline_id": deadline, "due_at": "2030-03-02T12:00"})
    assert _late_days(app, course.late) == 2
    with app.app_context():
        (extension,) = db.session.scalars(select(DeadlineExtension)).all()
        assert extension.granted_by == course.teacher.id and extension.reason == ""
        extension_id = extension.id
    removed = client.post(f"{url}/{extension_id}/remove")
    assert removed.status_code == 303
    assert _late_days(app, course.late) == 3
    assert client.post(f"{url}/{extension_id}/remove").status_code == 404


def test_an_extension_must_be_later_than_the_deadline_and_in_the_learners_cohort(
    app, client, login, course, make_user
):
    outsider = make_user()
    login(client, course.teacher)
    deadline = _deadline_id(app)
    url = f"/instructor/learners/{course.ada.id}/extensions"
    early = client.post(url, data={"deadline_id": deadline, "due_at": "2030-02-01T00:00"})
    assert early.status_code == 303
    page = client.get(f"/instructor/learners/{course.ada.id}").get_data(as_text=True)
    assert "An extension must end after the cohort&#39;s deadline (2030-03-01 12:00 UTC)" in page
    assert client.post(url, data={"deadline_id": deadline, "due_at": "soon"}).status_code == 303
    assert "No extension granted" in client.get(f"/instructor/learners/{course.ada.id}").get_data(
        as_text=True
    )
    assert client.post(
        url, data={"deadline_id": 999, "due_at": "2030-04-01T00:00"}
    ).status_code == (404)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(DeadlineExtension)) == 0
        row = db.session.get(Deadline, deadline)
        later = DUE + timedelta(days=1)
        with pytest.raises(GrantError, match="not in the cohort"):
            grant_extension(db.session, row, outsider.id, later, "", course.teacher)


# --- scores set by hand ---------------------------------------------------------------------


def test_a_score_set_by_hand_replaces_the_graded_one_with_its_history(app, client, login, course):
    login(client, course.teacher)
    url = f"/instructor/learners/{course.bob.id}/overrides"
    data = {"exercise_id": EXERCISE, "score": "9", "comment": "oral exam made up for it"}
    assert client.post(url, data=data).status_code == 303
    cell = _gradebook_cell(client, course.cohort, "Bob")
    assert 'class="cell overridden"' in cell and ">9</a>" in cell and "by hand" in cell
    assert "Why: oral exam made up for it" in cell and "Graded: 4 / 10" in cell
    rows = read_csv(client.get(f"/instructor/cohorts/{course.cohort}/gradebook.csv"))
    header, bob = rows[0], next(r for r in rows if r[1] == "Bob")
    assert bob[header.index(EXERCISE)] == "9" and bob[header.index("total")] == "9"
    assert bob[header.index("set_by_hand")] == EXERCISE

    client.post(url, data={**data, "score": "8", "comment": "recounted"})
    client.post(url, data={"exercise_id": EXERCISE, "score": "", "comment": "appeal withdrawn"})
    cell = _gradebook_cell(client, course.cohort, "Bob")
    assert ">4</a>" in cell and "by hand" not in cell  # removed: the graded score counts
    with app.app_context():
        history = db.session.scalars(select(ScoreOverride).order_by(ScoreOverride.id)).all()
    assert [(h.score, h.comment, h.created_by) for h in history] == [
        (9.0, "oral exam made up for it", course.teacher.id),
        (8.0, "recounted", course.teacher.id),
        (None, "appeal withdrawn", course.teacher.id),
    ]
    page = client.get(f"/instructor/learners/{course.bob.id}").get_data(as_text=True)
    table = page[page.index('data-testid="override-history"') :].split("</table>")[0]
    assert table.index("appeal withdrawn") < table.index("recounted") < table.index("oral exam")
    assert "removed" in table and course.teacher.email in table


def test_a_score_set_by_hand_needs_a_reason_and_a_sensible_value(app, client, login, course):
    login(client, course.teacher)
    url = f"/instructor/learners/{course.bob.id}/overrides"
    refused = [
        {"exercise_id": EXERCISE, "score": "5", "comment": "  "},
        {"exercise_id": EXERCISE, "score": "-1", "comment": "why not"},
        {"exercise_id": EXERCISE, "score": "11", "comment": "bonus"},
        {"exercise_id": "no-such-exercise", "score": "1", "comment": "typo"},
    ]
    for data in refused:
        assert client.post(url, data=data).status_code == 303
    page = client.get(f"/instructor/learners/{course.bob.id}").get_data(as_text=True)
    assert "Score not changed" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ScoreOverride)) == 0
        with pytest.raises(GrantError, match="more than the exercise's 10 points"):
            set_score(db.session, course.bob.id, EXERCISE, 11.0, "bonus", course.teacher)
        with pytest.raises(GrantError, match="needs a comment"):
            set_score(db.session, course.bob.id, EXERCISE, 1.0, " ", course.teacher)


def test_the_learner_sees_the_score_set_by_hand_on_their_result_page(app, client, login, course):
    login(client, course.teacher)
    client.post(
        f"/instructor/learners/{course.bob.id}/overrides",
        data={"exercise_id": EXERCISE, "score": "9", "comment": "oral exam"},
    )
    login(client, course.bob)
    page = client.get(f"/submissions/{course.on_time}").get_data(as_text=True)
    feedback = page[page.index('data-testid="feedback"') :]
    assert "Score set by an instructor: 9 / 10" in feedback and "oral exam" in feedback
    assert 'data-testid="comment-form"' not in page  # a learner cannot comment
    # and everywhere else the score counts: the exercise page, the map, the progress page
    exercise = client.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    assert re.search(r'data-testid="counted-score">9 / 10<', exercise)
    assert "set by your instructor; graded 4 / 10" in exercise
    curriculum = client.get("/curriculum").get_data(as_text=True)
    assert "set by your instructor; graded 4 / 10" in curriculum
    assert 'data-testid="module-points">9 / ' in client.get("/progress").get_data(as_text=True)
    login(client, course.ada)  # ada's own page shows nothing of bob's
    assert client.get(f"/submissions/{course.on_time}").status_code == 404
    assert "oral exam" not in client.get(f"/submissions/{course.late}").get_data(as_text=True)


def test_a_score_set_by_hand_shows_on_every_learner_page_without_an_attempt(
    app, client, login, make_user, course
):
    """Cyd never attempted either exercise: the score set on ``EXERCISE`` (whose 10 points
    Ada's grade made known) and on ``softmax`` (never graded by anyone: its points are the
    sum of its cases', counted by the sync) still show, out of those points, on the exercise
    page, the curriculum map, the progress page and in the API."""
    cyd = make_user(display_name="Cyd")
    add_cohort(app, cyd, course.teacher, code="CYD")
    login(client, course.teacher)
    url = f"/instructor/learners/{cyd.id}/overrides"
    for exercise, score in ((EXERCISE, "9"), ("softmax", "3")):
        data = {"exercise_id": exercise, "score": score, "comment": "oral exam"}
        assert client.post(url, data=data).status_code == 303
    with app.app_context():
        maxima = dict(
            db.session.execute(select(ScoreOverride.exercise_id, ScoreOverride.max_score)).all()
        )
        token = create_api_token(db.session, cyd.id)
        db.session.commit()
    assert maxima == {EXERCISE: 10.0, "softmax": 12.0}  # softmax: its cases' points

    login(client, cyd)
    page = client.get(f"/exercises/{EXERCISE}").get_data(as_text=True)
    standing = re.search(r'data-testid="standing">(.*?)</p>', page, re.S).group(1)
    assert "9 / 10" in standing and "set by your instructor; not graded" in standing
    page = client.get("/exercises/softmax").get_data(as_text=True)
    standing = re.search(r'data-testid="standing">(.*?)</p>', page, re.S).group(1)
    assert "3 / 12" in standing and "not graded" in standing
    curriculum = client.get("/curriculum").get_data(as_text=True)
    item = re.search(rf'data-exercise="{EXERCISE}".*?</li>', curriculum, re.S).group(0)
    assert "9 / 10" in item and 'data-testid="set-by-hand"' in item
    progress = client.get("/progress").get_data(as_text=True)
    row = re.search(rf'data-module="{MODULE}".*?</tr>', progress, re.S).group(0)
    assert re.search(r'data-testid="module-points">12(\.0)? /', row), row

    api = (
        app.test_client()
        .get("/api/v1/progress", headers={"Authorization": f"Bearer {token}"})
        .get_json()
    )
    standings = {e["id"]: e for m in api["modules"] for e in m["exercises"]}
    assert standings[EXERCISE]["score"] == 9 and standings[EXERCISE]["max_score"] == 10
    assert standings[EXERCISE]["set_by_hand"] and standings[EXERCISE]["attempts"] == 0
    assert standings["softmax"]["score"] == 3 and standings["softmax"]["set_by_hand"]
    assert standings["softmax"]["max_score"] == 12
    assert standings["dense-layer"]["score"] is None and not standings["dense-layer"]["set_by_hand"]


# --- comments -------------------------------------------------------------------------------


def test_a_comment_reaches_its_learner_and_nobody_else(app, client, login, course):
    login(client, course.teacher)
    page = client.get(f"/submissions/{course.late}").get_data(as_text=True)
    assert 'data-testid="comment-form"' in page and "Comments for the learner" in page
    posted = client.post(
        f"/instructor/submissions/{course.late}/comments",
        data={"body": "Good work; <b>start earlier</b> next time."},
    )
    assert posted.status_code == 303 and posted.headers["Location"].endswith(
        f"/submissions/{course.late}#comments"
    )
    assert (
        client.post(
            f"/instructor/submissions/{course.late}/comments", data={"body": "   "}
        ).status_code
        == 303
    )
    with app.app_context():
        (comment,) = db.session.scalars(select(SubmissionComment)).all()
        assert comment.author_id == course.teacher.id

    login(client, course.ada)
    page = client.get(f"/submissions/{course.late}").get_data(as_text=True)
    assert "From your instructor" in page
    assert "Good work; &lt;b&gt;start earlier&lt;/b&gt; next time." in page  # escaped
    assert 'data-testid="comment-form"' not in page
    login(client, course.bob)
    assert client.get(f"/submissions/{course.late}").status_code == 404
    assert "start earlier" not in client.get(f"/submissions/{course.on_time}").get_data(
        as_text=True
    )
    learner_page = client.get(f"/instructor/learners/{course.ada.id}")
    assert learner_page.status_code == 403


def _comment_by(app, client, login, course, author) -> int:
    login(client, author)
    url = f"/instructor/submissions/{course.late}/comments"
    assert client.post(url, data={"body": "Start earlier."}).status_code == 303
    with app.app_context():
        return db.session.scalar(select(func.max(SubmissionComment.id)))


def test_a_comments_author_edits_it_and_the_learner_sees_it_marked_edited(
    app, client, login, course
):
    comment_id = _comment_by(app, client, login, course, course.teacher)
    page = client.get(f"/submissions/{course.late}").get_data(as_text=True)
    assert 'data-testid="comment-edit-form"' in page and "comment-edited" not in page
    edit = f"/instructor/comments/{comment_id}"
    changed = client.post(edit, data={"body": "Start earlier; the maths was right."})
    assert changed.status_code == 303
    assert changed.headers["Location"].endswith(f"/submissions/{course.late}#comments")
    assert client.post(edit, data={"body": "  "}).status_code == 303  # refused: empty
    with app.app_context():
        comment = db.session.get(SubmissionComment, comment_id)
        assert comment.body == "Start earlier; the maths was right." and comment.edited_at
    login(client, course.ada)
    page = client.get(f"/submissions/{course.late}").get_data(as_text=True)
    assert "Start earlier; the maths was right." in page
    assert 'data-testid="comment-edited"' in page and "edited" in page
    assert 'data-testid="comment-edit-form"' not in page  # the learner cannot edit
    assert client.post(f"/instructor/comments/{comment_id}", data={"body": "x"}).status_code == 403
    assert client.post("/instructor/comments/999999", data={"body": "x"}).status_code == 403


def test_an_edit_by_an_admin_says_who_made_it(app, client, login, course):
    """The learner reads "edited by <admin>" under a comment an admin changed, and "edited"
    alone when its author did; the account is kept on the comment (``edited_by``)."""
    comment_id = _comment_by(app, client, login, course, course.teacher)
    login(client, course.admin)
    edit = f"/instructor/comments/{comment_id}"
    assert client.post(edit, data={"body": "Rewritten by the admin."}).status_code == 303
    with app.app_context():
        assert db.session.get(SubmissionComment, comment_id).edited_by == course.admin.id
    login(client, course.ada)
    page = client.get(f"/submissions/{course.late}").get_data(as_text=True)
    assert f"edited by {course.admin.display_name}, " in page
    assert "Rewritten by the admin." in page
    login(client, course.teacher)
    assert client.post(edit, data={"body": "The author's words again."}).status_code == 303
    login(client, course.ada)
    page = client.get(f"/submissions/{course.late}").get_data(as_text=True)
    assert 'data-testid="comment-edited">edited ' in page and "edited by" not in page


@pytest.mark.parametrize(
    ("who", "status"),
    [("teacher", 303), ("admin", 303), ("co_teacher", 403), ("stranger", 403), ("ada", 403)],
)
def test_who_may_edit_a_comment(app, client, login, course, make_user, who, status):
    """Its author and admins; not another instructor of the same cohort, nor of another one,
    nor a learner."""
    course.co_teacher = make_user("instructor")
    add_cohort(app, course.ada, course.co_teacher, code="CO")
    comment_id = _comment_by(app, client, login, course, course.teacher)
    login(client, getattr(course, who))
    edited = client.post(f"/instructor/comments/{comment_id}", data={"body": "Rewritten."})
    assert edited.status_code == status
    with app.app_context():
        body = db.session.get(SubmissionComment, comment_id).body
    assert (body == "Rewritten.") is (status == 303)
    if who in ("co_teacher", "stranger"):
        page = client.get(f"/submissions/{course.late}").get_data(as_text=True)
        assert 'data-testid="comment-edit-form"' not in page
    if who == "admin":
        assert client.post("/instructor/comments/999999", data={"body": "x"}).status_code == 404


# --- who may ---------------------------------------------------------------------------------


def _grant_posts(course, deadline_id: int) -> list[tuple[str, dict]]:
    return [
        (
            f"/instructor/learners/{course.ada.id}/extensions",
            {"deadline_id": deadline_id, "due_at": "2030-03-09T00:00"},
        ),
        (
            f"/instructor/learners/{course.ada.id}/overrides",
            {"exercise_id": EXERCISE, "score": "1", "comment": "x"},
        ),
        (f"/instructor/submissions/{course.late}/comments", {"body": "hello"}),
    ]


def _grant_counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (DeadlineExtension, ScoreOverride, SubmissionComment)
        )


@pytest.mark.parametrize("who", ["ada", "bob", "stranger"])
def test_learners_and_other_cohorts_instructors_cannot_grant(app, client, login, course, who):
    """A learner (even for their own work: no acting for oneself, nor as someone else) and an
    instructor of another cohort are refused, and nothing changes."""
    login(client, getattr(course, who))
    for url, data in _grant_posts(course, _deadline_id(app)):
        response = client.post(url, data=data)
        assert response.status_code == 403, url
    assert _grant_counts(app) == (0, 0, 0)
    if who == "stranger":
        page = client.get(f"/instructor/learners/{course.ada.id}").get_data(as_text=True)
        assert 'data-testid="not-managed"' in page and 'data-testid="override-form"' not in page
        result = client.get(f"/submissions/{course.late}").get_data(as_text=True)
        assert 'data-testid="comment-form"' not in result


@pytest.mark.parametrize("who", ["teacher", "admin"])
def test_the_cohorts_instructor_and_admins_may_grant(app, client, login, course, who):
    login(client, getattr(course, who))
    for url, data in _grant_posts(course, _deadline_id(app)):
        assert client.post(url, data=data).status_code == 303, url
    assert _grant_counts(app) == (1, 1, 1)


def test_may_manage(app, course):
    with app.app_context():
        session = db.session
        assert may_manage(session, course.teacher, course.ada.id)
        assert may_manage(session, course.admin, course.ada.id)
        assert not may_manage(session, course.stranger, course.ada.id)
        assert not may_manage(session, course.ada, course.ada.id)
        assert not may_manage(session, course.teacher, course.teacher.id)  # not a learner there

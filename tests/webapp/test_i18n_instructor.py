"""The instructor's pages in Korean: a learner's page, an exercise's statistics and preview,
the regrades and a regrade's report, the cohort regrade confirmation."""

from __future__ import annotations

from datetime import UTC, datetime

from grader.store.models import Cohort, CohortMember, Deadline, RegradeBatch
from tests.webapp.conftest import EXERCISE, log_in
from webapp.extensions import db
from webapp.instructor.regrades import scope_text

KO = {"Accept-Language": "ko"}


def _cohort_with(app, learner) -> tuple[int, int, int]:
    with app.app_context():
        cohort = Cohort(name="야간반", enrolment_code="NIGHT")
        db.session.add(cohort)
        db.session.flush()
        db.session.add(CohortMember(cohort_id=cohort.id, user_id=learner.id))
        db.session.add(
            Deadline(cohort_id=cohort.id, module="math", due_at=datetime(2030, 1, 1, tzinfo=UTC))
        )
        running = RegradeBatch(scope=f"exercise {EXERCISE}, cohort 야간반", total=2, done=1)
        report = {"total": 1, "changed": [], "failed": [], "unchanged": 1, "cancelled": 0}
        done = RegradeBatch(scope="submission 1", state="done", report=report)
        db.session.add_all([running, done])
        db.session.commit()
        return cohort.id, running.id, done.id


def test_instructor_pages_read_in_korean(app, client, make_user, make_submission):
    learner = make_user()
    make_submission(learner)
    cohort_id, running_id, done_id = _cohort_with(app, learner)
    log_in(client, make_user("instructor", locale="ko"))

    page = client.get(f"/instructor/learners/{learner.id}").get_data(as_text=True)
    assert "마감과 연장" in page and "직접 정한 점수" in page and "제출물 (1개)" in page
    assert "Deadlines and extensions" not in page and "history and diffs" not in page

    stats = client.get(f"/instructor/stats/{EXERCISE}").get_data(as_text=True)
    assert "가장 흔한 실패" in stats and "처음 통과까지 걸린 시간의 중앙값" in stats
    assert "Most common failures" not in stats

    preview = client.get(f"/instructor/exercises/{EXERCISE}/preview").get_data(as_text=True)
    assert (
        "시작 코드" in preview and "정의해야 할 이름:" in preview and "Must define" not in preview
    )

    listing = client.get("/instructor/regrades").get_data(as_text=True)
    assert "아직 재채점이 없습니다." not in listing and f"과제 {EXERCISE}, 수강반 야간반" in listing
    running = client.get(f"/instructor/regrades/{running_id}").get_data(as_text=True)
    assert "제출물 2개 중 1개를 재채점했습니다" in running and "이 재채점 취소" in running
    report = client.get(f"/instructor/regrades/{done_id}").get_data(as_text=True)
    assert "재채점한 제출물" in report and "바뀐 점수가 없습니다." in report

    confirm = client.post(
        "/instructor/regrade", data={"cohort_id": cohort_id, "next": "/instructor/"}
    ).get_data(as_text=True)
    assert "전체를 재채점할까요?" in confirm and "Regrade the whole cohort" not in confirm


def test_a_regrade_scope_is_shown_in_the_language(app):
    with app.test_request_context(headers=KO):
        assert scope_text("submission 4, exercise softmax, cohort Night, 2") == (
            "제출물 4, 과제 softmax, 수강반 Night, 2"
        )
        assert scope_text("something else") == "something else"
    with app.test_request_context():
        assert scope_text("exercise softmax") == "exercise softmax"


def test_an_exercises_validation_status_reads_in_korean():
    from grader.core.messages import localize_fixed
    from grader.store.exercises import PENDING_MESSAGE, REMOVED_MESSAGE

    assert localize_fixed(PENDING_MESSAGE, "ko").startswith("검증 대기 중")
    assert localize_fixed(REMOVED_MESSAGE, "ko") == "과제 은행에 더 이상 없습니다"
    assert localize_fixed("did not validate", "ko") == "검증을 통과하지 못했습니다"
    report = "mutant 2 survived: add a case"  # an instructor's report is shown as written
    assert localize_fixed(report, "ko") == report and localize_fixed(None, "ko") is None
    assert localize_fixed(PENDING_MESSAGE, "en") == PENDING_MESSAGE


def test_the_common_failures_read_in_the_instructors_language():
    from grader.core.messages import msg
    from grader.core.results import CaseResult
    from tests.webapp.conftest import result_document
    from webapp.instructor.exercise_statistics import common_failures

    case = CaseResult("large logits", "logits up to 1e4", 0.0, 3.0, False, False, "")
    case.set_message(msg("compare.value", subject="loss", expected="0.417", actual="nan"))
    documents = [result_document(cases=[case]), result_document()]  # coded, then plain English
    korean = common_failures(documents, language="ko")
    assert [f.example for f in korean] == [
        "loss: 기댓값은 0.417인데 nan입니다",
        "loss: expected 0.417, got nan",  # stored without a code: shown as stored
    ]
    assert common_failures(documents)[0].example == "loss should be 0.417, got nan"

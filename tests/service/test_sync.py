"""Syncing the bank into the database: only exercises that validate are served."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace

import pytest
from sqlalchemy import select

from grader.core.bank import load_bank
from grader.store import validations
from grader.store.exercises import PENDING_MESSAGE, REMOVED_MESSAGE, sync_exercises
from grader.store.models import ExerciseRow
from grader.store.tracking import ExerciseValidation
from grader.store.validations import write_shipped


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str = ""


class Validator:
    """Records what it was asked to validate; refuses the ids it is told to."""

    def __init__(self, refuse: dict[str, str] | None = None) -> None:
        self.refuse = refuse or {}
        self.seen: list[str] = []

    def __call__(self, exercise):
        self.seen.append(exercise.id)
        if exercise.id in self.refuse:
            return Verdict(False, self.refuse[exercise.id])
        return Verdict(True)


@pytest.fixture(autouse=True)
def no_shipped_verdicts(monkeypatch, tmp_path):
    """These tests decide what is known: the package's shipped verdicts are out of play."""
    monkeypatch.setattr(validations, "SHIPPED_PATH", tmp_path / "none-shipped.json")


@pytest.fixture
def exercise(bank_root):
    return load_bank(bank_root)["softmax-cross-entropy"]


def bank_of(*exercises):
    return {e.id: e for e in exercises}


def test_sync_adds_validated_exercises_with_their_metadata(session, exercise):
    report = sync_exercises(session, bank_of(exercise), validate=Validator())
    assert report.added == [exercise.id] and report.ok
    row = session.get(ExerciseRow, exercise.id)
    assert row.validated and row.validation_message is None
    assert (row.version, row.runner, row.module, row.time_limit_s) == (
        exercise.version,
        exercise.runner,
        exercise.module,
        exercise.time_limit_s,
    )


def test_sync_counts_the_points_of_every_case_visible_and_hidden(session, exercise):
    """The row knows the exercise's points before anyone is graded: the maximum score."""
    sync_exercises(session, bank_of(exercise), validate=Validator())
    cases = exercise.load_cases().cases
    assert any(case.hidden for case in cases) and any(not case.hidden for case in cases)
    assert session.get(ExerciseRow, exercise.id).points == sum(case.points for case in cases)


def test_an_exercise_whose_cases_do_not_load_has_no_points_and_is_refused(
    session, exercise, tmp_path
):
    broken = tmp_path / exercise.id
    shutil.copytree(exercise.path, broken)
    (broken / "cases.py").write_text("import no_such_module\n", encoding="utf-8")
    damaged = replace(exercise, path=broken, version="broken")
    refuse = Validator(refuse={exercise.id: "cases.py raised ModuleNotFoundError"})
    sync_exercises(session, bank_of(damaged), validate=refuse)
    row = session.get(ExerciseRow, exercise.id)
    assert row.points is None and not row.validated


def test_shipped_points_spare_the_sync_importing_cases(session, exercise, tmp_path, monkeypatch):
    """For a version whose points ship with the package, the sync takes them as they are: a
    ``cases.py`` that cannot even be imported is not imported."""
    broken = tmp_path / exercise.id
    shutil.copytree(exercise.path, broken)
    (broken / "cases.py").write_text("import no_such_module\n", encoding="utf-8")
    shipped = tmp_path / "shipped.json"
    write_shipped({exercise.id: exercise.version}, shipped, points={exercise.id: 42.0})
    monkeypatch.setattr(validations, "SHIPPED_PATH", shipped)
    sync_exercises(session, bank_of(replace(exercise, path=broken)), validate=Validator())
    assert session.get(ExerciseRow, exercise.id).points == 42.0


def test_unchanged_exercises_are_not_validated_again(session, exercise):
    sync_exercises(session, bank_of(exercise), validate=Validator())
    validator = Validator()
    report = sync_exercises(session, bank_of(exercise), validate=validator)
    assert report.unchanged == [exercise.id] and validator.seen == []
    forced = Validator()
    sync_exercises(session, bank_of(exercise), validate=forced, force=True)
    assert forced.seen == [exercise.id]


def test_an_exercise_that_does_not_validate_is_refused_and_not_served(session, exercise):
    sync_exercises(session, bank_of(exercise), validate=Validator())
    edited = replace(exercise, version="0" * 16)
    validator = Validator({exercise.id: "mutant off_by_one scores full marks"})
    report = sync_exercises(session, bank_of(edited), validate=validator)
    assert not report.ok
    assert report.refused == {exercise.id: "mutant off_by_one scores full marks"}
    row = session.get(ExerciseRow, exercise.id)
    assert not row.validated and row.validation_message == "mutant off_by_one scores full marks"


def test_an_exercise_that_left_the_bank_is_kept_but_not_served(session, exercise):
    sync_exercises(session, bank_of(exercise), validate=Validator())
    report = sync_exercises(session, {}, validate=Validator())
    assert report.removed == [exercise.id]
    row = session.get(ExerciseRow, exercise.id)
    assert not row.validated and row.validation_message == REMOVED_MESSAGE
    assert sync_exercises(session, {}, validate=Validator()).removed == []


def test_a_verdict_is_kept_per_version_and_a_known_version_is_not_validated_again(
    session, exercise
):
    edited = replace(exercise, version="0" * 16)
    sync_exercises(session, bank_of(exercise), validate=Validator())
    sync_exercises(session, bank_of(edited), validate=Validator({exercise.id: "broken"}))
    validator = Validator()
    report = sync_exercises(session, bank_of(exercise), validate=validator)  # back again
    assert validator.seen == [] and report.updated == [exercise.id]
    assert session.get(ExerciseRow, exercise.id).validated
    assert sync_exercises(session, bank_of(edited), validate=validator).refused == {
        exercise.id: "broken"  # the failed version stays refused without a new validation
    }
    assert validator.seen == []
    assert {(v.version, v.ok) for v in session.scalars(select(ExerciseValidation))} == {
        (exercise.version, True),
        ("0" * 16, False),
    }


def test_a_shipped_pass_for_the_same_version_serves_it_without_validating(
    session, exercise, tmp_path, monkeypatch
):
    path = tmp_path / "shipped.json"
    write_shipped({exercise.id: exercise.version}, path)
    monkeypatch.setattr(validations, "SHIPPED_PATH", path)
    validator = Validator()
    report = sync_exercises(session, bank_of(exercise), validate=validator)
    assert report.added == [exercise.id] and validator.seen == []
    edited = replace(exercise, version="1" * 16)  # another version: the shipped pass is moot
    sync_exercises(session, bank_of(edited), validate=validator)
    assert validator.seen == [exercise.id]


def test_deferred_validation_leaves_unknown_exercises_pending_and_unserved(session, exercise):
    validator = Validator()
    report = sync_exercises(session, bank_of(exercise), validate=validator, defer=True)
    assert report.pending == [(exercise.id, exercise.version)] and validator.seen == []
    row = session.get(ExerciseRow, exercise.id)
    assert not row.validated and row.validation_message == PENDING_MESSAGE
    # a few unknown exercises (at most ``defer``) are validated at once instead
    report = sync_exercises(session, bank_of(exercise), validate=validator, defer=1)
    assert report.pending == [] and validator.seen == [exercise.id]
    assert session.get(ExerciseRow, exercise.id).validated

"""The bank holds exactly the curriculum: every id, each in its module, in course order."""

from __future__ import annotations

from grader.core.bank import load_bank
from tests.curriculum import entries


def test_bank_holds_exactly_the_curriculum_in_course_order():
    bank = load_bank(eager=True)
    expected = [(e.module, e.exercise) for e in entries()]
    actual = [(exercise.module, exercise.id) for exercise in bank.values()]
    assert actual == expected


def test_modules_are_the_curriculum_modules_in_order():
    modules = list(dict.fromkeys(e.module for e in entries()))
    assert modules == [m.slug for m in load_bank().modules]


def test_every_exercise_requires_exactly_its_curriculum_names():
    bank = load_bank()
    for entry in entries():
        assert set(bank[entry.exercise].requires) == set(entry.names), entry.exercise


def test_every_exercise_has_hints_and_four_mutants():
    for exercise in load_bank().values():
        assert 2 <= len(exercise.hints) <= 4, exercise.id
        assert len(exercise.mutants) >= 4, exercise.id
        assert exercise.runner == ("gpu" if exercise.id == "train-cnn" else "cpu")

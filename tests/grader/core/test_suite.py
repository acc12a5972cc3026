"""Building an exercise's cases: a hidden build takes its leading visible cases from the
visible build instead of running them again, and is the same as a build from scratch."""

from __future__ import annotations

import json

import pytest

from grader.core.bank import load_bank
from grader.core.plan import encode_steps
from grader.core.suite import BuiltSuite, load_suite


def _wire(built: BuiltSuite) -> tuple[str, list[bytes]]:
    """What the child would receive: the encoded steps and their array bytes."""
    encoded, buffers = encode_steps(built.steps)
    return json.dumps(encoded, sort_keys=True), [bytes(buffer) for buffer in buffers]


@pytest.fixture(scope="module")
def stock_bank():
    return load_bank()


# softmax-cross-entropy: every visible case first; adam: a visible case after hidden ones
@pytest.mark.parametrize("exercise_id", ["softmax-cross-entropy", "adam"])
def test_a_hidden_build_reusing_the_visible_cases_is_the_same_as_one_from_scratch(
    stock_bank, exercise_id
):
    suite = load_suite(stock_bank[exercise_id])
    visible = suite.build(hidden=False, seed=None)
    visible_before = _wire(visible)
    for seed in (1, 2024):
        fresh = suite.build(hidden=True, seed=seed)
        reused = suite.build(hidden=True, seed=seed, reuse=visible)
        assert _wire(reused) == _wire(fresh)
        assert [(c.spec.name, c.index, c.steps, len(c.checks)) for c in reused.cases] == [
            (c.spec.name, c.index, c.steps, len(c.checks)) for c in fresh.cases
        ]
        # the leading visible cases are the visible build's own; the rest were built anew
        prefix = suite.visible_prefix
        assert 0 < prefix < len(suite.cases)
        assert all(a is b for a, b in zip(reused.cases[:prefix], visible.cases, strict=False))
        assert not any(case in visible.cases for case in reused.cases[prefix:])
    assert _wire(visible) == visible_before  # the visible build is left as it was


def test_the_visible_prefix_stops_at_the_first_hidden_case(stock_bank):
    suite = load_suite(stock_bank["adam"])
    hidden = [case.hidden for case in suite.cases]
    assert suite.visible_prefix == hidden.index(True)
    assert any(not flag for flag in hidden[suite.visible_prefix :])  # a visible case later


def test_the_engine_sends_the_same_steps_with_and_without_its_visible_prefix(engine):
    exercise = engine.bank["double-it"]
    suite = engine.suite(exercise)
    _, encoded, buffers = engine._built(exercise, True, 11)
    fresh_encoded, fresh_buffers = encode_steps(suite.build(hidden=True, seed=11).steps)
    assert json.dumps(encoded, sort_keys=True) == json.dumps(fresh_encoded, sort_keys=True)
    assert [bytes(b) for b in buffers] == [bytes(b) for b in fresh_buffers]
    # the cached visible build's buffers are untouched by the hidden build's arrays
    _, visible_encoded, visible_buffers = engine._built(exercise, False, None)
    fresh_visible, fresh_visible_buffers = encode_steps(suite.build(hidden=False, seed=None).steps)
    assert json.dumps(visible_encoded, sort_keys=True) == json.dumps(fresh_visible, sort_keys=True)
    assert [bytes(b) for b in visible_buffers] == [bytes(b) for b in fresh_visible_buffers]
    assert len(visible_buffers) <= len(buffers)
    assert visible_encoded == encoded[: len(visible_encoded)]

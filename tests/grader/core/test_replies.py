"""Reading the child's frames: every field checked for type and bounds, nothing raised."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.core.replies import MAX_STEP_MS, duration_ms, error_info, map_lines, read_replies
from grader.core.source import PreparedSource

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
leaf = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
)
values = st.recursive(
    leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=10,
)
items = st.fixed_dictionaries(
    {},
    optional={
        "id": st.integers(-3, 12) | values,
        "ok": st.booleans() | values,
        "ms": values,
        "skipped": values,
        "value": values,
        "error": st.fixed_dictionaries(
            {}, optional={k: values for k in ("type", "types", "message", "traceback")}
        )
        | values,
    },
)
headers = st.fixed_dictionaries(
    {"kind": st.sampled_from(["ready", "steps", "load_error", "done"]) | values},
    optional={"items": st.lists(items | values, max_size=5) | values, "error": values},
)


@FUZZ
@given(st.lists(headers, max_size=5), st.integers(0, 10))
def test_any_frames_give_bounded_replies_or_a_problem(headers, n_steps):
    replies = read_replies([(header, [b"\x00" * 8]) for header in headers], n_steps)
    assert all(0 <= step < n_steps for step in replies.outcomes)
    for outcome in replies.outcomes.values():
        assert 0.0 <= outcome.ms <= MAX_STEP_MS
        if outcome.error is not None:
            assert all(type(t) is str for t in outcome.error.types)
            outcome.error.summary().encode("utf-8")
    assert replies.problem is None or type(replies.problem) is str


def steps(*items):
    return ({"kind": "steps", "items": list(items)}, [])


@pytest.mark.parametrize(
    "bad, problem",
    [
        ({"kind": 3}, "without a kind"),
        ({"kind": "steps", "items": {"id": 0}}, "not a list"),
        (steps(*[{"id": 0, "ok": False}] * 4), "at most one per step"),
        (steps({"id": -1, "ok": True}), "no valid step id (-1)"),
        (steps({"id": 3, "ok": True}), "no valid step id (3)"),
        (steps({"id": 1.0, "ok": True}), "no valid step id"),
        (steps(7), "no valid step id"),
        (steps({"id": 0, "ok": True, "ms": 10**400}), "a step duration that is not a time"),
        (steps({"id": 0, "ok": True, "ms": math.inf}), "a step duration that is not a time"),
        (steps({"id": 0, "ok": True, "ms": math.nan}), "a step duration that is not a time"),
        (steps({"id": 0, "ok": True, "ms": -0.5}), "a step duration that is not a time"),
        (steps({"id": 0, "ok": True, "ms": "1"}), "a step duration that is not a time"),
    ],
)
def test_a_malformed_frame_stops_the_reading_and_keeps_what_came_before(bad, problem):
    good = steps({"id": 0, "ok": True, "ms": 1.5})
    after = steps({"id": 1, "ok": True, "ms": 1.5})
    bad = bad if type(bad) is tuple else (bad, [])
    replies = read_replies([({"kind": "ready"}, []), good, bad, after], 3)
    assert problem in replies.problem
    assert replies.kinds == {"ready", "steps"}
    assert list(replies.outcomes) == [0] and replies.outcomes[0].ms == 1.5


def test_frames_of_unknown_kinds_are_passed_over():
    replies = read_replies([({"kind": "telemetry", "x": [1]}, []), ({"kind": "done"}, [])], 1)
    assert replies.problem is None and "done" in replies.kinds


@pytest.mark.parametrize(
    "value, expected",
    [
        (12.5, 12.5),
        (0, 0.0),
        (MAX_STEP_MS, MAX_STEP_MS),
        (-3, 0.0),
        (1e300, 0.0),
        (10**400, 0.0),
        (math.inf, 0.0),
        (math.nan, 0.0),
    ],
)
def test_durations_out_of_bounds_are_zero(value, expected):
    assert duration_ms(value) == expected


@pytest.mark.parametrize("value", ["12", None, [1], True, {"ms": 1}])
def test_durations_that_are_not_numbers_are_zero(value):
    assert duration_ms(value) == 0.0


def test_error_texts_are_bounded_and_encodable():
    info = error_info(
        {"type": "\ud800" * 500, "types": ["A", 3, None] * 40, "message": "m" * 10**5}
    )
    assert info.type == "\ufffd" * 100
    assert info.types == ("A",) * 17 and len(info.message) == 2_000  # of the first 50 entries
    assert error_info("not a dict").type == "Error"


def test_line_numbers_map_to_cells_and_absurd_ones_stay():
    prepared = PreparedSource("a\nb\n", "work.ipynb", line_map=[(1, 1), (2, 1)])
    text = "line 2, then line 7, then line " + "9" * 5000
    assert map_lines(text, prepared) == "cell 2, line 1, then line 7, then line " + "9" * 5000

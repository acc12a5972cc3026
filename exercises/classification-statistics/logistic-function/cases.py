"""Cases for logistic-function: odds, logit and a sigmoid that never overflows.

The sigmoid is called through a trusted helper that records the RuntimeWarnings it emits, so
an implementation whose values come out right only after an overflow to ``inf`` still fails.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9

# Runs in the sandbox: call f(*args) and return (value, messages of the warnings it emitted).
WATCH = """
import warnings


def watched(f, *args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
            value = f(*args)
    return value, [f"{w.category.__name__}: {w.message}" for w in caught]
"""

STABLE_HINT = {
    "en": "; compute e = np.exp(-np.abs(z)), which never overflows, and build both "
    "branches 1 / (1 + e) and e / (1 + e) from it",
    "ko": ". 절대 오버플로하지 않는 e = np.exp(-np.abs(z))를 계산하고, 그것으로 두 갈래 "
    "1 / (1 + e)와 e / (1 + e)를 만드세요",
}


def _no_warning(messages):
    if type(messages) is not list:
        return {"en": "the warnings could not be read", "ko": "경고를 읽을 수 없었습니다"}
    bad = [m for m in messages if "overflow" in m or "invalid" in m]
    if bad:
        return phrase(
            "sigmoid emitted {warning}{hint}",
            "sigmoid가 {warning}을(를) 냈습니다{hint}",
            warning=repr(bad[0]),
            hint=STABLE_HINT,
        )
    return True


def _in_unit_interval(value):
    array = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(array)):
        return phrase(
            "sigmoid returned inf or nan{hint}",
            "sigmoid가 inf나 nan을 반환했습니다{hint}",
            hint=STABLE_HINT,
        )
    if np.any((array < 0) | (array > 1)):
        return {
            "en": "sigmoid returned values outside [0, 1]",
            "ko": "sigmoid가 [0, 1] 밖의 값을 반환했습니다",
        }
    return True


def _watched_sigmoid(t, z, what):
    """Check sigmoid(z) against the reference, with no overflow warning and values in [0, 1]."""
    result = t.code(WATCH, "watched")(t.name("sigmoid"), z)
    t.expect_property(
        result[1],
        _no_warning,
        name=phrase("warnings of sigmoid on {what}", "{what}에서 sigmoid가 낸 경고", what=what),
    )
    value = result[0]
    t.expect_property(
        value,
        _in_unit_interval,
        name=phrase("the range of sigmoid on {what}", "{what}에서 sigmoid의 범위", what=what),
    )
    t.expect_close(
        value, ref.sigmoid(z), name=phrase("sigmoid of {what}", "{what}의 sigmoid", what=what)
    )


@case(
    points=1,
    description={
        "en": "the worked example: odds, logit and sigmoid of small arrays",
        "ko": "풀이 예시: 작은 배열의 오즈, 로짓, 시그모이드",
    },
)
def worked_example(t):
    p = np.array([0.2, 0.5, 0.8])
    t.expect_close(t.call("odds", p), ref.odds(p), name="odds([0.2, 0.5, 0.8])")
    t.expect_close(t.call("logit", p), ref.logit(p), name="logit([0.2, 0.5, 0.8])")
    z = np.array([-2.0, 0.0, 1.38629436])
    t.expect_close(t.call("sigmoid", z), ref.sigmoid(z), name="sigmoid([-2, 0, 1.386])")


@case(
    points=1,
    description={
        "en": "scalars in, floats out; sigmoid(0) is exactly 0.5",
        "ko": "스칼라를 넣으면 float가 나오고 sigmoid(0)은 정확히 0.5",
    },
)
def scalars_and_exact_half(t):
    t.expect_close(t.call("odds", 0.75), 3.0, name="odds(0.75)")
    t.expect_close(t.call("logit", 0.5), 0.0, name="logit(0.5)")
    t.expect_exact(
        t.call("sigmoid", 0.0),
        0.5,
        name={"en": "sigmoid(0.0) (exactly 0.5)", "ko": "sigmoid(0.0) (정확히 0.5)"},
    )
    t.expect_exact(
        t.call("sigmoid", np.zeros(3)),
        np.full(3, 0.5),
        name={
            "en": "sigmoid(np.zeros(3)) (exactly 0.5)",
            "ko": "sigmoid(np.zeros(3)) (정확히 0.5)",
        },
    )


@case(
    points=1,
    description={
        "en": "sigmoid of ±1000: no overflow warning, values 0 and 1",
        "ko": "±1000의 시그모이드: 오버플로 경고 없이 값은 0과 1",
    },
)
def large_inputs_visible(t):
    _watched_sigmoid(t, np.array([-1000.0, -50.0, 50.0, 1000.0]), "[-1000, -50, 50, 1000]")


@case(points=1, description={"en": "the arguments are not modified", "ko": "인자를 수정하지 않음"})
def inputs_unchanged(t):
    p = np.array([0.1, 0.25, 0.5, 0.9])
    z = np.array([-900.0, -3.0, 0.0, 2.5, 750.0])
    p_in, z_in = t.value(p.copy()), t.value(z.copy())
    t.call("odds", p_in)
    t.call("logit", p_in)
    t.call("sigmoid", z_in)
    t.expect_unchanged(p_in, p, name="p")
    t.expect_unchanged(z_in, z, name="z")


@case(
    points=2,
    hidden=True,
    description={"en": "random arrays of several shapes", "ko": "여러 shape의 무작위 배열"},
)
def random_arrays(t):
    for shape in [(7,), (3, 4), (2, 2, 3)]:
        p = t.rng.uniform(0.001, 0.999, size=shape)
        z = t.rng.normal(scale=4.0, size=shape)
        t.expect_close(
            t.call("odds", p),
            ref.odds(p),
            name=phrase(
                "odds of a random {shape} array", "무작위 {shape} 배열의 odds", shape=shape
            ),
        )
        t.expect_close(
            t.call("logit", p),
            ref.logit(p),
            name=phrase(
                "logit of a random {shape} array", "무작위 {shape} 배열의 logit", shape=shape
            ),
        )
        t.expect_close(
            t.call("sigmoid", z),
            ref.sigmoid(z),
            name=phrase(
                "sigmoid of a random {shape} array", "무작위 {shape} 배열의 sigmoid", shape=shape
            ),
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "sigmoid for |z| up to 1e4: no overflow, in [0, 1]",
        "ko": "|z|가 1e4까지인 시그모이드: 오버플로 없이 [0, 1] 안",
    },
)
def extreme_inputs(t):
    z = np.concatenate([t.rng.uniform(-1e4, 1e4, size=10), [-1e4, -745.5, -709.9, 710.0, 1e4]])
    t.rng.shuffle(z)
    _watched_sigmoid(t, z, {"en": "values up to 1e4 in magnitude", "ko": "크기가 1e4까지인 값"})
    t.expect_close(
        t.call("sigmoid", -1e4),
        0.0,
        name={"en": "sigmoid(-1e4) (a scalar)", "ko": "sigmoid(-1e4) (스칼라)"},
    )


@case(
    points=1,
    hidden=True,
    description={"en": "logit(sigmoid(z)) gives z back", "ko": "logit(sigmoid(z))는 z를 돌려줌"},
)
def round_trip(t):
    z = t.rng.uniform(-12.0, 12.0, size=9)
    t.expect_close(
        t.call("logit", t.call("sigmoid", z)),
        z,
        rtol=1e-6,
        atol=1e-8,
        name={
            "en": "logit(sigmoid(z)) for z in [-12, 12]",
            "ko": "[-12, 12]의 z에 대한 logit(sigmoid(z))",
        },
    )
    p = t.rng.uniform(0.01, 0.99, size=6)
    t.expect_close(t.call("sigmoid", t.call("logit", p)), p, rtol=1e-9, name="sigmoid(logit(p))")


@case(
    points=1,
    hidden=True,
    description={
        "en": "odds and logit at p = 0 and p = 1 follow the limits",
        "ko": "p = 0과 p = 1에서 오즈와 로짓은 극한값을 따름",
    },
)
def endpoints(t):
    p = np.array([0.0, 1.0, 0.5])
    t.expect_close(t.call("odds", p), ref.odds(p), name="odds([0, 1, 0.5]) (0, inf, 1)")
    t.expect_close(t.call("logit", p), ref.logit(p), name="logit([0, 1, 0.5]) (-inf, inf, 0)")


@case(
    points=1,
    hidden=True,
    description={
        "en": "symmetry: sigmoid(-z) = 1 - sigmoid(z)",
        "ko": "대칭성: sigmoid(-z) = 1 - sigmoid(z)",
    },
)
def symmetry(t):
    z = t.rng.normal(scale=6.0, size=8)
    t.expect_close(
        t.call("sigmoid", -z),
        1.0 - ref.sigmoid(z),
        rtol=1e-7,
        atol=1e-12,
        name={
            "en": "sigmoid(-z), which should equal 1 - sigmoid(z)",
            "ko": "1 - sigmoid(z)와 같아야 하는 sigmoid(-z)",
        },
    )

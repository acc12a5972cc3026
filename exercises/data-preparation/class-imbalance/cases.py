"""Cases for class-imbalance: exact balanced weights; the two resamplers by their properties.

``class_weights`` is compared with the reference (keys as Python scalars, values as Python
floats, within rounding). ``random_oversample`` and ``smote`` have no unique answer, so they
are checked by what must hold for any correct draw: originals first and in order, balanced
counts, extra rows copied from their own class, synthetic rows on segments to one of the k
nearest neighbours, reproducibility for one seed and variety across seeds.
"""

import math

import numpy as np

import reference as ref
from grader.authoring import case

RTOL = 1e-12
ATOL = 0.0

RNG_HINT = "; draw every random number from the rng argument, never from np.random"


def _kind(value):
    if type(value) is np.ndarray:
        return f"a NumPy {value.dtype} array (a NumPy scalar?)"
    if isinstance(value, np.generic):
        return f"a NumPy {value.dtype}"
    return f"a {type(value).__name__}"


# --------------------------------------------------------------------------- class_weights


def _weights_like(y):
    """A predicate: the dict equals ``ref.class_weights(y)`` with Python keys and floats."""
    expected = ref.class_weights(y)

    def check(value):
        if type(value) is not dict:
            return f"class_weights should return a dict, got {_kind(value)}"
        numpy_keys = [k for k in value if type(k) is str and k[:1] == "'" and k not in expected]
        if numpy_keys:
            return (
                f"the keys should be Python scalars (label.item()), got NumPy "
                f"{numpy_keys[0][1:-1]} keys"
            )
        missing = [k for k in expected if k not in value]
        unexpected = [k for k in value if k not in expected]
        if missing or unexpected:
            return f"the keys should be the distinct labels {list(expected)}, got {list(value)}"
        wanted_types = {k: type(k) for k in expected}
        for key in value:
            if type(key) is not wanted_types[key]:
                return (
                    f"key {key!r} should be a Python {wanted_types[key].__name__} like the "
                    f"labels, got a {type(key).__name__}"
                )
        for key, want in expected.items():
            got = value[key]
            if type(got) is not float:
                return (
                    f"the weight of class {key!r} should be a Python float "
                    f"(float(...)), got {_kind(got)}"
                )
            if not math.isclose(got, want, rel_tol=RTOL):
                return (
                    f"the weight of class {key!r} should be {want!r} = n / (n_classes * "
                    f"count), got {got!r}"
                )
        return True

    return check


def _class_weights(t, y, what):
    t.expect_property(t.call("class_weights", y), _weights_like(y), name=f"class_weights of {what}")


# --------------------------------------------------------------------------- random_oversample


def _oversampled(X, y):
    """A predicate: a valid random oversampling of ``(X, y)``."""
    classes, counts = np.unique(y, return_counts=True)
    target = int(counts.max())
    n, m = len(y), target * len(classes)
    rows_of = {c.item(): {tuple(r) for r in X[y == c].tolist()} for c in classes}

    def check(value):
        if type(value) not in (list, tuple) or len(value) != 2:
            return "random_oversample should return a tuple (X_resampled, y_resampled)"
        Xr, yr = value
        for name, array, original in (("X_resampled", Xr, X), ("y_resampled", yr, y)):
            if type(array) is not np.ndarray:
                return f"{name} should be a NumPy array, got {_kind(array)}"
            if array.dtype.kind != original.dtype.kind:
                return f"{name} should keep the dtype {original.dtype}, got {array.dtype}"
        if yr.shape != (m,) or Xr.shape != (m, *X.shape[1:]):
            return (
                f"the result should have {m} rows ({len(classes)} classes x the majority "
                f"count {target}), got X_resampled {Xr.shape} and y_resampled {yr.shape}"
            )
        if not (np.array_equal(Xr[:n], X) and np.array_equal(yr[:n], y)):
            return f"the first {n} rows should be the original rows, in input order"
        got, got_counts = np.unique(yr, return_counts=True)
        if not np.array_equal(got, classes) or np.any(got_counts != target):
            shown = {c.item(): int(k) for c, k in zip(got, got_counts)}
            return f"every class should have {target} rows, got the counts {shown}"
        for j in range(n, m):
            label = yr[j].item()
            if tuple(Xr[j].tolist()) not in rows_of[label]:
                return f"extra row {j} (label {label!r}) is not a copy of a row of class {label!r}"
        return True

    return check


def _check_oversample(t, X, y, what, seed):
    result = t.call("random_oversample", X, y, t.generator(seed))
    t.expect_property(result, _oversampled(X, y), name=f"random_oversample of {what}")


def _extras_same(n, want_same):
    """A predicate on a pair of results: their extra rows are (not) identical."""

    def check(value):
        try:
            (Xa, ya), (Xb, yb) = value
            same = np.array_equal(Xa[n:], Xb[n:]) and np.array_equal(ya[n:], yb[n:])
        except (TypeError, ValueError):
            return "the two results could not be compared (each should be (X_res, y_res))"
        if want_same and not same:
            return "two calls with the same seed returned different extra rows" + RNG_HINT
        if not want_same and same:
            return "two calls with different seeds returned the same extra rows" + RNG_HINT
        return True

    return check


def _blob_data(rng, counts, d=2):
    labels = np.concatenate([np.full(c, label) for label, c in counts])
    rng.shuffle(labels)
    X = np.round(rng.normal(size=(len(labels), d)) + labels[:, None], 6)
    return X, labels


# --------------------------------------------------------------------------- smote


def _smote_valid(X, n_new, k):
    """A predicate: ``n_new`` rows, each on a segment from a point to one of its k nearest."""
    m, d = X.shape
    d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(d2, np.inf)
    kth = np.sort(d2, axis=1)[:, k - 1]
    allowed = d2 <= kth[:, None] * (1 + 1e-9) + 1e-12
    pairs_all = [(i, j) for i in range(m) for j in range(m) if i != j]
    tol = 1e-9 * (1.0 + float(np.abs(X).max()))

    def on_segments(S, pairs):
        if not pairs:
            return np.zeros(len(S), dtype=bool)
        a = X[[i for i, _ in pairs]]
        v = X[[j for _, j in pairs]] - a
        rel = S[:, None, :] - a[None, :, :]
        lam = np.clip((rel * v).sum(axis=2) / (v * v).sum(axis=1), 0.0, 1.0)
        gap = np.linalg.norm(rel - lam[:, :, None] * v[None, :, :], axis=2)
        return np.any(gap <= tol, axis=1)

    def check(value):
        if type(value) is not np.ndarray:
            return f"smote should return a NumPy array, got {_kind(value)}"
        if value.shape != (n_new, d):
            return f"smote should return shape {(n_new, d)}, got {value.shape}"
        if value.dtype.kind != "f":
            return f"smote should return floats, got dtype {value.dtype}"
        if not np.all(np.isfinite(value)):
            return "smote returned inf or nan"
        if n_new == 0:
            return True
        S = value.astype(np.float64)
        copies = np.linalg.norm(S[:, None, :] - X[None, :, :], axis=2).min(axis=1) <= tol
        if np.any(copies):
            r = int(np.argmax(copies))
            return (
                f"synthetic row {r} is a copy of a minority point: exclude each point "
                "from its own neighbours (its distance to itself is 0)"
            )
        good = on_segments(S, [(i, j) for i, j in pairs_all if allowed[i, j]])
        if np.all(good):
            return True
        r = int(np.argmax(~good))
        message = (
            f"synthetic row {r} {np.round(S[r], 4).tolist()} does not lie on a segment "
            f"between a minority point and one of its k={k} nearest neighbours"
        )
        if on_segments(S[r : r + 1], pairs_all)[0]:
            message += "; it lies on a segment to a point that is not among the k nearest"
        else:
            message += "; use one gap per row (shape (n_new, 1)), not one per feature"
        return message

    return check


def _check_smote(t, X, n_new, k, seed, what):
    t.expect_property(
        t.call("smote", X, n_new, k, t.generator(seed)),
        _smote_valid(X, n_new, k),
        name=f"smote of {what} (n_new={n_new}, k={k})",
    )


def _rows_same(want_same):
    def check(value):
        try:
            a, b = value
            same = a.shape == b.shape and np.array_equal(a, b)
        except (TypeError, ValueError, AttributeError):
            return "the two results could not be compared"
        if want_same and not same:
            return "two calls with the same seed returned different rows" + RNG_HINT
        if not want_same and same:
            return "two calls with different seeds returned the same rows" + RNG_HINT
        return True

    return check


# --------------------------------------------------------------------------- visible cases


@case(
    points=1,
    description={
        "en": "class_weights: the worked example and string labels",
        "ko": "class_weights: 풀이 예시와 문자열 레이블",
    },
)
def class_weights_visible(t):
    _class_weights(t, np.array([0, 0, 0, 1]), "[0, 0, 0, 1]")
    _class_weights(t, np.array(["cat", "dog", "dog", "dog", "bird", "dog"]), "animal names")


@case(
    points=1,
    description={
        "en": "random_oversample: the worked example (graded by its properties)",
        "ko": "random_oversample: 풀이 예시 (성질로 채점)",
    },
)
def oversample_visible(t):
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [10.0, 0.0], [11.0, 1.0]])
    _check_oversample(t, X, np.array([0, 0, 0, 1, 1]), "the worked example", 0)


@case(
    points=1,
    description={
        "en": "smote: rows on segments to the nearest neighbour; k >= m raises",
        "ko": "smote: 가장 가까운 이웃까지의 선분 위의 행; k >= m이면 예외",
    },
)
def smote_visible(t):
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [4.0, 4.0]])
    _check_smote(t, X, 6, 1, 0, "the worked example")
    t.expect_raises(
        t.call("smote", X, 2, 4, t.generator(0)),
        ValueError,
        name="smote with k=4 and only 4 minority points",
    )


@case(points=1, description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"})
def inputs_unchanged(t):
    X = np.array([[3.0, 1.0], [0.5, 2.0], [1.0, 1.0], [2.0, 0.0], [4.0, 4.0]])
    y = np.array([1, 0, 1, 1, 0])
    X_in, y_in = t.value(X.copy()), t.value(y.copy())
    t.call("class_weights", y_in)
    t.call("random_oversample", X_in, y_in, t.generator(1))
    t.call("smote", X_in, 3, 2, t.generator(1))
    t.expect_unchanged(X_in, X, name="X")
    t.expect_unchanged(y_in, y, name="y")


# --------------------------------------------------------------------------- hidden cases


@case(
    points=2,
    hidden=True,
    description={
        "en": "class_weights: random, non-contiguous and float labels",
        "ko": "class_weights: 무작위, 연속하지 않는, 실수 레이블",
    },
)
def class_weights_random(t):
    labels = t.rng.choice([-4, 0, 3, 11], size=17, p=[0.5, 0.3, 0.15, 0.05])
    labels[:4] = [-4, 0, 3, 11]
    _class_weights(t, labels, "random labels -4, 0, 3, 11")
    _class_weights(t, t.rng.choice([0.5, 1.5, 2.25], size=9), "float labels")
    _class_weights(t, np.full(5, 7), "a single class")


@case(
    points=2,
    hidden=True,
    description={
        "en": "random_oversample: three classes, with replacement",
        "ko": "random_oversample: 클래스 3개, 복원 추출",
    },
)
def oversample_three_classes(t):
    X, y = _blob_data(t.rng, [(0, 9), (1, 2), (2, 5)])
    _check_oversample(t, X, y, "three classes of 9, 2 and 5 rows", int(t.rng.integers(1000)))
    Xs, ys = _blob_data(t.rng, [(5, 3), (-1, 6)], d=3)
    _check_oversample(t, Xs, ys, "labels -1 and 5", int(t.rng.integers(1000)))


@case(
    points=1,
    hidden=True,
    description={
        "en": "random_oversample: one seed reproduces, two differ",
        "ko": "random_oversample: 같은 시드는 같은 결과, 다른 시드는 다른 결과",
    },
)
def oversample_uses_rng(t):
    X, y = _blob_data(t.rng, [(0, 10), (1, 4)])
    seed = int(t.rng.integers(1000))
    same = t.together(
        t.call("random_oversample", X, y, t.generator(seed)),
        t.call("random_oversample", X, y, t.generator(seed)),
    )
    t.expect_property(same, _extras_same(len(y), True), name="two calls with the same seed")
    other = t.together(
        t.call("random_oversample", X, y, t.generator(seed)),
        t.call("random_oversample", X, y, t.generator(seed + 1)),
    )
    t.expect_property(other, _extras_same(len(y), False), name="two calls with different seeds")


@case(
    points=1,
    hidden=True,
    description={
        "en": "random_oversample: every row of a small class is drawn",
        "ko": "random_oversample: 작은 클래스의 모든 행이 뽑힘",
    },
)
def oversample_every_row(t):
    X, y = _blob_data(t.rng, [(0, 60), (1, 3)])

    def every_row(value):
        try:
            Xr = value[0]
            drawn = {tuple(r) for r in Xr[len(y) :].tolist()}
        except (TypeError, IndexError, AttributeError):
            return "the result could not be read"
        missing = [i for i in np.flatnonzero(y == 1) if tuple(X[i].tolist()) not in drawn]
        if missing:
            return (
                f"row {int(missing[0])} of the 3-row class was never drawn in 57 draws: "
                "draw uniformly among all the rows of the class (the upper bound of "
                "rng.integers is exclusive)"
            )
        return True

    result = t.call("random_oversample", X, y, t.generator(int(t.rng.integers(1000))))
    t.expect_property(result, every_row, name="random_oversample of 60 rows against 3")


@case(
    points=1,
    hidden=True,
    description={
        "en": "random_oversample: balanced classes stay as they are",
        "ko": "random_oversample: 균형 잡힌 클래스는 그대로",
    },
)
def oversample_balanced(t):
    X, y = _blob_data(t.rng, [(0, 4), (1, 4), (2, 4)])
    _check_oversample(t, X, y, "three classes of 4 rows", int(t.rng.integers(1000)))


@case(
    points=2,
    hidden=True,
    description={
        "en": "smote: random minority points, k=3",
        "ko": "smote: 무작위 소수 클래스 점, k=3",
    },
)
def smote_random(t):
    X = t.rng.normal(scale=3.0, size=(12, 3))
    _check_smote(t, X, 40, 3, int(t.rng.integers(1000)), "12 random points in 3-D")


def _every_base_used(value):
    """Rows on the segments that only the first and only the last point start (k=1)."""
    if type(value) is not np.ndarray or value.shape != (60, 2):
        return True  # the shape is graded by the other checks
    S = np.asarray(value, dtype=np.float64)
    on_x_axis = np.abs(S[:, 1]) <= 1e-9
    first = on_x_axis & (S[:, 0] < 9.5)
    last = (np.abs(S[:, 1] - 1.0) <= 1e-9) & (S[:, 0] > 10.5)
    missing = [name for name, rows in (("first", first), ("last", last)) if not rows.any()]
    if missing:
        return (
            f"no synthetic row starts from the {' or the '.join(missing)} minority point in 60 "
            "draws: draw the base point with rng.integers(0, m) (m points, the upper bound "
            "excluded)"
        )
    return True


@case(
    points=1,
    hidden=True,
    description={
        "en": "smote: every minority point can be a base point",
        "ko": "smote: 소수 클래스의 모든 점이 기준점이 될 수 있음",
    },
)
def smote_every_base(t):
    # k=1: point 0's nearest is point 1 and point 3's is point 2, but no point has 0 or 3 as
    # its nearest, so rows on the segments 0-1 and 3-2 (away from 1 and 2) come only from
    # base 0 and base 3. Each is missed in all 60 draws with probability (3/4)**60 ~ 3e-8.
    X = np.array([[0.0, 0.0], [10.0, 0.0], [10.0, 1.0], [20.0, 1.0]])
    rows = t.call("smote", X, 60, 1, t.generator(int(t.rng.integers(1000))))
    t.expect_property(rows, _smote_valid(X, 60, 1), name="smote of 4 points (k=1)")
    t.expect_property(rows, _every_base_used, name="smote's base points (k=1, 60 rows)")


@case(
    points=1,
    hidden=True,
    description={
        "en": "smote: k=1 uses only the nearest neighbour",
        "ko": "smote: k=1이면 가장 가까운 이웃만 사용",
    },
)
def smote_nearest_only(t):
    X = t.rng.uniform(-5.0, 5.0, size=(9, 2))
    _check_smote(t, X, 30, 1, int(t.rng.integers(1000)), "9 random points")


@case(
    points=1,
    hidden=True,
    description={
        "en": "smote: ties between equally distant neighbours",
        "ko": "smote: 거리가 같은 이웃 사이의 동점",
    },
)
def smote_ties(t):
    grid = np.array([[x, y] for x in range(3) for y in range(3)], dtype=float)
    X = grid[t.rng.permutation(9)]
    _check_smote(t, X, 30, 2, int(t.rng.integers(1000)), "a 3 x 3 grid")


@case(
    points=1,
    hidden=True,
    description={
        "en": "smote: seeds, n_new=0 and k beyond the sample",
        "ko": "smote: 시드, n_new=0, 표본보다 큰 k",
    },
)
def smote_uses_rng(t):
    X = t.rng.normal(size=(6, 2))
    seed = int(t.rng.integers(1000))
    t.expect_property(
        t.together(
            t.call("smote", X, 8, 2, t.generator(seed)), t.call("smote", X, 8, 2, t.generator(seed))
        ),
        _rows_same(True),
        name="two calls with the same seed",
    )
    t.expect_property(
        t.together(
            t.call("smote", X, 8, 2, t.generator(seed)),
            t.call("smote", X, 8, 2, t.generator(seed + 1)),
        ),
        _rows_same(False),
        name="two calls with different seeds",
    )
    empty = t.call("smote", X, 0, 2, t.generator(seed))

    def empty_float_array(value):
        if type(value) is not np.ndarray:
            return f"smote with n_new=0 should return a NumPy array, got a {type(value).__name__}"
        if value.shape != (0, 2) or value.dtype.kind != "f":
            return (
                f"smote with n_new=0 should return a float array of shape (0, 2), got "
                f"shape {value.shape} and dtype kind {value.dtype.kind!r}"
            )
        return True

    t.expect_property(empty, empty_float_array, name="smote with n_new=0")
    t.expect_raises(
        t.call("smote", X, 3, 8, t.generator(seed)),
        ValueError,
        name="smote with k=8 and only 6 minority points",
    )

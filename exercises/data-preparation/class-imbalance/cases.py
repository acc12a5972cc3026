"""Cases for class-imbalance: exact balanced weights; the two resamplers by their properties.

``class_weights`` is compared with the reference (keys as Python scalars, values as Python
floats, within rounding). ``random_oversample`` and ``smote`` have no unique answer, so they
are checked by what must hold for any correct draw: originals first and in order, balanced
counts, extra rows copied from their own class, synthetic rows on segments to one of the k
nearest neighbours, reproducibility for one seed and variety across seeds.
"""

# Over 400 lines: three functions' cases (oversampling, class weights, SMOTE) and their
# reasons in two languages.

import math

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-12
ATOL = 0.0

RNG_HINT = {
    "en": "; draw every random number from the rng argument, never from np.random",
    "ko": ". 모든 난수는 np.random이 아니라 인자로 받은 rng에서 뽑으세요",
}


def _kind(value):
    if type(value) is np.ndarray:
        return phrase(
            "a NumPy {dtype} array (a NumPy scalar?)",
            "NumPy {dtype} 배열 (NumPy 스칼라인가요?)",
            dtype=value.dtype,
        )
    if isinstance(value, np.generic):
        return phrase("a NumPy {dtype}", "NumPy {dtype}", dtype=value.dtype)
    return phrase("a {type}", "{type}", type=type(value).__name__)


# --------------------------------------------------------------------------- class_weights


def _weights_like(y):
    """A predicate: the dict equals ``ref.class_weights(y)`` with Python keys and floats."""
    expected = ref.class_weights(y)

    def check(value):
        if type(value) is not dict:
            return phrase(
                "class_weights should return a dict, got {kind}",
                "class_weights는 딕셔너리를 반환해야 하는데 {kind}입니다",
                kind=_kind(value),
            )
        numpy_keys = [k for k in value if type(k) is str and k[:1] == "'" and k not in expected]
        if numpy_keys:
            return phrase(
                "the keys should be Python scalars (label.item()), got NumPy {key} keys",
                "키는 Python 스칼라(label.item())여야 하는데 NumPy {key} 키입니다",
                key=numpy_keys[0][1:-1],
            )
        missing = [k for k in expected if k not in value]
        unexpected = [k for k in value if k not in expected]
        if missing or unexpected:
            return phrase(
                "the keys should be the distinct labels {expected}, got {got}",
                "키는 서로 다른 레이블 {expected}여야 하는데 {got}입니다",
                expected=list(expected),
                got=list(value),
            )
        wanted_types = {k: type(k) for k in expected}
        for key in value:
            if type(key) is not wanted_types[key]:
                return phrase(
                    "key {key} should be a Python {wanted} like the labels, got a {got}",
                    "키 {key}는 레이블처럼 Python {wanted}여야 하는데 {got}입니다",
                    key=repr(key),
                    wanted=wanted_types[key].__name__,
                    got=type(key).__name__,
                )
        for key, want in expected.items():
            got = value[key]
            if type(got) is not float:
                return phrase(
                    "the weight of class {key} should be a Python float (float(...)), got {kind}",
                    "클래스 {key}의 가중치는 Python float(float(...))여야 하는데 {kind}입니다",
                    key=repr(key),
                    kind=_kind(got),
                )
            if not math.isclose(got, want, rel_tol=RTOL):
                return phrase(
                    "the weight of class {key} should be {want} = n / (n_classes * count), "
                    "got {got}",
                    "클래스 {key}의 가중치는 {want} = n / (n_classes * count)여야 하는데 "
                    "{got}입니다",
                    key=repr(key),
                    want=repr(want),
                    got=repr(got),
                )
        return True

    return check


def _class_weights(t, y, what):
    t.expect_property(
        t.call("class_weights", y),
        _weights_like(y),
        name=phrase("class_weights of {what}", "{what}의 class_weights", what=what),
    )


# --------------------------------------------------------------------------- random_oversample


# Over 60 lines: one reason per way an oversampling can be wrong, each in two languages.
def _oversampled(X, y):
    """A predicate: a valid random oversampling of ``(X, y)``."""
    classes, counts = np.unique(y, return_counts=True)
    target = int(counts.max())
    n, m = len(y), target * len(classes)
    rows_of = {c.item(): {tuple(r) for r in X[y == c].tolist()} for c in classes}

    def check(value):
        if type(value) not in (list, tuple) or len(value) != 2:
            return {
                "en": "random_oversample should return a tuple (X_resampled, y_resampled)",
                "ko": "random_oversample은 (X_resampled, y_resampled) 튜플을 반환해야 합니다",
            }
        Xr, yr = value
        for name, array, original in (("X_resampled", Xr, X), ("y_resampled", yr, y)):
            if type(array) is not np.ndarray:
                return phrase(
                    "{name} should be a NumPy array, got {kind}",
                    "{name}은(는) NumPy 배열이어야 하는데 {kind}입니다",
                    name=name,
                    kind=_kind(array),
                )
            if array.dtype.kind != original.dtype.kind:
                return phrase(
                    "{name} should keep the dtype {want}, got {got}",
                    "{name}은(는) dtype {want}을(를) 유지해야 하는데 {got}입니다",
                    name=name,
                    want=original.dtype,
                    got=array.dtype,
                )
        if yr.shape != (m,) or Xr.shape != (m, *X.shape[1:]):
            return phrase(
                "the result should have {m} rows ({c} classes x the majority count {target}), "
                "got X_resampled {xs} and y_resampled {ys}",
                "결과는 {m}행(클래스 {c}개 x 다수 클래스의 개수 {target})이어야 하는데 "
                "X_resampled {xs}, y_resampled {ys}입니다",
                m=m,
                c=len(classes),
                target=target,
                xs=Xr.shape,
                ys=yr.shape,
            )
        if not (np.array_equal(Xr[:n], X) and np.array_equal(yr[:n], y)):
            return phrase(
                "the first {n} rows should be the original rows, in input order",
                "처음 {n}행은 원래 행이 입력 순서대로 있어야 합니다",
                n=n,
            )
        got, got_counts = np.unique(yr, return_counts=True)
        if not np.array_equal(got, classes) or np.any(got_counts != target):
            shown = {c.item(): int(k) for c, k in zip(got, got_counts)}
            return phrase(
                "every class should have {target} rows, got the counts {shown}",
                "모든 클래스가 {target}행이어야 하는데 개수가 {shown}입니다",
                target=target,
                shown=shown,
            )
        for j in range(n, m):
            label = yr[j].item()
            if tuple(Xr[j].tolist()) not in rows_of[label]:
                return phrase(
                    "extra row {j} (label {label}) is not a copy of a row of class {label}",
                    "추가된 행 {j}(레이블 {label})가 클래스 {label}의 행을 복사한 것이 아닙니다",
                    j=j,
                    label=repr(label),
                )
        return True

    return check


def _check_oversample(t, X, y, what, seed):
    result = t.call("random_oversample", X, y, t.generator(seed))
    t.expect_property(
        result,
        _oversampled(X, y),
        name=phrase("random_oversample of {what}", "{what}의 random_oversample", what=what),
    )


def _extras_same(n, want_same):
    """A predicate on a pair of results: their extra rows are (not) identical."""

    def check(value):
        try:
            (Xa, ya), (Xb, yb) = value
            same = np.array_equal(Xa[n:], Xb[n:]) and np.array_equal(ya[n:], yb[n:])
        except (TypeError, ValueError):
            return {
                "en": "the two results could not be compared (each should be (X_res, y_res))",
                "ko": "두 결과를 비교할 수 없었습니다 (각각 (X_res, y_res)여야 합니다)",
            }
        if want_same and not same:
            return phrase(
                "two calls with the same seed returned different extra rows{hint}",
                "같은 시드로 두 번 호출했는데 추가된 행이 다릅니다{hint}",
                hint=RNG_HINT,
            )
        if not want_same and same:
            return phrase(
                "two calls with different seeds returned the same extra rows{hint}",
                "다른 시드로 두 번 호출했는데 추가된 행이 같습니다{hint}",
                hint=RNG_HINT,
            )
        return True

    return check


def _blob_data(rng, counts, d=2):
    labels = np.concatenate([np.full(c, label) for label, c in counts])
    rng.shuffle(labels)
    X = np.round(rng.normal(size=(len(labels), d)) + labels[:, None], 6)
    return X, labels


# --------------------------------------------------------------------------- smote


# Over 60 lines: one reason per way a SMOTE sample can be wrong, each in two languages.
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
            return phrase(
                "smote should return a NumPy array, got {kind}",
                "smote는 NumPy 배열을 반환해야 하는데 {kind}입니다",
                kind=_kind(value),
            )
        if value.shape != (n_new, d):
            return phrase(
                "smote should return shape {want}, got {got}",
                "smote가 반환하는 shape는 {want}여야 하는데 {got}입니다",
                want=(n_new, d),
                got=value.shape,
            )
        if value.dtype.kind != "f":
            return phrase(
                "smote should return floats, got dtype {dtype}",
                "smote는 실수를 반환해야 하는데 dtype이 {dtype}입니다",
                dtype=value.dtype,
            )
        if not np.all(np.isfinite(value)):
            return {"en": "smote returned inf or nan", "ko": "smote가 inf나 nan을 반환했습니다"}
        if n_new == 0:
            return True
        S = value.astype(np.float64)
        copies = np.linalg.norm(S[:, None, :] - X[None, :, :], axis=2).min(axis=1) <= tol
        if np.any(copies):
            r = int(np.argmax(copies))
            return phrase(
                "synthetic row {r} is a copy of a minority point: exclude each point from its own "
                "neighbours (its distance to itself is 0)",
                "합성한 행 {r}이(가) 소수 클래스 점의 복사본입니다: 각 점을 자신의 이웃에서 "
                "빼세요 (자기 자신까지의 거리는 0입니다)",
                r=r,
            )
        good = on_segments(S, [(i, j) for i, j in pairs_all if allowed[i, j]])
        if np.all(good):
            return True
        r = int(np.argmax(~good))
        if on_segments(S[r : r + 1], pairs_all)[0]:
            why = {
                "en": "; it lies on a segment to a point that is not among the k nearest",
                "ko": ". k개의 최근접 이웃이 아닌 점으로 가는 선분 위에 있습니다",
            }
        else:
            why = {
                "en": "; use one gap per row (shape (n_new, 1)), not one per feature",
                "ko": ". 특성마다가 아니라 행마다 gap 하나(shape (n_new, 1))를 쓰세요",
            }
        return phrase(
            "synthetic row {r} {row} does not lie on a segment between a minority point and one "
            "of its k={k} nearest neighbours{why}",
            "합성한 행 {r} {row}이(가) 소수 클래스 점과 그 점의 k={k}개 최근접 이웃 중 하나를 "
            "잇는 선분 위에 있지 않습니다{why}",
            r=r,
            row=np.round(S[r], 4).tolist(),
            k=k,
            why=why,
        )

    return check


def _check_smote(t, X, n_new, k, seed, what):
    t.expect_property(
        t.call("smote", X, n_new, k, t.generator(seed)),
        _smote_valid(X, n_new, k),
        name=phrase(
            "smote of {what} (n_new={n_new}, k={k})",
            "{what}의 smote (n_new={n_new}, k={k})",
            what=what,
            n_new=n_new,
            k=k,
        ),
    )


def _rows_same(want_same):
    def check(value):
        try:
            a, b = value
            same = a.shape == b.shape and np.array_equal(a, b)
        except (TypeError, ValueError, AttributeError):
            return {
                "en": "the two results could not be compared",
                "ko": "두 결과를 비교할 수 없었습니다",
            }
        if want_same and not same:
            return phrase(
                "two calls with the same seed returned different rows{hint}",
                "같은 시드로 두 번 호출했는데 행이 다릅니다{hint}",
                hint=RNG_HINT,
            )
        if not want_same and same:
            return phrase(
                "two calls with different seeds returned the same rows{hint}",
                "다른 시드로 두 번 호출했는데 행이 같습니다{hint}",
                hint=RNG_HINT,
            )
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
    _class_weights(
        t,
        np.array(["cat", "dog", "dog", "dog", "bird", "dog"]),
        {"en": "animal names", "ko": "동물 이름"},
    )


@case(
    points=1,
    description={
        "en": "random_oversample: the worked example (graded by its properties)",
        "ko": "random_oversample: 풀이 예시 (성질로 채점)",
    },
)
def oversample_visible(t):
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [10.0, 0.0], [11.0, 1.0]])
    _check_oversample(
        t, X, np.array([0, 0, 0, 1, 1]), {"en": "the worked example", "ko": "풀이 예시"}, 0
    )


@case(
    points=1,
    description={
        "en": "smote: rows on segments to the nearest neighbour; k >= m raises",
        "ko": "smote: 가장 가까운 이웃까지의 선분 위의 행; k >= m이면 예외",
    },
)
def smote_visible(t):
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [4.0, 4.0]])
    _check_smote(t, X, 6, 1, 0, {"en": "the worked example", "ko": "풀이 예시"})
    t.expect_raises(
        t.call("smote", X, 2, 4, t.generator(0)),
        ValueError,
        name={
            "en": "smote with k=4 and only 4 minority points",
            "ko": "k=4이고 소수 클래스 점이 4개뿐일 때의 smote",
        },
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
    _class_weights(
        t, labels, {"en": "random labels -4, 0, 3, 11", "ko": "무작위 레이블 -4, 0, 3, 11"}
    )
    _class_weights(
        t, t.rng.choice([0.5, 1.5, 2.25], size=9), {"en": "float labels", "ko": "실수 레이블"}
    )
    _class_weights(t, np.full(5, 7), {"en": "a single class", "ko": "클래스 하나"})


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
    _check_oversample(
        t,
        X,
        y,
        {"en": "three classes of 9, 2 and 5 rows", "ko": "9행, 2행, 5행인 클래스 세 개"},
        int(t.rng.integers(1000)),
    )
    Xs, ys = _blob_data(t.rng, [(5, 3), (-1, 6)], d=3)
    _check_oversample(
        t, Xs, ys, {"en": "labels -1 and 5", "ko": "레이블 -1과 5"}, int(t.rng.integers(1000))
    )


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
    t.expect_property(
        same,
        _extras_same(len(y), True),
        name={"en": "two calls with the same seed", "ko": "같은 시드로 두 번 호출"},
    )
    other = t.together(
        t.call("random_oversample", X, y, t.generator(seed)),
        t.call("random_oversample", X, y, t.generator(seed + 1)),
    )
    t.expect_property(
        other,
        _extras_same(len(y), False),
        name={"en": "two calls with different seeds", "ko": "다른 시드로 두 번 호출"},
    )


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
            return {"en": "the result could not be read", "ko": "결과를 읽을 수 없었습니다"}
        missing = [i for i in np.flatnonzero(y == 1) if tuple(X[i].tolist()) not in drawn]
        if missing:
            return phrase(
                "row {row} of the 3-row class was never drawn in 57 draws: draw uniformly among "
                "all the rows of the class (the upper bound of rng.integers is exclusive)",
                "3행짜리 클래스의 행 {row}이(가) 57번 뽑는 동안 한 번도 뽑히지 않았습니다: "
                "클래스의 모든 행에서 균등하게 뽑으세요 (rng.integers의 상한은 포함되지 않습니다)",
                row=int(missing[0]),
            )
        return True

    result = t.call("random_oversample", X, y, t.generator(int(t.rng.integers(1000))))
    t.expect_property(
        result,
        every_row,
        name={
            "en": "random_oversample of 60 rows against 3",
            "ko": "60행 대 3행의 random_oversample",
        },
    )


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
    _check_oversample(
        t,
        X,
        y,
        {"en": "three classes of 4 rows", "ko": "4행인 클래스 세 개"},
        int(t.rng.integers(1000)),
    )


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
    _check_smote(
        t,
        X,
        40,
        3,
        int(t.rng.integers(1000)),
        {"en": "12 random points in 3-D", "ko": "3차원 무작위 점 12개"},
    )


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
        return phrase(
            "no synthetic row starts from the {which} minority point in 60 draws: draw the base "
            "point with rng.integers(0, m) (m points, the upper bound excluded)",
            "60번 뽑는 동안 {which} 소수 클래스 점에서 시작한 합성 행이 없습니다: 기준점은 "
            "rng.integers(0, m)으로 뽑으세요 (점 m개, 상한은 제외)",
            which={
                "en": " or the ".join(missing),
                "ko": " 또는 ".join({"first": "첫", "last": "마지막"}[w] for w in missing),
            },
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
    t.expect_property(
        rows,
        _smote_valid(X, 60, 1),
        name={"en": "smote of 4 points (k=1)", "ko": "점 4개의 smote (k=1)"},
    )
    t.expect_property(
        rows,
        _every_base_used,
        name={"en": "smote's base points (k=1, 60 rows)", "ko": "smote의 기준점 (k=1, 60행)"},
    )


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
    _check_smote(
        t, X, 30, 1, int(t.rng.integers(1000)), {"en": "9 random points", "ko": "무작위 점 9개"}
    )


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
    _check_smote(t, X, 30, 2, int(t.rng.integers(1000)), {"en": "a 3 x 3 grid", "ko": "3 x 3 격자"})


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
        name={"en": "two calls with the same seed", "ko": "같은 시드로 두 번 호출"},
    )
    t.expect_property(
        t.together(
            t.call("smote", X, 8, 2, t.generator(seed)),
            t.call("smote", X, 8, 2, t.generator(seed + 1)),
        ),
        _rows_same(False),
        name={"en": "two calls with different seeds", "ko": "다른 시드로 두 번 호출"},
    )
    empty = t.call("smote", X, 0, 2, t.generator(seed))

    def empty_float_array(value):
        if type(value) is not np.ndarray:
            return phrase(
                "smote with n_new=0 should return a NumPy array, got a {kind}",
                "n_new=0인 smote는 NumPy 배열을 반환해야 하는데 {kind}입니다",
                kind=type(value).__name__,
            )
        if value.shape != (0, 2) or value.dtype.kind != "f":
            return phrase(
                "smote with n_new=0 should return a float array of shape (0, 2), got shape "
                "{shape} and dtype kind {kind}",
                "n_new=0인 smote는 shape (0, 2)인 실수 배열을 반환해야 하는데 shape {shape}, "
                "dtype 종류 {kind}입니다",
                shape=value.shape,
                kind=repr(value.dtype.kind),
            )
        return True

    t.expect_property(
        empty, empty_float_array, name={"en": "smote with n_new=0", "ko": "n_new=0인 smote"}
    )
    t.expect_raises(
        t.call("smote", X, 3, 8, t.generator(seed)),
        ValueError,
        name={
            "en": "smote with k=8 and only 6 minority points",
            "ko": "k=8이고 소수 클래스 점이 6개뿐일 때의 smote",
        },
    )

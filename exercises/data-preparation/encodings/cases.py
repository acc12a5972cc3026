"""Cases for encodings: float64 one-hot rows with C = max + 1, and sorted label codes.

String arrays travel to the sandbox as they are; a learner's string (or object) ``classes``
come back as a tagged list (``sendable``: the data channel carries no object arrays), so the
predicate checks the type, order and codes with specific messages whatever dtype was used.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 0.0
ATOL = 0.0

# Runs in the sandbox: string (or object) arrays as a tagged list, which the channel can carry.
SENDABLE = """
def sendable(value):
    if isinstance(value, np.ndarray) and value.dtype.kind in "USO":
        return ("<array of str>", list(value.shape), [str(v) for v in value.ravel().tolist()])
    if type(value) in (list, tuple):
        return type(value)(sendable(v) for v in value)
    return value
"""

TAG = "<array of str>"


def _first_appearance(values):
    seen = {}
    return np.array([seen.setdefault(v, len(seen)) for v in values.tolist()])


def _encoded_like(values):
    """A predicate: ``(codes, classes)`` equals the reference's encoding of ``values``."""
    want_codes, want_classes = ref.label_encode(values)

    def check(value):
        if type(value) not in (list, tuple) or len(value) != 2:
            return {
                "en": "label_encode should return a tuple (codes, classes)",
                "ko": "label_encode는 (codes, classes) 튜플을 반환해야 합니다",
            }
        codes, classes = value
        problem = _codes_problem(codes, want_codes, values)
        if problem is None:
            problem = _classes_problem(classes, want_classes)
        return problem or True

    return check


def _codes_problem(codes, want_codes, values):
    """What is wrong with the learner's ``codes`` (an integer array equal to ``want_codes``)."""
    if type(codes) is not np.ndarray or codes.dtype.kind not in "iu":
        kind = codes.dtype if type(codes) is np.ndarray else type(codes).__name__
        return phrase(
            "codes should be an integer NumPy array, got {kind}",
            "codes는 정수 NumPy 배열이어야 하는데 {kind}입니다",
            kind=kind,
        )
    if codes.shape != want_codes.shape:
        return phrase(
            "codes should have shape {want}, got {got}",
            "codes의 shape는 {want}여야 하는데 {got}입니다",
            want=want_codes.shape,
            got=codes.shape,
        )
    if np.array_equal(codes, want_codes):
        return None
    i = int(np.argmax(codes != want_codes))
    why = {"en": "", "ko": ""}
    if np.array_equal(codes, _first_appearance(values)):
        why = {
            "en": "; these are codes in order of first appearance, but a code is the value's "
            "position among the sorted classes",
            "ko": ". 처음 나온 순서로 매긴 코드인데, 코드는 정렬한 클래스에서 그 값의 위치입니다",
        }
    return phrase(
        "codes differ first at index {i}: expected {want}, got {got}{why}",
        "codes가 처음 다른 곳은 인덱스 {i}: 기댓값 {want}, 실제 {got}{why}",
        i=i,
        want=int(want_codes[i]),
        got=int(codes[i]),
        why=why,
    )


def _classes_problem(classes, want_classes):
    """What is wrong with the learner's ``classes`` (strings come back tagged: ``sendable``)."""
    if type(classes) is list:
        return {
            "en": "classes should be a NumPy array (as np.unique returns it), got a list",
            "ko": "classes는 (np.unique가 반환하듯) NumPy 배열이어야 하는데 리스트입니다",
        }
    if want_classes.dtype.kind in "US":
        if type(classes) is not tuple or len(classes) != 3 or classes[0] != TAG:
            return {
                "en": "classes should be a NumPy array of the distinct strings",
                "ko": "classes는 서로 다른 문자열의 NumPy 배열이어야 합니다",
            }
        got = classes[2]
        if classes[1] != [len(want_classes)]:
            return phrase(
                "classes should hold the {n} distinct values, got shape {shape}",
                "classes에는 서로 다른 값 {n}개가 있어야 하는데 shape가 {shape}입니다",
                n=len(want_classes),
                shape=tuple(classes[1]),
            )
        if got != want_classes.tolist():
            return phrase(
                "classes should be {want} (sorted as np.sort sorts them), got {got}",
                "classes는 (np.sort가 정렬하듯 정렬한) {want}여야 하는데 {got}입니다",
                want=want_classes.tolist(),
                got=got,
            )
        return None
    if type(classes) is not np.ndarray:
        return phrase(
            "classes should be a NumPy array, got {type}",
            "classes는 NumPy 배열이어야 하는데 {type}입니다",
            type=type(classes).__name__,
        )
    if classes.shape != want_classes.shape:
        return phrase(
            "classes should hold the {n} distinct values, got shape {shape}",
            "classes에는 서로 다른 값 {n}개가 있어야 하는데 shape가 {shape}입니다",
            n=len(want_classes),
            shape=classes.shape,
        )
    if (classes.dtype.kind == "f") != (want_classes.dtype.kind == "f"):
        return phrase(
            "classes should keep the dtype of values ({want}), got {got}",
            "classes는 values의 dtype({want})을 유지해야 하는데 {got}입니다",
            want=want_classes.dtype,
            got=classes.dtype,
        )
    if not np.array_equal(classes, want_classes):
        return phrase(
            "classes should be {want} (sorted ascending), got {got}",
            "classes는 (오름차순으로 정렬한) {want}여야 하는데 {got}입니다",
            want=want_classes.tolist(),
            got=classes.tolist(),
        )
    return None


def _one_hot(t, labels, what, **kwargs):
    t.expect_close(
        t.call("one_hot", labels, **kwargs),
        ref.one_hot(labels, **kwargs),
        dtype="exact",
        name=phrase("one_hot of {what} (float64)", "{what}의 one_hot (float64)", what=what),
    )


def _label_encode(t, values, what):
    result = t.code(SENDABLE, "sendable")(t.call("label_encode", values))
    t.expect_property(
        result,
        _encoded_like(values),
        name=phrase("label_encode of {what}", "{what}의 label_encode", what=what),
    )


@case(
    points=1,
    description={
        "en": "one_hot: the worked example, and n_classes=3",
        "ko": "one_hot: 풀이 예시와 n_classes=3",
    },
)
def one_hot_visible(t):
    _one_hot(t, np.array([0, 2, 1]), "[0, 2, 1]")
    _one_hot(
        t,
        np.array([1]),
        {"en": "[1] with n_classes=3", "ko": "n_classes=3일 때의 [1]"},
        n_classes=3,
    )


@case(
    points=1,
    description={
        "en": "label_encode: four city names (the worked example)",
        "ko": "label_encode: 도시 이름 4개 (풀이 예시)",
    },
)
def label_encode_strings(t):
    _label_encode(
        t,
        np.array(["paris", "tokyo", "paris", "amsterdam"]),
        {"en": "four city names", "ko": "도시 이름 네 개"},
    )


@case(
    points=1,
    description={
        "en": "label_encode: integers, sorted numerically",
        "ko": "label_encode: 숫자 순서로 정렬한 정수",
    },
)
def label_encode_integers(t):
    _label_encode(t, np.array([10, -3, 7, 10]), "[10, -3, 7, 10]")


@case(points=1, description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"})
def inputs_unchanged(t):
    values = np.array([3, 1, 2, 1, 0])
    labels = np.array([2, 0, 1])
    values_in, labels_in = t.value(values.copy()), t.value(labels.copy())
    t.call("label_encode", values_in)
    t.call("one_hot", labels_in)
    t.expect_unchanged(values_in, values, name="values")
    t.expect_unchanged(labels_in, labels, name="labels")


@case(
    points=2,
    hidden=True,
    description={
        "en": "one_hot: classes that never occur still get columns",
        "ko": "one_hot: 한 번도 나오지 않는 클래스도 열을 가짐",
    },
)
def one_hot_missing_classes(t):
    _one_hot(
        t, np.array([3, 0, 3]), {"en": "[3, 0, 3] (four columns)", "ko": "[3, 0, 3] (열 네 개)"}
    )
    labels = t.rng.choice([0, 2, 5, 6], size=9)
    labels[0] = 6
    _one_hot(
        t, labels, {"en": "random labels with gaps", "ko": "중간에 빠진 값이 있는 무작위 레이블"}
    )
    _one_hot(
        t,
        t.rng.integers(0, 3, size=5),
        {"en": "random labels with n_classes=7", "ko": "n_classes=7인 무작위 레이블"},
        n_classes=7,
    )
    _one_hot(t, np.array([4]), {"en": "a single label 4", "ko": "레이블 4 하나"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "label_encode: floats with repeats and negatives",
        "ko": "label_encode: 반복과 음수가 있는 실수",
    },
)
def label_encode_floats(t):
    values = t.rng.choice(np.round(t.rng.normal(scale=5, size=5), 2), size=12)
    _label_encode(t, values, {"en": "random floats", "ko": "무작위 실수"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "label_encode: strings sort by code point ('B' < 'a')",
        "ko": "label_encode: 문자열은 코드 포인트 순서로 정렬 ('B' < 'a')",
    },
)
def label_encode_case(t):
    words = np.array(["b", "B", "a", "A", "apple", "Zebra", "zebra"])
    _label_encode(
        t, t.rng.choice(words, size=10), {"en": "words in mixed case", "ko": "대소문자가 섞인 단어"}
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "label_encode: a single distinct value",
        "ko": "label_encode: 서로 다른 값이 하나뿐",
    },
)
def label_encode_single(t):
    _label_encode(
        t,
        np.full(4, int(t.rng.integers(-50, 50))),
        {"en": "four equal values", "ko": "같은 값 네 개"},
    )

"""Cases for pad-sequences: the course's "post" defaults, "pre" for the other side, Keras'
rules otherwise, an int64 (n, maxlen) array.

Empty 2-D results (an empty list, ``maxlen=0``) cannot travel over the data channel as arrays,
so for them the cases read back the result's ``shape`` and ``dtype.name`` instead.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

MODES = (("post", "post"), ("post", "pre"), ("pre", "post"), ("pre", "pre"))


def _pad(t, sequences, what, **kwargs):
    options = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    t.expect_exact(
        t.call("pad_sequences", sequences, **kwargs),
        ref.pad_sequences(sequences, **kwargs),
        name=phrase(
            "pad_sequences of {what}{options}",
            "{what}의 pad_sequences{options}",
            what=what,
            options=f" ({options})" if options else "",
        ),
    )


def _shape_and_dtype(t, sequences, expected_shape, what, **kwargs):
    result = t.call("pad_sequences", sequences, **kwargs)
    t.expect_exact(
        result.shape,
        expected_shape,
        name=phrase(
            "the shape of pad_sequences of {what}", "{what}의 pad_sequences의 shape", what=what
        ),
    )
    t.expect_exact(
        result.dtype.name,
        "int64",
        name=phrase(
            "the dtype of pad_sequences of {what}", "{what}의 pad_sequences의 dtype", what=what
        ),
    )


def _random_sequences(rng, n, max_len=12, vocab=50):
    return [
        rng.integers(1, vocab, size=int(rng.integers(0, max_len + 1))).tolist() for _ in range(n)
    ]


# --------------------------------------------------------------------------- visible


@case(
    points=1,
    description={
        "en": 'the defaults: pad and truncate at the end ("post")',
        "ko": '기본값: 끝에서 패딩하고 자름 ("post")',
    },
)
def defaults_example(t):
    _pad(t, [[1, 2, 3], [4]], "[[1, 2, 3], [4]] (expected [[1, 2, 3], [4, 0, 0]])")
    _pad(t, [[1, 2, 3, 4], [5]], "[[1, 2, 3, 4], [5]] (expected [[1, 2], [5, 0]])", maxlen=2)


@case(
    points=1,
    description={
        "en": 'padding and truncating at the start with "pre"',
        "ko": '"pre"로 앞에서 패딩하고 자르기',
    },
)
def pre_example(t):
    _pad(
        t,
        [[1, 2, 3], [4]],
        "[[1, 2, 3], [4]] (expected [[2, 3], [0, 4]])",
        maxlen=2,
        padding="pre",
        truncating="pre",
    )


@case(
    points=1,
    description={
        "en": "the four combinations of padding and truncating",
        "ko": "패딩과 자르기의 네 가지 조합",
    },
)
def four_modes(t):
    sequences = [[1, 2, 3, 4, 5], [6, 7]]
    for padding, truncating in MODES:
        _pad(
            t,
            sequences,
            "[[1, 2, 3, 4, 5], [6, 7]]",
            maxlen=3,
            padding=padding,
            truncating=truncating,
        )


@case(
    points=1,
    description={
        "en": "an empty list gives shape (0, maxlen or 0), dtype int64",
        "ko": "빈 리스트는 shape (0, maxlen 또는 0), dtype int64",
    },
)
def empty_list(t):
    _shape_and_dtype(t, [], (0, 0), "[]")
    _shape_and_dtype(
        t, [], (0, 5), {"en": "[] with maxlen=5", "ko": "maxlen=5일 때의 []"}, maxlen=5
    )


# --------------------------------------------------------------------------- hidden


@case(
    points=2,
    hidden=True,
    description={
        "en": "random sequences, all four modes, maxlen cutting some",
        "ko": "무작위 시퀀스, 네 가지 모드 모두, 일부를 자르는 maxlen",
    },
)
def random_modes(t):
    sequences = _random_sequences(t.rng, 6)
    maxlen = int(t.rng.integers(3, 8))
    value = int(t.rng.choice([-1, 99]))
    for padding, truncating in MODES:
        _pad(
            t,
            sequences,
            "random sequences",
            maxlen=maxlen,
            padding=padding,
            truncating=truncating,
            value=value,
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": 'defaults: "post" both ways, maxlen the longest',
        "ko": '기본값: 양쪽 모두 "post", maxlen은 가장 긴 길이',
    },
)
def random_defaults(t):
    sequences = [*_random_sequences(t.rng, 4), [], t.rng.integers(1, 50, size=9).tolist()]
    _pad(
        t,
        sequences,
        {"en": "random sequences and an empty one", "ko": "무작위 시퀀스와 빈 시퀀스 하나"},
    )
    _pad(
        t,
        sequences,
        {"en": "random sequences and an empty one", "ko": "무작위 시퀀스와 빈 시퀀스 하나"},
        maxlen=4,
    )


@case(
    points=1,
    hidden=True,
    description={"en": "the padding value and the int64 dtype", "ko": "패딩 값과 int64 dtype"},
)
def value_and_dtype(t):
    sequences = _random_sequences(t.rng, 4, max_len=6)
    value = int(t.rng.integers(-9, -1))
    expected = ref.pad_sequences(sequences, maxlen=8, value=value)
    t.expect_close(
        t.call("pad_sequences", sequences, maxlen=8, value=value),
        expected,
        dtype="exact",
        name=phrase(
            "pad_sequences with value={value} (an int64 array)",
            "value={value}일 때의 pad_sequences (int64 배열)",
            value=value,
        ),
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "maxlen 0 gives (n, 0); maxlen above the longest pads",
        "ko": "maxlen 0이면 (n, 0); 가장 긴 것보다 큰 maxlen은 패딩",
    },
)
def maxlen_bounds(t):
    sequences = _random_sequences(t.rng, 3, max_len=5)
    for padding, truncating in MODES:
        _shape_and_dtype(
            t,
            sequences,
            (3, 0),
            f"3 sequences with maxlen=0, {padding}/{truncating}",
            maxlen=0,
            padding=padding,
            truncating=truncating,
        )
    _pad(t, sequences, {"en": "short sequences", "ko": "짧은 시퀀스"}, maxlen=9, padding="pre")
    _shape_and_dtype(
        t, [], (0, 4), "[] with maxlen=4, pre/pre", maxlen=4, padding="pre", truncating="pre"
    )


@case(
    points=1,
    hidden=True,
    description={"en": "the input sequences are not modified", "ko": "입력 시퀀스를 수정하지 않음"},
)
def inputs_unchanged(t):
    sequences = _random_sequences(t.rng, 4, max_len=8)
    sequences[0] = [1, 2]
    sequences_in = t.value([list(s) for s in sequences])
    for padding in ("post", "pre"):
        t.call("pad_sequences", sequences_in, maxlen=6, padding=padding)
    t.expect_exact(
        sequences_in.snapshot(),
        [list(s) for s in sequences],
        name={
            "en": "sequences after the calls (inputs must not be modified)",
            "ko": "호출 후의 sequences (입력을 수정하면 안 됩니다)",
        },
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "sequences given as NumPy arrays work as lists do",
        "ko": "NumPy 배열로 준 시퀀스도 리스트처럼 동작",
    },
)
def array_rows(t):
    sequences = [np.asarray(s, dtype=np.int64) for s in _random_sequences(t.rng, 4)]
    sequences[1] = np.arange(1, 15, dtype=np.int64)
    _pad(
        t,
        sequences,
        {"en": "a list of NumPy arrays", "ko": "NumPy 배열의 리스트"},
        maxlen=10,
        padding="pre",
        truncating="post",
    )

"""Tests for reference.text.

Keras is not installed: the oracles below transcribe Keras' ``text_to_word_sequence``
(default filters, with ``str.split()`` as the curriculum specifies) and ``pad_sequences``
(keras/src/utils/sequence_utils.py) in plain Python.
"""

import string

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.text import build_vocab, pad_sequences, texts_to_sequences, tokenize

KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'


def _keras_tokens(text):
    translated = text.lower().translate(str.maketrans(KERAS_FILTERS, " " * len(KERAS_FILTERS)))
    return translated.split()


def _keras_pad(sequences, maxlen, padding, truncating, value):
    lengths = [len(s) for s in sequences]
    if maxlen is None:
        maxlen = max(lengths, default=0)
    out = np.full((len(sequences), maxlen), value, dtype=np.int64)
    for i, s in enumerate(sequences):
        if not len(s) or maxlen == 0:
            continue
        trunc = s[-maxlen:] if truncating == "pre" else s[:maxlen]
        if padding == "post":
            out[i, : len(trunc)] = trunc
        else:
            out[i, -len(trunc) :] = trunc
    return out


def test_keras_filters_are_punctuation_without_apostrophe_plus_tab_and_newline():
    assert set(KERAS_FILTERS) == (set(string.punctuation) - {"'"}) | {"\t", "\n"}


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Hello, World!", ["hello", "world"]),
        ("Don't STOP-believing...", ["don't", "stop", "believing"]),
        ("tabs\tand\nnewlines", ["tabs", "and", "newlines"]),
        ("  many   spaces \r\n and\x0bcontrol ", ["many", "spaces", "and", "control"]),
        ("a.b,c;d:e(f)g[h]i{j}k", list("abcdefghijk")),
        ("", []),
        ("!!!", []),
        ("Ça va? ÉTÉ", ["ça", "va", "été"]),
        ("it's 100% #1", ["it's", "100", "1"]),
    ],
)
def test_tokenize_examples(text, tokens):
    assert tokenize(text) == tokens
    assert _keras_tokens(text) == tokens


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=string.printable + "éÉ", max_size=60))
def test_tokenize_matches_keras_filters(text):
    assert tokenize(text) == _keras_tokens(text)


def test_tokenize_rejects_non_strings():
    with pytest.raises(ValueError, match="text must be a str"):
        tokenize(["a"])


def test_build_vocab_orders_by_count_then_first_occurrence():
    texts = ["b a c", "c d", "a c e e"]
    # counts: c 3, a 2, e 2, b 1, d 1; a before e and b before d by first occurrence
    assert build_vocab(texts, 10) == {"c": 1, "a": 2, "e": 3, "b": 4, "d": 5}
    assert build_vocab(texts, 4) == {"c": 1, "a": 2, "e": 3}
    assert build_vocab(texts, 1) == {}
    assert build_vocab([], 5) == {}


def test_build_vocab_counts_total_occurrences_not_documents():
    assert list(build_vocab(["x x x", "y", "y", "y x"], 3)) == ["x", "y"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet="abc ,.", max_size=15), max_size=6), st.integers(1, 6))
def test_build_vocab_properties(texts, num_words):
    vocab = build_vocab(texts, num_words)
    tokens = [t for text in texts for t in tokenize(text)]
    assert sorted(vocab.values()) == list(range(1, len(vocab) + 1))
    assert len(vocab) == min(num_words - 1, len(set(tokens)))
    counts = [tokens.count(t) for t in sorted(vocab, key=vocab.get)]
    assert counts == sorted(counts, reverse=True)
    left_out = set(tokens) - set(vocab)
    if vocab and left_out:
        assert max(tokens.count(t) for t in left_out) <= min(counts)


def test_texts_to_sequences_drops_unknown_tokens():
    vocab = {"the": 1, "cat": 2}
    assert texts_to_sequences(["The cat, the HAT!", "", "dog"], vocab) == [[1, 2, 1], [], []]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: build_vocab("a b", 3), "texts must be a sequence of str"),
        (lambda: build_vocab([1, 2], 3), "texts must be a sequence of str"),
        (lambda: build_vocab(["a"], 0), "num_words must be an int >= 1"),
        (lambda: build_vocab(["a"], 2.0), "num_words must be an int >= 1"),
        (lambda: texts_to_sequences(["a"], ["a"]), "vocab must be a dict"),
        (lambda: texts_to_sequences("a", {"a": 1}), "texts must be a sequence of str"),
    ],
)
def test_text_functions_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_pad_sequences_course_defaults_are_post():
    out = pad_sequences([[1, 2, 3, 4], [5], []], maxlen=3)
    np.testing.assert_array_equal(out, [[1, 2, 3], [5, 0, 0], [0, 0, 0]])
    assert out.dtype == np.int64


@pytest.mark.parametrize(
    ("padding", "truncating", "expected"),
    [
        ("post", "post", [[1, 2, 3], [5, 0, 0]]),
        ("pre", "post", [[1, 2, 3], [0, 0, 5]]),
        ("post", "pre", [[2, 3, 4], [5, 0, 0]]),
        ("pre", "pre", [[2, 3, 4], [0, 0, 5]]),
    ],
)
def test_pad_sequences_modes(padding, truncating, expected):
    np.testing.assert_array_equal(
        pad_sequences([[1, 2, 3, 4], [5]], maxlen=3, padding=padding, truncating=truncating),
        expected,
    )


def test_pad_sequences_edge_cases():
    assert pad_sequences([]).shape == (0, 0)
    assert pad_sequences([], maxlen=4).shape == (0, 4)
    np.testing.assert_array_equal(pad_sequences([[1, 2], [3]]), [[1, 2], [3, 0]])
    np.testing.assert_array_equal(pad_sequences([[], []]), np.zeros((2, 0)))
    np.testing.assert_array_equal(pad_sequences([[1, 2]], maxlen=0), np.zeros((1, 0)))
    np.testing.assert_array_equal(pad_sequences([[7]], maxlen=3, value=-1), [[7, -1, -1]])
    np.testing.assert_array_equal(pad_sequences((np.array([4, 5]), (6,))), [[4, 5], [6, 0]])


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 50), max_size=8), max_size=6),
    st.one_of(st.none(), st.integers(0, 10)),
    st.sampled_from(["post", "pre"]),
    st.sampled_from(["post", "pre"]),
    st.integers(-3, 3),
)
def test_pad_sequences_matches_keras(sequences, maxlen, padding, truncating, value):
    out = pad_sequences(sequences, maxlen, padding, truncating, value)
    np.testing.assert_array_equal(out, _keras_pad(sequences, maxlen, padding, truncating, value))
    assert out.dtype == np.int64


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"padding": "middle"}, 'padding must be "post" or "pre"'),
        ({"truncating": "both"}, 'truncating must be "post" or "pre"'),
        ({"maxlen": -1}, "maxlen must be an int >= 0"),
        ({"maxlen": 2.5}, "maxlen must be an int >= 0"),
        ({"value": 0.5}, "value must be an int"),
    ],
)
def test_pad_sequences_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        pad_sequences([[1, 2]], **kwargs)


def test_pad_sequences_rejects_non_integer_or_nested_sequences():
    with pytest.raises(ValueError, match=r"sequences\[1\] must be a flat sequence of ints"):
        pad_sequences([[1], [1.5]])
    with pytest.raises(ValueError, match=r"sequences\[0\]"):
        pad_sequences([[[1, 2]]])

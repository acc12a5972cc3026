"""Text preprocessing: tokens, a frequency vocabulary, integer sequences, padding (module 14).

Keras' ``Tokenizer`` and ``pad_sequences`` semantics, except that ``pad_sequences``
defaults to "post" padding and truncation (the course's convention; Keras defaults to
"pre").
"""

from __future__ import annotations

import string
from collections import Counter

import numpy as np

__all__ = ["build_vocab", "pad_sequences", "texts_to_sequences", "tokenize"]

# Keras' default filters: string.punctuation without the apostrophe, plus tab and newline.
_FILTERS = string.punctuation.replace("'", "") + "\t\n"
_TO_SPACES = str.maketrans(_FILTERS, " " * len(_FILTERS))


def _check_texts(texts):
    if isinstance(texts, str) or not all(isinstance(text, str) for text in texts):
        raise ValueError("texts must be a sequence of str (not a single str)")
    return list(texts)


def tokenize(text):
    r"""Split a text into lower-case word tokens (Keras' ``text_to_word_sequence``).

    .. math::

        \text{tokens} = \operatorname{split}(\operatorname{filter}(\operatorname{lower}(
        \text{text})))

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        Tokens in order.

    Raises
    ------
    ValueError
        If ``text`` is not a str.

    Notes
    -----
    Lower-cases with ``str.lower()``, turns every character of ``string.punctuation``
    except the apostrophe, and every tab and newline, into a space, then ``str.split()``
    (any whitespace, no empty tokens). Apostrophes stay inside tokens ("don't").

    Examples
    --------
    >>> tokenize("Hello, World! Don't\tstop-now.")
    ['hello', 'world', "don't", 'stop', 'now']
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, got {type(text).__name__}")
    return text.lower().translate(_TO_SPACES).split()


def build_vocab(texts, num_words):
    r"""Number the ``num_words - 1`` most frequent tokens from 1 (0 is kept for padding).

    .. math::

        \text{vocab}[w_k] = k, \quad k = 1, \dots, \min(\text{num\_words} - 1, |\text{tokens}|)

    with :math:`w_1, w_2, \dots` the distinct tokens by decreasing total count.

    Parameters
    ----------
    texts : sequence of str
        The corpus.
    num_words : int
        At least 1; the vocabulary holds at most ``num_words - 1`` tokens.

    Returns
    -------
    dict of str to int
        Token to index, indices ``1, 2, ...`` in order of frequency.

    Raises
    ------
    ValueError
        If ``texts`` is not a sequence of str or ``num_words`` is not an int >= 1.

    Notes
    -----
    Counts are total occurrences over all texts. Ties are broken by first occurrence,
    scanning the texts in order (as Keras' ``Tokenizer`` with ``num_words``, whose
    ``texts_to_sequences`` keeps indices below ``num_words``).

    Examples
    --------
    >>> build_vocab(["the cat sat", "the dog sat on the mat"], num_words=4)
    {'the': 1, 'sat': 2, 'cat': 3}
    """
    texts = _check_texts(texts)
    if isinstance(num_words, bool) or not isinstance(num_words, int) or num_words < 1:
        raise ValueError(f"num_words must be an int >= 1, got num_words={num_words!r}")
    counts = Counter()
    for text in texts:
        counts.update(tokenize(text))
    # Counter keeps first-insertion order and sorted() is stable: ties by first occurrence.
    ranked = sorted(counts, key=counts.__getitem__, reverse=True)[: num_words - 1]
    return {token: index for index, token in enumerate(ranked, start=1)}


def texts_to_sequences(texts, vocab):
    r"""Replace each text by the indices of its in-vocabulary tokens.

    .. math::

        s = [\,\text{vocab}[t] \;:\; t \in \operatorname{tokenize}(\text{text}),\
        t \in \text{vocab}\,]

    Parameters
    ----------
    texts : sequence of str
        Texts to encode.
    vocab : dict of str to int
        As returned by ``build_vocab``.

    Returns
    -------
    list of list of int
        One list per text; tokens not in ``vocab`` are dropped.

    Raises
    ------
    ValueError
        If ``texts`` is not a sequence of str or ``vocab`` is not a dict.

    Examples
    --------
    >>> texts_to_sequences(["The cat sat on a hat"], {"the": 1, "sat": 2, "cat": 3})
    [[1, 3, 2]]
    """
    texts = _check_texts(texts)
    if not isinstance(vocab, dict):
        raise ValueError(f"vocab must be a dict of str to int, got {type(vocab).__name__}")
    return [[vocab[token] for token in tokenize(text) if token in vocab] for text in texts]


def pad_sequences(sequences, maxlen=None, padding="post", truncating="post", value=0):
    r"""Pad or truncate integer sequences into one ``(n, maxlen)`` array.

    .. math::

        \text{post:}\ [s_1, \dots, s_L, v, \dots, v], \qquad
        \text{pre:}\ [v, \dots, v, s_1, \dots, s_L]

    Parameters
    ----------
    sequences : sequence of sequences of int
        The sequences, of any lengths.
    maxlen : int, optional
        Output width, at least 0; defaults to the longest sequence's length.
    padding : {"post", "pre"}, default "post"
        Fill the end ("post") or the start ("pre") of shorter sequences.
    truncating : {"post", "pre"}, default "post"
        Cut the end ("post": keep the first ``maxlen``) or the start ("pre": keep the
        last ``maxlen``) of longer sequences.
    value : int, default 0
        The padding value.

    Returns
    -------
    ndarray of int64, shape (n, maxlen)

    Raises
    ------
    ValueError
        If ``padding`` or ``truncating`` is not "post"/"pre", ``maxlen`` is not an int >= 0,
        ``value`` is not an int, or a sequence is not a flat sequence of ints.

    Notes
    -----
    An empty list gives shape ``(0, maxlen or 0)``. Otherwise matches Keras'
    ``pad_sequences(..., dtype="int64")`` with the same ``padding`` and ``truncating``.

    Examples
    --------
    >>> pad_sequences([[1, 2, 3], [4]])
    array([[1, 2, 3],
           [4, 0, 0]])
    >>> pad_sequences([[1, 2, 3], [4]], maxlen=2, padding="pre", truncating="pre")
    array([[2, 3],
           [0, 4]])
    """
    for name, mode in (("padding", padding), ("truncating", truncating)):
        if mode not in ("post", "pre"):
            raise ValueError(f'{name} must be "post" or "pre", got {name}={mode!r}')
    if maxlen is not None and (
        isinstance(maxlen, bool) or not isinstance(maxlen, int | np.integer) or maxlen < 0
    ):
        raise ValueError(f"maxlen must be an int >= 0 or None, got maxlen={maxlen!r}")
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"value must be an int, got value={value!r}")
    rows = []
    for i, sequence in enumerate(sequences):
        row = np.asarray(sequence)
        if row.ndim != 1 or (row.size and not np.issubdtype(row.dtype, np.integer)):
            raise ValueError(f"sequences[{i}] must be a flat sequence of ints, got {sequence!r}")
        rows.append(row.astype(np.int64))
    if maxlen is None:
        maxlen = max((row.size for row in rows), default=0)
    out = np.full((len(rows), int(maxlen)), value, dtype=np.int64)
    if maxlen == 0:
        return out
    for i, row in enumerate(rows):
        kept = row[:maxlen] if truncating == "post" else row[-maxlen:]
        if padding == "post":
            out[i, : kept.size] = kept
        else:
            out[i, out.shape[1] - kept.size :] = kept
    return out

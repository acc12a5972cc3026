import string
from collections import Counter


def tokenize(text):
    """Lower-case ``text``, turn every character of string.punctuation except the apostrophe,
    and every tab and newline, into a space, then split on whitespace. Returns a list of str."""
    raise NotImplementedError


def build_vocab(texts, num_words):
    """Map the ``num_words - 1`` most frequent tokens of ``texts`` (total occurrences; ties by
    first occurrence) to 1, 2, ... in order of frequency. Returns a dict str -> int."""
    raise NotImplementedError


def texts_to_sequences(texts, vocab):
    """One list of vocabulary indices per text; tokens not in ``vocab`` are dropped."""
    raise NotImplementedError

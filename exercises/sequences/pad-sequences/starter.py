import numpy as np


def pad_sequences(sequences, maxlen=None, padding="post", truncating="post", value=0):
    """Pad or truncate integer sequences into one int64 array of shape (n, maxlen).

    ``maxlen`` defaults to the longest sequence. "post" truncation keeps the first ``maxlen``
    values (cuts the end), "pre" the last ``maxlen``; "post" padding fills the end with
    ``value``, "pre" the start. An empty list gives shape (0, maxlen or 0).
    """
    raise NotImplementedError

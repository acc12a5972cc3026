# Wrong: returns a float array (np.zeros is float64) instead of int64.
import numpy as np


def pad_sequences(sequences, maxlen=None, padding="post", truncating="post", value=0):
    if maxlen is None:
        maxlen = max((len(seq) for seq in sequences), default=0)
    out = np.zeros((len(sequences), maxlen)) + value
    for i, seq in enumerate(sequences):
        seq = list(seq)
        if len(seq) > maxlen:
            seq = seq[:maxlen] if truncating == "post" else seq[len(seq) - maxlen:]
        if padding == "post":
            out[i, : len(seq)] = seq
        else:
            out[i, maxlen - len(seq):] = seq
    return out

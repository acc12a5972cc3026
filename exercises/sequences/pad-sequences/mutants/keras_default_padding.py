# Wrong: defaults to padding="pre" (Keras' default) instead of the course's "post".
import numpy as np


def pad_sequences(sequences, maxlen=None, padding="pre", truncating="post", value=0):
    if maxlen is None:
        maxlen = max((len(seq) for seq in sequences), default=0)
    out = np.full((len(sequences), maxlen), value, dtype=np.int64)
    for i, seq in enumerate(sequences):
        seq = list(seq)
        if len(seq) > maxlen:
            seq = seq[:maxlen] if truncating == "post" else seq[len(seq) - maxlen:]
        if padding == "post":
            out[i, : len(seq)] = seq
        else:
            out[i, maxlen - len(seq):] = seq
    return out

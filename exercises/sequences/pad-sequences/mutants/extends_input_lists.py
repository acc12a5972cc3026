# Wrong: pads by extending the caller's lists in place.
import numpy as np


def pad_sequences(sequences, maxlen=None, padding="post", truncating="post", value=0):
    if maxlen is None:
        maxlen = max((len(seq) for seq in sequences), default=0)
    out = np.full((len(sequences), maxlen), value, dtype=np.int64)
    for i, seq in enumerate(sequences):
        if len(seq) > maxlen:
            seq = seq[:maxlen] if truncating == "post" else seq[len(seq) - maxlen:]
        fill = [value] * (maxlen - len(seq))
        if padding == "post":
            seq.extend(fill)
        else:
            seq[:0] = fill
        out[i] = seq
    return out

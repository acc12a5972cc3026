# Wrong: uses sklearn's train_test_split, which this exercise forbids.
import numpy as np
from sklearn.model_selection import train_test_split


def train_val_test_split(n, ratios=(0.6, 0.2, 0.2), seed=0):
    if abs(sum(ratios) - 1) > 1e-9:
        raise ValueError(f"ratios={ratios} must sum to 1")
    rest, test = train_test_split(np.arange(n), test_size=ratios[2], random_state=seed)
    train, val = train_test_split(rest, test_size=ratios[1] / (1 - ratios[2]), random_state=seed)
    return train, val, test

# Wrong: divides by the standard deviation even when it is 0 (nan for constant columns).
import numpy as np


def standardize(X):
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    return (X - mean) / scale, mean, scale

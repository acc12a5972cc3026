# Wrong: appends a column of ones for the bias and returns db as a 1-element array, not a float.
import numpy as np


def mse_gradient(X, y, w, b):
    Xb = np.hstack([X, np.ones((len(y), 1))])
    r = Xb @ np.append(w, b) - y
    grad = 2 * Xb.T @ r / len(y)
    return grad[:-1], grad[-1:]

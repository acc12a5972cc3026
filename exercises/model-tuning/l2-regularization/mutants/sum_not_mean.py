# Wrong: sums the squared errors (and their gradient) instead of averaging over the samples.
import numpy as np


def ridge_loss_and_grad(X, y, w, b, alpha):
    e = X @ w + b - y
    loss = 0.5 * np.sum(e ** 2) + 0.5 * alpha * np.sum(w ** 2)
    dw = X.T @ e + alpha * w
    db = np.sum(e)
    return float(loss), dw, float(db)

# Wrong: divides the penalty by n as well, as if it were part of the mean.
import numpy as np


def ridge_loss_and_grad(X, y, w, b, alpha):
    n = len(y)
    e = X @ w + b - y
    loss = 0.5 * np.mean(e ** 2) + 0.5 * alpha * np.sum(w ** 2) / n
    dw = X.T @ e / n + alpha * w / n
    db = np.mean(e)
    return float(loss), dw, float(db)

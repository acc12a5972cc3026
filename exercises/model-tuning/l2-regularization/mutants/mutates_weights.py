# Wrong: takes a gradient step on w in place (w -= ...), modifying the caller's weights.
import numpy as np


def ridge_loss_and_grad(X, y, w, b, alpha):
    e = X @ w + b - y
    loss = 0.5 * np.mean(e ** 2) + 0.5 * alpha * np.sum(w ** 2)
    dw = X.T @ e / len(y) + alpha * w
    db = np.mean(e)
    w -= 0.01 * dw
    return float(loss), dw, float(db)

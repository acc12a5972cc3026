# Wrong: the penalty in the loss lacks the 1/2 (alpha * ||w||^2), but dw still uses alpha * w.
import numpy as np


def ridge_loss_and_grad(X, y, w, b, alpha):
    e = X @ w + b - y
    loss = 0.5 * np.mean(e ** 2) + alpha * np.sum(w ** 2)
    dw = X.T @ e / len(y) + alpha * w
    db = np.mean(e)
    return float(loss), dw, float(db)

# Wrong: the loss has the penalty but dw forgets its gradient alpha * w.
import numpy as np


def ridge_loss_and_grad(X, y, w, b, alpha):
    e = X @ w + b - y
    loss = 0.5 * np.mean(e ** 2) + 0.5 * alpha * np.sum(w ** 2)
    dw = X.T @ e / len(y)
    db = np.mean(e)
    return float(loss), dw, float(db)

# Wrong: penalises the bias too (alpha / 2 * b**2 in the loss, alpha * b in db).
import numpy as np


def ridge_loss_and_grad(X, y, w, b, alpha):
    e = X @ w + b - y
    loss = 0.5 * np.mean(e ** 2) + 0.5 * alpha * (np.sum(w ** 2) + b ** 2)
    dw = X.T @ e / len(y) + alpha * w
    db = np.mean(e) + alpha * b
    return float(loss), dw, float(db)

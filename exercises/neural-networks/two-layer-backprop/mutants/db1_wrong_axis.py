# Wrong: db1 and db2 sum over the hidden units (axis=1) instead of over the batch.
import numpy as np


def two_layer_loss_and_grads(params, X, y):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = X.shape[0]
    a = X @ W1 + b1
    h = np.maximum(a, 0.0)
    z = h @ W2 + b2
    shifted = z - z.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(n), y].mean()
    dz = np.exp(log_probs)
    dz[np.arange(n), y] -= 1.0
    dz /= n
    dW2 = h.T @ dz
    db2 = dz.sum(axis=1)
    dh = dz @ W2.T
    da = dh * (a > 0)
    dW1 = X.T @ da
    db1 = da.sum(axis=1)
    return float(loss), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

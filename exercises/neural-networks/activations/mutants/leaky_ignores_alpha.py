# Wrong: leaky_relu always uses the slope 0.01 and ignores its alpha argument.
import numpy as np


def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):
    return (np.asarray(x) > 0).astype(np.float64)


def leaky_relu(x, alpha=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, 0.01 * x)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=np.float64))


def tanh_grad(x):
    return 1.0 - np.tanh(np.asarray(x, dtype=np.float64)) ** 2


def sigmoid_grad(x):
    e = np.exp(-np.abs(np.asarray(x, dtype=np.float64)))
    return e / (1.0 + e) ** 2

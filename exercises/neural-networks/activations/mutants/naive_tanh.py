# Wrong: tanh from (e^x - e^-x) / (e^x + e^-x) overflows to inf / inf = nan for large inputs.
import numpy as np


def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):
    return (np.asarray(x) > 0).astype(np.float64)


def leaky_relu(x, alpha=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)


def tanh(x):
    x = np.asarray(x, dtype=np.float64)
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def tanh_grad(x):
    return 1.0 - tanh(x) ** 2


def sigmoid_grad(x):
    e = np.exp(-np.abs(np.asarray(x, dtype=np.float64)))
    return e / (1.0 + e) ** 2

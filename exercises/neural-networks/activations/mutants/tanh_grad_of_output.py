# Wrong: tanh_grad returns 1 - x**2, the derivative written for tanh's output, not its input.
import numpy as np


def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):
    return (np.asarray(x) > 0).astype(np.float64)


def leaky_relu(x, alpha=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)


def tanh(x):
    return np.tanh(np.asarray(x, dtype=np.float64))


def tanh_grad(x):
    return 1.0 - np.asarray(x, dtype=np.float64) ** 2


def sigmoid_grad(x):
    e = np.exp(-np.abs(np.asarray(x, dtype=np.float64)))
    return e / (1.0 + e) ** 2

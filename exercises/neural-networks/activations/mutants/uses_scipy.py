# Wrong: sigmoid_grad calls scipy.special.expit, which this exercise forbids.
import numpy as np
from scipy.special import expit


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
    return 1.0 - np.tanh(np.asarray(x, dtype=np.float64)) ** 2


def sigmoid_grad(x):
    s = expit(x)
    return s * (1.0 - s)

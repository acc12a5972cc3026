import numpy as np


def relu(x):
    """max(x, 0) elementwise; float64 array of x's shape."""
    raise NotImplementedError


def relu_grad(x):
    """Derivative of relu at x: 1.0 where x > 0, else 0.0 (0.0 at exactly 0)."""
    raise NotImplementedError


def leaky_relu(x, alpha=0.01):
    """x where x > 0, alpha * x elsewhere."""
    raise NotImplementedError


def tanh(x):
    """Hyperbolic tangent elementwise; finite for abs(x) up to 1e4."""
    raise NotImplementedError


def tanh_grad(x):
    """Derivative of tanh at x (x is the input, not tanh's output)."""
    raise NotImplementedError


def sigmoid_grad(x):
    """Derivative of the logistic sigmoid at x; finite for abs(x) up to 1e4."""
    raise NotImplementedError

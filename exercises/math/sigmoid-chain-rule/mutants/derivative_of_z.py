# Wrong: applies the formula s * (1 - s) to z instead of to s = sigmoid(z).
import numpy as np


def sigmoid_affine_gradient(x, w, b):
    z = x @ w + b
    local = z * (1 - z)
    return local * x, float(local)

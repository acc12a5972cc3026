# Wrong: creates the state for the keys of the first call only, so a key added later raises KeyError.
import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-10):
        self.lr, self.eps = lr, eps
        self.sums = None

    def step(self, params, grads):
        if self.sums is None:
            self.sums = {key: np.zeros_like(p) for key, p in params.items()}
        for key, g in grads.items():
            self.sums[key] += g * g
            params[key] -= self.lr * g / (np.sqrt(self.sums[key]) + self.eps)

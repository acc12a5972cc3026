# Wrong: starts the accumulator at 0.1 (Keras' initial_accumulator_value) instead of 0.
import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-10):
        self.lr, self.eps = lr, eps
        self.sums = {}

    def step(self, params, grads):
        for key, g in grads.items():
            G = self.sums.get(key, np.full_like(g, 0.1)) + g * g
            self.sums[key] = G
            params[key] -= self.lr * g / (np.sqrt(G) + self.eps)

# Wrong: puts eps inside the square root, sqrt(G + eps), which shrinks small-gradient steps.
import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-10):
        self.lr, self.eps = lr, eps
        self.sums = {}

    def step(self, params, grads):
        for key, g in grads.items():
            G = self.sums.get(key, np.zeros_like(g)) + g * g
            self.sums[key] = G
            params[key] -= self.lr * g / np.sqrt(G + self.eps)

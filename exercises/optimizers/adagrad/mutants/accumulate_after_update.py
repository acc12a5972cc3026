# Wrong: divides by the sum before adding the current squared gradient (the first step divides by eps).
import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-10):
        self.lr, self.eps = lr, eps
        self.sums = {}

    def step(self, params, grads):
        for key, g in grads.items():
            G = self.sums.get(key, np.zeros_like(g))
            params[key] -= self.lr * g / (np.sqrt(G) + self.eps)
            self.sums[key] = G + g * g

# Wrong: divides by the root of the mean of the squared gradients (RMS) instead of their sum.
import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-10):
        self.lr, self.eps = lr, eps
        self.sums, self.counts = {}, {}

    def step(self, params, grads):
        for key, g in grads.items():
            self.sums[key] = self.sums.get(key, np.zeros_like(g)) + g * g
            self.counts[key] = self.counts.get(key, 0) + 1
            rms = np.sqrt(self.sums[key] / self.counts[key])
            params[key] -= self.lr * g / (rms + self.eps)

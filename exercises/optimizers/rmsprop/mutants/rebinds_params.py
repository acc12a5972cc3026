# Wrong: params[key] = params[key] - update builds a new array; the caller's arrays never change.
import numpy as np


class RMSProp:
    def __init__(self, lr=0.01, alpha=0.99, eps=1e-8):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.square_avg = {}

    def step(self, params, grads):
        for key, g in grads.items():
            s = self.square_avg.get(key, np.zeros_like(g))
            s = self.alpha * s + (1 - self.alpha) * g * g
            self.square_avg[key] = s
            params[key] = params[key] - self.lr * g / (np.sqrt(s) + self.eps)

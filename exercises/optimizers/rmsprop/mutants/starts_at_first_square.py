# Wrong: starts the average at the first squared gradient instead of at 0.
import numpy as np


class RMSProp:
    def __init__(self, lr=0.01, alpha=0.99, eps=1e-8):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.square_avg = {}

    def step(self, params, grads):
        for key, g in grads.items():
            if key not in self.square_avg:
                s = g * g
            else:
                s = self.alpha * self.square_avg[key] + (1 - self.alpha) * g * g
            self.square_avg[key] = s
            params[key] -= self.lr * g / (np.sqrt(s) + self.eps)

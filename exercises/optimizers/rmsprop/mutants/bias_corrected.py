# Wrong: adds Adam's bias correction s / (1 - alpha**t), which torch's RMSprop does not do.
import numpy as np


class RMSProp:
    def __init__(self, lr=0.01, alpha=0.99, eps=1e-8):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.square_avg, self.t = {}, {}

    def step(self, params, grads):
        for key, g in grads.items():
            s = self.square_avg.get(key, np.zeros_like(g))
            s = self.alpha * s + (1 - self.alpha) * g * g
            self.square_avg[key] = s
            self.t[key] = self.t.get(key, 0) + 1
            s_hat = s / (1 - self.alpha ** self.t[key])
            params[key] -= self.lr * g / (np.sqrt(s_hat) + self.eps)

# Wrong: counts t once per step call for all keys, so a key that appears later gets the wrong bias correction.
import numpy as np


class Adam:
    def __init__(self, lr=0.001, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps = lr, betas, eps
        self.t = 0
        self.m, self.v = {}, {}

    def step(self, params, grads):
        beta1, beta2 = self.betas
        self.t += 1
        for key, g in grads.items():
            m = self.m.get(key, np.zeros_like(g))
            v = self.v.get(key, np.zeros_like(g))
            self.m[key] = m = beta1 * m + (1 - beta1) * g
            self.v[key] = v = beta2 * v + (1 - beta2) * g * g
            m_hat = m / (1 - beta1 ** self.t)
            v_hat = v / (1 - beta2 ** self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)

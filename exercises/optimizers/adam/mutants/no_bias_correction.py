# Wrong: leaves out the bias correction, so early steps are far too small (m and v start at 0).
import numpy as np


class Adam:
    def __init__(self, lr=0.001, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps = lr, betas, eps
        self.state = {}

    def step(self, params, grads):
        beta1, beta2 = self.betas
        for key, g in grads.items():
            if key not in self.state:
                self.state[key] = {"m": np.zeros_like(g), "v": np.zeros_like(g)}
            s = self.state[key]
            s["m"] = beta1 * s["m"] + (1 - beta1) * g
            s["v"] = beta2 * s["v"] + (1 - beta2) * g * g
            params[key] -= self.lr * s["m"] / (np.sqrt(s["v"]) + self.eps)

# Wrong: puts eps inside the square root, sqrt(v_hat + eps), which changes small-gradient steps a lot.
import numpy as np


class Adam:
    def __init__(self, lr=0.001, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps = lr, betas, eps
        self.state = {}

    def step(self, params, grads):
        beta1, beta2 = self.betas
        for key, g in grads.items():
            if key not in self.state:
                self.state[key] = {"t": 0, "m": np.zeros_like(g), "v": np.zeros_like(g)}
            s = self.state[key]
            s["t"] += 1
            s["m"] = beta1 * s["m"] + (1 - beta1) * g
            s["v"] = beta2 * s["v"] + (1 - beta2) * g * g
            m_hat = s["m"] / (1 - beta1 ** s["t"])
            v_hat = s["v"] / (1 - beta2 ** s["t"])
            params[key] -= self.lr * m_hat / np.sqrt(v_hat + self.eps)

# Wrong: uses Nesterov's look-ahead step g + momentum * b instead of the buffer itself.
import numpy as np


class SGD:
    def __init__(self, lr=0.01, momentum=0.0):
        self.lr, self.momentum = lr, momentum
        self.buffers = {}

    def step(self, params, grads):
        for key, g in grads.items():
            b = self.buffers.get(key)
            b = g.copy() if b is None else self.momentum * b + g
            self.buffers[key] = b
            params[key] -= self.lr * (g + self.momentum * b)

# Wrong: the buffers dict is a class attribute, so every SGD instance shares (and corrupts) it.
import numpy as np


class SGD:
    buffers = {}

    def __init__(self, lr=0.01, momentum=0.0):
        self.lr, self.momentum = lr, momentum

    def step(self, params, grads):
        for key, g in grads.items():
            b = self.buffers.get(key)
            b = g.copy() if b is None else self.momentum * b + g
            self.buffers[key] = b
            params[key] -= self.lr * b

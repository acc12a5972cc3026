# Wrong: params[key] = params[key] - lr * b builds a new array; the caller's arrays never change.
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
            params[key] = params[key] - self.lr * b

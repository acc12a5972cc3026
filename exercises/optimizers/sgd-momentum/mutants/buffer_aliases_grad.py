# Wrong: keeps the caller's gradient array as the buffer and updates it in place, modifying grads.
import numpy as np


class SGD:
    def __init__(self, lr=0.01, momentum=0.0):
        self.lr, self.momentum = lr, momentum
        self.buffers = {}

    def step(self, params, grads):
        for key, g in grads.items():
            if key not in self.buffers:
                self.buffers[key] = g
            else:
                self.buffers[key] *= self.momentum
                self.buffers[key] += g
            params[key] -= self.lr * self.buffers[key]

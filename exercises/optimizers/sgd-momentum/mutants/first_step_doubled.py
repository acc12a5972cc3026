# Wrong: starts the buffer as the first gradient and then also applies b = momentum * b + g on that step.
import numpy as np


class SGD:
    def __init__(self, lr=0.01, momentum=0.0):
        self.lr, self.momentum = lr, momentum
        self.buffers = {}

    def step(self, params, grads):
        for key, g in grads.items():
            if key not in self.buffers:
                self.buffers[key] = g.copy()
            self.buffers[key] = self.momentum * self.buffers[key] + g
            params[key] -= self.lr * self.buffers[key]

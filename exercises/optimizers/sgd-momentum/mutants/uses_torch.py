# Wrong: wraps torch.optim.SGD, which this exercise forbids.
import numpy as np
import torch


class SGD:
    def __init__(self, lr=0.01, momentum=0.0):
        self.kwargs = dict(lr=lr, momentum=momentum)
        self.tensors, self.optimizers = {}, {}

    def step(self, params, grads):
        for key, g in grads.items():
            if key not in self.tensors:
                self.tensors[key] = torch.from_numpy(params[key])
                self.optimizers[key] = torch.optim.SGD([self.tensors[key]], **self.kwargs)
            self.tensors[key].grad = torch.from_numpy(np.array(g, dtype=float))
            with torch.no_grad():
                self.optimizers[key].step()

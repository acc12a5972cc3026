# Wrong: wraps torch.optim.RMSprop, which this exercise forbids.
import numpy as np
import torch


class RMSProp:
    def __init__(self, lr=0.01, alpha=0.99, eps=1e-8):
        self.kwargs = dict(lr=lr, alpha=alpha, eps=eps)
        self.tensors, self.optimizers = {}, {}

    def step(self, params, grads):
        for key, g in grads.items():
            if key not in self.tensors:
                self.tensors[key] = torch.from_numpy(params[key])
                self.optimizers[key] = torch.optim.RMSprop([self.tensors[key]], **self.kwargs)
            self.tensors[key].grad = torch.from_numpy(np.array(g, dtype=float))
            with torch.no_grad():
                self.optimizers[key].step()

# Wrong: wraps torch.optim.Adagrad, which this exercise forbids.
import numpy as np
import torch


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-10):
        self.kwargs = dict(lr=lr, eps=eps)
        self.tensors, self.optimizers = {}, {}

    def step(self, params, grads):
        for key, g in grads.items():
            if key not in self.tensors:
                self.tensors[key] = torch.from_numpy(params[key])
                self.optimizers[key] = torch.optim.Adagrad([self.tensors[key]], **self.kwargs)
            self.tensors[key].grad = torch.from_numpy(np.array(g, dtype=float))
            with torch.no_grad():
                self.optimizers[key].step()

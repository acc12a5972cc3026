# Wrong: wraps torch.optim.Adam, which this exercise forbids.
import numpy as np
import torch


class Adam:
    def __init__(self, lr=0.001, betas=(0.9, 0.999), eps=1e-8):
        self.kwargs = dict(lr=lr, betas=betas, eps=eps)
        self.tensors, self.optimizers = {}, {}

    def step(self, params, grads):
        for key, g in grads.items():
            if key not in self.tensors:
                self.tensors[key] = torch.from_numpy(params[key])
                self.tensors[key].requires_grad_(True)
                self.optimizers[key] = torch.optim.Adam([self.tensors[key]], **self.kwargs)
            self.tensors[key].grad = torch.from_numpy(np.array(g, dtype=float))
            with torch.no_grad():
                self.optimizers[key].step()

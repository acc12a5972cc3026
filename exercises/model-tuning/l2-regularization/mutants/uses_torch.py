# Wrong: computes the gradient with torch autograd, which this exercise forbids.
import numpy as np
import torch


def ridge_loss_and_grad(X, y, w, b, alpha):
    wt = torch.tensor(w, requires_grad=True)
    bt = torch.tensor(float(b), dtype=torch.float64, requires_grad=True)
    e = torch.tensor(X) @ wt + bt - torch.tensor(y)
    loss = 0.5 * (e ** 2).mean() + 0.5 * alpha * (wt ** 2).sum()
    loss.backward()
    return float(loss), wt.grad.numpy(), float(bt.grad)

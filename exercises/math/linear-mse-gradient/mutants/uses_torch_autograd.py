# Wrong: lets torch's autograd differentiate instead of deriving the gradient (torch is forbidden).
import torch


def mse_gradient(X, y, w, b):
    Xt = torch.tensor(X)
    yt = torch.tensor(y)
    wt = torch.tensor(w, requires_grad=True)
    bt = torch.tensor(float(b), dtype=torch.float64, requires_grad=True)
    loss = ((Xt @ wt + bt - yt) ** 2).mean()
    loss.backward()
    return wt.grad.numpy(), float(bt.grad)

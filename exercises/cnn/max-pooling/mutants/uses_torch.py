# Wrong: calls torch's max_pool2d and autograd, which this exercise forbids.
import torch


def maxpool2d_forward(x, kernel_size, stride=None):
    return torch.nn.functional.max_pool2d(torch.tensor(x), kernel_size, stride).numpy()


def maxpool2d_backward(dout, x, kernel_size, stride=None):
    xt = torch.tensor(x, requires_grad=True)
    torch.nn.functional.max_pool2d(xt, kernel_size, stride).backward(torch.tensor(dout))
    return xt.grad.numpy()

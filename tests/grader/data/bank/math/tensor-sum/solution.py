import torch


def column_sums(x):
    return x.sum(dim=0)


def tiny_model(n_in):
    torch.manual_seed(0)
    return torch.nn.Linear(n_in, 2)

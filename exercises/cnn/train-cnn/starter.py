import torch
from torch import nn


def train_cnn(X_train, y_train, device):
    """Train a small CNN on 8x8 digit images and return the trained ``torch.nn.Module``.

    X_train: float32 tensor (N, 1, 8, 8) with values in [0, 1], on the CPU.
    y_train: int64 tensor (N,) of digits 0..9, on the CPU.
    device: "cuda" or "cpu"; train there and return the model on that device.
    ``model(x)`` must return logits of shape (N, 10).
    """
    raise NotImplementedError

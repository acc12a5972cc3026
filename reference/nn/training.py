"""Training a small CNN on 8x8 digits, and preparing a model for transfer learning (module 11).

Everything here is PyTorch. Randomness (initial weights, minibatch order) comes from a fixed
seed inside ``torch.random.fork_rng``, so results are reproducible and the caller's global
torch random state is left as it was.
"""

from __future__ import annotations

import torch
from torch import nn

from reference._validation import check_positive_int, single_cpu_thread

__all__ = ["BackboneHeadModel", "make_backbone_model", "prepare_for_finetuning", "train_cnn"]

_CNN_SEED = 0
_CNN_EPOCHS = 12
_CNN_BATCH_SIZE = 64
_CNN_LR = 3e-3


class DigitsCNN(nn.Module):
    """Two 3x3 convolutions, a 2x2 max pool and two linear layers for ``(N, 1, 8, 8)`` inputs."""

    def __init__(self, n_classes: int = 10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.Conv2d(16, 32, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(32 * 4 * 4, 128),
            nn.ReLU(),
            nn.Linear(128, n_classes),
        )

    def forward(self, x):
        return self.classifier(self.features(x))


def _check_device(device):
    try:
        return torch.device(device)
    except (RuntimeError, TypeError) as exc:
        raise ValueError(f"device must name a torch device, got device={device!r}") from exc


def train_cnn(X_train, y_train, device):
    r"""Train a small CNN on 8x8 digit images and return it (in training mode).

    Minimises the mean softmax cross-entropy

    .. math::

        L = -\frac{1}{B} \sum_{i=1}^{B} \log \operatorname{softmax}(f_\theta(x_i))_{y_i}

    over shuffled minibatches of 64 with Adam (learning rate 3e-3) for 12 epochs.

    Parameters
    ----------
    X_train : torch.Tensor of float32, shape (N, 1, 8, 8)
        Images scaled to [0, 1], on any device.
    y_train : torch.Tensor of int64, shape (N,)
        Digit labels in ``0..9``.
    device : str or torch.device
        Where to train (``"cpu"`` or ``"cuda"``); the data and the model are moved there.

    Returns
    -------
    torch.nn.Module
        On ``device``; ``model(x)`` maps ``(N, 1, 8, 8)`` to logits ``(N, 10)``.

    Raises
    ------
    ValueError
        On wrong shapes or dtypes, labels outside ``0..9``, or an unknown ``device``.

    Notes
    -----
    Architecture: conv 3x3 (16) - ReLU - conv 3x3 (32) - ReLU - max pool 2 - linear 128 -
    ReLU - linear 10. Weights are initialised and minibatches drawn from seed 0 (on the CPU,
    whatever the device), so two calls on the same data give the same model on the CPU.
    CPU training runs on one torch thread (the caller's thread count is restored after):
    for a network this small that is faster, and much steadier on a busy machine.
    On the held-out 20% of ``load_digits`` it reaches about 98% in under 2 s of CPU time.

    Examples
    --------
    >>> X = torch.rand(20, 1, 8, 8)
    >>> model = train_cnn(X, torch.arange(20) % 10, "cpu")
    >>> tuple(model(X).shape)
    (20, 10)
    """
    device = _check_device(device)
    if not isinstance(X_train, torch.Tensor) or X_train.dtype != torch.float32:
        got = X_train.dtype if isinstance(X_train, torch.Tensor) else type(X_train).__name__
        raise ValueError(f"X_train must be a float32 torch.Tensor, got {got}")
    if X_train.ndim != 4 or tuple(X_train.shape[1:]) != (1, 8, 8):
        raise ValueError(f"X_train must have shape (N, 1, 8, 8), got {tuple(X_train.shape)}")
    if not isinstance(y_train, torch.Tensor) or y_train.dtype != torch.int64:
        got = y_train.dtype if isinstance(y_train, torch.Tensor) else type(y_train).__name__
        raise ValueError(f"y_train must be an int64 torch.Tensor, got {got}")
    if tuple(y_train.shape) != (X_train.shape[0],):
        raise ValueError(
            f"y_train must have shape ({X_train.shape[0]},), got {tuple(y_train.shape)}"
        )
    if X_train.shape[0] == 0:
        raise ValueError("X_train must hold at least one image, got N=0")
    if y_train.min() < 0 or y_train.max() > 9:
        raise ValueError(
            f"y_train must hold digits 0..9, got values in [{int(y_train.min())}, "
            f"{int(y_train.max())}]"
        )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(_CNN_SEED)
        model = DigitsCNN()
    model = model.to(device)
    X = X_train.to(device)
    y = y_train.to(device)
    generator = torch.Generator().manual_seed(_CNN_SEED)
    optimizer = torch.optim.Adam(model.parameters(), lr=_CNN_LR)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    n = X.shape[0]
    with single_cpu_thread(device):
        for _ in range(_CNN_EPOCHS):
            order = torch.randperm(n, generator=generator).to(device)
            for start in range(0, n, _CNN_BATCH_SIZE):
                batch = order[start : start + _CNN_BATCH_SIZE]
                optimizer.zero_grad()
                loss = loss_fn(model(X[batch]), y[batch])
                loss.backward()
                optimizer.step()
    return model


class BackboneHeadModel(nn.Module):
    """A feature extractor ``backbone`` followed by a final linear ``head``."""

    def __init__(self, backbone: nn.Module, head: nn.Linear):
        super().__init__()
        self.backbone = backbone
        self.head = head

    def forward(self, x):
        return self.head(self.backbone(x))


def make_backbone_model(in_features, n_classes, seed=0, hidden=32):
    r"""Build a small "pretrained-like" MLP with a ``backbone`` and a linear ``head``.

    .. math::

        f(x) = W_h \,\mathrm{ReLU}(W_2\, \mathrm{ReLU}(W_1 x + b_1) + b_2) + b_h

    Parameters
    ----------
    in_features : int
        Input width.
    n_classes : int
        Output width of the head.
    seed : int, default 0
        Seeds the weights (torch's default initialisation); nothing is downloaded.
    hidden : int, default 32
        Width of the backbone's two layers (``head.in_features``).

    Returns
    -------
    BackboneHeadModel
        ``backbone`` is ``Linear - ReLU - Linear - ReLU``, ``head`` a ``Linear(hidden,
        n_classes)``; float32 on the CPU.

    Raises
    ------
    ValueError
        If a size is not a positive int or ``seed`` is not an int.

    Notes
    -----
    The caller's global torch random state is not touched.

    Examples
    --------
    >>> model = make_backbone_model(4, 3, seed=1)
    >>> tuple(model(torch.zeros(2, 4)).shape), model.head.in_features
    ((2, 3), 32)
    """
    in_features = check_positive_int(in_features, "in_features")
    n_classes = check_positive_int(n_classes, "n_classes")
    hidden = check_positive_int(hidden, "hidden")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be an int, got seed={seed!r}")
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        backbone = nn.Sequential(
            nn.Linear(in_features, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU()
        )
        head = nn.Linear(hidden, n_classes)
    return BackboneHeadModel(backbone, head)


def prepare_for_finetuning(model, n_classes):
    r"""Freeze a model's backbone and give it a fresh linear head, in place.

    .. math::

        \theta_{\text{backbone}}\ \text{frozen}, \qquad
        \text{head}(z) = W z + b,\ W \in \mathbb{R}^{n_{\text{classes}} \times d}

    Parameters
    ----------
    model : torch.nn.Module
        Has a ``backbone`` submodule and a ``head`` that is a ``torch.nn.Linear``.
    n_classes : int
        Output width of the new head.

    Returns
    -------
    torch.nn.Module
        ``model`` itself, modified in place.

    Raises
    ------
    ValueError
        If ``model`` lacks ``backbone`` or a linear ``head``, or ``n_classes`` is not a
        positive int.

    Notes
    -----
    Every backbone parameter gets ``requires_grad = False``; the new head is
    ``Linear(head.in_features, n_classes, bias=True)`` with the old head's dtype and device,
    initialised by torch's default (so from the global torch random state) and trainable.
    Parameters outside ``backbone`` and ``head`` are left as they are.

    Examples
    --------
    >>> model = prepare_for_finetuning(make_backbone_model(4, 3), n_classes=5)
    >>> [p.requires_grad for p in model.backbone.parameters()]
    [False, False, False, False]
    >>> model.head
    Linear(in_features=32, out_features=5, bias=True)
    """
    if not isinstance(model, nn.Module):
        raise ValueError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    backbone = getattr(model, "backbone", None)
    if not isinstance(backbone, nn.Module):
        raise ValueError("model must have a `backbone` submodule, found none")
    head = getattr(model, "head", None)
    if not isinstance(head, nn.Linear):
        raise ValueError(f"model.head must be a torch.nn.Linear, got {type(head).__name__}")
    n_classes = check_positive_int(n_classes, "n_classes")
    for parameter in backbone.parameters():
        parameter.requires_grad_(False)
    model.head = nn.Linear(
        head.in_features,
        n_classes,
        bias=True,
        dtype=head.weight.dtype,
        device=head.weight.device,
    )
    return model

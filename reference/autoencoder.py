"""A fully connected autoencoder: encoder, bottleneck, decoder, reconstruction (module 13).

PyTorch. Initial weights and minibatch order come from fixed seeds inside
``torch.random.fork_rng``, so results are reproducible and the caller's global torch random
state is left as it was.
"""

from __future__ import annotations

import torch
from torch import nn

from reference._validation import check_positive_int, single_cpu_thread

__all__ = ["Autoencoder", "build_autoencoder", "train_autoencoder"]

_SEED = 0
_BATCH_SIZE = 64


class Autoencoder(nn.Module):
    """``decoder(encoder(x))``: the encoder maps to ``latent_dim`` features, the decoder back."""

    def __init__(self, encoder: nn.Module, decoder: nn.Module):
        super().__init__()
        self.encoder = encoder
        self.decoder = decoder

    def forward(self, x):
        return self.decoder(self.encoder(x))


def build_autoencoder(input_dim, latent_dim):
    r"""Build a symmetric MLP autoencoder with a ``latent_dim``-wide bottleneck.

    .. math::

        z = W_2\,\mathrm{ReLU}(W_1 x + b_1) + b_2, \qquad
        \hat x = \sigma\big(W_4\,\mathrm{ReLU}(W_3 z + b_3) + b_4\big)

    Parameters
    ----------
    input_dim : int
        Features per sample.
    latent_dim : int
        Width of the code ``z``.

    Returns
    -------
    Autoencoder
        With ``encoder`` (``Linear(input_dim, hidden) - ReLU - Linear(hidden, latent_dim)``)
        and ``decoder`` (``Linear(latent_dim, hidden) - ReLU - Linear(hidden, input_dim) -
        Sigmoid``), float32 on the CPU.

    Raises
    ------
    ValueError
        If a size is not a positive int.

    Notes
    -----
    ``hidden = min(input_dim, 2 * latent_dim)`` but at least ``latent_dim`` (64-32-16-32-64
    for digits with ``latent_dim=16``). The sigmoid output suits inputs in [0, 1]. Weights
    use torch's default initialisation drawn from a fixed seed, so every call builds the
    same network. A bottleneck narrower than the input is the caller's choice.

    Examples
    --------
    >>> model = build_autoencoder(64, 16)
    >>> x = torch.rand(5, 64)
    >>> tuple(model.encoder(x).shape), tuple(model(x).shape)
    ((5, 16), (5, 64))
    """
    input_dim = check_positive_int(input_dim, "input_dim")
    latent_dim = check_positive_int(latent_dim, "latent_dim")
    hidden = max(latent_dim, min(input_dim, 2 * latent_dim))
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(_SEED)
        encoder = nn.Sequential(
            nn.Linear(input_dim, hidden), nn.ReLU(), nn.Linear(hidden, latent_dim)
        )
        decoder = nn.Sequential(
            nn.Linear(latent_dim, hidden), nn.ReLU(), nn.Linear(hidden, input_dim), nn.Sigmoid()
        )
    return Autoencoder(encoder, decoder)


def train_autoencoder(model, X, epochs=50, lr=1e-2):
    r"""Train an autoencoder in place to reconstruct ``X``; return the loss of each epoch.

    .. math::

        L_{\text{batch}} = \frac{1}{B\,D} \sum_{i=1}^{B} \lVert \text{model}(x_i) - x_i
        \rVert^2, \qquad
        L_{\text{epoch}} = \frac{1}{N} \sum_{\text{batches}} B\, L_{\text{batch}}

    Parameters
    ----------
    model : torch.nn.Module
        Maps ``(N, input_dim)`` to ``(N, input_dim)``; trained in place.
    X : torch.Tensor of float32, shape (N, input_dim)
        Training inputs (in [0, 1] for a sigmoid decoder), on the model's device.
    epochs : int, default 50
        Passes over the data.
    lr : float, default 1e-2
        Learning rate of ``torch.optim.Adam(model.parameters(), lr)``.

    Returns
    -------
    list of float
        ``epochs`` values: each epoch's batch MSE losses averaged with weights equal to the
        batch sizes (the last batch may be smaller than 64).

    Raises
    ------
    ValueError
        If ``model`` is not a Module, ``X`` is not a non-empty 2-D float32 tensor,
        ``epochs`` is not a positive int or ``lr`` is not positive.

    Notes
    -----
    Each epoch visits the rows in a fresh random order in minibatches of 64, drawn from a
    ``torch.Generator`` seeded with 0 (on the CPU), so the same inputs give the same losses.
    The model is left in training mode. On the CPU it trains on one torch thread (the
    caller's thread count is restored after), faster and steadier for so small a network.

    Examples
    --------
    >>> X = torch.rand(100, 8)
    >>> losses = train_autoencoder(build_autoencoder(8, 4), X, epochs=3)
    >>> len(losses), all(isinstance(v, float) for v in losses)
    (3, True)
    """
    if not isinstance(model, nn.Module):
        raise ValueError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    if not isinstance(X, torch.Tensor) or X.dtype != torch.float32:
        got = X.dtype if isinstance(X, torch.Tensor) else type(X).__name__
        raise ValueError(f"X must be a float32 torch.Tensor, got {got}")
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(f"X must have shape (N, input_dim) with N >= 1, got {tuple(X.shape)}")
    epochs = check_positive_int(epochs, "epochs")
    if isinstance(lr, bool) or not isinstance(lr, int | float) or not lr > 0:
        raise ValueError(f"lr must be a positive number, got lr={lr!r}")
    optimizer = torch.optim.Adam(model.parameters(), lr)
    loss_fn = nn.MSELoss()
    generator = torch.Generator().manual_seed(_SEED)
    n = X.shape[0]
    model.train()
    losses = []
    with single_cpu_thread(X.device):
        for _ in range(epochs):
            order = torch.randperm(n, generator=generator).to(X.device)
            total = 0.0
            for start in range(0, n, _BATCH_SIZE):
                batch = X[order[start : start + _BATCH_SIZE]]
                optimizer.zero_grad()
                loss = loss_fn(model(batch), batch)
                loss.backward()
                optimizer.step()
                total += loss.item() * batch.shape[0]
            losses.append(total / n)
    return losses

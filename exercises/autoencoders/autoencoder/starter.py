import torch
from torch import nn


def build_autoencoder(input_dim, latent_dim):
    """Return an nn.Module with ``encoder`` and ``decoder`` submodules: ``encoder(x)`` maps
    (N, input_dim) to (N, latent_dim) and ``model(x) = decoder(encoder(x))`` back to
    (N, input_dim), for inputs in [0, 1]."""
    raise NotImplementedError


def train_autoencoder(model, X, epochs=50, lr=1e-2):
    """Train ``model`` in place to reconstruct ``X`` (a float32 tensor (N, input_dim)) with
    torch.optim.Adam(model.parameters(), lr), shuffled minibatches of 64 and the mean squared
    error. Return a list of ``epochs`` floats: each epoch's batch losses averaged with the
    batch sizes as weights."""
    raise NotImplementedError

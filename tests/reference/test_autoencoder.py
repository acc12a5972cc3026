"""Tests for reference.autoencoder: structure, training semantics, reconstruction on digits."""

import pytest
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

from reference.autoencoder import build_autoencoder, train_autoencoder


def test_build_autoencoder_structure_and_shapes():
    model = build_autoencoder(64, 16)
    assert isinstance(model.encoder, nn.Module) and isinstance(model.decoder, nn.Module)
    x = torch.rand(7, 64)
    assert model.encoder(x).shape == (7, 16)
    assert model.decoder(model.encoder(x)).shape == (7, 64)
    out = model(x)
    assert out.shape == (7, 64)
    assert torch.all((out >= 0) & (out <= 1))  # sigmoid output for inputs in [0, 1]
    widths = [m.out_features for m in model.encoder.modules() if isinstance(m, nn.Linear)]
    assert widths == [32, 16]


def test_build_autoencoder_is_deterministic_and_leaves_global_rng_alone():
    state = torch.get_rng_state()
    a, b = build_autoencoder(10, 3), build_autoencoder(10, 3)
    assert torch.equal(torch.get_rng_state(), state)
    for p, q in zip(a.parameters(), b.parameters()):
        assert torch.equal(p, q)


@pytest.mark.parametrize(
    ("args", "match"), [((0, 2), "input_dim"), ((4, 0), "latent_dim"), ((4, 2.0), "latent_dim")]
)
def test_build_autoencoder_rejects_bad_sizes(args, match):
    with pytest.raises(ValueError, match=match):
        build_autoencoder(*args)


class _ConstantModel(nn.Module):
    """Predicts 0.5 everywhere; its one parameter gets a zero gradient, so Adam never moves."""

    def __init__(self):
        super().__init__()
        self.unused = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return torch.full_like(x, 0.5) + 0.0 * self.unused


def test_epoch_loss_is_the_sample_weighted_mean_of_batch_losses():
    # 100 rows = batches of 64 and 36: only a sample-weighted mean equals the overall MSE
    X = torch.rand(100, 5, generator=torch.Generator().manual_seed(0))
    losses = train_autoencoder(_ConstantModel(), X, epochs=2)
    expected = ((X.double() - 0.5) ** 2).mean().item()
    assert losses == pytest.approx([expected, expected], rel=1e-6)
    first_batch = ((X[:64].double() - 0.5) ** 2).mean().item()
    second_batch = ((X[64:].double() - 0.5) ** 2).mean().item()
    assert abs((first_batch + second_batch) / 2 - expected) > 1e-6  # the unweighted mean differs


def test_train_autoencoder_trains_in_place_reproducibly():
    X = torch.rand(150, 12, generator=torch.Generator().manual_seed(1))
    model = build_autoencoder(12, 4)
    before = [p.detach().clone() for p in model.parameters()]
    losses = train_autoencoder(model, X, epochs=5, lr=1e-2)
    assert len(losses) == 5 and all(type(v) is float for v in losses)
    assert losses[-1] < losses[0]
    assert any(not torch.equal(p, q) for p, q in zip(model.parameters(), before))
    again = train_autoencoder(build_autoencoder(12, 4), X, epochs=5, lr=1e-2)
    assert again == losses


def test_train_autoencoder_reconstructs_held_out_digits():
    X, y = load_digits(return_X_y=True)
    X_train, X_test = train_test_split(X / 16.0, test_size=0.2, stratify=y, random_state=0)
    X_train = torch.tensor(X_train, dtype=torch.float32)
    X_test = torch.tensor(X_test, dtype=torch.float32)
    model = build_autoencoder(64, 16)
    losses = train_autoencoder(model, X_train)
    assert len(losses) == 50
    with torch.no_grad():
        held_out = nn.functional.mse_loss(model(X_test), X_test).item()
    assert held_out <= 0.03
    baseline = ((X_test - X_train.mean(0)) ** 2).mean().item()  # predicting the mean
    assert held_out < baseline / 2


@pytest.mark.parametrize(
    ("model", "X", "kwargs", "match"),
    [
        ("model", torch.zeros(4, 3), {}, "torch.nn.Module"),
        (None, torch.zeros(4, 3, dtype=torch.float64), {}, "float32"),
        (None, torch.zeros(4), {}, r"shape \(N, input_dim\)"),
        (None, torch.zeros(0, 3), {}, r"shape \(N, input_dim\)"),
        (None, torch.zeros(4, 3), {"epochs": 0}, "epochs must be a positive int"),
        (None, torch.zeros(4, 3), {"lr": 0.0}, "lr must be a positive number"),
    ],
)
def test_train_autoencoder_rejects_bad_input(model, X, kwargs, match):
    with pytest.raises(ValueError, match=match):
        train_autoencoder(build_autoencoder(3, 2) if model is None else model, X, **kwargs)

"""Tests for reference.nn.training: the digits CNN and transfer-learning preparation."""

import numpy as np
import pytest
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

from reference.nn.training import make_backbone_model, prepare_for_finetuning, train_cnn


def _digits_split():
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=0
    )

    def as_images(a):
        return torch.tensor(a / 16.0, dtype=torch.float32).reshape(-1, 1, 8, 8)

    return as_images(X_train), torch.tensor(y_train), as_images(X_test), torch.tensor(y_test)


def _accuracy(model, X, y, device):
    model.eval()
    with torch.no_grad():
        return (model(X.to(device)).argmax(1).cpu() == y).double().mean().item()


@pytest.mark.slow
def test_train_cnn_reaches_95_percent_on_held_out_digits_reproducibly():
    X_train, y_train, X_test, y_test = _digits_split()
    rng_state = torch.get_rng_state()
    model = train_cnn(X_train, y_train, "cpu")  # its time: dlgrade validate --timings
    assert _accuracy(model, X_test, y_test, "cpu") >= 0.95
    assert torch.equal(torch.get_rng_state(), rng_state)  # global RNG untouched
    again = train_cnn(X_train, y_train, "cpu")
    for p, q in zip(model.state_dict().values(), again.state_dict().values()):
        torch.testing.assert_close(p, q)


@pytest.mark.slow
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_train_cnn_on_cuda():
    X_train, y_train, X_test, y_test = _digits_split()
    model = train_cnn(X_train, y_train, "cuda")
    assert next(model.parameters()).device.type == "cuda"
    assert _accuracy(model, X_test, y_test, "cuda") >= 0.95


@pytest.mark.parametrize(
    ("X", "y", "device", "match"),
    [
        (
            torch.zeros(4, 1, 8, 8, dtype=torch.float64),
            torch.zeros(4, dtype=torch.int64),
            "cpu",
            "float32",
        ),
        (torch.zeros(4, 8, 8), torch.zeros(4, dtype=torch.int64), "cpu", r"shape \(N, 1, 8, 8\)"),
        (np.zeros((4, 1, 8, 8), np.float32), torch.zeros(4, dtype=torch.int64), "cpu", "float32"),
        (torch.zeros(4, 1, 8, 8), torch.zeros(4, dtype=torch.int32), "cpu", "int64"),
        (torch.zeros(4, 1, 8, 8), torch.zeros(3, dtype=torch.int64), "cpu", r"shape \(4,\)"),
        (torch.zeros(4, 1, 8, 8), torch.full((4,), 10), "cpu", "digits 0..9"),
        (torch.zeros(0, 1, 8, 8), torch.zeros(0, dtype=torch.int64), "cpu", "N=0"),
        (torch.zeros(4, 1, 8, 8), torch.zeros(4, dtype=torch.int64), "tpu9", "device"),
    ],
)
def test_train_cnn_rejects_bad_input(X, y, device, match):
    with pytest.raises(ValueError, match=match):
        train_cnn(X, y, device)


def test_make_backbone_model_is_seeded_and_leaves_global_rng_alone():
    state = torch.get_rng_state()
    a, b, c = (
        make_backbone_model(5, 3, seed=1),
        make_backbone_model(5, 3, seed=1),
        make_backbone_model(5, 3, seed=2),
    )
    assert torch.equal(torch.get_rng_state(), state)
    for p, q in zip(a.parameters(), b.parameters()):
        assert torch.equal(p, q)
    assert not torch.equal(a.head.weight, c.head.weight)
    assert isinstance(a.head, nn.Linear) and a.head.in_features == 32
    assert a(torch.zeros(7, 5)).shape == (7, 3)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((0, 3), "in_features"),
        ((4, 0), "n_classes"),
        ((4, 3, 1.5), "seed"),
        ((4, 3, 0, 0), "hidden"),
    ],
)
def test_make_backbone_model_rejects_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        make_backbone_model(*args)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_prepare_for_finetuning_freezes_backbone_and_replaces_head(dtype):
    model = make_backbone_model(6, 3, seed=0).to(dtype)
    old_head = model.head
    backbone_before = {k: v.clone() for k, v in model.backbone.state_dict().items()}
    returned = prepare_for_finetuning(model, 5)
    assert returned is model
    assert all(not p.requires_grad for p in model.backbone.parameters())
    assert isinstance(model.head, nn.Linear) and model.head is not old_head
    assert (model.head.in_features, model.head.out_features) == (32, 5)
    assert model.head.bias is not None
    assert model.head.weight.dtype == dtype and model.head.weight.device == old_head.weight.device
    assert all(p.requires_grad for p in model.head.parameters())
    assert model(torch.zeros(4, 6, dtype=dtype)).shape == (4, 5)

    head_before = {k: v.clone() for k, v in model.head.state_dict().items()}
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    X = torch.randn(16, 6, dtype=dtype, generator=torch.Generator().manual_seed(0))
    loss = nn.functional.cross_entropy(model(X), torch.arange(16) % 5)
    loss.backward()
    optimizer.step()
    for name, value in model.backbone.state_dict().items():
        assert torch.equal(value, backbone_before[name]), f"backbone {name} changed"
    for name, value in model.head.state_dict().items():
        assert not torch.equal(value, head_before[name]), f"head {name} did not change"


class _NoBackbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(2, 2)


class _ConvHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Identity()
        self.head = nn.Conv2d(1, 1, 1)


@pytest.mark.parametrize(
    ("model", "n_classes", "match"),
    [
        (_NoBackbone(), 2, "backbone"),
        (_ConvHead(), 2, r"model.head must be a torch.nn.Linear"),
        (make_backbone_model(2, 2), 0, "n_classes must be a positive int"),
        (make_backbone_model(2, 2), 2.0, "n_classes must be a positive int"),
        ("not a model", 2, "torch.nn.Module"),
    ],
)
def test_prepare_for_finetuning_rejects_bad_input(model, n_classes, match):
    with pytest.raises(ValueError, match=match):
        prepare_for_finetuning(model, n_classes)

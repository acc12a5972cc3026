"""Cases for transfer-learning: freeze the backbone, swap the head, in place.

The models are built inside the sandbox by trusted helper code (``MODELS``) with seeded
weights; further helpers read the learner's result there: the ``requires_grad`` flags, the
new head's description, the output shape, whether the same object came back, and which
parameters one SGD step on a batch changes.
"""

import numpy as np

from grader.authoring import case, phrase

MODELS = '''
from torch import nn


class Finetunable(nn.Module):
    def __init__(self, backbone, head, neck=None):
        super().__init__()
        self.backbone = backbone
        if neck is not None:
            self.neck = neck
        self.head = head

    def forward(self, x):
        z = self.backbone(x)
        if "neck" in self._modules:
            z = self.neck(z)
        return self.head(z)


def make_model(kind, size, hidden, n_out, seed, head_bias=True, dtype="float32", neck=False):
    """kind "mlp": inputs (B, size); kind "conv": images (B, 1, size, size)."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        if kind == "mlp":
            backbone = nn.Sequential(nn.Linear(size, hidden), nn.ReLU(),
                                     nn.Linear(hidden, hidden), nn.ReLU())
        else:
            backbone = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Flatten())
            hidden = 4 * (size - 2) ** 2
        model = Finetunable(backbone, nn.Linear(hidden, n_out, bias=head_bias),
                            nn.LayerNorm(hidden) if neck else None)
    return model.to(getattr(torch, dtype))
'''

INSPECT = '''
def flags(model):
    return {name: bool(p.requires_grad) for name, p in model.named_parameters()}


def head_info(model):
    head = getattr(model, "head", None)
    weight = getattr(head, "weight", None)
    bias = getattr(head, "bias", None)
    return {
        "is_linear": isinstance(head, torch.nn.Linear),
        "in_features": getattr(head, "in_features", None),
        "out_features": getattr(head, "out_features", None),
        "has_bias": bias is not None,
        "weight_shape": list(weight.shape) if weight is not None else None,
        "dtype": str(weight.dtype) if weight is not None else None,
        "device": str(weight.device) if weight is not None else None,
    }


def same(a, b):
    return a is b


def output_shape(model, x):
    with torch.no_grad():
        return list(model(x).shape)


def train_step(model, x, y):
    """One SGD step on cross-entropy; which parameters changed."""
    if not any(p.requires_grad for p in model.parameters()):
        raise RuntimeError("no parameter of the model requires a gradient any more: "
                           "the new head must stay trainable")
    before = {name: p.detach().clone() for name, p in model.named_parameters()}
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    optimizer.zero_grad()
    torch.nn.functional.cross_entropy(model(x), y).backward()
    optimizer.step()
    return {name: not torch.equal(before[name], p.detach())
            for name, p in model.named_parameters()}
'''


def _helpers(t):
    return {
        name: t.code(INSPECT, name)
        for name in ("flags", "head_info", "same", "output_shape", "train_step")
    }


def _model(t, kind, size, hidden, n_out, seed, **kwargs):
    return t.code(MODELS, "make_model")(kind, size, hidden, n_out, seed, **kwargs)


def _param_names(kind, head_bias=True, neck=False):
    names = ["backbone.0.weight", "backbone.0.bias"]
    if kind == "mlp":
        names += ["backbone.2.weight", "backbone.2.bias"]
    if neck:
        names += ["neck.weight", "neck.bias"]
    return names + ["head.weight"] + (["head.bias"] if head_bias else [])


def _expected_flags(kind, neck=False):
    """After the call: backbone frozen, everything else (new head with bias, neck) trainable."""
    return {name: not name.startswith("backbone.") for name in _param_names(kind, neck=neck)}


def _expected_head(in_features, n_classes, dtype="float32"):
    return {
        "is_linear": True,
        "in_features": in_features,
        "out_features": n_classes,
        "has_bias": True,
        "weight_shape": [n_classes, in_features],
        "dtype": f"torch.{dtype}",
        "device": "cpu",
    }


def _batch(t, kind, size, batch, n_classes, dtype="float32"):
    shape = (batch, size) if kind == "mlp" else (batch, 1, size, size)
    x = t.tensor(t.rng.normal(size=shape), dtype, "cpu")
    y = t.tensor(t.rng.integers(0, n_classes, size=batch), "int64", "cpu")
    return x, y


def _check_all(t, kind, size, hidden, n_out, n_classes, what, dtype="float32", **kwargs):
    h = _helpers(t)
    model = _model(
        t, kind, size, hidden, n_out, int(t.rng.integers(0, 1000)), dtype=dtype, **kwargs
    )
    result = t.call("prepare_for_finetuning", model, n_classes)
    features = hidden if kind == "mlp" else 4 * (size - 2) ** 2
    neck = kwargs.get("neck", False)
    t.expect_exact(
        h["same"](result, model),
        True,
        name=phrase(
            "whether the same model object is returned ({what})",
            "같은 모델 객체를 반환하는지 ({what})",
            what=what,
        ),
    )
    t.expect_exact(
        h["flags"](model),
        _expected_flags(kind, neck),
        name=phrase("the requires_grad flags ({what})", "requires_grad 플래그 ({what})", what=what),
    )
    t.expect_exact(
        h["head_info"](model),
        _expected_head(features, n_classes, dtype),
        name=phrase("the new head ({what})", "새 헤드 ({what})", what=what),
    )
    x, y = _batch(t, kind, size, 7, n_classes, dtype)
    t.expect_exact(
        h["output_shape"](model, x),
        [7, n_classes],
        name=phrase(
            "the output shape for a batch of 7 ({what})",
            "샘플 7개인 배치의 출력 shape ({what})",
            what=what,
        ),
    )
    t.expect_exact(
        h["train_step"](model, x, y),
        _expected_flags(kind, neck),
        name=phrase(
            "which parameters one SGD step changes ({what})",
            "SGD 한 스텝이 바꾸는 매개변수 ({what})",
            what=what,
        ),
    )


@case(
    points=1,
    description={
        "en": "every backbone parameter is frozen, the new head trains",
        "ko": "백본의 모든 파라미터는 동결되고 새 헤드만 학습",
    },
)
def backbone_frozen(t):
    h = _helpers(t)
    model = _model(t, "mlp", 4, 8, 3, 0)
    t.call("prepare_for_finetuning", model, 5)
    t.expect_exact(
        h["flags"](model),
        _expected_flags("mlp"),
        name={"en": "the requires_grad flags", "ko": "requires_grad 플래그"},
    )


@case(
    points=1,
    description={
        "en": "the head becomes Linear(8, 5, bias=True); outputs are (6, 5)",
        "ko": "헤드는 Linear(8, 5, bias=True)가 되고 출력은 (6, 5)",
    },
)
def new_head(t):
    h = _helpers(t)
    model = _model(t, "mlp", 4, 8, 3, 0)
    t.call("prepare_for_finetuning", model, 5)
    t.expect_exact(
        h["head_info"](model), _expected_head(8, 5), name={"en": "the new head", "ko": "새 헤드"}
    )
    x = t.tensor(np.arange(24.0).reshape(6, 4) / 10, "float32", "cpu")
    t.expect_exact(
        h["output_shape"](model, x),
        [6, 5],
        name={"en": "the output shape for 6 inputs", "ko": "입력 6개의 출력 shape"},
    )


@case(
    points=1,
    description={
        "en": "the model is modified in place and returned",
        "ko": "모델을 제자리에서 수정해 반환",
    },
)
def same_object(t):
    h = _helpers(t)
    model = _model(t, "mlp", 4, 8, 3, 0)
    result = t.call("prepare_for_finetuning", model, 5)
    t.expect_exact(
        h["same"](result, model),
        True,
        name={
            "en": "whether the returned model is the object passed in",
            "ko": "반환한 모델이 넘겨받은 객체인지",
        },
    )


@case(
    points=1,
    description={
        "en": "one training step changes the head and nothing else",
        "ko": "학습 한 단계는 헤드만 바꾸고 다른 것은 바꾸지 않음",
    },
)
def training_step(t):
    h = _helpers(t)
    model = _model(t, "mlp", 4, 8, 3, 0)
    t.call("prepare_for_finetuning", model, 5)
    x = t.tensor(np.linspace(-1.0, 1.0, 24).reshape(6, 4), "float32", "cpu")
    y = t.tensor(np.array([0, 1, 2, 3, 4, 0]), "int64", "cpu")
    t.expect_exact(
        h["train_step"](model, x, y),
        _expected_flags("mlp"),
        name={
            "en": "which parameters one SGD step changes",
            "ko": "SGD 한 스텝이 바꾸는 매개변수",
        },
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random sizes: flags, head, shape, step, same object",
        "ko": "무작위 크기: 플래그, 헤드, shape, 학습 단계, 같은 객체",
    },
)
def random_sizes(t):
    size, hidden = (int(v) for v in t.rng.integers(3, 12, size=2))
    n_out, n_classes = (int(v) for v in t.rng.integers(2, 9, size=2))
    _check_all(
        t,
        "mlp",
        size,
        hidden,
        n_out,
        n_classes,
        f"in {size}, hidden {hidden}, {n_out} -> {n_classes} classes",
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "a float64 model gets a float64 head",
        "ko": "float64 모델에는 float64 헤드",
    },
)
def float64_model(t):
    _check_all(
        t, "mlp", 5, 6, 4, 3, {"en": "a float64 model", "ko": "float64 모델"}, dtype="float64"
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "an old head without bias: the new one has a bias",
        "ko": "편향이 없는 이전 헤드: 새 헤드에는 편향이 있음",
    },
)
def old_head_without_bias(t):
    _check_all(
        t,
        "mlp",
        4,
        7,
        3,
        6,
        {"en": "an old head with bias=False", "ko": "bias=False인 이전 헤드"},
        head_bias=False,
    )


@case(points=1, hidden=True, description={"en": "a convolutional backbone", "ko": "합성곱 백본"})
def conv_backbone(t):
    _check_all(
        t,
        "conv",
        6,
        0,
        10,
        4,
        {"en": "a Conv2d backbone on 6x6 images", "ko": "6x6 이미지의 Conv2d 백본"},
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "a module outside backbone and head stays trainable",
        "ko": "백본과 헤드 밖의 모듈은 학습 가능한 상태로 유지",
    },
)
def module_outside(t):
    _check_all(
        t,
        "mlp",
        4,
        6,
        3,
        5,
        {"en": "a LayerNorm between backbone and head", "ko": "백본과 헤드 사이의 LayerNorm"},
        neck=True,
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "a head wider, then narrower, than the old one",
        "ko": "이전 헤드보다 넓은 헤드, 그다음 좁은 헤드",
    },
)
def other_widths(t):
    _check_all(t, "mlp", 3, 5, 4, 12, {"en": "4 -> 12 classes", "ko": "클래스 4 -> 12개"})
    _check_all(t, "mlp", 3, 5, 9, 2, {"en": "9 -> 2 classes", "ko": "클래스 9 -> 2개"})

"""Cases for autoencoder: the model's structure and shapes, the training loop's contract, and
held-out reconstruction error on the digits of scikit-learn.

The answer is not unique (any architecture and any shuffling order will do), so everything is
graded by properties measured in the sandbox by trusted helpers: submodules and shapes, the
number and type of the epoch losses, training in place, and a held-out mean squared error of
at most 0.03 after ``train_autoencoder(model, X_train, epochs=25)``.

The epoch losses' values are graded on a model of the grader's own (``FIXED_MODEL``, weights
drawn from the case's rng), built the same way on both sides: with ``lr=1e-12`` the model does
not move, so every epoch's loss is the full-data MSE whatever the shuffle (this catches an
unweighted mean of the batch losses, a total that is not accumulated, batches sliced one off);
with one batch per epoch (N <= 64) the shuffle cannot matter either, and the losses of a real
training run are compared with the reference's.
"""

# Over 400 lines: structure, training and reconstruction cases, their reasons in two languages.

import functools

import numpy as np
import torch
from sklearn.datasets import load_digits

import reference as ref
from grader.authoring import case, phrase, unchanged

EPOCHS = 25
MAX_MSE = 0.03
TEST_FRACTION = 0.2
FROZEN_LR = 1e-12  # Adam moves each weight by at most about lr per step: the model stays put
LOSS_RTOL = 1e-5  # float32 batch means summed in another order
TRAINED_RTOL = 1e-4  # a few Adam steps on float32 sums taken in another row order

# Runs in the sandbox and, for the expected values, on the trusted side (np and torch in scope).
FIXED_MODEL = '''
def fixed_autoencoder(weights):
    """A d-h-k-h-d autoencoder (ReLU, sigmoid output) with the given weights and biases."""
    w = [torch.tensor(np.asarray(a), dtype=torch.float32) for a in weights]
    hidden, d = w[0].shape
    k = w[2].shape[0]
    encoder = torch.nn.Sequential(
        torch.nn.Linear(d, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, k)
    )
    decoder = torch.nn.Sequential(
        torch.nn.Linear(k, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, d), torch.nn.Sigmoid()
    )

    class Fixed(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder, self.decoder = encoder, decoder

        def forward(self, x):
            return self.decoder(self.encoder(x))

    model = Fixed()
    with torch.no_grad():
        for i, layer in enumerate([encoder[0], encoder[2], decoder[0], decoder[2]]):
            layer.weight.copy_(w[2 * i])
            layer.bias.copy_(w[2 * i + 1])
    return model
'''

# Runs in the sandbox (np and torch in scope).
HELPERS = '''
def describe(model, x, latent_dim):
    """What the grader needs to know about a built model, as plain data."""
    info = {"module": isinstance(model, torch.nn.Module)}
    for part in ("encoder", "decoder"):
        info[part] = isinstance(getattr(model, part, None), torch.nn.Module)
    info["code_shape"] = info["output_shape"] = info["decoded_shape"] = None
    if info["module"] and info["encoder"] and info["decoder"]:
        with torch.no_grad():
            code = model.encoder(x)
            info["code_shape"] = list(code.shape)
            info["output_shape"] = list(model(x).shape)
            if list(code.shape) == [x.shape[0], latent_dim]:
                info["decoded_shape"] = list(model.decoder(code).shape)
    return info


def mse(model, X):
    """Mean squared reconstruction error of X in evaluation mode, without gradients."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            return float(((model(X) - X) ** 2).mean())
    finally:
        model.train(was_training)
'''


@functools.cache
def _digits():
    return (load_digits().data / 16.0).astype(np.float32)


def _split(rng):
    X = _digits()
    perm = rng.permutation(len(X))
    n_test = round(TEST_FRACTION * len(X))
    return X[perm[n_test:]], X[perm[:n_test]]


# Over 60 lines: four small predicates sharing the case's sizes, each reason in two languages.
def _structure_checks(t, input_dim, latent_dim, n=7):
    model = t.call("build_autoencoder", input_dim, latent_dim)
    x = t.tensor(t.rng.random(size=(n, input_dim)).astype(np.float32), "float32", "cpu")
    info = t.code(HELPERS, "describe")(model, x, latent_dim)
    what = f"build_autoencoder({input_dim}, {latent_dim})"

    def submodules(value):
        if not value.get("module"):
            return {
                "en": "should return a torch.nn.Module",
                "ko": "torch.nn.Module을 반환해야 합니다",
            }
        missing = [p for p in ("encoder", "decoder") if not value.get(p)]
        if missing:
            return phrase(
                "has no {missing} submodule: set self.encoder and self.decoder to nn.Module "
                "objects (e.g. nn.Sequential) in __init__",
                "{missing} 하위 모듈이 없습니다: __init__에서 self.encoder와 self.decoder를 "
                "nn.Module 객체(예: nn.Sequential)로 정하세요",
                missing={"en": " or ".join(missing), "ko": " 또는 ".join(missing)},
            )
        return True

    def code_shape(value):
        if value.get("code_shape") is None:
            return {
                "en": "could not be measured (see the submodule check)",
                "ko": "잴 수 없었습니다 (하위 모듈 검사를 보세요)",
            }
        if value["code_shape"] != [n, latent_dim]:
            return phrase(
                "model.encoder(x) for x of shape ({n}, {d}) should have shape ({n}, {k}), "
                "got {got}",
                "shape가 ({n}, {d})인 x에 대한 model.encoder(x)의 shape는 ({n}, {k})여야 하는데 "
                "{got}입니다",
                n=n,
                d=input_dim,
                k=latent_dim,
                got=tuple(value["code_shape"]),
            )
        return True

    def narrower(value):
        shape = value.get("code_shape")
        if not shape or len(shape) != 2 or shape[1] >= input_dim:
            return phrase(
                "the code should be narrower than the input ({k} < {d} features), got shape "
                "{shape}",
                "코드는 입력보다 좁아야 하는데 (특성 {k} < {d}) shape가 {shape}입니다",
                k=latent_dim,
                d=input_dim,
                shape=shape,
            )
        return True

    def output_shape(value):
        expected = [n, input_dim]
        if value.get("output_shape") != expected:
            return phrase(
                "model(x) should reconstruct x with shape ({n}, {d}), got {got}",
                "model(x)는 x를 shape ({n}, {d})로 재구성해야 하는데 {got}입니다",
                n=n,
                d=input_dim,
                got=value.get("output_shape"),
            )
        if value.get("decoded_shape") != expected:
            return phrase(
                "model.decoder(model.encoder(x)) should have shape ({n}, {d}), got {got}",
                "model.decoder(model.encoder(x))의 shape는 ({n}, {d})여야 하는데 {got}입니다",
                n=n,
                d=input_dim,
                got=value.get("decoded_shape"),
            )
        return True

    t.expect_property(
        info,
        submodules,
        name=phrase("{what}'s encoder and decoder", "{what}의 인코더와 디코더", what=what),
    )
    t.expect_property(
        info,
        code_shape,
        name=phrase("{what}'s code (encoder output)", "{what}의 코드 (인코더 출력)", what=what),
    )
    t.expect_property(
        info, narrower, name=phrase("{what}'s bottleneck", "{what}의 병목", what=what)
    )
    t.expect_property(
        info,
        output_shape,
        name=phrase("{what}'s reconstruction", "{what}의 재구성", what=what),
    )


def _losses_ok(epochs):
    def predicate(value):
        if type(value) not in (list, tuple):
            return phrase(
                "train_autoencoder should return a list of {epochs} floats, got {value}",
                "train_autoencoder는 float {epochs}개의 리스트를 반환해야 하는데 {value}입니다",
                epochs=epochs,
                value=f"{value!r:.60}",
            )
        if len(value) != epochs:
            more = {"en": "", "ko": ""}
            if len(value) > epochs:
                more = {
                    "en": "; append once per epoch, not once per batch",
                    "ko": ". 배치마다가 아니라 에포크마다 한 번씩 추가하세요",
                }
            return phrase(
                "should hold one loss per epoch ({epochs}), got {got} values{more}",
                "에포크마다 손실 하나({epochs}개)여야 하는데 값이 {got}개입니다{more}",
                epochs=epochs,
                got=len(value),
                more=more,
            )
        for v in value:
            if isinstance(v, np.ndarray):  # a tensor (or array) in the sandbox
                return {
                    "en": "the losses should be Python floats, not tensors: append loss.item() "
                    "(or float(...))",
                    "ko": "손실은 텐서가 아니라 Python float여야 합니다: loss.item()(또는 "
                    "float(...))을 추가하세요",
                }
            if not isinstance(v, float | int | np.floating | np.integer):
                return phrase(
                    "the losses should be Python floats, got {type}",
                    "손실은 Python float여야 하는데 {type}입니다",
                    type=type(v).__name__,
                )
            if not np.isfinite(v) or v < 0:
                return phrase(
                    "the losses should be finite and non-negative, got {v}",
                    "손실은 음수가 아닌 유한한 값이어야 하는데 {v}입니다",
                    v=v,
                )
        return True

    return predicate


def _train_and_measure(t, X_train, X_test):
    model = t.call("build_autoencoder", X_train.shape[1], 16)
    X_in = t.tensor(X_train, "float32", "cpu")
    losses = t.call("train_autoencoder", model, X_in, epochs=EPOCHS)
    t.expect_property(
        losses,
        _losses_ok(EPOCHS),
        name=phrase("the losses of {n} epochs", "{n} 에포크의 손실", n=EPOCHS),
    )
    error = t.code(HELPERS, "mse")(model, t.tensor(X_test, "float32", "cpu"))

    def good_enough(value):
        if not isinstance(value, float) or not np.isfinite(value):
            return phrase(
                "the error could not be measured ({value})",
                "오차를 잴 수 없었습니다 ({value})",
                value=repr(value),
            )
        if value > MAX_MSE:
            return phrase(
                "held-out MSE {value} is above {limit} (the mean image alone gives about 0.073): "
                "check the loop (zero_grad, Adam, that the model passed in is the one trained) "
                "and the architecture",
                "떼어 둔 데이터의 MSE {value}가 {limit}보다 큽니다 (평균 이미지만으로도 약 "
                "0.073): 학습 루프(zero_grad, Adam, 넘겨받은 모델을 학습하는지)와 구조를 "
                "확인하세요",
                value=f"{value:.4f}",
                limit=MAX_MSE,
            )
        return True

    t.expect_property(
        error,
        good_enough,
        name=phrase(
            "the held-out reconstruction MSE after {n} epochs",
            "{n} 에포크 후 떼어 둔 데이터의 재구성 MSE",
            n=EPOCHS,
        ),
    )


def _fixed_weights(rng, d=64, hidden=24, k=8):
    shapes = [(hidden, d), (k, hidden), (hidden, k), (d, hidden)]
    weights = []
    for rows, columns in shapes:
        bound = 1 / np.sqrt(columns)
        weights.append(rng.uniform(-bound, bound, size=(rows, columns)).astype(np.float32))
        weights.append(rng.uniform(-bound, bound, size=rows).astype(np.float32))
    return weights


def _reference_losses(weights, X, epochs, lr):
    namespace = {"np": np, "torch": torch}
    exec(FIXED_MODEL, namespace)  # trusted code: the same model the sandbox builds
    model = namespace["fixed_autoencoder"](weights)
    return ref.train_autoencoder(model, torch.tensor(X), epochs=epochs, lr=lr)


def _expect_losses(t, X, epochs, lr, rtol, what):
    weights = _fixed_weights(t.rng)
    model = t.code(FIXED_MODEL, "fixed_autoencoder")(weights)
    losses = t.call("train_autoencoder", model, t.tensor(X, "float32", "cpu"), epochs=epochs, lr=lr)
    t.expect_close(
        losses,
        _reference_losses(weights, X, epochs, lr),
        rtol=rtol,
        atol=1e-9,
        dtype="any",
        name=phrase("the epoch losses {what}", "에포크별 손실 ({what})", what=what),
        series="loss",
    )


@case(
    points=1,
    description={
        "en": "build_autoencoder(64, 16): encoder, decoder and their shapes",
        "ko": "build_autoencoder(64, 16): 인코더, 디코더와 그 shape",
    },
)
def structure(t):
    _structure_checks(t, 64, 16)


@case(
    points=1,
    description={
        "en": "train_autoencoder trains the model in place and returns floats",
        "ko": "train_autoencoder는 모델을 제자리에서 학습하고 float를 반환",
    },
)
def short_training(t):
    X = _digits()[:200]
    model = t.call("build_autoencoder", 64, 16)
    X_in = t.tensor(X, "float32", "cpu")
    mse = t.code(HELPERS, "mse")
    before = mse(model, X_in)
    losses = t.call("train_autoencoder", model, X_in, epochs=3)
    after = mse(model, X_in)
    t.expect_property(
        losses,
        _losses_ok(3),
        name={
            "en": "the losses of 3 epochs on 200 digits",
            "ko": "숫자 이미지 200장으로 3 에포크의 손실",
        },
    )
    both = t.together(before, after)

    def improved(value):
        first, second = value
        if not second < first:
            return phrase(
                "the training MSE did not go down ({first} before, {second} after 3 epochs): "
                "train the model you are given, in place",
                "학습 MSE가 내려가지 않았습니다 (3 에포크 전 {first}, 후 {second}): 넘겨받은 "
                "모델을 제자리에서 학습하세요",
                first=f"{first:.4f}",
                second=f"{second:.4f}",
            )
        return True

    t.expect_property(
        both,
        improved,
        name={"en": "the model passed in after training", "ko": "학습 후 넘겨받은 모델"},
    )
    t.expect_property(
        X_in.snapshot(),
        unchanged(
            X,
            {
                "en": "train_autoencoder modified X (inputs must not be modified)",
                "ko": "train_autoencoder가 X를 바꿨습니다 (입력을 수정하면 안 됩니다)",
            },
        ),
        name={"en": "X after training", "ko": "학습 후의 X"},
    )


@case(
    points=2,
    description={
        "en": "digits: held-out reconstruction MSE at most 0.03 (latent_dim 16)",
        "ko": "digits: 검증 데이터의 재구성 MSE가 0.03 이하 (latent_dim 16)",
    },
)
def digits_reconstruction(t):
    _train_and_measure(t, *_split(np.random.default_rng(0)))


@case(
    points=1,
    hidden=True,
    description={"en": "other input and code sizes", "ko": "다른 입력 크기와 코드 크기"},
)
def other_sizes(t):
    latent_dim = int(t.rng.integers(2, 6))
    _structure_checks(
        t, int(t.rng.integers(latent_dim + 4, 40)), latent_dim, n=int(t.rng.integers(1, 9))
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "one loss per epoch, a partial last batch",
        "ko": "에포크마다 손실 하나, 마지막 배치는 일부만",
    },
)
def losses_per_epoch(t):
    epochs = int(t.rng.integers(2, 5))
    rows = t.rng.choice(len(_digits()), size=int(t.rng.integers(130, 190)), replace=False)
    model = t.call("build_autoencoder", 64, 16)
    losses = t.call(
        "train_autoencoder", model, t.tensor(_digits()[rows], "float32", "cpu"), epochs=epochs
    )
    t.expect_property(
        losses,
        _losses_ok(epochs),
        name=phrase("the losses of {n} epochs", "{n} 에포크의 손실", n=epochs),
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "another split of the digits: held-out MSE <= 0.03",
        "ko": "digits를 다르게 나누어도 검증 데이터의 MSE <= 0.03",
    },
)
def digits_other_split(t):
    _train_and_measure(t, *_split(t.rng))


@case(
    points=1,
    description={
        "en": "lr=1e-12 (a model that does not move): each epoch's loss is its MSE",
        "ko": "lr=1e-12 (움직이지 않는 모델): 각 에포크의 손실은 그 MSE",
    },
)
def frozen_epoch_losses(t):
    X = _digits()[:150]  # two batches of 64 and one of 22
    _expect_losses(
        t,
        X,
        2,
        FROZEN_LR,
        LOSS_RTOL,
        {
            "en": "on 150 digits with lr=1e-12 (the batch-size-weighted mean)",
            "ko": "숫자 이미지 150장, lr=1e-12 (배치 크기로 가중한 평균)",
        },
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "lr=1e-12 on other rows: the weighted epoch losses",
        "ko": "다른 행에서 lr=1e-12: 가중 평균한 에포크 손실",
    },
)
def frozen_epoch_losses_other(t):
    n = int(t.rng.integers(130, 250))
    if n % 64 == 0:
        n += 1
    rows = t.rng.choice(len(_digits()), size=n, replace=False)
    _expect_losses(
        t,
        _digits()[rows],
        2,
        FROZEN_LR,
        LOSS_RTOL,
        phrase("on {n} digits with lr=1e-12", "숫자 이미지 {n}장, lr=1e-12", n=n),
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "one batch per epoch: the losses of real training",
        "ko": "에포크마다 배치 하나: 실제 학습의 손실",
    },
)
def trained_epoch_losses(t):
    n = int(t.rng.integers(20, 65))
    rows = t.rng.choice(len(_digits()), size=n, replace=False)
    _expect_losses(
        t,
        _digits()[rows],
        int(t.rng.integers(3, 6)),
        1e-2,
        TRAINED_RTOL,
        f"of {n} digits (lr=1e-2)",
    )

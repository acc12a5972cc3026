"""Cases for train-cnn: a CNN trained on the 8x8 digits reaches 95% on the held-out 20%.

The answer is not unique, so it is graded by properties: the model maps the held-out images
to ``(N, 10)`` logits, their argmax is right on at least 95% of them, and the training
tensors are unchanged. Training is the expensive part (about 2-5 s for the reference on a
busy CPU), so it happens once per grade: one case, whose probes all reuse the same model.
"""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from grader.authoring import case, phrase

THRESHOLD = 0.95

_digits = load_digits()
X = (_digits.data / 16.0).astype(np.float32).reshape(-1, 1, 8, 8)
y = _digits.target.astype(np.int64)
X_TRAIN, X_TEST, Y_TRAIN, Y_TEST = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

# Runs in the sandbox: evaluate the learner's model the way the prompt says.
EVALUATE = """
def evaluate(model, X_test, device):
    if not isinstance(model, torch.nn.Module):
        raise TypeError(
            f"train_cnn should return a torch.nn.Module, got {type(model).__name__}")
    model.eval()
    with torch.no_grad():
        logits = model(X_test.to(device))
    if not isinstance(logits, torch.Tensor):
        raise TypeError(
            f"model(x) should return a tensor of logits, got {type(logits).__name__}")
    predictions = logits.argmax(1).cpu().numpy() if logits.ndim == 2 else None
    return {"shape": list(logits.shape), "predictions": predictions}
"""


def _shape(result):
    shape = result["shape"]
    if shape == [len(X_TEST), 10]:
        return True
    return phrase(
        "model(x) returned logits of shape {shape} for {n} images; it should be ({n}, 10): one "
        "score per digit",
        "model(x)가 이미지 {n}장에 대해 shape {shape}인 로짓을 반환했습니다. ({n}, 10)이어야 "
        "합니다: 숫자마다 점수 하나",
        shape=tuple(shape),
        n=len(X_TEST),
    )


def _accuracy(result):
    predictions = result["predictions"]
    if not isinstance(predictions, np.ndarray) or predictions.shape != Y_TEST.shape:
        return {
            "en": "no predictions could be taken: model(x) should return (N, 10) logits",
            "ko": "예측을 얻을 수 없었습니다: model(x)는 (N, 10) 로짓을 반환해야 합니다",
        }
    accuracy = float(np.mean(predictions == Y_TEST))
    if accuracy >= THRESHOLD:
        return True
    return phrase(
        "{accuracy} of the {n} held-out images are right; at least {threshold} is needed "
        "(train longer, use Adam, or check that the labels stay aligned with their images)",
        "따로 떼어 둔 이미지 {n}장 중 {accuracy}를 맞혔습니다. 적어도 {threshold}가 필요합니다 "
        "(더 오래 학습하거나, Adam을 쓰거나, 레이블이 이미지와 짝이 맞는지 확인하세요)",
        accuracy=f"{accuracy:.1%}",
        n=len(Y_TEST),
        threshold=f"{THRESHOLD:.0%}",
    )


def _figures(result):
    """The held-out accuracy reached, for the result page (passed or not)."""
    predictions = result["predictions"]
    if not isinstance(predictions, np.ndarray) or predictions.shape != Y_TEST.shape:
        return []
    accuracy = float(np.mean(predictions == Y_TEST))
    return [
        {"name": "held-out accuracy", "value": accuracy, "target": THRESHOLD, "unit": "fraction"}
    ]


@case(
    points=2,
    description={
        "en": "held-out accuracy >= 95%, logits (N, 10), inputs unchanged",
        "ko": "검증 데이터 정확도 >= 95%, 로짓 (N, 10), 입력은 그대로",
    },
)
def held_out_accuracy(t):
    X_in = t.tensor(X_TRAIN, "float32", "cpu")
    y_in = t.tensor(Y_TRAIN, "int64", "cpu")
    model = t.call("train_cnn", X_in, y_in, t.device)
    result = t.code(EVALUATE, "evaluate")(model, t.tensor(X_TEST, "float32", "cpu"), t.device)
    t.expect_property(
        result, _shape, name={"en": "the shape of model(X_test)", "ko": "model(X_test)의 shape"}
    )
    t.expect_property(
        result,
        _accuracy,
        name={"en": "the held-out accuracy", "ko": "떼어 둔 데이터의 정확도"},
        figures=_figures,
    )
    t.expect_unchanged(X_in, X_TRAIN, name="X_train")
    t.expect_unchanged(y_in, Y_TRAIN, name="y_train")

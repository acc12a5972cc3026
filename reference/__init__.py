"""The curriculum's reference implementation: the ground truth every grade is measured against.

Every public name that ``docs/CURRICULUM.md`` lists is importable from here. This package
imports only NumPy, PyTorch and the standard library, never anything else of the project.
"""

# --- section A: modules 1-5 (math, statistics, linear-neuron, classification-statistics,
# classifier-neurons). Imports here, names in _SECTION_A.
# (noqa: ruff cannot see through the sorted() __all__ below, so it takes these re-exports for
# unused imports.)
from reference.calculus import (  # noqa: F401
    mse_gradient,
    numerical_derivative,
    numerical_gradient,
    sigmoid_affine_gradient,
)
from reference.classifiers import Adaline, LogisticRegressionSGD, Perceptron  # noqa: F401
from reference.information import cross_entropy, entropy, kl_divergence  # noqa: F401
from reference.linear_neuron import LinearNeuron  # noqa: F401
from reference.probability import (  # noqa: F401
    bernoulli_mle,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    gaussian_mle,
    logit,
    odds,
    sigmoid,
)
from reference.stats import (  # noqa: F401
    fit_line,
    fit_linear,
    mean,
    normal_cdf,
    normal_pdf,
    r2_score,
    standardize,
    std,
    variance,
)

_SECTION_A: list[str] = [
    # 1. math
    "numerical_derivative",
    "numerical_gradient",
    "mse_gradient",
    "sigmoid_affine_gradient",
    "entropy",
    "cross_entropy",
    "kl_divergence",
    # 2. statistics
    "mean",
    "variance",
    "std",
    "standardize",
    "normal_pdf",
    "normal_cdf",
    "fit_line",
    "fit_linear",
    "r2_score",
    # 3. linear-neuron
    "LinearNeuron",
    # 4. classification-statistics
    "odds",
    "logit",
    "sigmoid",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "bernoulli_mle",
    "gaussian_mle",
    # 5. classifier-neurons
    "Perceptron",
    "Adaline",
    "LogisticRegressionSGD",
]
# --- end section A

# --- section B: modules 6-9 (model-tuning, neural-networks, optimizers, metrics).
from reference.losses import (  # noqa: E402, F401
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
)
from reference.metrics.classification import confusion_matrix, precision_recall_f1  # noqa: E402, F401
from reference.metrics.ranking import roc_auc, roc_curve  # noqa: E402, F401
from reference.metrics.regression import mae, mse, rmse  # noqa: E402, F401
from reference.model_selection import (  # noqa: E402, F401
    cross_val_score,
    kfold_indices,
    train_val_test_split,
)
from reference.nn.activations import (  # noqa: E402, F401
    leaky_relu,
    relu,
    relu_grad,
    sigmoid_grad,
    tanh,
    tanh_grad,
)
from reference.nn.batching import minibatch_indices  # noqa: E402, F401
from reference.nn.layers import (  # noqa: E402, F401
    dense_backward,
    dense_forward,
    two_layer_loss_and_grads,
)
from reference.nn.mlp import solve_xor  # noqa: E402, F401
from reference.optim import (  # noqa: E402, F401
    SGD,
    AdaGrad,
    Adam,
    RMSProp,
    exponential_decay,
    gradient_descent,
    step_decay,
)
from reference.regularization import dropout, early_stopping, ridge_loss_and_grad  # noqa: E402, F401
from reference.scaling import apply_standardizer, fit_standardizer, min_max_scale  # noqa: E402, F401

_SECTION_B: list[str] = [
    # 6. model-tuning
    "train_val_test_split",
    "fit_standardizer",
    "apply_standardizer",
    "min_max_scale",
    "kfold_indices",
    "cross_val_score",
    "ridge_loss_and_grad",
    "early_stopping",
    "dropout",
    # 7. neural-networks
    "relu",
    "relu_grad",
    "leaky_relu",
    "tanh",
    "tanh_grad",
    "sigmoid_grad",
    "softmax",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
    "dense_forward",
    "dense_backward",
    "two_layer_loss_and_grads",
    "solve_xor",
    "minibatch_indices",
    # 8. optimizers
    "gradient_descent",
    "SGD",
    "AdaGrad",
    "RMSProp",
    "Adam",
    "step_decay",
    "exponential_decay",
    # 9. metrics
    "mse",
    "mae",
    "rmse",
    "confusion_matrix",
    "precision_recall_f1",
    "roc_curve",
    "roc_auc",
]
# --- end section B

# --- section C: modules 10-14 (data-preparation, cnn, object-detection, autoencoders,
# sequences).
from reference.detection import (  # noqa: E402, F401
    average_precision,
    box_iou,
    mean_average_precision,
    nms,
)
from reference.imbalance import class_weights, random_oversample, smote  # noqa: E402, F401
from reference.nn.conv import (  # noqa: E402, F401
    conv2d_backward,
    conv2d_forward,
    conv2d_output_size,
)
from reference.nn.embedding import embedding_backward, embedding_forward  # noqa: E402, F401
from reference.nn.pooling import maxpool2d_backward, maxpool2d_forward  # noqa: E402, F401
from reference.nn.rnn import rnn_forward  # noqa: E402, F401
from reference.preprocessing import label_encode, one_hot  # noqa: E402, F401
from reference.text import (  # noqa: E402, F401
    build_vocab,
    pad_sequences,
    texts_to_sequences,
    tokenize,
)

# The torch-backed names load on first access (PEP 562), so `import reference` stays
# NumPy-only and does not pay for importing torch.
_TORCH_NAMES_C = {
    "train_cnn": "reference.nn.training",
    "prepare_for_finetuning": "reference.nn.training",
    "make_backbone_model": "reference.nn.training",
    "build_autoencoder": "reference.autoencoder",
    "train_autoencoder": "reference.autoencoder",
}


def __getattr__(name):
    if name not in _TORCH_NAMES_C:
        raise AttributeError(f"module 'reference' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_TORCH_NAMES_C[name]), name)
    globals()[name] = value
    return value


_SECTION_C: list[str] = [
    "average_precision",
    "box_iou",
    "build_vocab",
    "class_weights",
    "conv2d_backward",
    "conv2d_forward",
    "conv2d_output_size",
    "embedding_backward",
    "embedding_forward",
    "label_encode",
    "maxpool2d_backward",
    "maxpool2d_forward",
    "mean_average_precision",
    "nms",
    "one_hot",
    "pad_sequences",
    "random_oversample",
    "rnn_forward",
    "smote",
    "texts_to_sequences",
    "tokenize",
    *_TORCH_NAMES_C,
]
# --- end section C

__all__ = sorted([*_SECTION_A, *_SECTION_B, *_SECTION_C])

"""The curriculum's reference implementation: the ground truth every grade is measured against.

Every public name that ``docs/CURRICULUM.md`` lists is importable from here. This package
imports only NumPy, PyTorch and the standard library, never anything else of the project.
Names are loaded on first use (PEP 562), so ``import reference`` is cheap and torch is
imported only by code that uses a torch-based name.
"""

from importlib import import_module
from typing import Any

# name -> defining module, in curriculum order
_EXPORTS: dict[str, str] = {
    # section A
    "numerical_derivative": "reference.calculus",
    "numerical_gradient": "reference.calculus",
    "mse_gradient": "reference.calculus",
    "sigmoid_affine_gradient": "reference.calculus",
    "entropy": "reference.information",
    "cross_entropy": "reference.information",
    "kl_divergence": "reference.information",
    "mean": "reference.stats.descriptive",
    "variance": "reference.stats.descriptive",
    "std": "reference.stats.descriptive",
    "standardize": "reference.stats.descriptive",
    "normal_pdf": "reference.stats.normal",
    "normal_cdf": "reference.stats.normal",
    "fit_line": "reference.stats.least_squares",
    "fit_linear": "reference.stats.least_squares",
    "r2_score": "reference.stats.least_squares",
    "LinearNeuron": "reference.linear_neuron",
    "odds": "reference.probability",
    "logit": "reference.probability",
    "sigmoid": "reference.probability",
    "binary_cross_entropy": "reference.probability",
    "binary_cross_entropy_with_logits": "reference.probability",
    "bernoulli_mle": "reference.probability",
    "gaussian_mle": "reference.probability",
    "Perceptron": "reference.classifiers",
    "Adaline": "reference.classifiers",
    "LogisticRegressionSGD": "reference.classifiers",
    # section B
    "train_val_test_split": "reference.model_selection",
    "fit_standardizer": "reference.scaling",
    "apply_standardizer": "reference.scaling",
    "min_max_scale": "reference.scaling",
    "kfold_indices": "reference.model_selection",
    "cross_val_score": "reference.model_selection",
    "ridge_loss_and_grad": "reference.regularization",
    "early_stopping": "reference.regularization",
    "dropout": "reference.regularization",
    "relu": "reference.nn.activations",
    "relu_grad": "reference.nn.activations",
    "leaky_relu": "reference.nn.activations",
    "tanh": "reference.nn.activations",
    "tanh_grad": "reference.nn.activations",
    "sigmoid_grad": "reference.nn.activations",
    "softmax": "reference.losses",
    "softmax_cross_entropy": "reference.losses",
    "softmax_cross_entropy_grad": "reference.losses",
    "dense_forward": "reference.nn.layers",
    "dense_backward": "reference.nn.layers",
    "two_layer_loss_and_grads": "reference.nn.layers",
    "solve_xor": "reference.nn.mlp",
    "minibatch_indices": "reference.nn.batching",
    "gradient_descent": "reference.optim.descent",
    "SGD": "reference.optim.optimizers",
    "AdaGrad": "reference.optim.optimizers",
    "RMSProp": "reference.optim.optimizers",
    "Adam": "reference.optim.optimizers",
    "step_decay": "reference.optim.schedules",
    "exponential_decay": "reference.optim.schedules",
    "mse": "reference.metrics.regression",
    "mae": "reference.metrics.regression",
    "rmse": "reference.metrics.regression",
    "confusion_matrix": "reference.metrics.classification",
    "precision_recall_f1": "reference.metrics.classification",
    "roc_curve": "reference.metrics.ranking",
    "roc_auc": "reference.metrics.ranking",
    # section C
    "average_precision": "reference.detection.precision",
    "box_iou": "reference.detection.boxes",
    "build_vocab": "reference.text",
    "class_weights": "reference.imbalance",
    "conv2d_backward": "reference.nn.conv",
    "conv2d_forward": "reference.nn.conv",
    "conv2d_output_size": "reference.nn.conv",
    "embedding_backward": "reference.nn.embedding",
    "embedding_forward": "reference.nn.embedding",
    "label_encode": "reference.preprocessing",
    "maxpool2d_backward": "reference.nn.pooling",
    "maxpool2d_forward": "reference.nn.pooling",
    "mean_average_precision": "reference.detection.mean_ap",
    "nms": "reference.detection.boxes",
    "one_hot": "reference.preprocessing",
    "pad_sequences": "reference.text",
    "random_oversample": "reference.imbalance",
    "rnn_forward": "reference.nn.rnn",
    "smote": "reference.imbalance",
    "texts_to_sequences": "reference.text",
    "tokenize": "reference.text",
    "train_cnn": "reference.nn.training",
    "prepare_for_finetuning": "reference.nn.training",
    "make_backbone_model": "reference.nn.training",
    "build_autoencoder": "reference.autoencoder",
    "train_autoencoder": "reference.autoencoder",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reference' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__

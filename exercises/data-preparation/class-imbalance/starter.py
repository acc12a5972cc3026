import numpy as np


def class_weights(y):
    """Balanced class weights {label: n / (n_classes * count)}.

    One key per distinct label of y, as a Python scalar (int, float or str); each value a
    Python float.
    """
    raise NotImplementedError


def random_oversample(X, y, rng):
    """Repeat random rows of every smaller class until each class has the majority's count.

    Returns (X_resampled, y_resampled): the original rows in input order, followed by the
    extra rows, drawn with replacement from the rows of their class using rng (a
    numpy.random.Generator). Do not modify X or y.
    """
    raise NotImplementedError


def smote(X_minority, n_new, k, rng):
    """n_new synthetic rows, each x_i + gap * (x_j - x_i) for a random minority point x_i,
    one of its k nearest minority neighbours x_j (Euclidean, x_i itself excluded) and a
    random gap in [0, 1).

    Returns a float64 array of shape (n_new, n_features). Raises ValueError if
    k >= len(X_minority). Draw everything from rng.
    """
    raise NotImplementedError

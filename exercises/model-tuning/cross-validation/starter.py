import numpy as np


def cross_val_score(make_model, X, y, k=5):
    """Validation accuracy of each of the k folds of unshuffled k-fold cross-validation.

    make_model() returns a fresh, untrained object with fit(X, y) and predict(X); call it
    once per fold, fit the model on the fold's training rows and score it on the fold's
    validation rows with mean(predict(X_val) == y_val). Returns a float64 array of shape (k,).
    """
    raise NotImplementedError

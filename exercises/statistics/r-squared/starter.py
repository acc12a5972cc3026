import numpy as np


def r2_score(y_true, y_pred):
    """Coefficient of determination 1 - SS_res / SS_tot, as a float.

    When SS_tot is exactly 0: 1.0 for a perfect prediction, else 0.0. Fewer than two
    samples raise ValueError.
    """
    raise NotImplementedError

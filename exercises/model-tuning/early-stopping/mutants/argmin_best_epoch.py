# Wrong: takes best_epoch as the argmin of the losses seen, ignoring min_delta's rule.
import math

import numpy as np


def early_stopping(val_losses, patience, min_delta=0.0):
    if patience < 1 or len(val_losses) == 0:
        raise ValueError("patience must be >= 1 and val_losses non-empty")
    best, wait = math.inf, 0
    stop = len(val_losses) - 1
    for epoch, loss in enumerate(val_losses):
        if loss < best - min_delta:
            best, wait = loss, 0
        else:
            wait += 1
            if wait >= patience:
                stop = epoch
                break
    return int(np.argmin(val_losses[: stop + 1])), stop

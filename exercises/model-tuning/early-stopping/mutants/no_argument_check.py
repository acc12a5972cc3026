# Wrong: never checks its arguments, so patience=0 and an empty list return instead of raising.
import math


def early_stopping(val_losses, patience, min_delta=0.0):
    best, best_epoch, wait = math.inf, 0, 0
    for epoch, loss in enumerate(val_losses):
        if loss < best - min_delta:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return best_epoch, epoch
    return best_epoch, len(val_losses) - 1

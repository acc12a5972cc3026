def early_stopping(val_losses, patience, min_delta=0.0):
    """(best_epoch, stop_epoch), both 0-based, of patience-based early stopping.

    best = inf, best_epoch = 0, wait = 0; for each epoch e: if loss < best - min_delta then
    best, best_epoch, wait = loss, e, 0; else wait += 1 and stop at e once wait >= patience.
    If it never stops, stop_epoch = len(val_losses) - 1.
    Raises ValueError if patience < 1 or val_losses is empty.
    """
    raise NotImplementedError

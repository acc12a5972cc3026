"""Forward pass of a vanilla (Elman) recurrent layer with tanh (curriculum module 14)."""

from __future__ import annotations

import numpy as np

__all__ = ["rnn_forward"]


def rnn_forward(x, h0, Wx, Wh, b):
    r"""Run a tanh RNN over a batch of sequences.

    .. math::

        h_t = \tanh(x_t W_x + h_{t-1} W_h + b), \qquad t = 1, \dots, T

    Parameters
    ----------
    x : array-like, shape (N, T, D)
        Input sequences, batch first.
    h0 : array-like, shape (N, H)
        Initial hidden state.
    Wx : array-like, shape (D, H)
        Input-to-hidden weights.
    Wh : array-like, shape (H, H)
        Hidden-to-hidden weights.
    b : array-like, shape (H,)
        Bias.

    Returns
    -------
    h_all : ndarray of float64, shape (N, T, H)
        Hidden state after every step.
    h_last : ndarray of float64, shape (N, H)
        ``h_all[:, -1]`` (``h0`` when ``T = 0``).

    Raises
    ------
    ValueError
        On inconsistent shapes.

    Notes
    -----
    Matches ``torch.nn.RNN(D, H, batch_first=True)`` (tanh, one layer) with
    ``weight_ih_l0 = Wx.T``, ``weight_hh_l0 = Wh.T``, ``bias_ih_l0 = b``, ``bias_hh_l0 = 0``,
    called as ``rnn(x, h0[None])``.

    Examples
    --------
    >>> x = np.ones((1, 2, 1))
    >>> h_all, h_last = rnn_forward(x, np.zeros((1, 1)), [[1.0]], [[1.0]], [0.0])
    >>> np.round(h_all[0, :, 0], 6), bool(np.all(h_last == h_all[:, -1]))
    (array([0.761594, 0.942681]), True)
    """
    x, h0, Wx, Wh, b = (np.asarray(a, dtype=np.float64) for a in (x, h0, Wx, Wh, b))
    if x.ndim != 3:
        raise ValueError(f"x must be 3-D (N, T, D), got an array of shape {x.shape}")
    n, steps, d = x.shape
    if h0.ndim != 2 or h0.shape[0] != n:
        raise ValueError(f"h0 must have shape ({n}, H), got {h0.shape}")
    hidden = h0.shape[1]
    expected = {"Wx": (Wx, (d, hidden)), "Wh": (Wh, (hidden, hidden)), "b": (b, (hidden,))}
    for name, (array, shape) in expected.items():
        if array.shape != shape:
            raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    # All input projections in one product; only the recurrence needs the loop over time.
    projected = x @ Wx + b
    h_all = np.empty((n, steps, hidden))
    h = h0
    for t in range(steps):
        h = np.tanh(projected[:, t] + h @ Wh)
        h_all[:, t] = h
    return h_all, h.copy()

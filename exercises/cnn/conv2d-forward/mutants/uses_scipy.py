# Wrong: calls scipy.signal.correlate2d, which this exercise forbids.
import numpy as np
from scipy.signal import correlate2d


def conv2d_forward(x, weight, bias, stride=1, padding=0):
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    n, f = x.shape[0], weight.shape[0]
    maps = np.array([[sum(correlate2d(xp[i, c], weight[k, c], mode="valid")
                          for c in range(x.shape[1])) for k in range(f)] for i in range(n)])
    return maps[:, :, ::stride, ::stride] + bias[None, :, None, None]

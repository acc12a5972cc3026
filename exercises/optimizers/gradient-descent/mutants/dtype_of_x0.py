# Wrong: allocates the trajectory with x0's dtype, so an integer x0 truncates every point.
import numpy as np


def gradient_descent(grad_fn, x0, learning_rate, steps):
    trajectory = np.zeros((steps + 1,) + x0.shape, dtype=x0.dtype)
    trajectory[0] = x0
    for t in range(steps):
        trajectory[t + 1] = trajectory[t] - learning_rate * grad_fn(trajectory[t])
    return trajectory

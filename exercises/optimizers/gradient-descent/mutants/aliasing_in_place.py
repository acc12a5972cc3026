# Wrong: updates x0 itself in place and appends the same array each time (every row is the last point).
import numpy as np


def gradient_descent(grad_fn, x0, learning_rate, steps):
    x = x0
    points = [x]
    for _ in range(steps):
        x -= learning_rate * grad_fn(x)
        points.append(x)
    return np.array(points, dtype=float)

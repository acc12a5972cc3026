# Wrong: steps along the gradient (x + lr * g) instead of against it.
import numpy as np


def gradient_descent(grad_fn, x0, learning_rate, steps):
    x = np.asarray(x0, dtype=float)
    points = [x]
    for _ in range(steps):
        x = x + learning_rate * grad_fn(x)
        points.append(x)
    return np.stack(points)

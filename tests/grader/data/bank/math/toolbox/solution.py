import numpy as np


def safe_div(a, b):
    if b == 0:
        raise ValueError("b must not be 0")
    return a / b


class Counter:
    def __init__(self, start=0):
        self.total = start
        self.history = []

    def add(self, x):
        self.total += x
        self.history.append(self.total)
        return self


def square(x):
    return float(np.sum(x ** 2))


def square_grad(x):
    return 2 * x


def apply(f, x):
    return f(x)


def draw(rng, n):
    return rng.normal(size=n)


def split(n):
    return {"even": np.arange(0, n, 2), "odd": np.arange(1, n, 2)}


def fill(x, value):
    x[:] = value

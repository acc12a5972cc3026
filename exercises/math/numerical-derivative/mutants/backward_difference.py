# Wrong: the backward difference (f(x) - f(x - h)) / h, first-order accurate only.
def numerical_derivative(f, x, h=1e-5):
    return float((f(x) - f(x - h)) / h)

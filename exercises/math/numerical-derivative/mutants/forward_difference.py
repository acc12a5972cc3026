# Wrong: the forward difference (f(x + h) - f(x)) / h, whose error is O(h), not O(h^2).
def numerical_derivative(f, x, h=1e-5):
    return float((f(x + h) - f(x)) / h)

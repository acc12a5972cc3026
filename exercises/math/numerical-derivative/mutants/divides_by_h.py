# Wrong: divides the central difference by h instead of 2h (twice too large).
def numerical_derivative(f, x, h=1e-5):
    return float((f(x + h) - f(x - h)) / h)

# Wrong: operator precedence, f(x + h) - f(x - h) / 2 * h is not the formula.
def numerical_derivative(f, x, h=1e-5):
    return float(f(x + h) - f(x - h) / 2 * h)

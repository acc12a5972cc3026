# Wrong: ignores the h argument and always steps by 1e-5.
def numerical_derivative(f, x, h=1e-5):
    step = 1e-5
    return float((f(x + step) - f(x - step)) / (2 * step))

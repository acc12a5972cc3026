# Wrong: differentiates symbolically with sympy, which this exercise forbids.
import sympy


def numerical_derivative(f, x, h=1e-5):
    t = sympy.Symbol("t")
    return float(sympy.diff(f(t), t).subs(t, x))

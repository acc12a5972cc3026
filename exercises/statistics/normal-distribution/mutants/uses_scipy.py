# Wrong: calls scipy.stats.norm, which this exercise forbids.
from scipy.stats import norm


def normal_pdf(x, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    return norm.pdf(x, mu, sigma)


def normal_cdf(x, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    return norm.cdf(x, mu, sigma)

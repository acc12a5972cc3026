# Wrong: uses the statistics module, which this exercise forbids.
import statistics


def mean(x):
    return float(statistics.fmean(x))


def variance(x, ddof=0):
    return float(statistics.pvariance(x) if ddof == 0 else statistics.variance(x))


def std(x, ddof=0):
    return variance(x, ddof) ** 0.5

# Wrong: uses scikit-learn's StandardScaler, which this exercise forbids.
from sklearn.preprocessing import StandardScaler


def standardize(X):
    scaler = StandardScaler().fit(X)
    return scaler.transform(X), scaler.mean_, scaler.scale_

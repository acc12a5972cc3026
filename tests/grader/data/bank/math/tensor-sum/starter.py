def column_sums(x):
    raise NotImplementedError


def tiny_model(n_in):
    raise NotImplementedError

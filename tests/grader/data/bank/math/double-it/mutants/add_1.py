# Wrong: adds 1 instead of doubling.
def double(x):
    return x + 1

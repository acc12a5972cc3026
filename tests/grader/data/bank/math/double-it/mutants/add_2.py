# Wrong: adds 2 instead of doubling.
def double(x):
    return x + 2

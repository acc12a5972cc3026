# Wrong: adds 3 instead of doubling.
def double(x):
    return x + 3

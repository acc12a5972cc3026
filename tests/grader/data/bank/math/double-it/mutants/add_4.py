# Wrong: adds 4 instead of doubling.
def double(x):
    return x + 4

# Wrong: rounds epoch / step_size to the nearest integer, decaying half a period too early.
def step_decay(lr0, epoch, step_size, gamma=0.1):
    return lr0 * gamma ** round(epoch / step_size)


def exponential_decay(lr0, epoch, gamma):
    return lr0 * gamma ** epoch

# Wrong: the default gamma is 0.5 instead of 0.1 (StepLR's default).
def step_decay(lr0, epoch, step_size, gamma=0.5):
    return lr0 * gamma ** (epoch // step_size)


def exponential_decay(lr0, epoch, gamma):
    return lr0 * gamma ** epoch

# Wrong: counts epochs from 1, so every decay happens one epoch too early.
def step_decay(lr0, epoch, step_size, gamma=0.1):
    return lr0 * gamma ** ((epoch + 1) // step_size)


def exponential_decay(lr0, epoch, gamma):
    return lr0 * gamma ** (epoch + 1)

# Wrong: operator precedence, lr0 * gamma ** epoch // step_size floors the learning rate itself.
def step_decay(lr0, epoch, step_size, gamma=0.1):
    return lr0 * gamma ** epoch // step_size


def exponential_decay(lr0, epoch, gamma):
    return lr0 * gamma ** epoch

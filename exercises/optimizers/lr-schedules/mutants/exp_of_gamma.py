# Wrong: exponential decay as lr0 * exp(-gamma * epoch) instead of lr0 * gamma ** epoch.
import math


def step_decay(lr0, epoch, step_size, gamma=0.1):
    return lr0 * gamma ** (epoch // step_size)


def exponential_decay(lr0, epoch, gamma):
    return lr0 * math.exp(-gamma * epoch)

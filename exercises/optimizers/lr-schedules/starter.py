def step_decay(lr0, epoch, step_size, gamma=0.1):
    """The learning rate in effect during ``epoch`` (0-based): lr0 * gamma ** (epoch // step_size).

    Matches torch.optim.lr_scheduler.StepLR; returns a float.
    """
    raise NotImplementedError


def exponential_decay(lr0, epoch, gamma):
    """The learning rate in effect during ``epoch`` (0-based): lr0 * gamma ** epoch.

    Matches torch.optim.lr_scheduler.ExponentialLR; returns a float.
    """
    raise NotImplementedError

def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    """Return ``(H_out, W_out)`` of a 2-D convolution, as in ``torch.nn.Conv2d``.

    ``kernel_size``, ``stride``, ``padding`` and ``dilation`` are ints or ``(height, width)``
    tuples. Raise ``ValueError`` if an output size is below 1.
    """
    raise NotImplementedError

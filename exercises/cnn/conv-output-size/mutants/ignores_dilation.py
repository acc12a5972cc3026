# Wrong: ignores dilation (the formula of an undilated kernel).
def _pair(v):
    return v if isinstance(v, tuple) else (v, v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    (kh, kw), (sh, sw), (ph, pw) = _pair(kernel_size), _pair(stride), _pair(padding)
    out_h = (h + 2 * ph - kh) // sh + 1
    out_w = (w + 2 * pw - kw) // sw + 1
    if out_h < 1 or out_w < 1:
        raise ValueError("the kernel does not fit in the input")
    return out_h, out_w

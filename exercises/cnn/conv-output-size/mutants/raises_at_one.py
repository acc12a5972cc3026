# Wrong: off by one: raises when an output size is exactly 1, which is a valid size.
def _pair(v):
    return v if isinstance(v, tuple) else (v, v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    (kh, kw), (sh, sw) = _pair(kernel_size), _pair(stride)
    (ph, pw), (dh, dw) = _pair(padding), _pair(dilation)
    out_h = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    out_w = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    if out_h <= 1 or out_w <= 1:
        raise ValueError("the kernel does not fit in the input")
    return out_h, out_w

"""The data-only channel between the trusted side and the sandboxed child.

Frames (``grader.sandbox.framing``) carry a JSON header and raw buffers. Values are encoded as
tagged
JSON; arrays travel as raw bytes with an explicit dtype and shape. Nothing is ever pickled: the
decoder accepts only numeric and boolean dtypes, bounded strings and bounded nesting, so a
hostile child can send wrong numbers but never code.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.sandbox.framing import MAGIC, DecodeError, FrameReader, pack_frame, write_frame

_DTYPE_PATTERN = re.compile(r"^[<>|=]?(b1|[iu][1248]|f[248]|c(8|16)|U[1-9][0-9]{0,3})$")
MAX_DEPTH = 32
MAX_ITEMS = 1_000_000
MAX_STR = 100_000
INT_RANGE = (-(2**63), 2**64)  # int64 and uint64: what the comparators take
MAX_NDIM = 32
MAX_ARRAY_ITEMS = 1 << 40  # beyond any buffer the size limits let through
_INT_PATTERN = re.compile(r"-?[0-9]+\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Opaque:
    """A value the child could not send as data (a model, a generator...): only its type name."""

    type_name: str

    def __repr__(self) -> str:
        return f"<{self.type_name} object>"


# --------------------------------------------------------------------------- encoding


def encode(value: Any, buffers: list[memoryview], *, depth: int = 0) -> Any:
    """Encode ``value`` as tagged JSON, appending array bytes to ``buffers``."""
    if depth > MAX_DEPTH:
        return {"t": "opaque", "type": "a structure nested too deeply"}
    if value is None:
        return {"t": "none"}
    if isinstance(value, bool | np.bool_):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, int) and type(value) in (int,):
        if not INT_RANGE[0] <= value < INT_RANGE[1]:
            return {"t": "opaque", "type": "int beyond 64 bits"}
        return {"t": "int", "v": str(value)}
    if type(value) is float:
        return {"t": "float", "v": _float_text(value)}
    if type(value) is complex:
        return {"t": "complex", "v": [_float_text(value.real), _float_text(value.imag)]}
    if type(value) is str:
        return {"t": "str", "v": value[:MAX_STR]}
    if isinstance(value, np.generic) and value.dtype.kind in "biufcU":
        return _encode_array(np.asarray(value), buffers, "scalar")
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufcU" or value.dtype.itemsize > 4 * 9999:
            return {"t": "opaque", "type": f"array of dtype {value.dtype}"}
        return _encode_array(value, buffers, "array")
    torch_array = _torch_to_numpy(value)
    if torch_array is not None:
        return _encode_array(torch_array, buffers, "tensor")
    if type(value) in (list, tuple):
        tag = "list" if type(value) is list else "tuple"
        return {"t": tag, "v": [encode(item, buffers, depth=depth + 1) for item in value]}
    if type(value) is dict:
        items = []
        for key, item in value.items():
            if type(key) not in (str, int, bool, float):
                key = repr(type(key).__name__)
            items.append(
                [encode(key, buffers, depth=depth + 1), encode(item, buffers, depth=depth + 1)]
            )
        return {"t": "dict", "v": items}
    return {"t": "opaque", "type": type(value).__name__}


def _float_text(number: float) -> str:
    return repr(float(number))


def _encode_array(array: np.ndarray, buffers: list[memoryview], tag: str) -> dict:
    array = np.ascontiguousarray(array).reshape(array.shape)  # keeps 0-d arrays 0-d
    buffers.append(memoryview(array.reshape(-1)).cast("B"))  # empty arrays too
    return {"t": tag, "b": len(buffers) - 1, "dtype": array.dtype.str, "shape": list(array.shape)}


def _torch_to_numpy(value: Any) -> np.ndarray | None:
    torch = _loaded_module("torch")
    if torch is None or not isinstance(value, torch.Tensor):
        return None
    tensor = value.detach()
    if tensor.dtype == torch.bfloat16 or tensor.dtype == torch.float16:
        tensor = tensor.float()
    return tensor.cpu().numpy()


def _loaded_module(name: str):
    import sys

    return sys.modules.get(name)


# --------------------------------------------------------------------------- decoding


def decode(
    node: Any, buffers: list[bytes | memoryview], *, depth: int = 0, budget: list[int] | None = None
) -> Any:
    """Decode tagged JSON made by :func:`encode`; raise ``DecodeError`` on anything unexpected."""
    budget = budget if budget is not None else [MAX_ITEMS]
    budget[0] -= 1
    if budget[0] < 0:
        raise DecodeError("too many values")
    if depth > MAX_DEPTH + 1 or type(node) is not dict:
        raise DecodeError("malformed value")
    tag = node.get("t")
    value = node.get("v")
    if tag == "none":
        return None
    if tag == "bool" and type(value) is bool:
        return value
    if tag == "int" and type(value) is str:
        return _parse_int(value)
    if tag == "float" and type(value) is str:
        return _parse_float(value)
    if tag == "complex" and type(value) is list and len(value) == 2:
        return complex(_parse_float(value[0]), _parse_float(value[1]))
    if tag == "str" and type(value) is str:
        return text_from_child(value, MAX_STR)
    if tag in ("array", "scalar", "tensor"):
        return _decode_array(node, buffers, tag)
    if tag in ("list", "tuple") and type(value) is list:
        items = [decode(item, buffers, depth=depth + 1, budget=budget) for item in value]
        return items if tag == "list" else tuple(items)
    if tag == "dict" and type(value) is list:
        result = {}
        for pair in value:
            if type(pair) is not list or len(pair) != 2:
                raise DecodeError("malformed dict item")
            key = decode(pair[0], buffers, depth=depth + 1, budget=budget)
            if type(key) not in (str, int, bool, float):
                raise DecodeError("unsupported dict key")
            result[key] = decode(pair[1], buffers, depth=depth + 1, budget=budget)
        return result
    if tag == "opaque" and type(node.get("type")) is str:
        return Opaque(text_from_child(node["type"], 200))
    raise DecodeError(f"unknown or malformed tag {str(tag)[:20]!r}")


def text_from_child(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, lone surrogates (valid in JSON, not in UTF-8)
    replaced by U+FFFD so that every later encoding of it succeeds."""
    text = text[:limit]
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = _SURROGATE.sub("\ufffd", text)
    return text


def _parse_int(text: str) -> int:
    if len(text) > 21 or not _INT_PATTERN.match(text):  # 2**64 has 20 digits
        digits = f" of {len(text)} characters" if len(text) > 21 else ""
        raise DecodeError(f"a malformed integer{digits} (integers must fit in 64 bits)")
    number = int(text)
    if not INT_RANGE[0] <= number < INT_RANGE[1]:
        raise DecodeError(f"the integer {number} does not fit in 64 bits")
    return number


def _parse_float(text: Any) -> float:
    if type(text) is not str or len(text) > 40:
        raise DecodeError("malformed float")
    try:
        number = float(text)
    except ValueError:
        raise DecodeError("malformed float") from None
    return number if not math.isnan(number) else math.nan


#: dtype texts already accepted, and their dtypes (bounded: the channel's other side chooses)
_ACCEPTED_DTYPES: dict[str, np.dtype] = {}


def _accepted_dtype(dtype_text: Any) -> np.dtype:
    dtype = _ACCEPTED_DTYPES.get(dtype_text) if type(dtype_text) is str else None
    if dtype is not None:
        return dtype
    if type(dtype_text) is not str or not _DTYPE_PATTERN.match(dtype_text):
        raise DecodeError(f"refused dtype {str(dtype_text)[:20]!r}")
    dtype = np.dtype(dtype_text)
    if len(_ACCEPTED_DTYPES) < 64:
        _ACCEPTED_DTYPES[dtype_text] = dtype
    return dtype


def _decode_array(node: dict, buffers: list, tag: str) -> Any:
    dtype_text, shape, index = node.get("dtype"), node.get("shape"), node.get("b")
    dtype = _accepted_dtype(dtype_text)
    if type(shape) is not list or len(shape) > MAX_NDIM:
        raise DecodeError(f"malformed array shape {str(shape)[:60]}")
    count, nonzero = 1, 1  # the items, and the product of the dimensions but zeros
    for n in shape:
        if type(n) is not int or not 0 <= n <= MAX_ARRAY_ITEMS:
            raise DecodeError(f"malformed array shape {str(shape)[:60]}")
        count *= n
        nonzero *= n or 1
        if nonzero > MAX_ARRAY_ITEMS:
            raise DecodeError(f"malformed array shape {str(shape)[:60]}")
    if type(index) is not int or not 0 <= index < len(buffers):
        raise DecodeError("missing array buffer")
    raw = buffers[index]
    if count * dtype.itemsize != len(raw):
        raise DecodeError("array buffer has the wrong size")
    if dtype.kind == "b":  # any byte but 0 and 1 would be a bool NumPy does not expect
        array = np.frombuffer(raw, dtype=np.uint8, count=count).astype(bool).reshape(shape)
    else:
        array = np.frombuffer(raw, dtype=dtype, count=count).reshape(shape).copy()
    if dtype.kind == "U":
        _repair_code_points(array)
    if tag == "scalar":
        return array[()] if array.ndim == 0 else array
    return array  # a torch tensor in the child arrives as the array of its values


def _repair_code_points(array: np.ndarray) -> None:
    """Replace what is not a Unicode scalar value (surrogates, beyond U+10FFFF) by U+FFFD,
    in place: NumPy fails on reading such a string back."""
    points = array.reshape(-1).view(np.dtype(np.uint32).newbyteorder(array.dtype.byteorder))
    bad = (points > 0x10FFFF) | ((points >= 0xD800) & (points <= 0xDFFF))
    if bad.any():
        points[bad] = 0xFFFD


__all__ = [
    "MAGIC",
    "DecodeError",
    "FrameReader",
    "Opaque",
    "decode",
    "encode",
    "pack_frame",
    "write_frame",
]

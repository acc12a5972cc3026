"""The data-only channel: round trips, and refusals of anything that is not plain data."""

from __future__ import annotations

import json

import numpy as np
import pytest

from grader.channel import (
    DecodeError,
    FrameReader,
    Opaque,
    decode,
    encode,
    pack_frame,
)


def round_trip(value):
    buffers: list = []
    node = encode(value, buffers)
    frame = b"".join(bytes(p) for p in pack_frame({"v": node}, buffers))
    ((header, received),) = FrameReader(1 << 20).feed(frame)
    return decode(header["v"], received)


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        3,
        -(10**30),
        2.5,
        float("inf"),
        "text",
        [1, "a"],
        (1.0, 2.0),
        {"a": 1, 2: [3]},
        1 + 2j,
    ],
)
def test_plain_values_round_trip(value):
    assert round_trip(value) == value


def test_nan_round_trips():
    assert np.isnan(round_trip(float("nan")))


@pytest.mark.parametrize(
    "dtype", ["float64", "float32", "int64", "int8", "uint16", "bool", "complex128", "<U3"]
)
def test_arrays_keep_dtype_and_shape(dtype):
    array = (np.arange(12) % 3).astype(dtype).reshape(3, 4)
    back = round_trip(array)
    assert back.dtype == array.dtype and back.shape == (3, 4)
    assert np.array_equal(back, array)
    assert back.flags.writeable


def test_numpy_scalars_keep_their_dtype_and_stay_scalars():
    back = round_trip(np.float32(1.5))
    assert back.dtype == np.float32 and np.ndim(back) == 0
    assert np.ndim(round_trip(np.array(2.0))) == 0
    assert round_trip(np.float64(0.25)) == 0.25


def test_tensors_arrive_as_arrays_of_their_values():
    import torch

    back = round_trip(torch.arange(4, dtype=torch.float32))
    assert type(back) is np.ndarray and back.dtype == np.float32
    assert back.tolist() == [0.0, 1.0, 2.0, 3.0]


def test_objects_become_opaque_type_names():
    class Model:
        pass

    assert round_trip(Model()) == Opaque("Model")
    assert round_trip(np.array([object()], dtype=object)) == Opaque("array of dtype object")


@pytest.mark.parametrize(
    "node",
    [
        {"t": "array", "b": 0, "dtype": "|O", "shape": [1]},
        {"t": "array", "b": 0, "dtype": "<f8", "shape": [1000]},
        {"t": "array", "b": 5, "dtype": "<f8", "shape": [1]},
        {"t": "pickle", "v": "gASV"},
        {"t": "int", "v": "9" * 5000},
        {"t": "float", "v": "__import__('os')"},
        [1, 2],
    ],
)
def test_decoder_refuses_malformed_or_dangerous_nodes(node):
    with pytest.raises(DecodeError):
        decode(node, [b"\x00" * 8])


def test_frame_reader_enforces_its_size_limit():
    reader = FrameReader(1024)
    buffers = [memoryview(np.zeros(1024).tobytes())]
    with pytest.raises(DecodeError, match="MiB"):
        for piece in pack_frame({"kind": "step"}, buffers):
            reader.feed(bytes(piece))


def test_frame_reader_handles_split_frames():
    frame = b"".join(bytes(p) for p in pack_frame({"a": 1}))
    reader = FrameReader(1 << 20)
    assert reader.feed(frame[:5]) == []
    ((header, _),) = reader.feed(frame[5:])
    assert header == {"a": 1}


def test_frame_reader_refuses_bad_magic():
    with pytest.raises(DecodeError):
        FrameReader(1 << 20).feed(b"EVIL" + bytes(8) + json.dumps({}).encode())


@pytest.mark.parametrize("shape", [(0,), (0, 2), (3, 0, 1)])
def test_empty_arrays_round_trip(shape):
    back = round_trip(np.zeros(shape))
    assert back.shape == shape and back.dtype == np.float64


def test_string_arrays_round_trip():
    back = round_trip(np.array(["cat", "dog"]))
    assert back.tolist() == ["cat", "dog"]

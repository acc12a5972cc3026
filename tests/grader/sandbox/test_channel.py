"""The data-only channel: round trips, and refusals of anything that is not plain data."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader.sandbox.channel import (
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
        -(2**63),
        2**64 - 1,
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


# --------------------------------------------------------------------------- fuzzing the decoder
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TAGS = ["none", "bool", "int", "float", "complex", "str", "array", "scalar", "tensor", "list"]
TAGS += ["tuple", "dict", "opaque", "ref", "pickle"]
DTYPES = ["<f8", ">f4", "|b1", "<i8", "|u1", "<c16", "<U2", ">U1", "|O", "<M8", "V8", "<f16"]
DTYPES += ["S3", "<U0", "f2"]
json_leaf = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["9" * 400, "-0", " 1", "1_0", "nan", "-inf", "1e999", "\ud800"])
)
json_values = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=3), max_leaves=8)


@st.composite
def hostile_nodes(draw, depth=0):
    """Nodes shaped like the encoder's, with any field wrong in any way."""
    node = {"t": draw(st.sampled_from(TAGS) | json_leaf)}
    if draw(st.booleans()):
        if depth < 3 and draw(st.booleans()):
            node["v"] = draw(st.lists(hostile_nodes(depth + 1), max_size=3))
            if node["t"] == "dict":
                node["v"] = [
                    [key, value] for key, value in zip(node["v"], node["v"][1:], strict=False)
                ]
        else:
            node["v"] = draw(json_values)
    if node["t"] in ("array", "scalar", "tensor") or draw(st.integers(0, 9)) == 0:
        node["dtype"] = draw(st.sampled_from(DTYPES) | json_leaf)
        node["shape"] = draw(
            st.lists(st.integers(-1, 4) | st.sampled_from([0, 2**40, 2**62, 2**63]), max_size=4)
            | json_values
        )
        node["b"] = draw(st.integers(-1, 3) | json_leaf)
    if node["t"] == "opaque" or draw(st.integers(0, 9)) == 0:
        node["type"] = draw(json_leaf)
    return node


def assert_safe(value, depth=0):
    """A decoded value is one the comparators and the result document can take."""
    assert depth <= 40
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, bool) or value is None or isinstance(value, float | complex):
        pass
    elif isinstance(value, int):
        assert -(2**63) <= value < 2**64
    elif isinstance(value, np.ndarray | np.generic):
        assert value.dtype.kind in "biufcU"
        repr(value)
        value.tolist()
    elif isinstance(value, list | tuple):
        for item in value:
            assert_safe(item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            assert_safe(key, depth + 1)
            assert_safe(item, depth + 1)
    else:
        assert isinstance(value, Opaque)
        value.type_name.encode("utf-8")


@FUZZ
@given(hostile_nodes(), st.lists(st.binary(max_size=24), max_size=3))
def test_decoder_is_total_and_gives_only_safe_values(node, buffers):
    try:
        value = decode(node, buffers)
    except DecodeError:
        return
    assert_safe(value)


@FUZZ
@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(2**63), 2**64 - 1)
        | st.floats(allow_nan=False)
        | st.text(max_size=10)
        | hnp.arrays(
            st.sampled_from(["<f8", "<f4", "<i4", "|b1", "<c16", "<U3"]),
            hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3),
        ),
        lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner),
        max_leaves=10,
    )
)
def test_plain_data_round_trips_through_frames(value):
    back = round_trip(value)
    assert_safe(back)
    assert_same(back, value)


def assert_same(back, value):
    if isinstance(value, np.ndarray):
        assert type(back) in (np.ndarray, np.generic) or isinstance(back, np.generic)
        np.testing.assert_array_equal(np.asarray(back), value)
        assert back.dtype == value.dtype
    elif isinstance(value, list | tuple):
        assert type(back) is type(value) and len(back) == len(value)
        for b, v in zip(back, value, strict=True):
            assert_same(b, v)
    else:
        assert back == value and type(back) is type(value)


@pytest.mark.parametrize("value", [10**400, -(2**63) - 1, 2**64])
def test_integers_beyond_64_bits_arrive_as_opaque_values(value):
    assert round_trip(value) == Opaque("int beyond 64 bits")


@pytest.mark.parametrize(
    "node, buffers",
    [
        ({"t": "int", "v": "9" * 400}, []),
        ({"t": "int", "v": str(2**64)}, []),
        ({"t": "int", "v": " 12"}, []),
        ({"t": "array", "b": 0, "dtype": "<f8", "shape": [0, 2**62]}, [b""]),
        ({"t": "array", "b": 0, "dtype": "<f8", "shape": [2**41, 0]}, [b""]),
        ({"t": "array", "b": 0, "dtype": "<f8", "shape": [1] * 33}, [b"\x00" * 8]),
    ],
)
def test_numbers_and_shapes_beyond_the_bounds_are_refused(node, buffers):
    with pytest.raises(DecodeError):
        decode(node, buffers)


def test_strings_that_do_not_encode_are_repaired():
    assert decode({"t": "str", "v": "a\ud800b"}, []) == "a\ufffdb"
    assert decode({"t": "opaque", "type": "\udfff"}, []) == Opaque("\ufffd")
    array = decode({"t": "array", "b": 0, "dtype": "<U2", "shape": [1]}, [b"\xff" * 4 + b"a\0\0\0"])
    assert array.tolist() == ["\ufffda"]


def test_bools_are_read_as_zero_or_not():
    array = decode({"t": "array", "b": 0, "dtype": "|b1", "shape": [3]}, [b"\x00\x02\xff"])
    assert array.tolist() == [False, True, True]
    assert array.view(np.uint8).tolist() == [0, 1, 1]

"""The frame reader is total on hostile bytes: whatever is fed, in whatever pieces, it returns
whole frames or raises ``DecodeError`` carrying the frames read before the fault; headers hold
strict, bounded JSON only. Property-based (hypothesis), with bounded examples."""

from __future__ import annotations

import itertools
import json
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.sandbox.framing import MAGIC, DecodeError, FrameReader, pack_frame, parse_header

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_leaf = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=20)
json_leaf |= st.floats(allow_nan=False, allow_infinity=False)
json_value = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
headers = st.dictionaries(st.text(max_size=8), json_value, max_size=5)
frames = st.tuples(headers, st.lists(st.binary(max_size=64), max_size=3))


def packed(header: dict, buffers: list[bytes]) -> bytes:
    return b"".join(bytes(p) for p in pack_frame(header, [memoryview(b) for b in buffers]))


def hostile_prefix(head: bytes, n_buffers: int = 0) -> bytes:
    return MAGIC + struct.pack(">II", len(head), n_buffers) + head


def feed_in_pieces(reader: FrameReader, data: bytes, cuts: list[int]) -> tuple[list, str | None]:
    """Every frame the reader gives back (after a fault too), and the fault's message."""
    got: list = []
    bounds = sorted({0, len(data), *(c % (len(data) + 1) for c in cuts)})
    for start, end in itertools.pairwise(bounds):
        try:
            got += reader.feed(data[start:end])
        except DecodeError as exc:
            return got + exc.frames, str(exc)
    return got, None


def as_plain(received: list) -> list:
    return [(header, [bytes(b) for b in buffers]) for header, buffers in received]


@FUZZ
@given(st.lists(frames, max_size=4), st.lists(st.integers(0, 10_000), max_size=6))
def test_frames_come_back_whole_however_the_bytes_are_cut(sent, cuts):
    data = b"".join(packed(h, b) for h, b in sent)
    received, fault = feed_in_pieces(FrameReader(1 << 20), data, cuts)
    assert fault is None
    assert as_plain(received) == [(h, b) for h, b in sent]


@FUZZ
@given(
    st.lists(frames, max_size=3),
    st.binary(min_size=8, max_size=200),
    st.lists(st.integers(0, 10_000), max_size=6),
)
def test_garbage_after_good_frames_keeps_the_good_frames(sent, garbage, cuts):
    data = b"".join(packed(h, b) for h, b in sent) + b"EVIL" + garbage  # a whole bad prefix
    received, fault = feed_in_pieces(FrameReader(1 << 20), data, cuts)
    assert fault is not None
    assert as_plain(received) == [(h, b) for h, b in sent]


@FUZZ
@given(st.binary(max_size=300), st.lists(st.integers(0, 1000), max_size=5))
def test_any_bytes_give_frames_or_a_decode_error(data, cuts):
    feed_in_pieces(FrameReader(1 << 16), data, cuts)  # raises nothing else


@FUZZ
@given(st.binary(max_size=200), st.integers(0, 4), st.lists(st.integers(0, 1000), max_size=5))
def test_hostile_headers_after_a_valid_prefix_never_escape(head, n_buffers, cuts):
    data = hostile_prefix(head, n_buffers) + bytes(8 * n_buffers)
    received, _ = feed_in_pieces(FrameReader(1 << 16), data, cuts)
    for header, _ in received:
        assert type(header) is dict


@pytest.mark.parametrize(
    "head",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 5_000 + b"1" + b"}" * 5_000,
        b'{"ms": ' + b"9" * 4301 + b"}",
        b'{"ms": Infinity}',
        b'{"ms": -Infinity}',
        b'{"ms": NaN}',
        b"\xff\xfe{}",
        b"[1]",
        b'"text"',
        b"",
    ],
)
def test_headers_that_are_not_strict_json_objects_are_refused(head):
    with pytest.raises(DecodeError):
        FrameReader(1 << 20).feed(hostile_prefix(head))


def test_numbers_are_left_for_their_users_to_bound():
    header = {"id": 10**400, "low": -(2**63), "ms": 1.5e300}
    assert parse_header(json.dumps(header).encode()) == header
    assert parse_header(b'{"ms": 1e999}') == {"ms": float("inf")}


@pytest.mark.parametrize(
    "prefix",
    [
        MAGIC + struct.pack(">II", 0xFFFFFFFF, 0),
        MAGIC + struct.pack(">II", 2, 1_000_000),
        MAGIC + struct.pack(">II", 2, 1) + struct.pack(">Q", 2**64 - 1),
    ],
)
def test_declared_sizes_beyond_the_limits_are_refused_before_waiting_for_them(prefix):
    with pytest.raises(DecodeError):
        FrameReader(1 << 20).feed(prefix)


def test_after_a_fault_the_reader_refuses_everything():
    reader = FrameReader(1 << 20)
    with pytest.raises(DecodeError) as first:
        reader.feed(packed({"kind": "ready"}, []) + b"EVIL" + bytes(8))
    assert first.value.frames == [({"kind": "ready"}, [])]
    with pytest.raises(DecodeError) as second:
        reader.feed(packed({"kind": "done"}, []))
    assert second.value.frames == []

"""Frames: how headers and raw buffers travel on a pipe or socket (no NumPy needed here).

A frame is ``b"DLG1"``, a 4-byte header length, a 4-byte buffer count, one 8-byte length per
buffer, the JSON header, then the raw buffers. What the header's values mean is
``grader.sandbox.channel``'s business; this module only cuts and joins frames, with explicit bounds:
the reader is total on hostile bytes (every failure is a ``DecodeError``, never another
exception) and its headers hold only JSON objects of strict JSON: no NaN or Infinity, integers
of at most 4,300 digits (Python's limit), nesting no deeper than Python's recursion limit
allows. A number may still be huge (``1e999`` reads as infinity): its user bounds it.
"""

from __future__ import annotations

import json
import os
import struct

MAGIC = b"DLG1"
_PREFIX = struct.Struct(">4sII")
_LENGTH = struct.Struct(">Q")
MAX_HEADER_BYTES = 64 << 20
# A header is parsed into Python objects, up to ~20x its size: the child's are held tighter.
# The largest a reference solution sends, hidden cases included, is 8 KB (lr-schedules).
MAX_RESULT_HEADER_BYTES = 4 << 20
MAX_BUFFERS = 100_000


class DecodeError(ValueError):
    """The encoded data breaks the protocol.

    ``frames``: the whole frames read before the malformed one (``FrameReader.feed``)."""

    def __init__(self, message: str, frames: list | None = None) -> None:
        super().__init__(message)
        self.frames: list[tuple[dict, list[memoryview]]] = frames or []


def pack_frame(header: dict, buffers: list[memoryview] | None = None) -> list[bytes | memoryview]:
    """The pieces of one frame, ready for ``os.writev`` / ``socket.sendmsg``."""
    buffers = buffers or []
    head = json.dumps(header, separators=(",", ":"), allow_nan=False).encode()
    pieces: list[bytes | memoryview] = [_PREFIX.pack(MAGIC, len(head), len(buffers))]
    pieces += [_LENGTH.pack(len(b)) for b in buffers]
    pieces.append(head)
    pieces += buffers
    return pieces


def write_frame(fd: int, header: dict, buffers: list[memoryview] | None = None) -> None:
    """Write one whole frame to a file descriptor (blocking)."""
    for piece in pack_frame(header, buffers):
        view = memoryview(piece).cast("B")
        while view:
            written = os.write(fd, view)
            view = view[written:]


def _not_json(name: str) -> None:
    raise DecodeError(f"{name} in a frame header (not JSON)")


# Numbers keep the C parser's own conversions (a Python hook per number doubled the cost of a
# header); their bounds are checked where they are used (grader.core.replies,
# grader.sandbox.channel).
_HEADER_DECODER = json.JSONDecoder(parse_constant=_not_json)


def parse_header(data: bytes) -> dict:
    """A frame header's JSON object, strictly parsed; ``DecodeError`` for anything else."""
    try:
        header = _HEADER_DECODER.decode(data.decode("utf-8"))
    except DecodeError:
        raise
    except RecursionError:
        raise DecodeError("a frame header nested too deeply") from None
    except (ValueError, UnicodeDecodeError):  # JSONDecodeError is a ValueError
        raise DecodeError("malformed frame header") from None
    if type(header) is not dict:
        raise DecodeError("a frame header that is not a JSON object")
    return header


class FrameReader:
    """Incrementally parse frames from bytes fed in; enforces a total size limit.

    After a ``DecodeError`` the stream is out of step for good: every later ``feed`` raises
    it again (with no frames)."""

    def __init__(self, max_bytes: int, *, max_header_bytes: int = MAX_HEADER_BYTES) -> None:
        self._buffer = bytearray()
        self._total = 0
        self.max_bytes = max_bytes
        self.max_header_bytes = max_header_bytes
        self.error: str | None = None

    def feed(self, data: bytes) -> list[tuple[dict, list[memoryview]]]:
        """The frames completed by ``data``. Raises ``DecodeError`` (its ``frames`` the whole
        frames read before the fault) when the stream is malformed or over the size limit."""
        if self.error is not None:
            raise DecodeError(self.error)
        frames: list[tuple[dict, list[memoryview]]] = []
        self._total += len(data)
        try:
            if self._total > self.max_bytes:
                raise DecodeError(
                    f"the submission sent more than {self.max_bytes >> 20} MiB of results"
                )
            self._buffer += data
            while (frame := self._take()) is not None:
                frames.append(frame)
        except DecodeError as exc:
            self.error = str(exc)
            self._buffer = bytearray()
            raise DecodeError(self.error, frames) from None
        return frames

    def _take(self) -> tuple[dict, list[memoryview]] | None:
        buf = self._buffer
        if len(buf) < _PREFIX.size:
            return None
        magic, head_len, n_buffers = _PREFIX.unpack_from(buf)
        if magic != MAGIC:
            raise DecodeError("malformed frame (bad magic)")
        if n_buffers > MAX_BUFFERS:
            raise DecodeError(f"malformed frame ({n_buffers} buffers, at most {MAX_BUFFERS})")
        if head_len > self.max_header_bytes:
            raise DecodeError(
                f"a frame header of {head_len} bytes (at most {self.max_header_bytes >> 20} MiB;"
                " large results travel as NumPy arrays, not long lists)"
            )
        offset = _PREFIX.size
        if len(buf) < offset + n_buffers * _LENGTH.size:
            return None
        lengths = [_LENGTH.unpack_from(buf, offset + i * _LENGTH.size)[0] for i in range(n_buffers)]
        offset += n_buffers * _LENGTH.size
        end = offset + head_len + sum(lengths)
        if end - offset > self.max_bytes:
            raise DecodeError(f"a result is larger than {self.max_bytes >> 20} MiB")
        if len(buf) < end:
            return None
        header = parse_header(bytes(buf[offset : offset + head_len]))
        position = offset + head_len
        data = bytes(buf[position:end])
        view = memoryview(data)
        buffers = []
        for length in lengths:
            buffers.append(view[:length])
            view = view[length:]
        del buf[:end]
        return header, buffers

"""Frames: how headers and raw buffers travel on a pipe or socket (no NumPy needed here).

A frame is ``b"DLG1"``, a 4-byte header length, a 4-byte buffer count, one 8-byte length per
buffer, the JSON header, then the raw buffers. What the header's values mean is
``grader.channel``'s business; this module only cuts and joins frames, with size limits.
"""

from __future__ import annotations

import json
import os
import struct

MAGIC = b"DLG1"
_PREFIX = struct.Struct(">4sII")
_LENGTH = struct.Struct(">Q")


class DecodeError(ValueError):
    """The encoded data breaks the protocol."""


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


class FrameReader:
    """Incrementally parse frames from bytes fed in; enforces a total size limit."""

    def __init__(self, max_bytes: int) -> None:
        self._buffer = bytearray()
        self._total = 0
        self.max_bytes = max_bytes

    def feed(self, data: bytes) -> list[tuple[dict, list[memoryview]]]:
        self._total += len(data)
        if self._total > self.max_bytes:
            raise DecodeError(
                f"the submission sent more than {self.max_bytes >> 20} MiB of results"
            )
        self._buffer += data
        frames = []
        while True:
            frame = self._take()
            if frame is None:
                return frames
            frames.append(frame)

    def _take(self) -> tuple[dict, list[memoryview]] | None:
        buf = self._buffer
        if len(buf) < _PREFIX.size:
            return None
        magic, head_len, n_buffers = _PREFIX.unpack_from(buf)
        if magic != MAGIC or n_buffers > 100_000 or head_len > 64 << 20:
            raise DecodeError("malformed frame")
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
        try:
            header = json.loads(bytes(buf[offset : offset + head_len]))
        except (ValueError, UnicodeDecodeError):
            raise DecodeError("malformed frame header") from None
        if type(header) is not dict:
            raise DecodeError("malformed frame header")
        position = offset + head_len
        data = bytes(buf[position:end])
        view = memoryview(data)
        buffers = []
        for length in lengths:
            buffers.append(view[:length])
            view = view[length:]
        del buf[:end]
        return header, buffers

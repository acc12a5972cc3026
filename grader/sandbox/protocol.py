"""Framing on the socket between the trusted side and the zygote: a length prefix, then one
``grader.sandbox.channel`` frame; the first message of a job carries the child's pipes as
SCM_RIGHTS.

A job is two messages: a small control frame for the zygote (the limits it enforces, with the
descriptors), then the job frame itself, which the zygote forwards to its spare child as raw
bytes without decoding it (decoding and re-encoding every step cost the zygote CPU and
copy-on-write faults on each submission).
"""

from __future__ import annotations

import os
import socket
import struct

from grader.sandbox.framing import DecodeError, FrameReader, pack_frame

_LENGTH = struct.Struct(">Q")
MAX_JOB_BYTES = 512 << 20


def pack(header: dict, buffers: list | None = None) -> bytes:
    """One frame as bytes, ready for :func:`send_bytes`."""
    return b"".join(pack_frame(header, buffers))


def send(
    sock: socket.socket, header: dict, buffers: list | None = None, fds: list[int] | None = None
) -> None:
    """Send one frame, prefixed by its length (and descriptors, if any)."""
    send_bytes(sock, pack(header, buffers), fds)


def send_bytes(sock: socket.socket, payload: bytes, fds: list[int] | None = None) -> None:
    """Send an already packed frame, prefixed by its length (and descriptors, if any)."""
    prefix = _LENGTH.pack(len(payload))
    if fds:
        socket.send_fds(sock, [prefix], fds)
    else:
        sock.sendall(prefix)
    sock.sendall(payload)


def receive_bytes(sock: socket.socket, max_fds: int = 0) -> tuple[bytes, list[int]] | None:
    """Receive one message undecoded: (payload, descriptors); ``None`` when the peer closed."""
    if max_fds:
        data, fds, _, _ = socket.recv_fds(sock, _LENGTH.size, max_fds)
    else:
        data, fds = sock.recv(_LENGTH.size, socket.MSG_WAITALL), []
    if not data:
        return None
    if len(data) < _LENGTH.size:
        data += sock.recv(_LENGTH.size - len(data), socket.MSG_WAITALL)
    (length,) = _LENGTH.unpack(data)
    if length > MAX_JOB_BYTES:
        raise DecodeError(f"a message of {length} bytes (at most {MAX_JOB_BYTES} are accepted)")
    payload = bytearray(length)
    view, received = memoryview(payload), 0
    while received < length:
        count = sock.recv_into(view[received:], min(length - received, 1 << 20))
        if not count:
            return None
        received += count
    return bytes(payload), list(fds)


def receive(sock: socket.socket, max_fds: int = 0) -> tuple[dict, list, list[int]] | None:
    """Receive one frame; ``None`` when the peer closed the socket. ``DecodeError`` when the
    message is not exactly one well-formed frame."""
    message = receive_bytes(sock, max_fds)
    if message is None:
        return None
    payload, fds = message
    try:
        frames = FrameReader(MAX_JOB_BYTES, max_header_bytes=MAX_JOB_BYTES).feed(payload)
        if len(frames) != 1:
            raise DecodeError(f"a message holding {len(frames)} whole frames instead of one")
    except DecodeError:
        for fd in fds:
            os.close(fd)
        raise
    header, buffers = frames[0]
    return header, buffers, fds

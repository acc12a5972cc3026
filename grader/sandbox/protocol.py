"""Framing on the socket between the trusted side and the zygote: a length prefix, then one
``grader.channel`` frame; the first message of a job carries the child's pipes as SCM_RIGHTS."""

from __future__ import annotations

import socket
import struct

from grader.channel import FrameReader, pack_frame

_LENGTH = struct.Struct(">Q")
MAX_JOB_BYTES = 512 << 20


def send(
    sock: socket.socket, header: dict, buffers: list | None = None, fds: list[int] | None = None
) -> None:
    """Send one frame, prefixed by its length (and descriptors, if any)."""
    pieces = pack_frame(header, buffers)
    payload = b"".join(bytes(p) for p in pieces)
    prefix = _LENGTH.pack(len(payload))
    if fds:
        socket.send_fds(sock, [prefix], fds)
    else:
        sock.sendall(prefix)
    sock.sendall(payload)


def receive(sock: socket.socket, max_fds: int = 0) -> tuple[dict, list, list[int]] | None:
    """Receive one frame; ``None`` when the peer closed the socket."""
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
        raise ValueError("job too large")
    payload = bytearray()
    while len(payload) < length:
        chunk = sock.recv(min(length - len(payload), 1 << 20))
        if not chunk:
            return None
        payload += chunk
    frames = FrameReader(MAX_JOB_BYTES + 1024).feed(bytes(payload))
    header, buffers = frames[0]
    return header, buffers, list(fds)

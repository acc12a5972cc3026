"""Submissions of ``double-it`` whose output the trusted side must survive: each writes bytes of
its own making to the result descriptor (fd 3), or returns a value that stretches the channel.

``FRAMING``: output the frame reader refuses, so the grade says "your code sent output the
grader cannot read". ``VALUES``: well-framed output whose fields or values are out of bounds,
so the step (or the field) is refused. Shared by the one-shot suite (``test_security.py``) and
the worker-mode suite (``test_worker_trusted_side.py``).
"""

from __future__ import annotations

import json

SEND = """
import json, os, struct

def send(head, buffers=()):
    if not isinstance(head, bytes):
        head = json.dumps(head).encode()
    data = b"DLG1" + struct.pack(">II", len(head), len(buffers))
    data += b"".join(struct.pack(">Q", len(b)) for b in buffers) + head + b"".join(buffers)
    os.write(3, data)

"""


def _sends(body: str, then: str = "os._exit(0)") -> str:
    return SEND + f"def double(x):\n    {body}\n    {then}\n"


def _steps(item: str, buffers: str = "()") -> str:
    return _sends(f"send({{'kind': 'steps', 'items': [{item}]}}, {buffers})")


def _raw_steps(item_json: str) -> str:
    head = '{"kind":"steps","items":[' + item_json + "]}"
    return _sends(f"send({head.encode()!r})")


FRAMING = {
    "deeply nested header": _sends("send(b'[' * 100_000 + b']' * 100_000)"),
    "400-digit timing": _raw_steps('{"id":0,"ok":true,"ms":' + "9" * 400 + "}"),
    "infinite timing": _raw_steps('{"id":0,"ok":true,"ms":Infinity}'),
    "NaN timing": _raw_steps('{"id":0,"ok":true,"ms":NaN}'),
    "1e999 timing": _raw_steps('{"id":0,"ok":true,"ms":1e999}'),
    "garbage after good frames": _sends("os.write(3, b'garbage' * 10)", then="return 2 * x"),
    "bad magic": _sends("os.write(3, b'EVIL' + bytes(64))"),
    "header not UTF-8": _sends("send(b'\\xff\\xfe{}')"),
    "header not an object": _sends("send(b'[1, 2, 3]')"),
    "header over the size limit": _sends(
        "os.write(3, b'DLG1' + struct.pack('>II', 0xFFFFFFFF, 0))"
    ),
    "a million buffers": _sends("os.write(3, b'DLG1' + struct.pack('>II', 2, 1_000_000))"),
}

VALUES = {
    "return 10**400": "def double(x):\n    return 10**400\n",
    "forged 400-digit int value": _steps(
        "{'id': 0, 'ok': True, 'value': {'t': 'int', 'v': '9' * 400}}"
    ),
    "shape beyond 64 bits": _steps(
        "{'id': 0, 'ok': True, 'value': {'t': 'array', 'b': 0, 'dtype': '<f8', "
        "'shape': [0, 2**63]}}",
        "[b'']",
    ),
    "empty buffer of shape [0, 2**62]": _steps(
        "{'id': 0, 'ok': True, 'value': {'t': 'array', 'b': 0, 'dtype': '<f8', "
        "'shape': [0, 2**62]}}",
        "[b'']",
    ),
    "bool bytes that are not 0 or 1": _steps(
        "{'id': 0, 'ok': True, 'value': {'t': 'array', 'b': 0, 'dtype': '|b1', 'shape': [2]}}",
        "[b'\\x02\\xff']",
    ),
    "string array beyond Unicode": _steps(
        "{'id': 0, 'ok': True, 'value': {'t': 'array', 'b': 0, 'dtype': '<U1', 'shape': [2]}}",
        "[b'\\xff' * 4 + b'\\x00\\xd8\\x00\\x00']",
    ),
    "lone surrogates and NUL in an error": _raw_steps(
        '{"id":0,"ok":false,"error":{"type":"\\ud800","types":["\\udfff",7],'
        '"message":"\\u0000\\ud800","traceback":"\\ud800 line 3"}}'
    ),
    "a huge line number": "def double(x):\n    raise ValueError('line ' + '9' * 5000)\n",
    "step ids out of range": _steps("{'id': -1, 'ok': True}, {'id': 10**6, 'ok': True}, 7, None"),
    "negative and huge timings": _steps(
        "{'id': 0, 'ok': False, 'ms': -1e300}, {'id': 1, 'ms': 1e300}"
    ),
    "a real-time signal": "import os\ndef double(x):\n    os.kill(os.getpid(), 40)\n",
    "truncated frame": _sends("os.write(3, b'DLG1' + struct.pack('>II', 100, 0) + b'{')"),
}


def notebook(source: str) -> str:
    """``source`` as the one code cell of an nbformat v4 notebook."""
    cell = {"cell_type": "code", "metadata": {}, "source": source, "outputs": []}
    cell["execution_count"] = None
    document = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
    return json.dumps(document)

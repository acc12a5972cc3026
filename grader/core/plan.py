"""Steps: the data-only program the sandboxed child runs against the learner's code.

Case code (trusted) builds probes; each probe is one step: call a learner name, call or read an
attribute of an earlier step's value, build a torch tensor, or evaluate a small trusted snippet.
Steps and their arguments are plain data (see ``grader.sandbox.channel``), so they cross the
boundary
without pickle; the child sends back the values of the steps that checks read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

OPS = ("name", "call_name", "call", "getattr", "getitem", "code", "tensor", "data", "snapshot")


@dataclass
class Step:
    """One operation; ``args``/``kwargs`` hold data values or :class:`Ref` to earlier steps."""

    id: int
    case: int
    op: str
    target: Any = None
    args: tuple = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    report: bool = False
    expect_error: bool = False
    label: str = ""


@dataclass(frozen=True)
class Ref:
    """A reference to the value of an earlier step, inside step arguments."""

    step: int


def encode_argument(value: Any, buffers: list[memoryview]) -> Any:
    """Encode a step argument: data values, plus ``{"$ref": id}`` for references."""
    from grader.sandbox.channel import encode

    if isinstance(value, Ref):
        return {"t": "ref", "v": value.step}
    if type(value) in (list, tuple):
        return {
            "t": "list" if type(value) is list else "tuple",
            "v": [encode_argument(item, buffers) for item in value],
        }
    if type(value) is dict:
        return {
            "t": "dict",
            "v": [[encode(k, buffers), encode_argument(v, buffers)] for k, v in value.items()],
        }
    if isinstance(value, np.ndarray) and value.dtype.kind not in "biufcU":
        raise TypeError(f"cannot send an array of dtype {value.dtype} to the sandbox")
    return encode(value, buffers)


def encode_steps(
    steps: list[Step], buffers: list[memoryview] | None = None
) -> tuple[list[dict], list[memoryview]]:
    """Serialise steps for the child; their arrays go into ``buffers`` (a new list unless
    given: steps that follow others already encoded continue the numbering of their
    buffers)."""
    buffers = [] if buffers is None else buffers
    encoded = []
    for step in steps:
        encoded.append(
            {
                "id": step.id,
                "case": step.case,
                "op": step.op,
                "target": encode_argument(step.target, buffers),
                "args": [encode_argument(a, buffers) for a in step.args],
                "kwargs": {k: encode_argument(v, buffers) for k, v in step.kwargs.items()},
                "report": step.report,
                "expect_error": step.expect_error,
            }
        )
    return encoded, buffers

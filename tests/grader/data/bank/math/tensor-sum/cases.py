"""Torch-profile cases: tensors in, tensors out, and a model evaluated in the sandbox."""

import numpy as np

from grader.authoring import case


@case(points=1, description="column sums of a float32 tensor")
def sums(t):
    data = np.arange(6, dtype=np.float32).reshape(3, 2)
    t.expect_close(t.call("column_sums", t.tensor(data, "float32")), data.sum(axis=0),
                   rtol=1e-6, dtype="exact")


@case(points=1, description="a model maps (n, 3) to (n, 2)")
def model_shape(t):
    model = t.call("tiny_model", 3)
    shape = t.code("def shape(m, x):\n    with torch.no_grad():\n        return list(m(x).shape)\n",
                   "shape")
    t.expect_exact(shape(model, t.tensor(np.zeros((5, 3)), "float32")), [5, 2])

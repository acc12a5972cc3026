# Wrong: uses torch.nn.functional.embedding and autograd, which this exercise forbids.
import numpy as np
import torch


def embedding_forward(ids, table):
    return torch.nn.functional.embedding(torch.as_tensor(np.asarray(ids)),
                                         torch.as_tensor(np.asarray(table, dtype=float))).numpy()


def embedding_backward(dout, ids, vocab_size):
    dout = torch.as_tensor(np.asarray(dout, dtype=float))
    table = torch.zeros(vocab_size, dout.shape[-1], dtype=torch.float64, requires_grad=True)
    torch.nn.functional.embedding(torch.as_tensor(np.asarray(ids)), table).backward(dout)
    return table.grad.numpy()

# Wrong: freezes model.parameters() after replacing the head, so the new head is frozen too.
from torch import nn


def prepare_for_finetuning(model, n_classes):
    old = model.head
    model.head = nn.Linear(old.in_features, n_classes, dtype=old.weight.dtype,
                           device=old.weight.device)
    for p in model.parameters():
        p.requires_grad = False
    return model

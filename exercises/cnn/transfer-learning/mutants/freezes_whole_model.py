# Wrong: freezes every parameter of the model, not only the backbone's, before the new head.
from torch import nn


def prepare_for_finetuning(model, n_classes):
    for p in model.parameters():
        p.requires_grad = False
    old = model.head
    model.head = nn.Linear(old.in_features, n_classes, dtype=old.weight.dtype,
                           device=old.weight.device)
    return model

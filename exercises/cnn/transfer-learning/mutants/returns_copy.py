# Wrong: prepares a deep copy and returns it, leaving the caller's model unchanged.
import copy

from torch import nn


def prepare_for_finetuning(model, n_classes):
    model = copy.deepcopy(model)
    for p in model.backbone.parameters():
        p.requires_grad = False
    old = model.head
    model.head = nn.Linear(old.in_features, n_classes, dtype=old.weight.dtype,
                           device=old.weight.device)
    return model

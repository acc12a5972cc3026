# Wrong: nn.Linear(n_classes, in_features): the arguments are (in_features, out_features).
from torch import nn


def prepare_for_finetuning(model, n_classes):
    for p in model.backbone.parameters():
        p.requires_grad = False
    old = model.head
    model.head = nn.Linear(n_classes, old.in_features, dtype=old.weight.dtype,
                           device=old.weight.device)
    return model

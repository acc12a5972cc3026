# Wrong: gives the new head a bias only if the old one had one (it must always have a bias).
from torch import nn


def prepare_for_finetuning(model, n_classes):
    for p in model.backbone.parameters():
        p.requires_grad = False
    old = model.head
    model.head = nn.Linear(old.in_features, n_classes, bias=old.bias is not None,
                           dtype=old.weight.dtype, device=old.weight.device)
    return model

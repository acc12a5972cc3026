# Wrong: calls model.backbone.eval() to "freeze" it; eval() does not stop gradients.
from torch import nn


def prepare_for_finetuning(model, n_classes):
    model.backbone.eval()
    old = model.head
    model.head = nn.Linear(old.in_features, n_classes, dtype=old.weight.dtype,
                           device=old.weight.device)
    return model

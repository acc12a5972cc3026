# Wrong: creates the new head with the default dtype (float32), whatever the model's dtype.
from torch import nn


def prepare_for_finetuning(model, n_classes):
    for p in model.backbone.parameters():
        p.requires_grad = False
    model.head = nn.Linear(model.head.in_features, n_classes)
    return model

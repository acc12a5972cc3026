# Wrong: only changes head.out_features; the weight keeps the old number of classes.
def prepare_for_finetuning(model, n_classes):
    for p in model.backbone.parameters():
        p.requires_grad = False
    model.head.out_features = n_classes
    return model

# Wrong: shuffles the images once but not the labels, so it learns from mismatched pairs.
import torch
from torch import nn


def train_cnn(X_train, y_train, device):
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 4 * 4, 64), nn.ReLU(), nn.Linear(64, 10),
    ).to(device)
    X = X_train[torch.randperm(len(X_train))].to(device)
    y = y_train.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(10):
        for start in range(0, len(X), 64):
            optimizer.zero_grad()
            loss_fn(model(X[start:start + 64]), y[start:start + 64]).backward()
            optimizer.step()
    return model

# Wrong: divides each batch loss by the batch size instead of multiplying by it.
import torch
from torch import nn


class Autoencoder(nn.Module):
    def __init__(self, input_dim, latent_dim):
        super().__init__()
        hidden = 32
        self.encoder = nn.Sequential(
            nn.Linear(input_dim, hidden), nn.ReLU(), nn.Linear(hidden, latent_dim)
        )
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim, hidden), nn.ReLU(), nn.Linear(hidden, input_dim), nn.Sigmoid()
        )

    def forward(self, x):
        return self.decoder(self.encoder(x))


def build_autoencoder(input_dim, latent_dim):
    return Autoencoder(input_dim, latent_dim)


def train_autoencoder(model, X, epochs=50, lr=1e-2):
    optimizer = torch.optim.Adam(model.parameters(), lr)
    loss_fn = nn.MSELoss()
    losses = []
    n = X.shape[0]
    for _ in range(epochs):
        order = torch.randperm(n)
        total = 0.0
        for start in range(0, n, 64):
            batch = X[order[start:start + 64]]
            optimizer.zero_grad()
            loss = loss_fn(model(batch), batch)
            loss.backward()
            optimizer.step()
            total += loss.item() / batch.shape[0]
        losses.append(total / n)
    return losses

"""Neural-network building blocks: activations, layers, convolution, pooling, recurrence."""

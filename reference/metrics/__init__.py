"""Regression, classification and ranking metrics."""

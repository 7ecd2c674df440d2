"""Models for the risk domain."""

"""Models for the finance domain."""

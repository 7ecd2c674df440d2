"""Models for the reports domain."""

"""Models for the people domain."""

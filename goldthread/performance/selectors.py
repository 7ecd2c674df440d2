"""Reads for the performance domain."""


def home_summary(user) -> dict:
    return {}

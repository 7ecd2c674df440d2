"""JSON API for the finance domain (mounted at /api/finance/)."""

from ninja import Router

router = Router(tags=["finance"])

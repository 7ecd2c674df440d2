"""JSON API for the risk domain (mounted at /api/risk/)."""

from ninja import Router

router = Router(tags=["risk"])

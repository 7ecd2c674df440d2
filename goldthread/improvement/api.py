"""JSON API for the improvement domain (mounted at /api/improvement/)."""

from ninja import Router

router = Router(tags=["improvement"])

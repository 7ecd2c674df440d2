"""JSON API for the people domain (mounted at /api/people/)."""

from ninja import Router

router = Router(tags=["people"])

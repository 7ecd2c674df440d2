"""JSON API for the reports domain (mounted at /api/reports/)."""

from ninja import Router

router = Router(tags=["reports"])

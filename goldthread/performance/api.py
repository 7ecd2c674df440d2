"""JSON API for measures, values and targets."""

from ninja import Router

router = Router(tags=["performance"])

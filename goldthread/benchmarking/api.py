"""JSON API for the benchmarking domain (mounted at /api/benchmarking/)."""

from ninja import Router

router = Router(tags=["benchmarking"])

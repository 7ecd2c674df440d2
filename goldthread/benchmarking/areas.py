"""Import the mySociety register of UK local authorities (plus its two lookup files) as Areas.

Reading the register is in ``register`` and the import, a write, in ``services`` (every write is a
service); this module names them together, as callers have always used them."""

from .register import AreaImportResult, normalise_name
from .services import import_areas

__all__ = ["AreaImportResult", "import_areas", "normalise_name"]

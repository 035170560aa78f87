"""Blocks placed on playbook pages; importing this package registers them all."""

from __future__ import annotations

from . import kpi_blocks  # noqa: F401  (block "kpis")
from . import journey_blocks  # noqa: F401  (blocks "diagram", "flow", "curve", "map", "stages")
from . import verification_blocks  # noqa: F401  (block "verification", after "kpis")

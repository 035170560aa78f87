"""Producers of cross-journey pages and exports; importing this package registers them all."""

from __future__ import annotations

from . import catalog, exports, personas, review, start_here, tags, teams, verification  # noqa: F401  (site pages)
from . import kpi_pages  # noqa: F401  (KPI health page, kpis.csv, kpis.json)

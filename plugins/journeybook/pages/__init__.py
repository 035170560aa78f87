"""Producers of cross-journey pages and exports; importing this package registers them all."""

from __future__ import annotations

from . import catalog, exports, personas, review, start_here, tags, teams, verification  # noqa: F401  (site pages)

"""Producers of cross-journey pages and exports; importing this package registers them all."""

from __future__ import annotations

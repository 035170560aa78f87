"""Computed views of resolved journeys: diagrams, grid, curve, KPI status, cross-journey views."""

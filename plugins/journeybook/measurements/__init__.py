"""KPI measurements in: files and SQL sources, strictly parsed into one table."""

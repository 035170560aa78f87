"""Journeybook: customer-journey playbooks as a searchable MkDocs site.

The core (front matter -> validated model -> resolved journey -> computed views -> rendered
blocks) knows nothing of MkDocs; the plugin in ``journeybook.mkdocs_plugin`` and the CLI in
``journeybook.cli.main`` are thin adapters over it.
"""

from __future__ import annotations

from journeybook.findings import Finding, Severity
from journeybook.model.project import Project, load_project
from journeybook.read.layout import Layout

__all__ = ["Finding", "Layout", "Project", "Severity", "load_project"]

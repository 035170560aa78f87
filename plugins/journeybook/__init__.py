"""Journeybook: customer-journey playbooks as a searchable MkDocs site.

The core (front matter -> validated model -> resolved journey -> computed views -> rendered
blocks) knows nothing of MkDocs; the plugin in ``journeybook.mkdocs_plugin`` and the CLI in
``journeybook.cli`` are thin adapters over it.
"""

from __future__ import annotations

from .findings import Finding, Severity
from .layout import Layout
from .project import Project, load_project

__all__ = ["Finding", "Layout", "Project", "Severity", "load_project"]

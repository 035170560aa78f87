"""Options of the ``journeybook`` MkDocs plugin (``plugins: - journeybook: ...``)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class JourneybookConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its configuration."""

    mermaid_js = c.Optional(c.Type(str))
    """Another Mermaid bundle (relative to the project root), served from the site itself;
    default: the one pinned and packaged with Journeybook."""

    parallel = c.Type(bool, default=True)
    """During ``mkdocs build``, render playbook blocks in a second process while MkDocs converts
    other pages (Linux, two or more CPUs, 20 playbooks or more); the site is the same either way."""

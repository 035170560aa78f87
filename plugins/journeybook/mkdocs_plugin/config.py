"""Options of the ``journeybook`` MkDocs plugin (``plugins: - journeybook: ...``)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class JourneybookConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its configuration."""

    mermaid_js = c.Type(str, default="node_modules/mermaid/dist/mermaid.min.js")
    """Mermaid's bundle (from npm, relative to the project root), served from the site itself."""

    parallel = c.Type(bool, default=True)
    """During ``mkdocs build``, render playbook blocks in a second process while MkDocs converts
    other pages (Linux, two or more CPUs, 20 playbooks or more); the site is the same either way."""

"""A site's layout as MkDocs itself reads mkdocs.yml, for the CLI's commands.

MkDocs' own loader follows ``INHERIT``, resolves ``!ENV`` values and applies its defaults, so
``journeybook check`` reads the same ``docs_dir`` a build does, however the site writes it.
Loading validates the configuration but runs no plugin event.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from journeybook.errors import UsageError
from journeybook.read.layout import Layout, docs_dir_of


def layout_of(config_file: Path) -> Layout:
    """The layout of the site configured by ``config_file``; a configuration MkDocs refuses is a usage error.

    A file that is not even YAML is located first by our own reader (its line and column),
    since MkDocs' message has neither and a 5,000-digit number makes its loader crash.
    """
    docs_dir_of(config_file)
    try:
        config = load_config(str(config_file))
    except MkDocsException as error:
        raise UsageError(f"{config_file.name}: {error.format_message()}") from None
    except OSError as error:
        raise UsageError(f"{config_file.name}: cannot be read ({error.strerror})") from None
    return Layout.at(config_file.parent, config.docs_dir)

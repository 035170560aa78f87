"""Generated files whose text is made the first time anything reads it.

MkDocs wants every file listed in ``on_files`` but reads a generated page only when it
converts it, and copies an export only after converting every page. Made that late, the text
of the hub pages and exports can come from the second process (``ahead``), which has long
finished them by then.
"""

from __future__ import annotations

from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from journeybook.mkdocs_plugin.problems import as_plugin_error


class LateFile(File):
    """A generated file made by ``make`` when first read (every read goes through ``_content``)."""

    _make: Callable[[], str] | None = None
    _made: str | bytes | None = None

    @classmethod
    def late(cls, config: MkDocsConfig, src_uri: str, make: Callable[[], str]) -> LateFile:
        file = cls.generated(config, src_uri, content="")
        file._make = make
        return file

    @property  # type: ignore[override]
    def _content(self) -> str | bytes | None:
        if self._make is not None:
            with as_plugin_error():
                self._made = self._make()  # if it raises, the next read tries again
            self._make = None
        return self._made

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._make, self._made = None, value

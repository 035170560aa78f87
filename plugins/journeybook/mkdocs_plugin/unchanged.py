"""While serving: which generated files did not change since the last finished build.

MkDocs counts every in-memory file as modified, so under ``mkdocs serve --dirty`` each save
would convert and index every hub page again, however small the edit. ``GeneratedFiles``
compares each generated file's finished content (placeholders shown as their HTML) with the
last build's and hands MkDocs an ``UnchangedFile`` when it is the same, which ``--dirty``
skips. When the project itself did not change (``journeybook.model.refresh`` hands back the same
one after an edit of a playbook's prose), the last build's files are reused without generating
anything. A skipped page is never read, so MkDocs knows no title for it; ``title_skipped``
gives it its first heading for the navigation.
"""

from __future__ import annotations

import re
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

H1 = re.compile(r"^# (.+)$", re.MULTILINE)


class UnchangedFile(File):
    """A generated file with the same content as at the last finished build."""

    def is_modified(self) -> bool:
        return False


class GeneratedFiles:
    """What the last finished build generated (finished content by path) and from which project,
    and the same for the build under way."""

    def __init__(self) -> None:
        self.finished: dict[str, str] = {}
        self.building: dict[str, str] = {}
        self.finished_source: object = None
        self.building_source: object = None

    def start(self, source: object) -> None:
        """A build begins, generating from ``source`` (the project)."""
        self.building, self.building_source = {}, source

    def file(self, config: MkDocsConfig, src_uri: str, content: str, finished: Callable[[str], str]) -> File:
        """The MkDocs file for ``content``; ``finished`` turns page text into what readers get."""
        data = self.building[src_uri] = finished(content)
        kind = UnchangedFile if self.finished.get(src_uri) == data else File
        return kind.generated(config, src_uri, content=content)

    def unchanged_since_last_build(self, source: object) -> bool:
        """Whether the last finished build generated from this very ``source``."""
        return source is not None and source is self.finished_source

    def reused(self, config: MkDocsConfig) -> list[File]:
        """The last build's generated files again, all unchanged, without generating them."""
        self.building = dict(self.finished)
        return [UnchangedFile.generated(config, uri, content=content) for uri, content in self.finished.items()]

    def finish(self) -> None:
        """Only a build that finished wrote its pages, so only what it generated counts as the last build's."""
        self.finished, self.finished_source = self.building, self.building_source


def title_skipped(files: Files) -> None:
    """Give each unchanged generated page, which ``--dirty`` never reads, its title."""
    for file in files.documentation_pages():
        if isinstance(file, UnchangedFile) and file.page is not None and file.page.markdown is None:
            heading = H1.search(file.content_string)
            if heading:
                file.page.title = heading.group(1).strip()

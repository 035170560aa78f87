"""While serving: which generated files did not change since the last finished build.

MkDocs counts every in-memory file as modified, so under ``mkdocs serve --dirty`` each save
would convert and index every hub page again, however small the edit. ``GeneratedFiles``
compares each generated file's finished content (placeholders shown as their HTML) with the
last build's and hands MkDocs an ``UnchangedFile`` when it is the same, which ``--dirty``
skips. When the project itself did not change (``journeybook.refresh`` hands back the same
one after an edit of a playbook's prose), the last build's files are reused without generating
anything. A skipped page is never read, so MkDocs knows no title for it; ``title_skipped``
gives it its first heading for the navigation.
"""

from __future__ import annotations

import hashlib
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
    """The generated files of the last finished build (as digests and finished content) and of
    the one under way, and the project they were made from."""

    def __init__(self) -> None:
        self.finished: dict[str, bytes] = {}
        self.building: dict[str, bytes] = {}
        self.finished_content: dict[str, str | bytes] = {}
        self.building_content: dict[str, str | bytes] = {}
        self.finished_source: object = None
        self.building_source: object = None

    def start(self, source: object) -> None:
        """A build begins, generating from ``source`` (the project)."""
        self.building, self.building_content, self.building_source = {}, {}, source

    def file(self, config: MkDocsConfig, src_uri: str, content: str | bytes, finished: Callable[[str], str]) -> File:
        """The MkDocs file for ``content``; ``finished`` turns page text into what readers get."""
        data = content if isinstance(content, bytes) else finished(content)
        self.building_content[src_uri] = data
        digest = self.building[src_uri] = hashlib.blake2b(data if isinstance(data, bytes) else data.encode(), digest_size=16).digest()
        kind = UnchangedFile if self.finished.get(src_uri) == digest else File
        return kind.generated(config, src_uri, content=content)

    def unchanged_since_last_build(self, source: object) -> bool:
        """Whether the last finished build generated from this very ``source``."""
        return source is not None and source is self.finished_source

    def reused(self, config: MkDocsConfig) -> list[File]:
        """The last build's generated files again, all unchanged, without generating them."""
        self.building, self.building_content = dict(self.finished), dict(self.finished_content)
        return [UnchangedFile.generated(config, uri, content=content) for uri, content in self.finished_content.items()]

    def finish(self) -> None:
        """Only a build that finished wrote its pages, so only what it generated counts as the last build's."""
        self.finished, self.finished_content, self.finished_source = self.building, self.building_content, self.building_source


def title_skipped(files: Files) -> None:
    """Give each unchanged generated page, which ``--dirty`` never reads, its title."""
    for file in files.documentation_pages():
        if isinstance(file, UnchangedFile) and file.page is not None and file.page.markdown is None:
            heading = H1.search(file.content_string)
            if heading:
                file.page.title = heading.group(1).strip()

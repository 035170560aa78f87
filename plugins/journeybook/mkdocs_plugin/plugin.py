"""The ``journeybook`` MkDocs plugin.

Events used, and why:
- ``on_startup``: remember whether this is ``mkdocs serve`` (a preview) or a build.
- ``on_config``: first (before Material's offline plugin reads ``extra.polyfills``) add the theme
  overrides and the Worker shim every site gets (``site_setup``); then load and validate every
  playbook once per build (errors stop the build with a ``PluginError``; warnings describe the
  content's health, which the pages show, so they are logged at info level and never fail
  ``--strict``); while
  serving, each rebuild reloads only the playbooks an edit touched (``journeybook.model.refresh``).
  It also adds the raw-HTML policy (``journeybook.render.html_policy``) to the Markdown extensions.
- ``on_files``: add Mermaid's bundle, our stylesheet, the table-sorting and print scripts, the
  iframe-worker shim (so no page loads anything from another host) and every generated page
  and export (``journeybook.pages``); while serving, one unchanged since the last build is
  marked so for ``--dirty`` to skip (``unchanged.GeneratedFiles``). A big ``mkdocs build``
  first starts a second process rendering playbook blocks ahead (``ahead.Ahead``).
- ``on_page_read_source``: hand MkDocs a playbook's body under the few front-matter keys the
  theme reads (we parsed the rest already).
- ``on_page_markdown``: escape front-matter text the theme prints raw; expand block
  directives on playbook pages (or take them from the second process), each in its page's
  language; put its profile above each persona page and its journeys below.
- ``on_page_content``: turn each generated block's placeholder into a stand-in holding only
  its words, which is what Material's search indexes (``journeybook.render.placeholders``); in
  preview only, put a page's errors in a box at its top.
  Default priority: Material's search plugin reads the page later, in ``on_page_context``.
- ``on_post_page``: replace the stand-ins with the generated HTML; give a page written in
  another language than the site's its own ``<html lang>`` (``languages``).
- ``on_page_context``: hand the rendered playbook header to the theme override, and the page's
  language to the override of Material's translations.
- ``on_nav``: while serving with ``--dirty``, title the generated pages it skips.
- ``on_post_build``: while serving, remember what this finished build generated; stop the
  second process (also ``on_build_error``); give Material's ``tags.json`` the tags as written
  (``mkdocs_plugin.tags``, which also makes tag anchors from them, in ``on_config``); add accent-free words to the search index.
- ``on_serve``: also reload when ``data/``, ``site_config/`` or ``templates/`` change.

While previewing, content errors do not stop the server: they are logged at info level (so
``strict: true`` does not abort the preview) and shown on the page they are in, while every
other page keeps working. ``mkdocs build`` still fails on them.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from journeybook.blocks.registry import BlockContext, expand
from journeybook.findings import Severity
from journeybook.mkdocs_plugin.ahead import Ahead, Job, can_work_ahead
from journeybook.mkdocs_plugin.config import JourneybookConfig
from journeybook.mkdocs_plugin.languages import (
    fold_search_index,
    has_accents,
    page_lang,
    page_language,
    theme_translates,
)
from journeybook.mkdocs_plugin.late_files import LateFile
from journeybook.mkdocs_plugin.place import hide_navigation, highlight_catalog
from journeybook.mkdocs_plugin.problems import plain_problems
from journeybook.mkdocs_plugin.site_setup import (
    add_theme_overrides,
    add_worker_shim,
    drop_instant_navigation_offline,
    site_assets,
)
from journeybook.mkdocs_plugin.state import BuildState, PreviewState, WorkerState
from journeybook.mkdocs_plugin.tags import export_tags_as_written, slug_tags_as_written
from journeybook.mkdocs_plugin.unchanged import title_skipped
from journeybook.model.project import load_project
from journeybook.model.refresh import Inputs, refresh
from journeybook.model.resolved import Journey
from journeybook.pages.initiatives import initiative_page, initiative_source
from journeybook.pages.personas import persona_page
from journeybook.pages.registry import GeneratedFile, SiteContext, generate
from journeybook.pages.uris import PRINT_SCRIPT_URI, STYLESHEET_URI, TABLES_SCRIPT_URI
from journeybook.read.body_text import clean_body
from journeybook.read.front_matter import body_of
from journeybook.read.layout import Layout
from journeybook.render.error_boxes import error_boxes, preview_source
from journeybook.render.html_policy import HtmlPolicy
from journeybook.render.labels import load_labels
from journeybook.render.links import Links
from journeybook.render.templates import Renderer
from journeybook.views.initiatives import INITIATIVE_VIEWS
from journeybook.views.kpi_status import KPI_VIEWS

log = get_plugin_logger(__name__)


class RenderedAhead(NamedTuple):
    """A playbook page as the second process rendered it, and from what."""

    markdown: str
    url: str
    expanded: str
    header: str


class JourneybookPlugin(BasePlugin[JourneybookConfig]):
    def __init__(self) -> None:
        self.build = BuildState()
        self.preview = PreviewState()
        self.worker = WorkerState()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs keeps a plugin with this event alive across serve's rebuilds, so this sticks."""
        self.preview.serving = command == "serve"
        self.preview.dirty = dirty

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.build.layout is not None:
            for folder in (self.build.layout.root / "data", self.build.layout.config_dir, self.build.layout.templates_dir):
                if folder.is_dir():
                    server.watch(str(folder))
        return server

    @event_priority(50)
    def _set_up_site(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.build.layout = Layout.at(Path(config.config_file_path).parent, config.docs_dir)
        add_theme_overrides(config, self.build.layout)
        add_worker_shim(config)
        drop_instant_navigation_offline(config)
        return config

    @plain_problems
    def _load(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled or self.build.layout is None:
            return None
        config_file = Path(config.config_file_path)
        if self.preview.serving and self.build.project is not None and self.preview.inputs is not None:
            self.build.project, self.preview.inputs = refresh(self.build.project, self.preview.inputs, self.build.layout, config_file)
        else:
            self.build.project = load_project(self.build.layout)
            self.preview.inputs = Inputs.scan(self.build.layout, config_file) if self.preview.serving else None
        findings = self.build.project.findings
        errors = [f for f in findings.sorted() if f.severity is Severity.ERROR]
        for warning in findings.sorted():
            if warning.severity is Severity.WARNING:
                log.info(f"warning (shown on the site's pages; 'journeybook check --strict' fails on it): {warning}")
        if errors and not self.preview.serving:
            raise PluginError("Journeybook found errors in the content:\n" + "\n".join(str(e) for e in errors))
        for error in errors:
            log.info(f"error (shown on its page in this preview; a build fails on it): {error}")
        config.extra_css.append(STYLESHEET_URI)
        self.build.html_policy = HtmlPolicy(self.build.project.site.settings.raw_html)  # type: ignore[arg-type]
        config.markdown_extensions.append(self.build.html_policy)  # type: ignore[arg-type]  (Markdown takes instances too)
        slug_tags_as_written(config)
        config.extra_javascript.append(TABLES_SCRIPT_URI)
        config.extra_javascript.append(PRINT_SCRIPT_URI)
        self.build.language = str(config.theme.get("language") or "en")
        labels = load_labels(self.build.layout.label_dirs, self.build.language)
        renderer = self.build.renderer
        if renderer is None or renderer.template_dirs != self.build.layout.template_dirs or (renderer.labels, renderer.language) != (labels, self.build.language):
            self.build.renderer = Renderer(self.build.layout.template_dirs, labels, self.build.layout.label_dirs)
        self.build.renderer.start_build(self.build.project.site if self.preview.serving else None)
        self.preview.boxes = error_boxes(self.build.project, self.build.renderer) if self.preview.serving else {}
        return config

    on_config = CombinedEvent(_set_up_site, _load)

    @plain_problems
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.build.layout is None:
            return None
        for uri, source, what, remedy in site_assets(self.build.layout, self.config.mermaid_js):
            if not source.is_file():
                raise PluginError(f"{what} is missing at {self.build.layout.rel(source)}; {remedy}")
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        if self.build.project is not None and self.build.renderer is not None:
            context = self.build.site = SiteContext(self.build.project, self.build.renderer, config.use_directory_urls, self.build.language)
            # Only --dirty skips unchanged files; a full rebuild must convert them from their text.
            if self.preview.serving and self.preview.dirty and self.preview.generated.unchanged_since_last_build(self.build.project):
                for file in self.preview.generated.reused(config):
                    files.append(file)
                return files
            self.preview.generated.start(self.build.project)
            items = generate(context)
            if self.preview.serving:
                for item in items:
                    files.append(self.preview.generated.file(config, item.src_uri, item.make(), self.build.renderer.placeholders.expanded))
                return files
            self._start_ahead(files, items, config)
            for item in items:
                files.append(LateFile.late(config, item.src_uri, partial(self._take_generated, item)))
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        title_skipped(files)
        return nav

    @event_priority(-50)  # after Material's search plugin writes its index, before its offline plugin (-100) copies it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        export_tags_as_written(config)
        self.preview.generated.finish()
        self._stop_ahead()
        if self.preview.accents:
            fold_search_index(Path(config.site_dir))
        if not self.preview.serving:  # while serving, a --dirty rebuild rewrites the whole index from its own copy
            self.preview.accents = False

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_ahead()

    def _start_ahead(self, files: Files, generated: list[GeneratedFile], config: MkDocsConfig) -> None:
        """Start the second process on every playbook page, in the order MkDocs converts them, then the generated files."""
        assert self.build.project is not None and self.build.renderer is not None
        self._stop_ahead()  # a plugin running builds of its own may have left one
        if not self.config.parallel or not can_work_ahead(len(self.build.project.journeys)):
            return
        jobs = []
        for file in files.documentation_pages():
            journey = self.build.project.by_uri.get(file.src_uri)
            if journey is not None and file.abs_src_path is not None:
                url = "" if file.url in (".", "./") else file.url  # as Page.url has it
                jobs.append(Job(file.src_uri, partial(self._render_ahead, journey, file.abs_src_path, url, config.use_directory_urls)))
        # MkDocs reads the generated files last, when it has converted every playbook. The worker
        # takes them from the end, the plugin from the start, each skipping what the other claimed.
        jobs += [Job(item.src_uri, item.make) for item in reversed(generated)]
        self.worker.ahead = Ahead.start(jobs, self.build.renderer.placeholders)
        self.worker.jobs = len(jobs)

    def _take_generated(self, item: GeneratedFile) -> str:
        done = self.worker.ahead.take(item.src_uri) if self.worker.ahead is not None else None
        if done is None:
            return item.make()
        self.worker.used += 1
        return str(done)

    def _render_ahead(self, journey: Journey, source_path: str, url: str, use_directory_urls: bool) -> RenderedAhead:
        """In the second process: what ``on_page_markdown`` and ``on_page_context`` would make of this page."""
        markdown = get_data(self._source(journey, source_path))[0]
        expanded = self._blocks(journey, markdown, url, use_directory_urls)
        return RenderedAhead(markdown, url, expanded, str(self._header(journey, url, use_directory_urls)))

    def _stop_ahead(self) -> None:
        if self.worker.ahead is not None:
            log.debug(f"{self.worker.used} of {self.worker.jobs} playbook pages and generated files came from the second process")
            self.worker.ahead.stop()
        self.worker = WorkerState()

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A loaded playbook's body under only the front matter the theme reads.

        MkDocs would parse the whole front matter again with PyYAML's pure-Python loader (a
        tenth of a build at a thousand playbooks) into ``page.meta``, where nothing reads more
        than the title, description, tags and the page options the author set (``hide``,
        ``search``...). JSON values are valid YAML flow values.
        """
        journey = self._journey(page)
        if page.file.abs_src_path is None or self.build.project is None or not self.config.enabled:
            return None
        if journey is None:
            initiative = self.build.project.initiatives.by_uri.get(page.file.src_uri)
            if initiative is not None:
                return initiative_source(initiative, page.file.abs_src_path)
            # a page with errors, in preview, shows its box over its body
            return preview_source(Path(page.file.abs_src_path), self.build.project) if page.file.src_uri in self.preview.boxes else None
        return self._source(journey, page.file.abs_src_path)

    @staticmethod
    def _source(journey: Journey, source_path: str) -> str:
        meta = {"title": journey.title, "description": journey.description, "tags": list(journey.tags), **journey.page_options}
        front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items() if value not in (None, [], ""))
        return f"---\n{front}---\n{body_of(Path(source_path).read_text(encoding='utf-8-sig'))}"

    @plain_problems
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        escape_page_meta(page.meta)
        markdown = clean_body(markdown)  # NFC, no control characters: the load reported each one
        self.build.html_policy.raw_html_is_authors = page.file.generated_by is None  # a generated page's raw HTML is ours
        if self.config.enabled and self.build.site is not None:
            persona = persona_page(self.build.site, page.file.src_uri, markdown)
            if persona is not None:
                return persona
            initiative = initiative_page(self.build.site, page.file.src_uri, markdown, page.url)
            if initiative is not None:
                return initiative
        journey = self._journey(page)
        if journey is None or self.build.renderer is None:
            return None
        done = self.worker.ahead.take(page.file.src_uri) if self.worker.ahead is not None else None
        if isinstance(done, RenderedAhead) and (done.markdown, done.url) == (markdown, page.url):  # else another plugin changed them
            self.worker.used += 1
            self.worker.headers[page.file.src_uri] = Markup(done.header)
            return done.expanded
        return self._blocks(journey, markdown, page.url, config.use_directory_urls)

    def _blocks(self, journey: Journey, markdown: str, url: str, use_directory_urls: bool) -> str:
        assert self.build.renderer is not None and self.build.project is not None
        context = BlockContext(
            journey=journey, renderer=self.build.renderer.in_language(journey.language), links=Links(url, use_directory_urls),
            views={KPI_VIEWS: self.build.project.kpis, INITIATIVE_VIEWS: self.build.project.initiatives},
        )
        return expand(markdown, context)

    def _header(self, journey: Journey, url: str, use_directory_urls: bool) -> Markup:
        assert self.build.renderer is not None and self.build.project is not None
        return self.build.renderer.in_language(journey.language).render("header.html", journey=journey, links=Links(url, use_directory_urls), today=self.build.project.today)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.build.renderer is not None:
            html = self.build.renderer.placeholders.with_stand_ins(html)
        self.preview.accents = self.preview.accents or has_accents(html) or has_accents(str(page.title or ""))
        box = self.preview.boxes.get(page.file.src_uri)
        return f"{box}\n{html}" if box else html

    @event_priority(100)  # first, so any plugin reading the finished page sees the whole of it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.build.highlighted is not None:
            self.build.highlighted.active, self.build.highlighted = False, None
        if self.build.renderer is None or self.build.project is None:
            return None
        language = page_language(self.build.project, page.file.src_uri)
        output = page_lang(output, language) if language and language != self.build.language else output
        return self.build.renderer.placeholders.with_html(output)

    @plain_problems  # the header's template may be the site's own, and broken
    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any] | None:
        language = page_language(self.build.project, page.file.src_uri) if self.build.project is not None else None
        if language and language != self.build.language and theme_translates(config.theme.dirs, language):
            context["journeybook_language"] = language
        journey = self._journey(page)
        if journey is not None:
            header = self.worker.headers.pop(page.file.src_uri, None)
            context["journeybook_header"] = header if header is not None else self._header(journey, page.url, config.use_directory_urls)
            hide_navigation(page)
            self.build.highlighted = highlight_catalog(nav)
        return context

    def _journey(self, page: Page) -> Journey | None:
        if not self.config.enabled or self.build.project is None:
            return None
        return self.build.project.by_uri.get(page.file.src_uri)



ESCAPED_META = ("title", "description", "subtitle", "status", "author", "tags")


def escape_page_meta(meta: dict[str, Any]) -> None:
    """Escape front-matter text the theme prints raw.

    MkDocs renders themes with autoescape off, and Material prints ``page.meta.title`` and
    ``description`` into ``<title>``, ``<meta>``, the header, the nav and the search index;
    ``subtitle`` and ``status`` into the nav (``status`` inside a class attribute), ``author``
    into a ``<meta>``, and ``tags`` into every tag link, the tags index and the search index.
    An escaped ``Markup`` value reads the same to a browser and cannot open a tag there.
    """
    for key in ESCAPED_META:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)
        elif isinstance(value, list):
            meta[key] = [escape(item) if isinstance(item, str) else item for item in value]

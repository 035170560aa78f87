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
  directives on playbook pages (or take them from the second process); append its journeys
  to each persona page.
- ``on_page_content``: turn each generated block's placeholder into a stand-in holding only
  its words, which is what Material's search indexes (``journeybook.render.placeholders``); in
  preview only, put a page's errors in a box at its top.
  Default priority: Material's search plugin reads the page later, in ``on_page_context``.
- ``on_post_page``: replace the stand-ins with the generated HTML.
- ``on_page_context``: hand the rendered playbook header to the theme override.
- ``on_nav``: while serving with ``--dirty``, title the generated pages it skips.
- ``on_post_build``: while serving, remember what this finished build generated; stop the
  second process (also ``on_build_error``); give Material's ``tags.json`` the tags as written
  (``mkdocs_plugin.tags``, which also makes tag anchors from them, in ``on_config``).
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
from journeybook.mkdocs_plugin.late_files import LateFile
from journeybook.mkdocs_plugin.place import hide_navigation, highlight_catalog
from journeybook.mkdocs_plugin.problems import plain_problems
from journeybook.mkdocs_plugin.site_setup import (
    PRINT_SCRIPT_URI,
    STYLESHEET_URI,
    TABLES_SCRIPT_URI,
    add_theme_overrides,
    add_worker_shim,
    site_assets,
)
from journeybook.mkdocs_plugin.tags import export_tags_as_written, slug_tags_as_written
from journeybook.mkdocs_plugin.unchanged import GeneratedFiles, title_skipped
from journeybook.model.project import Project, load_project
from journeybook.model.refresh import Inputs, refresh
from journeybook.model.resolved import Journey
from journeybook.pages.initiatives import initiative_page, initiative_source
from journeybook.pages.personas import persona_journeys
from journeybook.pages.registry import GeneratedFile, SiteContext, generate
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
        self.project: Project | None = None
        self.renderer: Renderer | None = None
        self.layout: Layout | None = None
        self.language = "en"
        self.site: SiteContext | None = None
        self.serving = False
        self.dirty = False
        self.preview: dict[str, Markup] = {}
        self.html_policy = HtmlPolicy()
        self.inputs: Inputs | None = None
        """While serving: when each input file last changed, to reload only what an edit touched."""
        self.generated = GeneratedFiles()
        """While serving: which generated files did not change, for ``--dirty`` to skip."""
        self.ahead: Ahead | None = None
        self.ahead_jobs = self.ahead_used = 0
        self.headers: dict[str, Markup] = {}
        """Playbook headers the second process rendered, by page."""
        self.highlighted: Page | None = None
        """The navigation entry marked active for the playbook page being rendered."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs keeps a plugin with this event alive across serve's rebuilds, so this sticks."""
        self.serving = command == "serve"
        self.dirty = dirty

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.layout is not None:
            for folder in (self.layout.root / "data", self.layout.config_dir, self.layout.templates_dir):
                if folder.is_dir():
                    server.watch(str(folder))
        return server

    @event_priority(50)
    def _set_up_site(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.layout = Layout.at(Path(config.config_file_path).parent, config.docs_dir)
        add_theme_overrides(config, self.layout)
        add_worker_shim(config)
        return config

    @plain_problems
    def _load(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled or self.layout is None:
            return None
        config_file = Path(config.config_file_path)
        if self.serving and self.project is not None and self.inputs is not None:
            self.project, self.inputs = refresh(self.project, self.inputs, self.layout, config_file)
        else:
            self.project = load_project(self.layout)
            self.inputs = Inputs.scan(self.layout, config_file) if self.serving else None
        findings = self.project.findings
        errors = [f for f in findings.sorted() if f.severity is Severity.ERROR]
        for warning in findings.sorted():
            if warning.severity is Severity.WARNING:
                log.info(f"warning (shown on the site's pages; 'journeybook check --strict' fails on it): {warning}")
        if errors and not self.serving:
            raise PluginError("Journeybook found errors in the content:\n" + "\n".join(str(e) for e in errors))
        for error in errors:
            log.info(f"error (shown on its page in this preview; a build fails on it): {error}")
        config.extra_css.append(STYLESHEET_URI)
        self.html_policy = HtmlPolicy(self.project.site.settings.raw_html)  # type: ignore[arg-type]
        config.markdown_extensions.append(self.html_policy)  # type: ignore[arg-type]  (Markdown takes instances too)
        slug_tags_as_written(config)
        config.extra_javascript.append(TABLES_SCRIPT_URI)
        config.extra_javascript.append(PRINT_SCRIPT_URI)
        self.language = str(config.theme.get("language") or "en")
        labels = load_labels(self.layout.label_dirs, self.language)
        if self.renderer is None or self.renderer.template_dirs != self.layout.template_dirs or self.renderer.labels != labels:
            self.renderer = Renderer(self.layout.template_dirs, labels)
        self.renderer.start_build(self.project.site if self.serving else None)
        self.preview = error_boxes(self.project, self.renderer) if self.serving else {}
        return config

    on_config = CombinedEvent(_set_up_site, _load)

    @plain_problems
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.layout is None:
            return None
        for uri, source, what, remedy in site_assets(self.layout, self.config.mermaid_js):
            if not source.is_file():
                raise PluginError(f"{what} is missing at {self.layout.rel(source)}; {remedy}")
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        if self.project is not None and self.renderer is not None:
            context = self.site = SiteContext(self.project, self.renderer, config.use_directory_urls, self.language)
            # Only --dirty skips unchanged files; a full rebuild must convert them from their text.
            if self.serving and self.dirty and self.generated.unchanged_since_last_build(self.project):
                for file in self.generated.reused(config):
                    files.append(file)
                return files
            self.generated.start(self.project)
            items = generate(context)
            if self.serving:
                for item in items:
                    files.append(self.generated.file(config, item.src_uri, item.make(), self.renderer.placeholders.expanded))
                return files
            self._start_ahead(files, items, config)
            for item in items:
                files.append(LateFile.late(config, item.src_uri, partial(self._take_generated, item)))
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        title_skipped(files)
        return nav

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        export_tags_as_written(config)
        self.generated.finish()
        self._stop_ahead()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_ahead()

    def _start_ahead(self, files: Files, generated: list[GeneratedFile], config: MkDocsConfig) -> None:
        """Start the second process on every playbook page, in the order MkDocs converts them, then the generated files."""
        assert self.project is not None and self.renderer is not None
        self._stop_ahead()  # a plugin running builds of its own may have left one
        self.ahead_used = 0
        if not self.config.parallel or not can_work_ahead(len(self.project.journeys)):
            return
        jobs = []
        for file in files.documentation_pages():
            journey = self.project.by_uri.get(file.src_uri)
            if journey is not None and file.abs_src_path is not None:
                url = "" if file.url in (".", "./") else file.url  # as Page.url has it
                jobs.append(Job(file.src_uri, partial(self._render_ahead, journey, file.abs_src_path, url, config.use_directory_urls)))
        # MkDocs reads the generated files last, when it has converted every playbook. The worker
        # takes them from the end, the plugin from the start, each skipping what the other claimed.
        jobs += [Job(item.src_uri, item.make) for item in reversed(generated)]
        self.ahead = Ahead.start(jobs, self.renderer.placeholders)
        self.ahead_jobs = len(jobs)

    def _take_generated(self, item: GeneratedFile) -> str:
        done = self.ahead.take(item.src_uri) if self.ahead is not None else None
        if done is None:
            return item.make()
        self.ahead_used += 1
        return str(done)

    def _render_ahead(self, journey: Journey, source_path: str, url: str, use_directory_urls: bool) -> RenderedAhead:
        """In the second process: what ``on_page_markdown`` and ``on_page_context`` would make of this page."""
        markdown = get_data(self._source(journey, source_path))[0]
        expanded = self._blocks(journey, markdown, url, use_directory_urls)
        return RenderedAhead(markdown, url, expanded, str(self._header(journey, url, use_directory_urls)))

    def _stop_ahead(self) -> None:
        if self.ahead is not None:
            log.debug(f"{self.ahead_used} of {self.ahead_jobs} playbook pages and generated files came from the second process")
            self.ahead.stop()
            self.ahead = None
        self.headers = {}

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A loaded playbook's body under only the front matter the theme reads.

        MkDocs would parse the whole front matter again with PyYAML's pure-Python loader (a
        tenth of a build at a thousand playbooks) into ``page.meta``, where nothing reads more
        than the title, description, tags and the page options the author set (``hide``,
        ``search``...). JSON values are valid YAML flow values.
        """
        journey = self._journey(page)
        if page.file.abs_src_path is None or self.project is None or not self.config.enabled:
            return None
        if journey is None:
            initiative = self.project.initiatives.by_uri.get(page.file.src_uri)
            if initiative is not None:
                return initiative_source(initiative, page.file.abs_src_path)
            # a page with errors, in preview, shows its box over its body
            return preview_source(Path(page.file.abs_src_path), self.project) if page.file.src_uri in self.preview else None
        return self._source(journey, page.file.abs_src_path)

    @staticmethod
    def _source(journey: Journey, source_path: str) -> str:
        meta = {"title": journey.title, "description": journey.description, "tags": list(journey.tags), **journey.page_options}
        front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items() if value not in (None, [], ""))
        return f"---\n{front}---\n{body_of(Path(source_path).read_text(encoding='utf-8-sig'))}"

    @plain_problems
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        escape_page_meta(page.meta)
        self.html_policy.raw_html_is_authors = page.file.generated_by is None  # a generated page's raw HTML is ours
        if self.config.enabled and self.site is not None:
            block = persona_journeys(self.site, page.file.src_uri)
            if block is not None:
                return f"{markdown}\n\n{block}\n"
            initiative = initiative_page(self.site, page.file.src_uri, markdown, page.url)
            if initiative is not None:
                return initiative
        journey = self._journey(page)
        if journey is None or self.renderer is None:
            return None
        done = self.ahead.take(page.file.src_uri) if self.ahead is not None else None
        if isinstance(done, RenderedAhead) and (done.markdown, done.url) == (markdown, page.url):  # else another plugin changed them
            self.ahead_used += 1
            self.headers[page.file.src_uri] = Markup(done.header)
            return done.expanded
        return self._blocks(journey, markdown, page.url, config.use_directory_urls)

    def _blocks(self, journey: Journey, markdown: str, url: str, use_directory_urls: bool) -> str:
        assert self.renderer is not None and self.project is not None
        context = BlockContext(journey=journey, renderer=self.renderer, links=Links(url, use_directory_urls), views={KPI_VIEWS: self.project.kpis, INITIATIVE_VIEWS: self.project.initiatives})
        return expand(markdown, context)

    def _header(self, journey: Journey, url: str, use_directory_urls: bool) -> Markup:
        assert self.renderer is not None and self.project is not None
        return self.renderer.render("header.html", journey=journey, links=Links(url, use_directory_urls), today=self.project.today)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.renderer is not None:
            html = self.renderer.placeholders.with_stand_ins(html)
        box = self.preview.get(page.file.src_uri)
        return f"{box}\n{html}" if box else html

    @event_priority(100)  # first, so any plugin reading the finished page sees the whole of it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.highlighted is not None:
            self.highlighted.active, self.highlighted = False, None
        return self.renderer.placeholders.with_html(output) if self.renderer is not None else None

    @plain_problems  # the header's template may be the site's own, and broken
    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any] | None:
        journey = self._journey(page)
        if journey is not None:
            header = self.headers.pop(page.file.src_uri, None)
            context["journeybook_header"] = header if header is not None else self._header(journey, page.url, config.use_directory_urls)
            hide_navigation(page)
            self.highlighted = highlight_catalog(nav)
        return context

    def _journey(self, page: Page) -> Journey | None:
        if not self.config.enabled or self.project is None:
            return None
        return self.project.by_uri.get(page.file.src_uri)



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

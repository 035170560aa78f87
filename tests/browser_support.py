"""Real headless Chromium (Debian's package) over a built site, served on localhost.

Playwright drives it with ``executable_path``; no browser is ever downloaded. Every request the
page makes is recorded so tests can prove the site talks to no other host.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Material draws each Mermaid diagram into a closed shadow root. Added as an init script, this
# opens those roots so a test can read the SVG (test instrumentation only).
OPEN_SHADOW_ROOTS = (
    "Element.prototype.attachShadow = (attach => function (init) {"
    " return attach.call(this, { ...init, mode: 'open' }); })(Element.prototype.attachShadow);"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free localhost port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageLog:
    """What a page did: requests to other hosts, console errors, dialogs (alert, confirm)."""

    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def browser(color_scheme: str = "light", width: int = 1280, height: int = 900) -> Iterator[object]:
    """A Playwright browser context in real Chromium; fails when Chromium is not installed.

    A browser test that skipped would pass while testing nothing.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = instance.new_context(viewport={"width": width, "height": height}, color_scheme=color_scheme)
        try:
            yield context
        finally:
            context.close()
            instance.close()


def watch(page: object, base_url: str) -> PageLog:
    """Record foreign requests, console errors and dialogs of ``page`` (dialogs are dismissed)."""
    log = PageLog()
    host = urlparse(base_url).netloc

    def on_request(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.netloc != host:
            log.foreign_requests.append(url)

    def on_console(message: object) -> None:
        if message.type == "error":  # type: ignore[attr-defined]
            log.console_errors.append(message.text)  # type: ignore[attr-defined]

    def on_dialog(dialog: object) -> None:
        log.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("request", on_request)  # type: ignore[attr-defined]
    page.on("console", on_console)  # type: ignore[attr-defined]
    page.on("dialog", on_dialog)  # type: ignore[attr-defined]
    return log


def search(page: Any, query: str, attempts: int = 10) -> list[str]:
    """Type ``query`` into Material's search box and return the result links.

    The search worker builds its index after the page loads and ignores what was typed before
    it is ready, so the query is typed again (a bounded number of times) until results show.
    """
    page.locator(".md-search__input").first.click()
    for _ in range(attempts):
        page.fill("input.md-search__input", "")
        page.type("input.md-search__input", query)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=2_000)
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: the index was not ready yet
            continue
        return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    return []

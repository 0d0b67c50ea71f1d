"""pytest plugin: a real headless Chromium that opens talentgraph pages with the network blocked.

Wire it in with ``pytest_plugins = ["tests.browser_fixture"]`` (or load it with
``-p tests.browser_fixture``). It drives Debian's ``chromium`` (``/usr/bin/chromium``,
or ``$TALENTGRAPH_CHROMIUM``) through Playwright; ``playwright install`` is never needed.
Without a browser the browser tests skip with the reason — except when ``CI=true``,
where a missing browser fails them, so CI cannot pass by skipping.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("TALENTGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
INSTALL_HINT = "apt-get install -y chromium (Debian), or set TALENTGRAPH_CHROMIUM to a Chromium binary"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run: {reason} — {INSTALL_HINT}", pytrace=False)
    pytest.skip(f"browser tests need Chromium: {reason} — {INSTALL_HINT}")


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium for the whole session."""
    if not Path(CHROMIUM).exists():
        _unavailable(f"no browser at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # a broken install shows up here, not at the path check
            _unavailable(f"{CHROMIUM} did not start ({str(exc).splitlines()[0]})")
        yield browser
        browser.close()


@dataclass
class OfflinePage:
    """An opened page plus what it tried to do: blocked requests, console errors, dialogs."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


@pytest.fixture
def open_offline(chromium):
    """``open_offline(path)`` opens an HTML file with every other request failed and recorded,
    and waits until the graph is drawn and settled. ``viewport`` below 800 px wide is a
    phone: a touch screen. ``fragment`` is a URL hash to open the file with (a shared view)."""
    contexts = []

    def opener(path: Path, viewport: tuple[int, int] = (1400, 900), fragment: str = "") -> OfflinePage:
        phone = viewport[0] < 800
        context = chromium.new_context(
            viewport={"width": viewport[0], "height": viewport[1]},
            has_touch=phone,
            is_mobile=phone,
            device_scale_factor=2 if phone else 1,
        )
        contexts.append(context)
        url = Path(path).resolve().as_uri()
        page = context.new_page()
        record = OfflinePage(page, url)

        def route(r):
            if r.request.url == url:
                r.continue_()
            else:
                record.requests.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.on(
            "request",
            lambda req: (
                req.url not in (url,)
                and not req.url.startswith("data:")
                and req.url not in record.requests
                and record.requests.append(req.url)
            ),
        )
        page.on("console", lambda msg: msg.type == "error" and record.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: record.console_errors.append(str(exc)))
        page.on("dialog", lambda d: (record.dialogs.append(d.message), d.dismiss()))
        page.goto(url + (f"#{fragment.lstrip('#')}" if fragment else ""))
        page.wait_for_selector("body[data-ready=true][data-drawn=true]", state="attached", timeout=60_000)
        return record

    yield opener
    for context in contexts:
        context.close()

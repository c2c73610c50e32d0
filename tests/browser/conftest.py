"""A real headless browser for the pages: Debian's chromium driven by Playwright (Playwright's
own browser download cannot work here). Without chromium the browser tests are skipped, except
in CI (REQUIRE_BROWSER=1), where they must run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from cadomaestro import paths

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TIMEOUT_MS = 30_000


# Per module: Playwright's sync API runs an event loop on this thread while it is open, and the
# other tests' asyncio.run() cannot start beside it.
@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not CHROMIUM.exists() or not paths.WIDGET_SCRIPT.exists():
        missing = CHROMIUM if not CHROMIUM.exists() else "the widget (make widget)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{missing} is missing and REQUIRE_BROWSER is set")
        pytest.skip(f"{missing} is missing")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def context(browser) -> Iterator:
    """A fresh browser profile (its own storage) per test."""
    made = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    made.set_default_timeout(TIMEOUT_MS)
    try:
        yield made
    finally:
        made.close()

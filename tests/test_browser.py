"""A real browser (Playwright driving Debian's chromium) opens every page: charts render, no exception."""
from __future__ import annotations

import pytest

from .browser_utils import CHROMIUM_ARGS, ROOT, require_browser, streamlit_server, wait_for_app

PAGES = [("", "Overview"), ("entities", "Entities"), ("quotes", "Quotes"), ("numbers", "Numbers")]
SHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="module")
def browser_page():
    exe = require_browser()
    from playwright.sync_api import sync_playwright

    (ROOT / "tests" / "artifacts").mkdir(exist_ok=True)
    with streamlit_server() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        yield url, page, dialogs
        browser.close()


@pytest.mark.parametrize("path,title", PAGES)
def test_every_page_renders_in_a_real_browser(browser_page, path, title):
    url, page, dialogs = browser_page
    page.goto(f"{url}/{path}")
    wait_for_app(page)
    if path:
        page.get_by_role("heading", name=title).first.wait_for(timeout=30_000)
        page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=30_000)
        page.wait_for_selector("[data-testid='stDataFrame']", timeout=30_000)
    else:
        page.wait_for_selector(".nl-article", timeout=30_000)
        assert page.locator(".nl-entity").count() > 10
        assert page.locator(".nl-quote").count() > 0
    assert page.locator("[data-testid='stException']").count() == 0
    assert not dialogs
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{title.lower()}.png"), full_page=True)


def test_sidebar_filter_holds_across_pages_in_browser(browser_page):
    url, page, _ = browser_page
    page.goto(f"{url}/entities")
    wait_for_app(page)
    search = page.locator("[data-testid=stSidebar] input[aria-label=Search]")
    search.fill("Wei")
    search.press("Enter")
    wait_for_app(page)
    page.get_by_role("link", name="Quotes").click()
    wait_for_app(page)
    assert page.locator("[data-testid=stSidebar] input[aria-label=Search]").input_value() == "Wei"
    assert page.locator("[data-testid='stException']").count() == 0

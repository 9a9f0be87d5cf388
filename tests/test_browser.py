"""A real browser (Playwright driving Debian's chromium): every page renders, URLs share views, charts filter."""
from __future__ import annotations

import re

import pytest

from .browser_utils import CHROMIUM_ARGS, require_browser, screenshots_dir, streamlit_server, wait_for_app
from .conftest import SEED_NAME

PAGES = [("", "Overview"), ("entities", "Entities"), ("quotes", "Quotes"), ("numbers", "Numbers"), ("corpus", "Corpus")]
ALL = f"article={SEED_NAME}&article=harbor-lithium&article=port-authority"


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return screenshots_dir(tmp_path_factory)


@pytest.fixture(scope="module")
def browser_page(corpus_dir):
    exe = require_browser()
    from playwright.sync_api import sync_playwright

    with streamlit_server({"NEWSLENS_DATA_DIR": str(corpus_dir)}) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme="light")
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        yield url, page, dialogs
        browser.close()


def no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.locator("[data-testid='stException']").first.inner_text()


def caption_count(page, word: str) -> int:
    """The number in a caption like "13 statements"."""
    text = page.get_by_text(re.compile(rf"^\d+ {word}")).first.inner_text()
    return int(text.split()[0])


def test_first_request_to_a_page_url_gets_the_whole_app(browser_page):
    """A fresh server whose first visitor opens a shared /entities?… link gets navigation, sidebar and filters."""
    url, page, _ = browser_page
    page.goto(f"{url}/entities?type=PERSON")
    wait_for_app(page)
    page.get_by_role("heading", name="Entities").first.wait_for(timeout=30_000)
    sidebar = page.locator("[data-testid=stSidebar]")
    assert sidebar.get_by_text("Articles").count() >= 1
    assert sidebar.get_by_role("link", name="Corpus").count() == 1
    assert sidebar.get_by_role("link", name="app").count() == 0  # not the legacy auto-generated menu
    no_exception(page)


@pytest.mark.parametrize("path,title", PAGES)
def test_every_page_renders_in_a_real_browser(browser_page, shots, path, title):
    url, page, dialogs = browser_page
    query = f"?{ALL}" if path == "corpus" else ""
    page.goto(f"{url}/{path}{query}")
    wait_for_app(page)
    if path:
        page.get_by_role("heading", name=title).first.wait_for(timeout=30_000)
        page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=30_000)
        page.wait_for_selector("[data-testid='stDataFrame']", timeout=30_000)
    else:
        page.wait_for_selector(".nl-article", timeout=30_000)
        assert page.locator(".nl-entity").count() > 10
        assert page.locator(".nl-quote").count() > 0
        assert page.locator(".nl-number").count() > 0
    no_exception(page)
    assert not dialogs
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / f"{title.lower()}.png"), full_page=True)


def test_url_with_filters_opens_the_filtered_view(browser_page):
    url, page, _ = browser_page
    page.goto(f"{url}/entities?article=harbor-lithium&article=port-authority&type=PERSON&q=Okafor")
    wait_for_app(page)
    no_exception(page)
    assert page.locator("[data-testid=stSidebar] input[aria-label=Search]").input_value() == "Okafor"
    assert caption_count(page, "entities") == 2  # Mara Okafor, once per article
    page.get_by_role("link", name="Quotes").click()
    wait_for_app(page)
    assert "q=Okafor" in page.url and "type=PERSON" in page.url and "article=harbor-lithium" in page.url


def test_changing_a_filter_updates_the_url(browser_page):
    url, page, _ = browser_page
    page.goto(f"{url}/quotes")
    wait_for_app(page)
    search = page.locator("[data-testid=stSidebar] input[aria-label=Search]")
    search.fill("Huang")
    search.press("Enter")
    wait_for_app(page)
    page.wait_for_function("() => window.location.search.includes('q=Huang')", timeout=10_000)
    page.get_by_role("link", name="Numbers").click()
    wait_for_app(page)
    assert search.input_value() == "Huang"
    no_exception(page)


def test_clicking_a_chart_bar_filters_the_table(browser_page):
    url, page, _ = browser_page
    page.goto(f"{url}/quotes?{ALL}")
    wait_for_app(page)
    before = caption_count(page, "statements")
    bars = page.locator("[data-testid='stPlotlyChart'] .barlayer .point path")
    bars.first.wait_for(timeout=60_000)  # Plotly draws after the script is done: on a loaded machine, later
    assert bars.count() > 1
    bars.first.click(force=True)
    wait_for_app(page)
    page.wait_for_function("() => window.location.search.includes('speaker=')", timeout=15_000)
    after = caption_count(page, "statements")
    assert 0 < after < before
    no_exception(page)

"""Claims in a real browser: the Corpus page's claims across articles and the Numbers page by source.

Screenshots go to a temporary folder; `NEWSLENS_SCREENSHOTS=docs/screenshots python -m pytest
tests/test_browser_claims.py` refreshes the README's (claims.png, numbers-by-source.png).
"""
from __future__ import annotations

import pytest

from .browser_utils import CHROMIUM_ARGS, require_browser, screenshots_dir, streamlit_server, wait_for_app
from .conftest import CLAIMS_ARTICLES, SEED_NAME

NORTHWIND = sorted(p.stem for p in CLAIMS_ARTICLES.glob("*.txt"))


@pytest.fixture(scope="module")
def claims_page(claims_dir, tmp_path_factory):
    exe = require_browser()
    from playwright.sync_api import sync_playwright

    with streamlit_server({"NEWSLENS_DATA_DIR": str(claims_dir)}) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1500}, color_scheme="light").new_page()
        page.set_default_timeout(90_000)
        yield url, page, screenshots_dir(tmp_path_factory)
        browser.close()


def _no_exception(page) -> None:
    errors = page.locator("[data-testid='stException']")
    assert errors.count() == 0, errors.first.inner_text()


def test_corpus_claims_chart_marks_the_differing_figure(claims_page):
    url, page, shots = claims_page
    page.goto(f"{url}/corpus?" + "&".join(f"article={s}" for s in NORTHWIND))
    wait_for_app(page, timeout=120_000)  # a cold server under load: the first page can take a while
    heading = page.get_by_role("heading", name="Claims across articles")
    heading.wait_for(timeout=90_000)
    _no_exception(page)
    chart = page.locator("[data-testid=stPlotlyChart]").filter(has_text="who said what figure")
    chart.wait_for(timeout=90_000)
    legend = chart.locator(".legend").text_content()
    assert "Bloomberg" in legend and "Erik Dahl" in legend and "group B" in legend
    assert "the figures differ" in chart.text_content()
    heading.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / "claims.png"))


def test_numbers_page_coloured_by_source(claims_page):
    url, page, shots = claims_page
    page.goto(f"{url}/numbers?article={SEED_NAME}&nbysrc=true")
    wait_for_app(page, timeout=120_000)  # a cold server under load: the first page can take a while
    _no_exception(page)
    money = page.locator("[data-testid=stPlotlyChart]").filter(has_text="Money in US dollars")
    money.wait_for(timeout=90_000)
    assert "the Post" in money.locator(".legend").text_content()
    timeline = page.locator("[data-testid=stPlotlyChart]").filter(has_text="Timeline of dated facts")
    assert "the article's own voice" in timeline.locator(".legend").text_content()
    page.screenshot(path=str(shots / "numbers-by-source.png"), full_page=True)

"""A new user in a real browser: paste an article with hostile HTML, upload a saved web page, add both,
restart the app — and no script ever runs (no dialog opens), the markup is shown as text."""
from __future__ import annotations

import shutil

import pytest

from .browser_utils import CHROMIUM_ARGS, ROOT, require_browser, screenshots_dir, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=alert(1)>"
HOSTILE = f"""Hackers plant {PAYLOAD} on city website
3 Feb 2025
LONDON (Reuters) - Attackers planted the code {PAYLOAD} and <script>alert('xss')</script> on a council website on Monday, officials said.
"We took the site offline within the hour," said council spokesperson Maria Lopez. A <b onmouseover=alert(3)>bold</b> tag was also found, along with $5 and $10 price tags.
"""
TITLE = f"Hackers plant {PAYLOAD} on city website"
PAGE_TITLE = "Port of Rotterdam volumes fall 4% as Red Sea detours bite"


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    exe = require_browser()
    from playwright.sync_api import sync_playwright

    root = tmp_path_factory.mktemp("browser") / "data"
    shutil.copytree(ROOT / "data", root)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield browser, root, screenshots_dir(tmp_path_factory)
        browser.close()


def new_page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.set_default_timeout(90_000)  # clicks and fills wait as long as the page waits (a loaded CI machine)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return page, dialogs


def no_script_ran(page, dialogs) -> None:
    assert not dialogs, dialogs
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.evaluate("() => document.querySelectorAll('[onerror], [onmouseover]').length") == 0


def click_and_wait(page, locator) -> None:
    locator.click()
    page.wait_for_timeout(300)
    wait_for_app(page, timeout=120_000)


def test_paste_upload_add_and_restart_in_a_real_browser(setup):
    browser, root, shots = setup
    with streamlit_server({"NEWSLENS_DATA_DIR": str(root)}) as url:
        page, dialogs = new_page(browser)
        # enter through the app's entry point and its navigation, as a user does (a fresh server opened
        # directly at /analyse runs Streamlit's legacy pages/ mode until st.navigation has run once)
        page.goto(url)
        wait_for_app(page)
        click_and_wait(page, page.get_by_role("link", name="Analyse"))
        page.get_by_role("heading", name="Analyse an article").wait_for(timeout=90_000)

        # 1. paste
        area = page.locator("textarea[aria-label='Article text']")
        area.fill(HOSTILE)
        area.press("Control+Enter")
        wait_for_app(page)
        click_and_wait(page, page.get_by_role("button", name="Analyse text", exact=True))
        page.get_by_role("heading", name=TITLE).wait_for(timeout=90_000)  # the title, shown as text
        page.get_by_role("tab", name="Text").first.click()
        article = page.locator(".nl-article").first
        article.wait_for(timeout=90_000)
        shown = article.inner_text()
        assert PAYLOAD in shown and "<script>alert('xss')</script>" in shown and "<b onmouseover=alert(3)>" in shown
        assert "$5 and $10" in shown
        no_script_ran(page, dialogs)
        page.screenshot(path=str(shots / "analyse.png"), full_page=True)
        click_and_wait(page, page.get_by_role("button", name="Add to my articles"))
        page.get_by_text("Added “Hackers plant").wait_for(timeout=90_000)
        assert len(list((root / "articles").glob("hackers-plant-*.txt"))) == 1

        # 2. upload a saved web page
        page.get_by_role("tab", name="Files").click()
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
            str(ROOT / "tests" / "fixtures" / "saved_page.html"))
        page.get_by_text("saved_page.html").first.wait_for(timeout=90_000)
        wait_for_app(page)
        click_and_wait(page, page.get_by_role("button", name="Analyse files", exact=True))
        page.get_by_role("heading", name=PAGE_TITLE).wait_for(timeout=90_000)
        click_and_wait(page, page.get_by_role("button", name="Add to my articles"))
        page.get_by_text(f"Added “{PAGE_TITLE}”").wait_for(timeout=90_000)
        no_script_ran(page, dialogs)

        # 3. the added article is on the other pages of the same session
        click_and_wait(page, page.get_by_role("link", name="Entities"))
        page.wait_for_selector("[data-testid='stDataFrame']", timeout=90_000)
        no_script_ran(page, dialogs)
        click_and_wait(page, page.get_by_role("link", name="Overview"))
        page.get_by_role("heading", name=PAGE_TITLE).wait_for(timeout=90_000)  # the sidebar picked it
        assert page.locator(".nl-entity").count() > 5
        no_script_ran(page, dialogs)
        page.close()

    # 4. restart: both articles survive and the hostile one is still shown literally
    with streamlit_server({"NEWSLENS_DATA_DIR": str(root)}) as url:
        page, dialogs = new_page(browser)
        page.goto(url)
        wait_for_app(page)
        page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect] input").first.click()
        options = page.get_by_role("option")
        options.first.wait_for(timeout=90_000)
        texts = options.all_inner_texts()
        assert any(t.startswith(PAGE_TITLE[:40]) for t in texts) and any(t.startswith(TITLE[:40]) for t in texts), texts
        page.keyboard.press("Escape")
        [hostile] = [p.stem for p in (root / "articles").glob("hackers-plant-*.txt")]
        page.goto(f"{url}/?article={hostile}")  # the sidebar's choice lives in the URL
        wait_for_app(page)
        page.get_by_role("heading", name=TITLE).wait_for(timeout=90_000)
        shown = page.locator(".nl-article").first.inner_text()
        assert PAYLOAD in shown and "<script>alert('xss')</script>" in shown
        assert page.locator(".nl-entity").count() > 0
        no_script_ran(page, dialogs)
        page.close()

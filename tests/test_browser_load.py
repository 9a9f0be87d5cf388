"""Five readers at once on one real server: no exception anywhere, every paste analysed, and the reader
who closes the tab mid-analysis leaves no worker busy."""
from __future__ import annotations

import asyncio
import shutil
import time

import psutil

from .browser_utils import CHROMIUM_ARGS, ROOT, require_browser, streamlit_process
from .byo_samples import BBC, REUTERS
from .conftest import SEED_TXT

PASTES = [(REUTERS, "Fed holds rates steady"), (BBC, "Heathrow third runway"), (REUTERS, "Fed holds rates steady"),
          (BBC, "Heathrow third runway"), (None, None)]  # None: the long text, left mid-analysis
TIMEOUT = 240_000  # ms for one step on a loaded machine


def long_text() -> str:
    base = SEED_TXT.read_text(encoding="utf-8") + "\n\n"
    return "A long read about chips\n" + base * (150_000 // len(base))


async def idle_state(page) -> None:
    await page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=TIMEOUT)
    await page.wait_for_timeout(300)
    await page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=TIMEOUT)


async def session(browser, url: str, i: int, problems: list[str]) -> None:
    text, heading = PASTES[i]
    ctx = await browser.new_context(viewport={"width": 1300, "height": 1000})
    ctx.set_default_timeout(TIMEOUT)
    page = await ctx.new_page()
    page.on("pageerror", lambda exc: problems.append(f"{i}: {exc}"))
    try:
        await page.goto(url, timeout=TIMEOUT)
        await idle_state(page)
        for name in ("Entities", "Analyse"):
            await page.get_by_role("link", name=name, exact=True).first.click()
            await idle_state(page)
        area = page.locator("textarea[aria-label='Article text']")
        await area.fill(text or long_text())
        await area.press("Control+Enter")
        await idle_state(page)
        await page.get_by_role("button", name="Analyse text", exact=True).click()
        if text is None:  # this reader leaves while the worker reads segments
            await page.get_by_text("Reading segment").first.wait_for(timeout=TIMEOUT)
        else:
            await page.get_by_role("heading", name=heading).first.wait_for(timeout=TIMEOUT)
            await page.get_by_role("button", name="Add to my articles").first.wait_for(timeout=TIMEOUT)
            await idle_state(page)
        if await page.locator("[data-testid='stException']").count():
            problems.append(f"{i}: exception shown")
    finally:
        await ctx.close()


async def five(exe: str, url: str) -> list[str]:
    from playwright.async_api import async_playwright

    problems: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        await asyncio.gather(*(session(browser, url, i, problems) for i in range(5)))
        await browser.close()
    return problems


def workers_idle(proc) -> bool:
    for child in psutil.Process(proc.pid).children(recursive=True):
        try:
            if child.status() not in (psutil.STATUS_SLEEPING, psutil.STATUS_IDLE):
                return False
        except psutil.NoSuchProcess:
            continue
    return True


def test_five_concurrent_readers(tmp_path):
    exe = require_browser()
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    (ROOT / "tests" / "artifacts").mkdir(exist_ok=True)
    with streamlit_process({"NEWSLENS_DATA_DIR": str(root), "NEWSLENS_WORKERS": "2"}) as (proc, url):
        problems = asyncio.run(five(exe, url))
        assert problems == []
        assert psutil.Process(proc.pid).children(recursive=True)  # the analyses ran in worker processes
        end = time.monotonic() + 10
        while not workers_idle(proc) and time.monotonic() < end:
            time.sleep(0.2)
        assert workers_idle(proc)  # the long analysis of the reader who left was stopped

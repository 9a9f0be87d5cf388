"""Page opening in a real browser: where the time goes (server script vs drawing charts and tables).

    python benchmarks/bench_pages.py                   # the work tree
    python benchmarks/bench_pages.py --baseline REV    # and a baseline commit, alternating, same machine

For each case a fresh browser context (no cache shared with the previous one) on a warm server:
  shared link  - opening /entities?… (type + search) and /quotes?…, /numbers, /corpus?… directly;
  first visit  - Overview first, then a click on Entities in the navigation (the issue's "first visit").
Times from the navigation: `script` = until the app reports its script finished (server time plus
messages), `drawn` = until every Plotly chart has drawn its SVG and every table its canvas. Medians of
--runs; ratios are this tree / baseline. Data: the shipped article plus the test fixture articles.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.browser_utils import CHROMIUM_ARGS, chromium_path, streamlit_process  # noqa: E402

ALL = "article=000_dfcec0da395424a0&article=harbor-lithium&article=port-authority"
LINKS = {
    "entities (shared link)": "/entities?article=000_dfcec0da395424a0&type=PERSON&q=Wei",
    "quotes (shared link)": f"/quotes?{ALL}",
    "numbers (shared link)": "/numbers",
    "corpus (shared link)": f"/corpus?{ALL}",
}
DRAWN = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector("[data-testid='stMain'] h1, [data-testid='stMain'] h2")) return false;
  const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
  const frames = [...document.querySelectorAll("[data-testid='stDataFrame']")].filter(e => e.offsetParent);
  return charts.every(c => c.querySelector('.main-svg')) && frames.every(f => f.querySelector('canvas'));
}"""
SCRIPT_DONE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
      && document.querySelector("[data-testid='stMain'] h1, [data-testid='stMain'] h2");
}"""


def data_folder() -> Path:
    """The shipped data plus the fixture articles, processed once into a temp folder."""
    from newslens.store import preprocess

    root = Path(tempfile.gettempdir()) / "newslens-bench-pages" / "data"
    if not root.exists():
        shutil.copytree(ROOT / "data", root)
        for p in (ROOT / "tests" / "fixtures" / "articles").iterdir():
            shutil.copy(p, root / "articles" / p.name)
    preprocess(root)
    return root


def _timed(page, go) -> tuple[float, float]:
    t0 = time.perf_counter()
    go()
    page.wait_for_function(SCRIPT_DONE, timeout=120_000, polling=20)
    t1 = time.perf_counter()
    page.wait_for_timeout(250)  # a rerun may follow (URL-bound widgets)
    page.wait_for_function(DRAWN, timeout=120_000, polling=20)
    return t1 - t0, time.perf_counter() - t0 - 0.25


def measure(browser, url: str) -> dict[str, tuple[float, float]]:
    out = {}
    for name, link in LINKS.items():
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = ctx.new_page()
        out[name] = _timed(page, lambda: page.goto(url + link))
        ctx.close()
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    _timed(page, lambda: page.goto(url + "/"))
    out["entities (first visit, from the menu)"] = _timed(
        page, lambda: page.locator("[data-testid=stSidebarNav] a", has_text="Entities").click())
    ctx.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", help="a commit to compare with (checked out into a temp folder)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    data = data_folder()
    trees = {"now": ROOT}
    if args.baseline:
        base = Path(tempfile.mkdtemp(prefix="newslens-baseline-"))
        subprocess.run(f"git -C {ROOT} archive {args.baseline} | tar -x -C {base}", shell=True, check=True)
        trees = {"baseline": base, "now": ROOT}
    results: dict[str, dict[str, list]] = {t: {} for t in trees}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        servers = {t: streamlit_process({"NEWSLENS_DATA_DIR": str(data)}, root=r) for t, r in trees.items()}
        urls = {t: s.__enter__()[1] for t, s in servers.items()}
        try:
            for t in trees:  # warm each server once (imports, the index)
                measure(browser, urls[t])
            for _ in range(args.runs):
                for t in trees:  # alternate, so other load on the machine hits both alike
                    for name, times in measure(browser, urls[t]).items():
                        results[t].setdefault(name, []).append(times)
        finally:
            for s in servers.values():
                s.__exit__(None, None, None)
            browser.close()
    print(f"{'case':42} " + "  ".join(f"{t + ' script':>15} {t + ' drawn':>13}" for t in trees)
          + ("   drawn now/baseline" if args.baseline else ""))
    for name in LINKS.keys() | {"entities (first visit, from the menu)"}:
        cells, med = [], {}
        for t in trees:
            runs = results[t][name]
            med[t] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
            cells.append(f"{med[t][0]:>13.2f} s {med[t][1]:>11.2f} s")
        ratio = f"   {med['now'][1] / med['baseline'][1]:.2f}" if args.baseline else ""
        print(f"{name:42} " + "  ".join(cells) + ratio)


if __name__ == "__main__":
    main()

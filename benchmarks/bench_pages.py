"""Page opening in a real browser: where the time goes (server script vs drawing charts and tables).

    python benchmarks/bench_pages.py                   # the work tree
    python benchmarks/bench_pages.py --baseline REV    # and a baseline commit, alternating, same machine

For each case a fresh browser context (no cache shared with the previous one) on a warm server:
  shared link  - opening /entities?… (type + search) and /quotes?…, /numbers, /corpus?… directly;
  first visit  - Overview first, then a click on Entities in the navigation (the issue's "first visit").
Times from the navigation: `server` = the app's own script time (app.py with NEWSLENS_TIMING=1 logs
each run; all runs of one navigation added up), `script` = until the browser sees the script finished,
`drawn` = until every Plotly chart has drawn its SVG and every visible table its canvas. Medians of
--runs; the ratio is this tree / baseline (drawn). Data: the shipped article plus the test fixture articles.
A baseline without the timing hook gets it added to its app.py copy (the same four lines).
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
    from newslens.preprocess import preprocess

    root = Path(tempfile.gettempdir()) / "newslens-bench-pages" / "data"
    if not root.exists():
        shutil.copytree(ROOT / "data", root)
        for p in (ROOT / "tests" / "fixtures" / "articles").iterdir():
            shutil.copy(p, root / "articles" / p.name)
    preprocess(root)
    return root


HOOK = """try:
    nav.run()
finally:
    if os.environ.get("NEWSLENS_TIMING") == "1":
        print(f"newslens-timing {nav.url_path or 'overview'} {1000 * (time.perf_counter() - _started):.0f} ms",
              file=sys.stderr, flush=True)
"""


def add_hook(app: Path) -> None:
    """Give a baseline's app.py the timing lines of this tree's (a no-op when it has them)."""
    s = app.read_text(encoding="utf-8")
    if "newslens-timing" not in s:
        s = "import os, sys, time\n_started = time.perf_counter()\n" + s.replace("nav.run()\n", HOOK)
        app.write_text(s, encoding="utf-8")


def _server_ms(log: Path, since: int) -> float:
    with open(log, encoding="utf-8", errors="replace") as fh:
        fh.seek(since)
        return sum(float(line.split()[-2]) for line in fh if line.startswith("newslens-timing"))


def _timed(page, go, log: Path) -> tuple[float, float, float]:
    since = log.stat().st_size
    t0 = time.perf_counter()
    go()
    page.wait_for_function(SCRIPT_DONE, timeout=120_000, polling=20)
    t1 = time.perf_counter()
    page.wait_for_timeout(250)  # a rerun may follow (URL-bound widgets)
    page.wait_for_function(DRAWN, timeout=120_000, polling=20)
    t2 = time.perf_counter() - 0.25
    return _server_ms(log, since) / 1000, t1 - t0, t2 - t0


def measure(browser, url: str) -> dict[str, tuple[float, float, float]]:
    log = Path(tempfile.gettempdir()) / f"newslens-streamlit-{url.rsplit(':', 1)[1]}.log"
    out = {}
    for name, link in LINKS.items():
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = ctx.new_page()
        out[name] = _timed(page, lambda: page.goto(url + link), log)
        ctx.close()
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    _timed(page, lambda: page.goto(url + "/"), log)
    out["entities (first visit, from the menu)"] = _timed(
        page, lambda: page.locator("[data-testid=stSidebarNav] a", has_text="Entities").click(), log)
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
        add_hook(base / "app.py")
        trees = {"baseline": base, "now": ROOT}
    results: dict[str, dict[str, list]] = {t: {} for t in trees}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        env = {"NEWSLENS_DATA_DIR": str(data), "NEWSLENS_TIMING": "1"}
        servers = {t: streamlit_process(env, root=r) for t, r in trees.items()}
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
    cols = ("server", "script", "drawn")
    print(f"{'case (median s)':40}" + "".join(f"{t[:4] + ' ' + c:>14}" for t in trees for c in cols)
          + ("   drawn now/base" if args.baseline else ""))
    for name in [*LINKS, "entities (first visit, from the menu)"]:
        med = {t: [statistics.median(r[i] for r in results[t][name]) for i in range(3)] for t in trees}
        cells = "".join(f"{v:>14.2f}" for t in trees for v in med[t])
        ratio = f"   {med['now'][2] / med['baseline'][2]:>14.2f}" if args.baseline else ""
        print(f"{name:40}{cells}{ratio}")
    if args.baseline:
        shutil.rmtree(trees["baseline"], ignore_errors=True)


if __name__ == "__main__":
    main()

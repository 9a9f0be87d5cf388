"""The dashboard at 1,000, 10,000 and 100,000 articles: cold start, warm pages, typing a search, server RSS.

    python benchmarks/bench_app.py                          # N = 1,000, 10,000, 100,000 (~25 min the first time)
    python benchmarks/bench_app.py --articles 1000 10000    # any sizes, side by side
    python benchmarks/bench_app.py --quick                  # 200 and 2,000 articles, 3 runs, no browser

Fixture: 100 synthetic articles (benchmarks/corpus.py) processed once by newslens (the templates), then
cloned into N articles with their own slugs, titles, dates and sources, their processed files and the
Parquet index written directly (benchmarks/scale_corpus.py: no model run per article). Made once per N
under $TMPDIR/newslens-bench-scale/, reused by later runs.

Page times are AppTest runs (`streamlit.testing`, with tests/apptest_utils.py's pages fix) in a fresh
interpreter with NEWSLENS_DATA_DIR pointing at the fixture:
  cold  - the first run of the app in a new process (imports, opening the index, the Overview page);
  first - the first visit of each page in that session; warm - median of reruns of the page;
  search - typing a word into the sidebar search on Entities and Quotes, and into the corpus-wide
  statement search; choosing 5 articles on the Corpus page.
Memory: RSS of a `streamlit run app.py` server after a browser (Playwright + chromium) opened every page.
The baseline is the smallest N of the same run: the table ends with the ratio largest / smallest.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
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
sys.path.insert(0, str(HERE))

PAGES = ["overview", "entities", "quotes", "numbers", "corpus", "analyse"]
SEARCHES = ["search entities", "search quotes", "5 articles corpus"]


def ensure_templates(n: int, folder: Path) -> Path:
    """A data folder with `n` processed synthetic articles (made once with the model, then reused)."""
    from corpus import make_articles

    from newslens.preprocess import preprocess
    from newslens.storage import articles_dir

    root = folder / f"templates-{n}" / "data"
    articles = make_articles(10**9, max_articles=n, seed=1000)
    articles_dir(root).mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(articles):
        path = articles_dir(root) / f"bench_{i:05d}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    t = time.perf_counter()
    report = preprocess(root, n_process=max(1, min(2, os.cpu_count() or 1)), update_index=False)
    done = sum(a.startswith("processed") for _, a in report)
    if done:
        print(f"templates: processed {done} articles in {time.perf_counter() - t:.0f} s -> {root}", file=sys.stderr)
    return root


def ensure_fixture(n: int, folder: Path, templates: Path) -> Path:
    """A data folder of `n` cloned articles with their index (made once, then reused)."""
    import scale_corpus

    from newslens.corpus_db import read_manifest

    from newslens.index import index_dir
    from newslens.storage import articles_dir

    root = folder / f"n{n}" / "data"
    m = read_manifest(root)
    if m is None or len(m.slugs) != n:
        have = sum(1 for _ in os.scandir(articles_dir(root))) if articles_dir(root).is_dir() else 0
        if have == n:  # the files are there; the index was written by other code: rewrite it only
            shutil.rmtree(index_dir(root), ignore_errors=True)
            scale_corpus.build(n, templates, root, files=False)
        else:
            shutil.rmtree(root.parent, ignore_errors=True)
            scale_corpus.build(n, templates, root)
    return root


# ------------------------------------------------------------------------------------------ AppTest child


def child_pages(runs: int) -> dict:
    """Runs in a fresh interpreter: cold first run, then each page's first visit and warm reruns."""
    sys.path.insert(0, str(ROOT / "tests"))
    from apptest_utils import make_app  # the pages-manager fix

    out: dict = {}
    t = time.perf_counter()
    at = make_app(timeout=300)
    at.run()
    out["cold"] = time.perf_counter() - t
    assert not at.exception, [e.value for e in at.exception]
    for page in PAGES:
        t = time.perf_counter()
        at.switch_page(f"pages/{page}.py").run()
        first = time.perf_counter() - t
        assert not at.exception, (page, [e.value for e in at.exception])
        warm, cpu = [], []
        for _ in range(runs):
            t, c = time.perf_counter(), time.process_time()
            at.run()
            warm.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)  # every thread of this process: robust to other load
        out[page] = {"first": first, "warm": statistics.median(warm), "warm_all": warm, "cpu": statistics.median(cpu)}
    # a filter the user types: sidebar search on the Entities and Quotes pages
    for page, word in (("entities", "Garcia"), ("quotes", "demand")):
        at.switch_page(f"pages/{page}.py").run()
        t = time.perf_counter()
        at.text_input(key="q").set_value(word).run()
        out[f"search {page}"] = time.perf_counter() - t
        assert not at.exception, (page, [e.value for e in at.exception])
        at.text_input(key="q").set_value("").run()
    # five articles chosen at once
    at.switch_page("pages/corpus.py").run()
    from newslens.corpus_db import read_manifest

    slugs = read_manifest(Path(os.environ["NEWSLENS_DATA_DIR"])).slugs[:5]
    t = time.perf_counter()
    at.multiselect(key="article").set_value(slugs).run()
    out["5 articles corpus"] = time.perf_counter() - t
    assert not at.exception, [e.value for e in at.exception]
    return out


def run_child(root: Path, runs: int) -> dict:
    env = {**os.environ, "NEWSLENS_DATA_DIR": str(root), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, __file__, "--_child", str(runs)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------ memory


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def server_memory(root: Path, *, preload: bool) -> dict:
    """RSS of `streamlit run app.py` after start, and after a browser opened every page."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser_utils import CHROMIUM_ARGS, chromium_path, streamlit_process, wait_for_app
    from playwright.sync_api import sync_playwright

    env = {"NEWSLENS_DATA_DIR": str(root), "NEWSLENS_PRELOAD_MODEL": "1" if preload else "0"}
    with streamlit_process(env) as (proc, url):
        started = _rss(proc.pid)
        after = {}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for name in PAGES:
                page.goto(f"{url}/{'' if name == 'overview' else name}")
                wait_for_app(page, timeout=300_000)
                assert page.locator("[data-testid='stException']").count() == 0, name
                after[name] = _rss(proc.pid)
            browser.close()
        return {"started": started, "pages": after, "peak": max([started, *after.values()])}


def mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, nargs="+", default=[1000, 10000, 100000], metavar="N")
    ap.add_argument("--templates", type=int, default=100, help="processed articles the clones are made from")
    ap.add_argument("--fixture", type=Path, help="folder for the fixtures (default: a temp folder, reused)")
    ap.add_argument("--runs", type=int, default=5, help="warm reruns per page (median reported)")
    ap.add_argument("--no-memory", action="store_true", help="skip the streamlit-server memory measurement")
    ap.add_argument("--with-model", action="store_true", help="also measure the server with the model loaded")
    ap.add_argument("--quick", action="store_true", help="200 and 2,000 articles, 3 runs, no memory measurement")
    ap.add_argument("--_child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._child is not None:
        print(json.dumps(child_pages(args._child)))
        return 0
    if args.quick:
        args.articles, args.runs, args.no_memory = [200, 2000], 3, True
    import duckdb
    import pandas
    import streamlit

    folder = Path(args.fixture or Path(tempfile.gettempdir()) / "newslens-bench-scale")
    templates = ensure_templates(args.templates, folder)
    sizes = sorted(set(args.articles))
    results = {}
    for n in sizes:
        root = ensure_fixture(n, folder, templates)
        r = run_child(root, args.runs)
        if not args.no_memory:
            try:
                r["rss"] = server_memory(root, preload=False)["peak"]
                if args.with_model:
                    r["rss model"] = server_memory(root, preload=True)["peak"]
            except Exception as exc:  # noqa: BLE001 - no browser here: say so, keep the other figures
                print(f"memory: skipped ({exc.__class__.__name__}: {exc})", file=sys.stderr)
        r["index MB"] = sum(p.stat().st_size for p in (root / ".cache" / "index").glob("*.parquet")) / 2**20
        results[n] = r
        print(f"N={n:,} done", file=sys.stderr)
    print(f"News Lens dashboard at scale: {', '.join(f'{n:,}' for n in sizes)} articles "
          f"(clones of {args.templates} processed synthetic articles)")
    print(f"load average at the end {os.getloadavg()[0]:.1f}; {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, streamlit "
          f"{streamlit.__version__}, duckdb {duckdb.__version__}, pandas {pandas.__version__}")
    print_table(results, sizes)
    return 0


def print_table(results: dict, sizes: list[int]) -> None:
    lo, hi = sizes[0], sizes[-1]
    head = f"{'':<28}" + "".join(f"{f'N={n:,}':>12}" for n in sizes) + f"{f'{hi:,}/{lo:,}':>12}"
    print(head)
    rows = [("cold start (s)", lambda r: r["cold"])]
    rows += [(f"warm {p} (s)", lambda r, p=p: r[p]["warm"]) for p in PAGES]
    rows += [(f"warm {p}, CPU (s)", lambda r, p=p: r[p]["cpu"]) for p in PAGES]
    rows += [(f"first visit {p} (s)", lambda r, p=p: r[p]["first"]) for p in PAGES]
    rows += [(f"{k} (s)", lambda r, k=k: r[k]) for k in SEARCHES]
    rows += [("server RSS (MB)", lambda r: r["rss"] / 2**20), ("with the model (MB)", lambda r: r["rss model"] / 2**20),
             ("index on disk (MB)", lambda r: r["index MB"])]
    for name, get in rows:
        try:
            vals = [get(results[n]) for n in sizes]
        except KeyError:
            continue
        fmt = "{:>12,.0f}" if "MB" in name else "{:>12.3f}"
        ratio = vals[-1] / vals[0] if vals[0] else float("nan")
        print(f"{name:<28}" + "".join(fmt.format(v) for v in vals) + f"{ratio:>11.2f}x")


if __name__ == "__main__":
    sys.exit(main())

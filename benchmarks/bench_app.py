"""The dashboard at 1,000 articles: script time of every page (cold and warm) and the server's memory.

    python benchmarks/bench_app.py             # 1,000 articles (made once, ~1 min; reused from the temp dir)
    python benchmarks/bench_app.py --quick     # 200 articles, fewer runs, no browser

The fixture is a data folder of synthetic articles (benchmarks/corpus.py) processed by newslens into
$TMPDIR/newslens-bench-app-<n>/data; later runs reuse it (preprocessing skips unchanged articles).

Page times are AppTest runs (`streamlit.testing`, with tests/apptest_utils.py's pages fix) in a fresh
interpreter with NEWSLENS_DATA_DIR pointing at the fixture:
  cold  - the first run of the app in a new process (imports of the pages' modules + loading the data),
          with the on-disk index missing (rebuilt from the JSON files) and present (read from Parquet);
  first - the first visit of each page in that session; warm - median of reruns of the page.
Baseline in the same process: the previous loader (read every JSON + build frames; `st.cache_data`
pickles the result on every rerun) against the index (read Parquet once; per rerun a stat of each file).
Memory: RSS of a `streamlit run app.py` server after a browser (Playwright + chromium) has opened every
page, without and with the model loaded (NEWSLENS_PRELOAD_MODEL=1).
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
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


def ensure_fixture(n: int, folder: Path | None = None) -> Path:
    """A data folder with `n` processed synthetic articles (made once, then reused)."""
    from corpus import make_articles

    from newslens.preprocess import preprocess
    from newslens.storage import articles_dir

    root = Path(folder or Path(tempfile.gettempdir()) / f"newslens-bench-app-{n}") / "data"
    articles = make_articles(10**9, max_articles=n, seed=1000)
    articles_dir(root).mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(articles):
        path = articles_dir(root) / f"bench_{i:05d}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    t = time.perf_counter()
    report = preprocess(root, n_process=max(1, min(2, os.cpu_count() or 1)))
    done = sum(a.startswith("processed") for _, a in report)
    if done:
        print(f"fixture: processed {done} articles in {time.perf_counter() - t:.0f} s -> {root}", file=sys.stderr)
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
        warm = []
        for _ in range(runs):
            t = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - t)
        out[page] = {"first": first, "warm": statistics.median(warm), "warm_all": warm}
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
    from newslens.index import load_index

    arts = load_index(os.environ["NEWSLENS_DATA_DIR"], persist=False).frames["articles"]
    arts = arts.assign(short=arts["title"].str[:28]).drop_duplicates("short")  # the page labels columns by title
    slugs = arts["article"].tolist()[:5]
    t = time.perf_counter()
    at.multiselect(key="article").set_value(slugs).run()
    out["5 articles corpus"] = time.perf_counter() - t
    assert not at.exception, [e.value for e in at.exception]
    return out


def run_child(root: Path, runs: int, *, keep_index: bool) -> dict:
    from newslens.index import index_dir, load_index

    if keep_index:
        load_index(root)  # what `preprocess` leaves behind
    else:
        shutil.rmtree(index_dir(root), ignore_errors=True)
    env = {**os.environ, "NEWSLENS_DATA_DIR": str(root), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, __file__, "--_child", str(runs)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------ baseline


def baseline(root: Path, runs: int) -> dict:
    """The previous loader against the index, in this process."""
    from newslens.index import corpus_digest, files_signature, frames, index_dir, load_index, read_index
    from newslens.storage import load_corpus

    t = time.perf_counter()
    corpus = load_corpus(root)
    old_frames = frames(corpus)
    old_load = time.perf_counter() - t
    blob = pickle.dumps((corpus, old_frames))
    rerun = []
    for _ in range(runs):  # what st.cache_data does on every rerun: hash the key, unpickle a copy of the value
        t = time.perf_counter()
        files_signature(root)
        pickle.loads(blob)
        rerun.append(time.perf_counter() - t)
    shutil.rmtree(index_dir(root), ignore_errors=True)
    t = time.perf_counter()
    load_index(root)
    build = time.perf_counter() - t
    t = time.perf_counter()
    read_index(root)
    read = time.perf_counter() - t
    new_rerun = []
    for _ in range(runs):  # per rerun now: stat every file for the cache key; shallow copies of the frames
        t = time.perf_counter()
        corpus_digest(root)
        new_rerun.append(time.perf_counter() - t)
    return {"old_load": old_load, "old_rerun": statistics.median(rerun), "old_blob_mb": len(blob) / 2**20,
            "index_build": build, "index_read": read, "new_rerun": statistics.median(new_rerun)}


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
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--fixture", type=Path, help="folder for the fixture (default: a temp folder, reused)")
    ap.add_argument("--runs", type=int, default=5, help="warm reruns per page (median reported)")
    ap.add_argument("--no-memory", action="store_true", help="skip the streamlit-server memory measurement")
    ap.add_argument("--quick", action="store_true", help="200 articles, 3 runs, no memory measurement")
    ap.add_argument("--_child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._child is not None:
        print(json.dumps(child_pages(args._child)))
        return 0
    if args.quick:
        args.articles, args.runs, args.no_memory = min(args.articles, 200), 3, True

    import pandas
    import streamlit

    root = ensure_fixture(args.articles, args.fixture)
    from newslens.index import load_index

    index = load_index(root)
    sizes = {k: len(v) for k, v in index.frames.items()}
    print(f"News Lens dashboard benchmark: {len(index.slugs)} processed articles "
          f"({', '.join(f'{v:,} {k}' for k, v in sizes.items() if k != 'articles')}) in {root}")
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"streamlit {streamlit.__version__}, pandas {pandas.__version__}")
    print()
    base = baseline(root, args.runs)
    print("data loading (this process)                      before (JSON + cache_data)   now (index)   ratio")
    print(f"  cold: build the frames                          {base['old_load']:>10.2f} s"
          f"            read {base['index_read']:>6.2f} s   {base['old_load'] / base['index_read']:>5.0f}x"
          f"   (index rebuild from JSON: {base['index_build']:.2f} s)")
    print(f"  per rerun: cache key + cached value            {base['old_rerun'] * 1000:>10.0f} ms"
          f"                 {base['new_rerun'] * 1000:>6.0f} ms   {base['old_rerun'] / base['new_rerun']:>5.0f}x"
          f"   (cache_data copies {base['old_blob_mb']:.0f} MB per rerun before)")
    print()
    cold_build = run_child(root, args.runs, keep_index=False)
    cold_read = run_child(root, args.runs, keep_index=True)
    print(f"page script time (AppTest)   cold, index rebuilt {cold_build['cold']:.2f} s; "
          f"cold, index on disk {cold_read['cold']:.2f} s  (first run of app.py + Overview in a new process)")
    print(f"{'page':>10}  {'first visit':>11}  {'warm (median)':>13}  {'warm runs':>30}")
    for page in PAGES:
        r = cold_read[page]
        runs = " ".join(f"{x:.2f}" for x in r["warm_all"])
        print(f"{page:>10}  {r['first']:>9.2f} s  {r['warm']:>11.2f} s  {runs:>30}")
    for key in ("search entities", "search quotes", "5 articles corpus"):
        print(f"  {key}: {cold_read[key]:.2f} s")
    if not args.no_memory:
        print()
        try:
            without = server_memory(root, preload=False)
            with_model = server_memory(root, preload=True)
        except Exception as exc:  # noqa: BLE001 - no browser here: say so, keep the other figures
            print(f"memory: skipped ({exc.__class__.__name__}: {exc})")
        else:
            print("streamlit server RSS        after start   after visiting all pages (peak)")
            print(f"  without the model        {mb(without['started']):>11}   {mb(without['peak']):>11}")
            print(f"  with the model loaded    {mb(with_model['started']):>11}   {mb(with_model['peak']):>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Preprocessing speed: newslens (everything on, files written) against bare `nlp.pipe` of the same model.

    python benchmarks/bench_preprocess.py            # 200,000 words, n_process 1 and 2 (a few minutes)
    python benchmarks/bench_preprocess.py --quick    # 30,000 words, for a smoke run
    python benchmarks/bench_preprocess.py --n-process 1 --decompose --per-article 40 --repeats 3

(a) `nlp.pipe` of the model as spaCy loads it (all default components) over the article texts;
(b) `newslens.preprocess.preprocess(force=True)` of the same articles from a temp data folder: segmenting,
    parsing, entities, quotes, numbers, JSON, atomic writes, the dashboard index.
Same process count and batch size. The corpus is cut into chunks and (a)/(b) alternate chunk by chunk
(order rotated every chunk), so load from other programs hits both alike; the ratio is total words/s of
(b) over (a); with --repeats R the whole interleaved run is repeated and medians are reported.
--decompose (one process) adds, interleaved the same way, (c) newslens's parse alone (`parse_many`: line
segments through `nlp.pipe`, the cached token-attribute step) and (d) parse + every extractor in memory
(`build_analysis`, no JSON, files or index), so the extractors' share is (d - c) / (b) and JSON, files and
index take (b - d) / (b). --per-article N times `analyze(text)` against `nlp(text)` of the stock model per
article over N articles (interleaved article by article). Peak memory: PSS (proportional set size, so
pages forked workers share are counted once) of this process plus its worker processes, sampled every
0.5 s during each side (one sample of a process holding two models costs ~7 ms of CPU, counted in this
process's CPU time: every 50 ms took ~13% of a core from the sides measured), and (with --tracemalloc,
untimed) the Python heap peak of one chunk. Both models are loaded in this process throughout, so both
sides' figures include them.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import make_articles, word_count, write_corpus  # noqa: E402


def _pss(pid: int) -> int:
    """Proportional set size of a process: pages shared with forked workers are counted once overall."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    with open(f"/proc/{pid}/statm") as fh:  # no smaps_rollup: RSS (overcounts shared pages)
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _rss_tree(pid: int) -> int:
    """Memory in bytes of `pid` and all its descendants: PSS on Linux, RSS via psutil elsewhere."""
    try:
        total, stack = 0, [pid]
        while stack:
            p = stack.pop()
            try:
                total += _pss(p)
                for tid in os.listdir(f"/proc/{p}/task"):
                    with open(f"/proc/{p}/task/{tid}/children") as fh:
                        stack.extend(int(c) for c in fh.read().split())
            except (FileNotFoundError, ProcessLookupError):
                continue
        return total
    except OSError:
        try:
            import psutil

            proc = psutil.Process(pid)
            return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
        except Exception:  # noqa: BLE001
            return 0


class PeakRSS:
    """Samples the RSS of this process tree in a thread; `.peak` after the with-block."""

    def __init__(self, every: float = 0.5) -> None:
        self.every, self.peak, self._stop = every, 0, threading.Event()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss_tree(os.getpid()))
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_tree(os.getpid()))


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def _args(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=200_000, help="corpus size in words (default 200,000)")
    ap.add_argument("--n-process", type=int, nargs="+", default=[1, 2], help="process counts to measure")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--chunks", type=int, default=4, help="interleaved (a)/(b) chunks per process count")
    ap.add_argument("--repeats", type=int, default=1, help="repeat the interleaved run; medians are reported")
    ap.add_argument("--decompose", action="store_true", help="also (c) parse only and (d) parse + extractors, n_process 1")
    ap.add_argument("--per-article", type=int, default=0, metavar="N", help="also analyze() vs nlp(text) on N articles")
    ap.add_argument("--engine", default=None, help="newslens engine for n_process > 1 (default: processes)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap peak of one chunk")
    ap.add_argument("--quick", action="store_true", help="30,000 words, 2 chunks")
    args = ap.parse_args(argv)
    if args.quick:
        args.words, args.chunks = min(args.words, 30_000), 2
    return args


def _timed(fn):
    """Run `fn` under the memory sampler: (wall seconds, CPU seconds of this process, peak memory)."""
    with PeakRSS() as rss:
        t, cpu = time.perf_counter(), time.process_time()
        fn()
        dt, dcpu = time.perf_counter() - t, time.process_time() - cpu
    return dt, dcpu, rss.peak


def _sides(stock, ours, tmp, name, args, n, texts, slugs):
    """The runs of one chunk: label -> function (a, b always; c, d with --decompose at one process)."""
    from newslens.pipeline import build_analysis, parse_many
    from newslens.preprocess import preprocess

    def run_a():
        for _ in stock.pipe(texts, batch_size=args.batch_size, n_process=n):
            pass

    def run_b():
        report = preprocess(tmp, model=name, force=True, slugs=slugs, n_process=n, batch_size=args.batch_size,
                            engine=args.engine)
        bad = [r for r in report if not r[1].startswith("processed")]
        assert not bad, bad[:3]

    def run_c():
        for _ in parse_many(texts, ours, batch_size=args.batch_size):
            pass

    def run_d():
        for parsed in parse_many(texts, ours, batch_size=args.batch_size):
            build_analysis(parsed, ours)

    sides = {"a": run_a, "b": run_b}
    if args.decompose and n == 1:
        sides.update(c=run_c, d=run_d)
    return sides


def _measure(stock, ours, tmp, name, args, n, chunks) -> dict:
    """One interleaved pass over the chunks: per side total wall and CPU time, peak memory, chunk ratios."""
    tot: dict[str, list[float]] = {}
    ratios = []
    for c, (texts, chunk_slugs) in enumerate(chunks):
        sides = _sides(stock, ours, tmp, name, args, n, texts, chunk_slugs)
        order = list(sides)
        order = order[c % len(order):] + order[: c % len(order)]  # rotate who goes first
        res = {k: _timed(sides[k]) for k in order}
        for k, (dt, dcpu, peak) in res.items():
            t = tot.setdefault(k, [0.0, 0.0, 0])
            t[0], t[1], t[2] = t[0] + dt, t[1] + dcpu, max(t[2], peak)
        w = word_count(texts)
        ratios.append(res["a"][0] / res["b"][0])
        cpu_note = f", CPU-time ratio {res['a'][1] / res['b'][1]:.2f}" if n == 1 else ""
        extra = "".join(f", ({k}) {w / res[k][0]:,.0f} w/s" for k in "cd" if k in res)
        print(f"  n_process={n} chunk {c + 1}/{len(chunks)}: {w:,} words, (a) {w / res['a'][0]:,.0f} w/s, "
              f"(b) {w / res['b'][0]:,.0f} w/s{extra}, ratio {ratios[-1]:.2f}{cpu_note}", flush=True)
    return {"tot": tot, "ratios": ratios}


def _per_article(stock, ours, articles, n_articles: int) -> tuple[float, float]:
    """(analyze() words/s over nlp(text) words/s, the same by CPU time) over the first articles, interleaved."""
    from newslens.pipeline import analyze

    ta = tb = ca = cb = 0.0
    for i, text in enumerate(articles[:n_articles]):
        runs = [("a", lambda: stock(text)), ("b", lambda: analyze(text, nlp=ours))]
        for k, fn in runs if i % 2 == 0 else runs[::-1]:
            t, cpu = time.perf_counter(), time.process_time()
            fn()
            dt, dcpu = time.perf_counter() - t, time.process_time() - cpu
            if k == "a":
                ta, ca = ta + dt, ca + dcpu
            else:
                tb, cb = tb + dt, cb + dcpu
    return ta / tb, ca / cb


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)

    import spacy

    from newslens.config import model_name
    from newslens.pipeline import load_model
    from newslens.preprocess import installed_model_version

    name = model_name(args.model)
    articles = make_articles(args.words, seed=args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="newslens-bench-"))
    try:
        slugs = write_corpus(articles, tmp)
        n_words = word_count(articles)
        stock = spacy.load(name)  # (a): the model exactly as spaCy ships it
        ours = load_model(name)  # (b): what newslens runs
        for nlp in (stock, ours):  # lazy initialisation out of the timings
            list(nlp.pipe(articles[:3]))
        print(f"News Lens preprocessing benchmark: {len(articles)} articles, {n_words:,} words "
              f"(synthetic, seed {args.seed}, from data/articles)")
        print(f"model {name} {installed_model_version(name) or ''}, spaCy {spacy.__version__}; "
              f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"batch size {args.batch_size}; {args.chunks} chunks, (a)/(b) interleaved, {args.repeats} run(s); "
              f"load average at start {os.getloadavg()[0]:.2f}")
        print(f"(a) components: {', '.join(stock.pipe_names)}")
        print(f"(b) components: {', '.join(ours.pipe_names)} + newslens extractors, JSON, atomic writes, index")
        print()
        size = -(-len(articles) // args.chunks)
        chunks = [(articles[i : i + size], slugs[i : i + size]) for i in range(0, len(articles), size)]
        rows, decomposition = [], []
        for n in args.n_process:
            runs = [_measure(stock, ours, tmp, name, args, n, chunks) for _ in range(args.repeats)]
            rows.append(_row(n, n_words, runs))
            if "c" in runs[0]["tot"]:
                decomposition = _decomposition(n_words, runs)
        print()
        print(f"{'n_process':>9}  {'(a) nlp.pipe w/s':>16}  {'(b) newslens w/s':>16}  {'ratio b/a':>9}  "
              f"{'CPU ratio':>9}  {'chunk ratios':>13}  {'peak mem (a)':>12}  {'peak mem (b)':>12}")
        print("\n".join(rows))
        if decomposition:
            print()
            print("\n".join(decomposition))
        if args.per_article:
            per = [_per_article(stock, ours, articles, args.per_article) for _ in range(args.repeats)]
            print(f"analyze(text) vs nlp(text), one article at a time ({min(args.per_article, len(articles))} "
                  f"articles): ratio {statistics.median(r for r, _ in per):.2f}, "
                  f"CPU-time ratio {statistics.median(c for _, c in per):.2f}")
        if args.tracemalloc:
            _tracemalloc(stock, tmp, name, args, chunks[0])
        import resource

        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        print(f"ru_maxrss: this process {mb(self_rss)}, largest child process {mb(child_rss)}; "
              f"load average at end {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _row(n: int, n_words: int, runs: list[dict]) -> str:
    """The table row of one process count: medians over the repeated runs."""
    med = statistics.median
    ta, tb = med(r["tot"]["a"][0] for r in runs), med(r["tot"]["b"][0] for r in runs)
    ratio = med(r["tot"]["a"][0] / r["tot"]["b"][0] for r in runs)
    cpu = f"{med(r['tot']['a'][1] / r['tot']['b'][1] for r in runs):.2f}" if n == 1 else "-"
    chunk = [x for r in runs for x in r["ratios"]]
    peak_a, peak_b = max(r["tot"]["a"][2] for r in runs), max(r["tot"]["b"][2] for r in runs)
    return (f"{n:>9}  {n_words / ta:>16,.0f}  {n_words / tb:>16,.0f}  {ratio:>9.2f}  {cpu:>9}  "
            f"{min(chunk):>5.2f}–{max(chunk):<5.2f}  {mb(peak_a):>12}  {mb(peak_b):>12}")


def _decomposition(n_words: int, runs: list[dict]) -> list[str]:
    """Where (b)'s time goes at one process: parse, extractors, JSON + files + index (medians over runs)."""
    med = statistics.median
    out = ["decomposition, n_process=1 (medians over runs; shares of (b)'s time, by the clock and by CPU time):"]
    for k, label in (("c", "(c) newslens parse only"), ("d", "(d) parse + extractors, in memory")):
        out.append(f"  {label:36} {n_words / med(r['tot'][k][0] for r in runs):>8,.0f} w/s, "
                   f"{med(r['tot']['a'][0] / r['tot'][k][0] for r in runs):.2f}x (a)")
    for j in (0, 1):
        what = "clock" if j == 0 else "CPU"
        parse = med(r["tot"]["c"][j] / r["tot"]["b"][j] for r in runs)
        extract = med((r["tot"]["d"][j] - r["tot"]["c"][j]) / r["tot"]["b"][j] for r in runs)
        rest = med((r["tot"]["b"][j] - r["tot"]["d"][j]) / r["tot"]["b"][j] for r in runs)
        out.append(f"  by {what:5}: parse {parse:.0%}, extractors {extract:.0%}, JSON + files + index {rest:.0%}")
    return out


def _tracemalloc(stock, tmp, name, args, chunk) -> None:
    import tracemalloc

    from newslens.preprocess import preprocess

    texts, chunk_slugs = chunk
    for label, fn in [
        ("(a)", lambda: [None for _ in stock.pipe(texts, batch_size=args.batch_size)]),
        ("(b)", lambda: preprocess(tmp, model=name, force=True, slugs=chunk_slugs, batch_size=args.batch_size)),
    ]:
        tracemalloc.start()
        fn()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"tracemalloc peak, n_process=1, chunk 1 ({word_count(texts):,} words) {label}: {mb(peak)}")


if __name__ == "__main__":
    sys.exit(main())

"""Preprocessing speed: newslens (everything on, files written) against bare `nlp.pipe` of the same model.

    python benchmarks/bench_preprocess.py            # 200,000 words, n_process 1 and 2 (a few minutes)
    python benchmarks/bench_preprocess.py --quick    # 30,000 words, for a smoke run

(a) `nlp.pipe` of the model as spaCy loads it (all default components) over the article texts;
(b) `newslens.preprocess.preprocess(force=True)` of the same articles from a temp data folder: segmenting,
    parsing, entities, quotes, numbers, JSON, atomic writes.
Same process count and batch size. The corpus is cut into chunks and (a)/(b) alternate chunk by chunk
(order flipped every chunk), so load from other programs hits both alike; the ratio is total words/s of
(b) over (a). Peak memory: PSS (proportional set size, so pages forked workers share are counted once)
of this process plus its worker processes, sampled every 50 ms during each side, and (with
--tracemalloc, untimed) the Python heap peak of one chunk. Both models are loaded in this process
throughout, so both sides' figures include them.
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

    def __init__(self, every: float = 0.05) -> None:
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=200_000, help="corpus size in words (default 200,000)")
    ap.add_argument("--n-process", type=int, nargs="+", default=[1, 2], help="process counts to measure")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--chunks", type=int, default=4, help="interleaved (a)/(b) chunks per process count")
    ap.add_argument("--engine", default=None, help="newslens engine for n_process > 1 (default: processes)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap peak of one chunk")
    ap.add_argument("--quick", action="store_true", help="30,000 words, 2 chunks")
    args = ap.parse_args(argv)
    if args.quick:
        args.words, args.chunks = min(args.words, 30_000), 2

    import spacy

    from newslens.config import model_name
    from newslens.pipeline import load_model
    from newslens.preprocess import installed_model_version, preprocess

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
              f"batch size {args.batch_size}; {args.chunks} chunks, (a)/(b) interleaved")
        print(f"(a) components: {', '.join(stock.pipe_names)}")
        print(f"(b) components: {', '.join(ours.pipe_names)} + newslens extractors, JSON, atomic writes")
        print()
        size = -(-len(articles) // args.chunks)
        chunks = [(articles[i : i + size], slugs[i : i + size]) for i in range(0, len(articles), size)]
        header = (f"{'n_process':>9}  {'(a) nlp.pipe w/s':>16}  {'(b) newslens w/s':>16}  {'ratio b/a':>9}  {'CPU ratio':>9}  "
                  f"{'chunk ratios':>13}  {'peak mem (a)':>12}  {'peak mem (b)':>12}")
        rows = []
        for n in args.n_process:
            ta = tb = cpu_a = cpu_b = 0.0
            ratios, peak_a, peak_b = [], 0, 0
            for c, (texts, chunk_slugs) in enumerate(chunks):
                w = word_count(texts)

                def run_a():
                    with PeakRSS() as rss:
                        t, cpu = time.perf_counter(), time.process_time()
                        for _ in stock.pipe(texts, batch_size=args.batch_size, n_process=n):
                            pass
                        return time.perf_counter() - t, time.process_time() - cpu, rss

                def run_b():
                    with PeakRSS() as rss:
                        t, cpu = time.perf_counter(), time.process_time()
                        report = preprocess(tmp, model=name, force=True, slugs=chunk_slugs, n_process=n,
                                            batch_size=args.batch_size, engine=args.engine)
                        dt, dcpu = time.perf_counter() - t, time.process_time() - cpu
                    bad = [r for r in report if not r[1].startswith("processed")]
                    assert not bad, bad[:3]
                    return dt, dcpu, rss

                first, second = (run_a, run_b) if c % 2 == 0 else (run_b, run_a)
                r1, r2 = first(), second()
                (da, ca, ra), (db, cb, rb) = (r1, r2) if c % 2 == 0 else (r2, r1)
                ta, tb, cpu_a, cpu_b = ta + da, tb + db, cpu_a + ca, cpu_b + cb
                peak_a, peak_b = max(peak_a, ra.peak), max(peak_b, rb.peak)
                ratios.append(da / db)
                cpu_note = f", CPU-time ratio {ca / cb:.2f}" if n == 1 else ""
                print(f"  n_process={n} chunk {c + 1}/{len(chunks)}: {w:,} words, (a) {w / da:,.0f} w/s, "
                      f"(b) {w / db:,.0f} w/s, ratio {da / db:.2f}{cpu_note}", flush=True)
            cpu_ratio = f"{cpu_a / cpu_b:.2f}" if n == 1 else "-"
            rows.append(f"{n:>9}  {n_words / ta:>16,.0f}  {n_words / tb:>16,.0f}  {ta / tb:>9.2f}  {cpu_ratio:>9}  "
                        f"{min(ratios):>5.2f}–{max(ratios):<5.2f}  {mb(peak_a):>12}  {mb(peak_b):>12}")
        print()
        print(header)
        print("\n".join(rows))
        if args.tracemalloc:
            import tracemalloc

            texts, chunk_slugs = chunks[0]
            for label, fn in [
                ("(a)", lambda: [None for _ in stock.pipe(texts, batch_size=args.batch_size)]),
                ("(b)", lambda: preprocess(tmp, model=name, force=True, slugs=chunk_slugs, batch_size=args.batch_size)),
            ]:
                tracemalloc.start()
                fn()
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                print(f"tracemalloc peak, n_process=1, chunk 1 ({word_count(texts):,} words) {label}: {mb(peak)}")
        import resource

        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        print(f"ru_maxrss: this process {mb(self_rss)}, largest child process {mb(child_rss)}")
        print(f"median chunk ratio {statistics.median(ratios):.2f} (last process count)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Where preprocessing runs: this process, a pool of local processes, or a Dask cluster.

Every engine runs the same function, `analyze_batch`, on batches of articles. The client (the process
that called `preprocess.preprocess`) reads the article files, sends their text and metadata, and writes the
JSON that comes back, each file atomically; workers need the model but no access to the data folder.
Each worker process loads the model once. No Streamlit here; Dask is imported only by its engine.
"""
from __future__ import annotations

import logging
import math
import multiprocessing as mp
import signal
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .metadata import read_sidecar
from .pipeline import analyze_for_store, load_model, load_model_copy, parse_many
from .rows import fresh_rows
from .storage import ARTICLE_SUFFIX, ArticleError, articles_dir, dumps, read_article

ENGINES = ("local", "processes", "dask")
# (slug, processed JSON text, error, index rows): the rows let the client update the dashboard's index
# without reading the JSON back (see index.build_index)
Result = tuple[str, "str | None", "str | None", "dict | None"]


class EngineUnavailable(RuntimeError):
    """The engine asked for cannot run here (e.g. Dask is not installed)."""


@dataclass
class RunSettings:
    """What every worker needs besides the articles: the model and the entity corrections."""

    model: str
    batch_size: int = 64
    corrections: object = None
    corrections_sha256: str = ""
    index_rows: bool = True  # also return each document's dashboard-index rows (rows.fresh_rows)


@dataclass
class Item:
    """One article to process: its text and sidecar metadata, or why it could not be read."""

    slug: str
    text: str | None = None
    meta: dict | None = None
    error: str | None = None


def read_items(root: Path, slugs: Iterable[str]) -> Iterator[Item]:
    """The articles' text and metadata, read lazily; unreadable files become items with an error."""
    for slug in slugs:
        try:
            text = read_article(root, slug)
        except (OSError, ArticleError) as exc:
            yield Item(slug, error=str(exc))
            continue
        yield Item(slug, text, read_sidecar(articles_dir(root) / f"{slug}{ARTICLE_SUFFIX}"))


def analyze_stream(items: Iterable[Item], settings: RunSettings, nlp=None, *, n_process: int = 1) -> Iterator[Result]:
    """(slug, JSON text, error) for each item, all segments streamed through one `nlp.pipe`."""
    nlp = nlp if nlp is not None else load_model(settings.model)
    queue: deque[Item] = deque()

    def texts():
        for item in items:
            queue.append(item)
            if item.error is None:
                yield item.text

    for parsed in parse_many(texts(), nlp, batch_size=settings.batch_size, n_process=n_process):
        while queue[0].error is not None:
            bad = queue.popleft()
            yield bad.slug, None, bad.error, None
        item = queue.popleft()
        try:
            doc = analyze_for_store(parsed, nlp, slug=item.slug, meta=item.meta, corrections=settings.corrections,
                                    corrections_sha256=settings.corrections_sha256)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a million-article run
            yield item.slug, None, f"{exc.__class__.__name__}: {exc}", None
            continue
        yield item.slug, dumps(doc), None, fresh_rows(item.slug, doc) if settings.index_rows else None
    while queue:
        bad = queue.popleft()
        yield bad.slug, None, bad.error, None


def analyze_batch(items: list[Item], settings: RunSettings) -> list[Result]:
    """Process a batch in a worker (the model is loaded once per worker)."""
    return list(analyze_stream(items, settings, nlp=_worker_nlp(settings.model)))


def _worker_nlp(model: str):
    """The model of this worker: per Dask worker when in one (threads of one process do not share it)."""
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):
        return load_model(model)
    return _dask_worker_model(worker, model)


def _dask_worker_model(worker, model: str):
    """The Dask worker's own copy of `model`, loaded on first use (not the process-wide cached one)."""
    models = getattr(worker, "_newslens_models", None)
    if models is None:
        models = worker._newslens_models = {}
    if model not in models:
        models[model] = load_model_copy(model)
    return models[model]


def batches(slugs: list[str], n_workers: int, *, max_size: int = 32) -> list[list[str]]:
    """Slugs cut into batches: about 16 per worker (a short tail when workers finish), at most `max_size` each."""
    if not slugs:
        return []
    size = max(1, min(max_size, math.ceil(len(slugs) / (16 * max(1, n_workers)))))
    return [slugs[i : i + size] for i in range(0, len(slugs), size)]


def _send(root: Path, batch: list[str]) -> tuple[list[Item], list[Result]]:
    """The readable items of a batch, and results for the unreadable ones."""
    items, failed = [], []
    for item in read_items(root, batch):
        if item.error is None:
            items.append(item)
        else:
            failed.append((item.slug, None, item.error, None))
    return items, failed


class LocalEngine:
    """Everything in this process: one `nlp.pipe` over all segments of all articles.

    With `n_process` > 1 spaCy's own multiprocessing parses (Docs come back to this process, which
    runs the extractors); `ProcessEngine` usually scales better because workers return only JSON.
    """

    name = "local"

    def __init__(self, n_process: int = 1) -> None:
        self.n_process = max(1, n_process)

    def run(self, root: Path, slugs: list[str], settings: RunSettings) -> Iterator[Result]:
        yield from analyze_stream(read_items(root, slugs), settings, n_process=self.n_process)


_SETTINGS: RunSettings | None = None


def _init_worker(settings: RunSettings) -> None:
    global _SETTINGS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business: it stops the pool
    _SETTINGS = settings
    load_model(settings.model)


def _pool_work(items: list[Item]) -> list[Result]:
    return analyze_batch(items, _SETTINGS)


class ProcessEngine:
    """A pool of `n_process` local processes, each with its own model, fed batches of articles."""

    name = "processes"

    def __init__(self, n_process: int = 2) -> None:
        self.n_process = max(1, n_process)

    def run(self, root: Path, slugs: list[str], settings: RunSettings) -> Iterator[Result]:
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        if method == "fork":
            load_model(settings.model)  # loaded once here; the forked workers share its pages
        pool = mp.get_context(method).Pool(self.n_process, initializer=_init_worker, initargs=(settings,))
        ok = False
        try:
            todo = iter(batches(list(slugs), self.n_process))
            inflight: deque = deque()

            def submit() -> list[Result]:
                for batch in todo:
                    items, failed = _send(root, batch)
                    if items:
                        inflight.append(pool.apply_async(_pool_work, (items,)))
                    return failed
                return []

            early: list[Result] = []
            for _ in range(2 * self.n_process):  # a bounded window: memory stays flat for any corpus size
                early.extend(submit())
            yield from early
            while inflight:
                results = inflight.popleft().get()
                yield from submit()
                yield from results
            ok = True
        finally:
            if ok:
                pool.close()
            else:
                pool.terminate()
            pool.join()


class DaskEngine:
    """Batches of articles as Dask tasks on a local cluster or the one at `scheduler`."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, n_workers: int = 2, *, processes: bool = True,
                 threads_per_worker: int = 1, window_per_worker: int = 2) -> None:
        self.scheduler = scheduler
        self.n_workers = max(1, n_workers)
        self.processes = processes
        self.threads_per_worker = threads_per_worker
        self.window_per_worker = window_per_worker

    def _client(self):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineUnavailable(
                "the dask engine needs Dask: pip install 'dask[distributed]' (see requirements-dev.txt)"
            ) from exc
        if self.scheduler:
            return Client(self.scheduler), None
        cluster = LocalCluster(n_workers=self.n_workers, threads_per_worker=self.threads_per_worker,
                               processes=self.processes, dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster

    def run(self, root: Path, slugs: list[str], settings: RunSettings) -> Iterator[Result]:
        client, cluster = self._client()
        try:
            from distributed import as_completed

            client.register_plugin(__getattr__("ModelPlugin")(settings.model))
            n_workers = max(1, len(client.scheduler_info().get("workers", {})) or self.n_workers)
            todo = iter(batches(list(slugs), n_workers))
            running = as_completed()
            early: list[Result] = []

            def submit() -> list[Result]:
                for batch in todo:
                    items, failed = _send(root, batch)
                    if items:
                        running.add(client.submit(analyze_batch, items, settings, pure=False))
                    return failed
                return []

            for _ in range(self.window_per_worker * n_workers):
                early.extend(submit())
            yield from early
            for future in running:
                results = future.result()
                future.release()
                yield from submit()
                yield from results
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _make_model_plugin():
    """`ModelPlugin`, a Dask WorkerPlugin; built on first use so importing this module never imports Dask."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class ModelPlugin(WorkerPlugin):
        """Loads the model once on every worker as it joins, before any task needs it."""

        def __init__(self, model: str) -> None:
            self.model = model
            self.name = f"newslens-model-{model}"

        def setup(self, worker) -> None:
            _dask_worker_model(worker, self.model)

    ModelPlugin.__module__, ModelPlugin.__qualname__ = __name__, "ModelPlugin"  # pickled by reference (see __getattr__)
    return ModelPlugin


def __getattr__(name: str):
    if name == "ModelPlugin":
        cls = globals()["ModelPlugin"] = _make_model_plugin()
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def get_engine(name: str | None = None, *, n_process: int = 1, scheduler: str | None = None):
    """The engine called `name`; by default local for one process, a process pool for more."""
    if name is None:
        name = "dask" if scheduler else ("local" if n_process <= 1 else "processes")
    if name == "local":
        return LocalEngine(n_process)
    if name == "processes":
        return ProcessEngine(n_process)
    if name == "dask":
        return DaskEngine(scheduler, n_workers=max(1, n_process))
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")

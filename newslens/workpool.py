"""A small pool of analysis worker processes shared by everyone using one server.

Jobs wait in one first-come-first-served queue; each owner (a reader's session) has at most one job
queued or running — submitting another cancels the first. A worker is a separate process (its own GIL,
run at a lower priority than the server) that parses an article segment by segment, reporting progress
and checking a cancel flag between segments. The extraction after parsing has no such checkpoints and
grows faster than the text, so a job that does not stop within `kill_after` seconds of being cancelled
has its process terminated (and a fresh one is started when the next job comes). No Streamlit here.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Callable

from .ingest.candidate import Candidate

WORKERS_ENV = "NEWSLENS_WORKERS"
PARSE_BATCH = 16  # segments per nlp.pipe batch: progress and the cancel check happen at least this often
PROGRESS_EVERY = 0.1  # seconds between progress messages from a worker
EXTRACT_PER_CHAR = 0.9e-5  # extraction seconds per parse second grows with the text: this much per character
FINISHED = ("done", "cancelled", "failed")


def default_workers() -> int:
    """$NEWSLENS_WORKERS, else one per CPU this process may use."""
    env = os.environ.get(WORKERS_ENV, "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class Cancelled(Exception):
    """The job was cancelled between two segments."""


Item = Candidate  # one text to analyse, with its title, date, source, link and origin (sent to a worker as is)


@dataclass
class Job:
    """A batch of texts for one owner; its fields are updated by the pool as the work goes."""

    id: int
    owner: str
    items: list[Item]
    root: str
    model: str
    state: str = "queued"  # queued | running | done | cancelled | failed
    submitted: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    item: int = 0  # the item being worked on
    segments: tuple[int, int] = (0, 0)  # (parsed, total) of the current item
    phase: str = "queued"  # queued | starting | reading | extracting | done
    done_chars: int = 0  # characters parsed over all items
    phase_started: float | None = None
    parse_seconds: float = 0.0  # of the current item, once parsed
    results: list = field(default_factory=list)  # per item: ("ok", doc) or ("error", message)
    error: str | None = None
    reason: str | None = None  # why it was cancelled: replaced | left | cancelled | …
    cancel_requested: float | None = None

    @property
    def total_chars(self) -> int:
        return sum(len(it.text) for it in self.items)

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED


class WorkPool:
    """`size` worker slots serving one FIFO queue. `alive(owner)` says whether an owner still waits."""

    def __init__(self, size: int | None = None, *, alive: Callable[[str], bool] | None = None,
                 kill_after: float = 0.5, grace: float = 1.0, nice: int = 10, watch_every: float = 0.2) -> None:
        self.size = size or default_workers()
        self.alive = alive
        self.kill_after = kill_after  # seconds a cancelled job may take to stop by itself
        self.grace = grace  # seconds an owner may be gone (a reconnect) before its job is cancelled
        self.nice = nice
        self._queue: deque[Job] = deque()
        self._jobs: dict[str, Job] = {}  # owner -> newest job
        self._cond = threading.Condition()
        self._ids = itertools.count(1)
        self._closed = False
        self._gone: dict[str, float] = {}
        self.extract_per_char = EXTRACT_PER_CHAR  # learnt from finished jobs
        self.slots = [_Slot(self, i) for i in range(self.size)]
        for slot in self.slots:
            slot.thread.start()
        self._watcher = threading.Thread(target=self._watch, args=(watch_every,), daemon=True, name="pool-watch")
        self._watcher.start()

    # ------------------------------------------------------------------ the public side

    def submit(self, owner: str, items: list[Item], *, root: str, model: str) -> Job:
        """Queue a job; the owner's previous unfinished job is cancelled ("replaced")."""
        job = Job(next(self._ids), owner, list(items), str(root), model)
        with self._cond:
            if self._closed:
                raise RuntimeError("the pool is shut down")
            old = self._jobs.get(owner)
            if old is not None and not old.is_finished:
                self._cancel_locked(old, "replaced")
            self._jobs[owner] = job
            self._queue.append(job)
            self._cond.notify_all()
        return job

    def cancel(self, job: Job, reason: str = "cancelled") -> None:
        with self._cond:
            self._cancel_locked(job, reason)

    def position(self, job: Job) -> int:
        """1 for the first job waiting, 2 for the next, …; 0 once it runs or is finished."""
        with self._cond:
            for i, j in enumerate(self._queue):
                if j is job:
                    return i + 1
        return 0

    def busy(self) -> int:
        """How many workers are running a job now."""
        return sum(1 for s in self.slots if s.job is not None)

    def queued(self) -> int:
        with self._cond:
            return len(self._queue)

    def wait(self, job: Job, timeout: float | None = None) -> bool:
        """Block until the job is finished (True) or the timeout passes (False)."""
        end = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while not job.is_finished:
                left = None if end is None else end - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left if left is not None else 0.5)
        return True

    def worker_pids(self) -> list[int]:
        return [s.proc.pid for s in self.slots if s.proc is not None and s.proc.is_alive()]

    def shutdown(self) -> None:
        with self._cond:
            self._closed = True
            for job in list(self._queue):
                self._cancel_locked(job, "shutdown")
            self._cond.notify_all()
        for slot in self.slots:
            slot.stop()

    # ------------------------------------------------------------------ estimates

    def progress(self, job: Job) -> tuple[float, float | None]:
        """(fraction done 0..1, seconds left or None) from the throughput measured so far."""
        total = job.total_chars or 1
        if job.state == "done":
            return 1.0, 0.0
        if job.state != "running" or job.phase_started is None:
            return 0.0, None
        now = time.monotonic()
        before = sum(len(it.text) for it in job.items[: job.item])
        cur = len(job.items[job.item].text) if job.item < len(job.items) else 0
        parsed_here = max(0, job.done_chars - before)
        if job.phase == "reading":
            frac_here = parsed_here / cur if cur else 1.0
            parse_elapsed = now - job.phase_started
            if frac_here <= 0.02 or parse_elapsed < 0.3:
                return before / total, None
            parse_total = parse_elapsed / frac_here
            extract = parse_total * self.extract_per_char * cur
            left_here = parse_total - parse_elapsed + extract
            part = (parse_elapsed) / (parse_total + extract)
        elif job.phase == "extracting":
            extract = max(job.parse_seconds * self.extract_per_char * cur, 0.1)
            spent = now - job.phase_started
            left_here = max(extract - spent, 1.0)
            part = (job.parse_seconds + min(spent, 0.95 * extract)) / (job.parse_seconds + extract)
        else:
            return before / total, None
        rest = total - before - cur  # later items: at this item's speed
        speed = cur / max(left_here + (now - job.started if job.item == 0 else 0), 1e-3)
        left = left_here + (rest / speed if rest and speed > 0 else 0.0)
        return min(0.99, (before + part * cur) / total), left

    def _learn(self, job: Job, extract_seconds: float) -> None:
        cur = len(job.items[job.item].text)
        if job.parse_seconds > 0.05 and cur > 2000:
            measured = extract_seconds / job.parse_seconds / cur
            self.extract_per_char = 0.5 * self.extract_per_char + 0.5 * measured

    # ------------------------------------------------------------------ inside

    def _cancel_locked(self, job: Job, reason: str) -> None:
        if job.is_finished:
            return
        job.reason = reason
        if job.state == "queued":
            try:
                self._queue.remove(job)
            except ValueError:
                pass
            self._finish_locked(job, "cancelled")
        elif job.cancel_requested is None:
            job.cancel_requested = time.monotonic()

    def _finish_locked(self, job: Job, state: str) -> None:
        job.state = state
        job.phase = "done"
        job.finished = time.monotonic()
        self._cond.notify_all()

    def _next(self) -> Job | None:
        with self._cond:
            while not self._queue and not self._closed:
                self._cond.wait()
            if self._closed:
                return None
            job = self._queue.popleft()
            job.state, job.phase, job.started = "running", "starting", time.monotonic()
            self._cond.notify_all()
            return job

    def _watch(self, every: float) -> None:
        while not self._closed:
            time.sleep(every)
            if self.alive is None:
                continue
            with self._cond:
                jobs = [j for j in self._jobs.values() if not j.is_finished]
            now = time.monotonic()
            for job in jobs:
                try:
                    here = self.alive(job.owner)
                except Exception:  # noqa: BLE001 - a failing check must not stop the watcher
                    here = True
                if here:
                    self._gone.pop(job.owner, None)
                elif now - self._gone.setdefault(job.owner, now) >= self.grace:
                    self.cancel(job, "left")
                    self._gone.pop(job.owner, None)


class _Slot:
    """One worker: a dispatcher thread in the server and the worker process it feeds."""

    def __init__(self, pool: WorkPool, index: int) -> None:
        self.pool = pool
        self.proc: mp.process.BaseProcess | None = None
        self.conn = None
        self.flag = None
        self.job: Job | None = None
        self.thread = threading.Thread(target=self._run, daemon=True, name=f"pool-slot-{index}")

    def _spawn(self) -> None:
        ctx = mp.get_context("spawn")  # a clean interpreter: the server's threads are never forked
        ours, theirs = ctx.Pipe()
        self.flag = ctx.Event()
        self.proc = ctx.Process(target=worker_main, args=(theirs, self.flag, self.pool.nice), daemon=True,
                                name="newslens-worker")
        self.proc.start()
        theirs.close()
        self.conn = ours

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.join(timeout=5)
            self.proc = None

    def _run(self) -> None:
        while True:
            job = self.pool._next()
            if job is None:
                return
            self.job = job
            try:
                self._serve(job)
            except Exception as exc:  # noqa: BLE001 - the worker died: the job fails, the next gets a new one
                self.stop()
                with self.pool._cond:
                    job.error = f"the analysis worker stopped ({exc.__class__.__name__}: {str(exc)[:120]})"
                    self.pool._finish_locked(job, "failed")
            finally:
                self.job = None

    def _serve(self, job: Job) -> None:
        if job.cancel_requested is not None:
            with self.pool._cond:
                self.pool._finish_locked(job, "cancelled")
            return
        if self.proc is None or not self.proc.is_alive():
            self._spawn()
        self.flag.clear()
        self.conn.send(("job", job.id, job.items, job.root, job.model))
        while True:
            if job.cancel_requested is not None:
                self.flag.set()
                if time.monotonic() - job.cancel_requested >= self.pool.kill_after:
                    self.stop()  # extraction has no checkpoints: end the process, the CPU is free now
                    with self.pool._cond:
                        self.pool._finish_locked(job, "cancelled")
                    return
            if not self.conn.poll(0.05):
                if not self.proc.is_alive():
                    raise RuntimeError(f"exit code {self.proc.exitcode}")
                continue
            if self._handle(job, self.conn.recv()):
                return

    def _handle(self, job: Job, msg: tuple) -> bool:
        """Apply one message from the worker; True when the job is over."""
        kind = msg[0]
        now = time.monotonic()
        if kind == "phase":
            _, item, phase, n_segments = msg
            if phase == "extracting":
                job.parse_seconds = now - (job.phase_started or now)
            job.item, job.phase, job.phase_started = item, phase, now
            job.segments = (job.segments[0] if phase == "extracting" else 0, n_segments)
        elif kind == "progress":
            _, item, done_segments, done_chars = msg
            job.segments = (done_segments, job.segments[1])
            job.done_chars = sum(len(it.text) for it in job.items[:item]) + done_chars
        elif kind == "item":
            _, item, status, payload = msg
            if status == "ok" and job.phase == "extracting":
                self.pool._learn(job, now - (job.phase_started or now))
            job.results.append((status, payload))
        elif kind in ("done", "cancelled"):
            with self.pool._cond:
                if kind == "done" and job.cancel_requested is None:
                    self.pool._finish_locked(job, "done")
                else:  # a cancel that came while the last step ran still wins: nobody wants these results
                    job.results = []
                    self.pool._finish_locked(job, "cancelled")
            return True
        return False


# ------------------------------------------------------------------ the worker process


def worker_main(conn, flag, nice: int = 0) -> None:
    """Serve jobs from `conn` until it closes: ("job", id, items, root, model) -> messages back."""
    if nice:
        try:
            os.nice(nice)  # page renders of the server come first
        except OSError:
            pass
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg[0] != "job":
            return
        _, _job_id, items, root, model = msg
        try:
            for i, item in enumerate(items):
                conn.send(("item", i, *_analyse_item(conn, flag, i, item, root, model)))
            conn.send(("done",))
        except Cancelled:
            conn.send(("cancelled",))


def _analyse_item(conn, flag, i: int, item: Item, root: str, model: str) -> tuple[str, object]:
    from . import ingest
    from .pipeline import load_model

    try:
        nlp = load_model(model)
    except Exception as exc:  # noqa: BLE001 - e.g. the model is not installed: say so
        return "error", f"could not be analysed: {exc.__class__.__name__}: {str(exc)[:200]}"
    cand = replace(item, warnings=[])  # the analysis's own warnings only
    parsed = parse_with_progress(item.text, nlp, item=i, conn=conn, flag=flag)
    if flag.is_set():
        raise Cancelled
    conn.send(("phase", i, "extracting", len(parsed.segments)))
    try:
        return "ok", ingest.analyse_candidate(cand, nlp=nlp, root=root, parsed=parsed)
    except ingest.IngestError as exc:
        return "error", str(exc)


def parse_with_progress(text: str, nlp, *, item: int = 0, conn=None, flag=None):
    """`pipeline.parse_many` for one text, reporting each parsed segment and stopping when `flag` is set."""
    from .parsed import ParsedArticle, ParsedSegment
    from .pipeline import _pieces
    from .segments import split_segments

    pieces = list(_pieces(text, split_segments(text)))
    if conn is not None:
        conn.send(("phase", item, "reading", len(pieces)))
    segs: list[ParsedSegment] = []
    last = 0.0
    docs = nlp.pipe(((text[s:e], (s, e, k)) for s, e, k in pieces), as_tuples=True, batch_size=PARSE_BATCH)
    for doc, (s, e, k) in docs:
        segs.append(ParsedSegment(s, e, k, doc))
        if flag is not None and flag.is_set():
            raise Cancelled
        now = time.monotonic()
        if conn is not None and (now - last >= PROGRESS_EVERY or len(segs) == len(pieces)):
            conn.send(("progress", item, len(segs), e if len(segs) < len(pieces) else len(text)))
            last = now
    return ParsedArticle(text=text, segments=segs)
